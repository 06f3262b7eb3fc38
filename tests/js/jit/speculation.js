// Each speculation kind of the optimizing tier: the function is optimized, a guard fails on a
// changed type / shape / bound / target, the interpreter resumes with the right values, and the
// function is optimized again. Tier facts are asserted only where they are deterministic
// ($tierjs.deterministic: JIT on, default thresholds, no forced deopts); the computed values
// are printed in every mode and must match the interpreter's.
const { T, check, warm, failures } = require("./_harness.js");

// int32 arithmetic with an overflow guard.
function addInts(a, b) { return a + b; }
warm(addInts, [1, 2], 3);
console.log("int32", addInts(40, 2));
check(T.isOptimized(addInts), "addInts optimized");
console.log("overflow", addInts(2147483647, 1));
check(T.deoptCount(addInts) === 1, "addInts deopted once on overflow");
T.optimizeOnNextCall(addInts);
console.log("reopt", addInts(2147483647, 2), addInts(1, 2));
check(T.isOptimized(addInts) && T.deoptCount(addInts) === 1, "addInts optimized again, no new deopt");

// int32 → double.
function scale(x) { return x * 3 - 1; }
warm(scale, [7], 3);
console.log("scale int", scale(5));
check(T.isOptimized(scale), "scale optimized");
console.log("scale double", scale(0.5));
check(T.deoptCount(scale) >= 1, "scale deopted on a double");
T.optimizeOnNextCall(scale);
console.log("scale again", scale(1.25), scale(4));
check(T.isOptimized(scale), "scale reoptimized for numbers");

// Object shapes: monomorphic, then a new shape, then polymorphic.
class P { constructor(x, y) { this.x = x; this.y = y; } }
class Q { constructor(x) { this.w = 0; this.x = x; } }
function getX(o) { return o.x + 1; }
warm(getX, [new P(1, 2)], 3);
console.log("shape P", getX(new P(10, 0)));
check(T.isOptimized(getX), "getX optimized");
console.log("shape Q", getX(new Q(20)));
check(T.deoptCount(getX) === 1, "getX deopted on a new shape");
T.optimizeOnNextCall(getX);
console.log("poly", getX(new P(3, 0)), getX(new Q(4)));
check(T.isOptimized(getX) && T.deoptCount(getX) === 1, "getX polymorphic without deopts");

// Prototype method loads are guarded by the prototype's shape too.
class Counter { constructor() { this.n = 0; } bump() { return ++this.n; } }
function bumpTwice(c) { c.bump(); return c.bump(); }
warm(bumpTwice, [new Counter()], 3);
console.log("method", bumpTwice(new Counter()));
Counter.prototype.bump = function () { this.n += 10; return this.n; };
console.log("method replaced", bumpTwice(new Counter()));

// Array bounds and holes.
function at(a, i) { return a[i]; }
const arr = [1, 2, 3, 4];
warm(at, [arr, 1], 3);
console.log("in bounds", at(arr, 2));
check(T.isOptimized(at), "at optimized");
console.log("out of bounds", at(arr, 10), at(arr, -1));
check(T.deoptCount(at) >= 1, "at deopted out of bounds");
const holey = [1, , 3];
console.log("hole", at(holey, 1));
function put(a, i, v) { a[i] = v; return a.length; }
warm(put, [[0, 0, 0], 1, 5], 3);
const dst = [0, 0, 0];
console.log("store", put(dst, 2, 9), dst.join(","));
console.log("store grows", put(dst, 3, 7), dst.join(","));

// Call targets.
let impl = function (v) { return v + 1; };
function callIt(v) { return impl(v); }
warm(callIt, [1], 3);
console.log("target", callIt(5));
check(T.isOptimized(callIt), "callIt optimized");
impl = function (v) { return v * 100; };
console.log("new target", callIt(5));
check(T.deoptCount(callIt) >= 1, "callIt deopted on a new target");

// Math intrinsics are machine instructions behind a call-target guard.
function hyp(a, b) { return Math.sqrt(a * a + b * b) + Math.floor(a / 2) + Math.abs(-b) + Math.round(-2.5) + Math.ceil(0.1); }
warm(hyp, [3, 4], 3);
console.log("math", hyp(3, 4), hyp(6, 8));
check(T.isOptimized(hyp), "hyp optimized");
const realSqrt = Math.sqrt;
Math.sqrt = function (x) { return -1; };
console.log("math replaced", hyp(3, 4));
Math.sqrt = realSqrt;
console.log("math -0", Object.is(Math.round(-0.4), -0), 1 / Math.floor(-0));

console.log(failures() === 0 ? "all checks passed" : failures() + " checks failed");
