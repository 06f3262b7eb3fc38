// closures.js — closure creation and calls, higher-order functions.
// Measures: allocating closures that capture mutable variables, calls through function values,
// arrow callbacks passed to map/filter/reduce/forEach, function composition.
function makeCounter(start, step) {
  let n = start;
  return () => { n += step; return n; };
}

function compose(f, g) {
  return (x) => f(g(x));
}

function applyN(f, n, x) {
  for (let i = 0; i < n; i++) x = f(x);
  return x;
}

function run(round) {
  let acc = 0;
  // many short-lived closures
  for (let i = 0; i < 300; i++) {
    const c = makeCounter(i, round + 1);
    acc += c() + c() + c();
  }
  // composition chains
  const inc = (x) => x + 1;
  const dbl = (x) => (x * 2) % 100003;
  const f = compose(inc, compose(dbl, inc));
  acc += applyN(f, 2000, round);
  // higher-order array builtins with capturing callbacks
  const k = round % 7;
  const arr = [];
  for (let i = 0; i < 300; i++) arr.push(i);
  const mapped = arr.map((v) => v * k + 1);
  const filtered = mapped.filter((v) => (v & 1) === 0);
  const reduced = filtered.reduce((a, v) => a + v, 0);
  let side = 0;
  arr.forEach((v) => { side += v & k; });
  acc += reduced + side;
  return acc;
}

let result = 0;
for (let r = 0; r < 1100; r++) result = (result + run(r)) % 1000000007;
const EXPECTED = 325392415;
if (result !== EXPECTED) throw new Error("closures: wrong result " + result);
console.log("closures checksum = " + result);
