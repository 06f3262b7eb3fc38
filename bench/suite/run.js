// A classic multi-file benchmark harness: `tierjs bench/suite/run.js <name> [iterations]`.
// Loads ./<name>.js (CommonJS: module.exports = { name, setup?, run, verify }), runs it N
// times, times each iteration with process.hrtime, checks the result, and reports with
// process.stdout.write.
const name = process.argv[2];
const iterations = Number(process.argv[3] || 10);
if (!name) {
  process.stdout.write("usage: run.js <benchmark> [iterations]\n");
  process.exit(2);
}
const bench = require("./" + name);
if (bench.setup) bench.setup();
const times = [];
let result;
for (let i = 0; i < iterations; i++) {
  const t0 = process.hrtime();
  result = bench.run();
  const dt = process.hrtime(t0);
  times.push(dt[0] * 1e3 + dt[1] / 1e6);
  if (!bench.verify(result)) {
    process.stdout.write(bench.name + ": wrong result " + String(result) + "\n");
    process.exit(1);
  }
}
times.sort((a, b) => a - b);
const median = times[times.length >> 1];
process.stdout.write(bench.name + ": ok, " + iterations + " iterations, median " + median.toFixed(2) + " ms, best " + times[0].toFixed(2) + " ms\n");
