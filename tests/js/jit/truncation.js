// Truncated int32 arithmetic (`(a + b) | 0`, `(h * 31 + c) & m`, shifts): compiled without
// overflow checks, it must still give exactly what the interpreter gives — a wrapped sum where
// the exact sum is at most 2^53, and double rounding where it is not.
const { T, check, warm, failures } = require("./_harness.js");

// Overflows only after the function is optimized: no deopt, the wrapped sums.
function addWrap(base, n) {
  let t = 0;
  for (let i = 0; i < n; i++) t = (t + base + i) | 0;
  return t;
}
warm(addWrap, [1, 50], 20);
console.log(addWrap(1, 50));
const before = T.deoptCount(addWrap);
console.log(addWrap(2147483000, 5000), addWrap(-2147483000, 5000));
check(T.deoptCount(addWrap) === before, "addWrap deopted on a truncated overflow");
check(T.isOptimized(addWrap), "addWrap optimized");

// A chain of `+ - *` by small constants under `&`, with a shift and `>>> 0`.
function chain(n) {
  let h = 7;
  for (let i = 0; i < n; i++) h = ((h * 31 + i * 17 - 5) & 0x3fffffff) ^ ((h + 2147483000) << 3) >>> 0;
  return h;
}
warm(chain, [10], 20);
console.log(chain(10000));

// A multiplier too large for an exact product: JS rounds the double before `&`, so wrapping
// would be wrong.
function lcg(n) {
  let x = 12345;
  for (let i = 0; i < n; i++) x = (x * 1103515245 + 12345) & 0x7fffffff;
  return x;
}
warm(lcg, [3], 20);
console.log(lcg(5000));

// The sum is also kept (read un-truncated): it keeps its check and becomes a double.
function kept(a, n) {
  let t = 0, u = 0;
  for (let i = 0; i < n; i++) { u = a + i; t = (t + u) | 0; }
  return t + " " + u;
}
warm(kept, [5, 10], 20);
console.log(kept(2147483000, 3000));

// -0 under truncation is 0; un-truncated it stays -0.
function negZero(x) { return [1 / ((x * 0) | 0), 1 / (x * 0)]; }
warm(negZero, [3], 20);
console.log(negZero(-4).join(" "), negZero(4).join(" "));

console.log(failures() === 0 ? "ok" : "FAILED");
