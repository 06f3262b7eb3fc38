// array_ops.js — array fill / push / sum / sort with a comparator / builtin iteration.
// Measures: element access, array growth via push, Array.prototype.sort calling back into JS,
// fill/indexOf/slice builtins.
let seed = 42;
function rand() {
  // Park–Miller minimal standard generator (exact in doubles).
  seed = (seed * 16807) % 2147483647;
  return seed;
}

function build(n) {
  const a = [];
  for (let i = 0; i < n; i++) a.push(rand() % 100000);
  return a;
}

function sum(a) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

function checkSorted(a) {
  for (let i = 1; i < a.length; i++) if (a[i - 1] > a[i]) return false;
  return true;
}

let result = 0;
for (let r = 0; r < 60; r++) {
  const a = build(6000);
  const s1 = sum(a);
  a.sort((x, y) => x - y);
  if (!checkSorted(a)) throw new Error("array_ops: not sorted");
  const s2 = sum(a);
  if (s1 !== s2) throw new Error("array_ops: sum changed by sort");
  const b = new Array(a.length).fill(r + 1);
  const c = a.slice(100, 1100);
  c.sort((x, y) => y - x);
  result = (result + s2 + sum(b) + c[0] + c[999] + a.indexOf(a[3000]) + a[0] + a[a.length - 1]) % 1000000007;
}
const EXPECTED = 39603876;
if (result !== EXPECTED) throw new Error("array_ops: wrong result " + result);
console.log("array_ops checksum = " + result);
