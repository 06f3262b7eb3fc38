// process.argv shape, stdout.write, hrtime monotonic, performance.now, Date.now
console.log(process.argv.length, process.argv.slice(2).join("|"), process.argv[1].endsWith("process_basics.js"));
process.stdout.write("no newline;");
process.stdout.write(" then newline\n");
const t0 = process.hrtime();
let x = 0; for (let i = 0; i < 10000; i++) x += i;
const d = process.hrtime(t0);
console.log(Array.isArray(t0), t0.length, d[0] >= 0, d[1] >= 0, d[0] * 1e9 + d[1] >= 0);
const p0 = performance.now(); const p1 = performance.now(); console.log(p1 >= p0, typeof Date.now(), Date.now() > 1.6e12);
console.log(x);
