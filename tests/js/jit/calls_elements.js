// Inline direct calls (the callee's interpreter frame pushed and popped by compiled code),
// growing element stores (holes filled and appends done by compiled code) and global loads. Each case: the
// function optimized, then a change the fast path must decline, then correct values.
const { T, check, warm, failures } = require("./_harness.js");

// Compiled recursion: every frame is pushed inline; the frame limit still raises RangeError.
function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1); }
warm(depth, [10], 3);
console.log("depth", depth(1000));
check(T.isOptimized(depth), "depth optimized");
try { depth(1e6); console.log("no error"); } catch (e) { console.log("deep", e instanceof RangeError, e.message); }
console.log("after overflow", depth(500));

// Fewer and more arguments than parameters; `this` of a method call.
function three(a, b, c) { return "" + a + "/" + b + "/" + c; }
function callThree(x) { return three(x) + " " + three(x, 2, 3, 4); }
warm(callThree, [1], 3);
console.log("args", callThree(7));
check(T.isOptimized(callThree), "callThree optimized");
const counter = { n: 1, add(k) { this.n += k; return this.n; } };
function useMethod(o, k) { return o.add(k) + o.add(1); }
warm(useMethod, [counter, 1], 3);
console.log("this", useMethod(counter, 5), counter.n);

// A callee that throws through an inline frame into the caller's handler; one that deopts.
function risky(x) { if (x > 3) throw new Error("too big: " + x); return x * 2; }
function guarded(x) { try { return risky(x); } catch (e) { return e.message; } }
warm(guarded, [1], 3);
console.log("caught", guarded(2), guarded(9), guarded(3));
function half(x) { return x / 2; }
function useHalf(x) { return half(x) + 1; }
warm(useHalf, [4], 3);
T.optimizeOnNextCall(half);
console.log("callee deopt", useHalf(6), useHalf(5), useHalf("8"));

// A polymorphic call site: a direct call per known closure target, the generic call for a
// new one (no deopt), a native target, and a target that throws.
class Sq { constructor(s) { this.s = s; } area() { return this.s * this.s; } }
class Re { constructor(w, h) { this.w = w; this.h = h; } area() { return this.w * this.h; } }
class Ci { constructor(r) { this.r = r; } area() { return 3 * this.r * this.r; } }
function areas(list) { let t = 0; for (let i = 0; i < list.length; i++) t += list[i].area(); return t; }
const mixed = [new Sq(2), new Re(2, 3), new Ci(1), new Sq(3)];
warm(areas, [mixed], 3);
console.log("poly", areas(mixed));
check(T.isOptimized(areas), "areas optimized");
class Tr { constructor(b, h) { this.b = b; this.h = h; } area() { return (this.b * this.h) / 2; } }
console.log("poly new target", areas([new Tr(3, 4), new Sq(1)]));
// Function values called through one site: no property load in between, so the count shows
// that a new target costs no deopt.
const ops = [(x) => x + 1, (x) => x * 2, (x) => x - 3];
function applyAll(fs, x) { let t = 0; for (let i = 0; i < fs.length; i++) t += fs[i](x); return t; }
warm(applyAll, [ops, 1], 3);
console.log("poly values", applyAll(ops, 10), applyAll([(x) => x * x, ops[0]], 4));
check(T.isOptimized(applyAll) && T.deoptCount(applyAll) === 0, "a new target takes the generic call without a deopt");
console.log("poly native", areas([{ area: Math.random === undefined ? null : Date.now ? () => 7 : null }, new Sq(2)]));
class Bad { area() { throw new RangeError("no area"); } }
try { areas([new Sq(1), new Bad()]); } catch (e) { console.log("poly throw", e.message); }

// A closure's captured context travels with the inline frame.
function makeAcc(start) { let total = start; return function (k) { total += k; return total; }; }
const acc = makeAcc(100);
function feed(k) { return acc(k) + acc(1); }
warm(feed, [1], 3);
console.log("closure", feed(10), feed(20));

// Growing element stores: `new Array(n)` filled in order, then appends past the end.
function fill(a, n) { for (let i = 0; i < n; i++) a[i] = i * 2; return a.length; }
warm(fill, [new Array(5), 5], 3);
const big = new Array(3000);
console.log("fill", fill(big, 3000), big[0], big[2999], 1 in big);
check(T.isOptimized(fill), "fill optimized");
const grown = [];
console.log("append", fill(grown, 10), grown.join(","));
// A non-extensible array declines the append: a TypeError in strict code, ignored otherwise.
function strictFill(a, n) { "use strict"; for (let i = 0; i < n; i++) a[i] = i; return a.length; }
warm(strictFill, [[], 4], 3);
const sealed = Object.preventExtensions([9]);
try { strictFill(sealed, 3); } catch (e) { console.log("strict", e instanceof TypeError, sealed.length, sealed[0]); }
console.log("sloppy", fill(Object.preventExtensions([1, 2]), 4));
// An indexed setter on Array.prototype must run for holes and appends.
let seen = [];
Object.defineProperty(Array.prototype, "3", { set(v) { seen.push(v); }, get() { return "proto"; }, configurable: true });
const withHoles = new Array(6);
console.log("setter", fill(withHoles, 6), seen.join(","), withHoles[3], 3 in withHoles);
delete Array.prototype[3];
T.optimizeOnNextCall(fill);
const after = new Array(4);
console.log("after setter", fill(after, 4), after.join(","));
// The same through Object.prototype, and through a prototype put between them.
let objectSetterLog = "";
Object.defineProperty(Object.prototype, "1", { set(v) { objectSetterLog += "o" + v; }, configurable: true });
const viaObject = [];
console.log("object setter", fill(viaObject, 3), viaObject.length, 1 in viaObject, objectSetterLog);
delete Object.prototype[1];
const middle = { 2: "middle" };
Object.setPrototypeOf(middle, Object.prototype);
Object.setPrototypeOf(Array.prototype, middle);
const viaMiddle = new Array(3);
console.log("middle proto", fill(viaMiddle, 3), viaMiddle.join(","));
Object.setPrototypeOf(Array.prototype, Object.prototype);
class MyArray extends Array {}
const sub = new MyArray();
console.log("subclass", fill(sub, 5), sub.join(","));

// Global loads are shape-guarded loads from the global object: a new global changes its shape
// (the guard fails), a reassigned global is seen at once.
var scaleBy = 3;
function useGlobal(x) { return x * scaleBy + Math.floor(x / 2); }
warm(useGlobal, [2], 3);
console.log("global", useGlobal(4));
check(T.isOptimized(useGlobal), "useGlobal optimized");
scaleBy = 10;
console.log("reassigned", useGlobal(4));
globalThis.somethingNew = 1;
console.log("new global", useGlobal(5));
check(T.deoptCount(useGlobal) >= 1, "useGlobal deopted on the global object's new shape");
T.optimizeOnNextCall(useGlobal);
console.log("again", useGlobal(6));

console.log(failures() === 0 ? "all checks passed" : failures() + " checks failed");
