// Inlining: small loop-free callees are compiled into their callers (three levels deep). A guard
// failing inside an inlined body rebuilds the interpreter frame of every inlined call on the
// way (each returning into its caller's call) and resumes the innermost one; exceptions from
// real calls made by inlined code unwind through those frames; stack traces list them.
const { T, check, warm, failures } = require("./_harness.js");

// One level: the callee's guard fails inside the caller's code; the caller's locals (t, u)
// live across the inlined call and must be intact when both frames resume.
function plus1(x) { return x + 1; }
function outer(o, b) {
  const t = b * 7;
  const u = t - 3;
  const r = plus1(o);
  return r + t * 10 + u * 100;
}
warm(outer, [1, 2], 3);
console.log("outer int", outer(5, 3));
check(T.isOptimized(outer) && T.inlinedCalls(outer) === 1, "plus1 inlined into outer");
console.log("outer double", outer(1.5, 3));
check(T.deoptCount(outer) === 1, "outer deopted once, inside plus1");
console.log("outer string", outer("s", 2));
T.optimizeOnNextCall(outer);
console.log("outer again", outer(2, 4), outer(2.25, 1));
check(T.isOptimized(outer), "outer optimized again");

// Two levels: the failing guard is in the innermost frame; three frames resume.
function dbl(x) { return x * 2; }
function mid(x, k) { const m = k + 1; return dbl(x) + m; }
function top(x, y) {
  const k = y * 5;
  const s = mid(x, k);
  return s * 3 + k;
}
warm(top, [1, 1], 3);
console.log("top int", top(4, 2));
check(T.isOptimized(top) && T.inlinedCalls(top) === 2, "mid and dbl inlined into top");
console.log("top double", top(0.5, 2));
check(T.deoptCount(top) === 1, "top deopted once, two frames deep");
console.log("top overflow", top(2147483647, 1));

// Three levels: four frames resume, each with its own live local.
function neg3(x) { return -x; }
function lvl2(x) { const a = x + 10; return neg3(x) * 2 + a; }
function lvl1(x) { const b = x * 3; return lvl2(x) + b; }
function lvl0(x, y) {
  const c = y - 1;
  const r = lvl1(x);
  return r * 5 + c;
}
warm(lvl0, [1, 2], 3);
console.log("lvl0 int", lvl0(6, 9));
check(T.isOptimized(lvl0) && T.inlinedCalls(lvl0) === 3, "lvl1, lvl2 and neg3 inlined into lvl0");
console.log("lvl0 zero", lvl0(0, 9));
check(T.deoptCount(lvl0) === 1, "lvl0 deopted once, three frames deep (-0 from neg3)");
console.log("lvl0 double", lvl0(1.25, 3));

// Inlined twice in a row (the frames share a register window), and a call inlined into a
// loop: an exit inside it resumes both the loop and the inlined frame.
function sq(v) { return v * v; }
function hyp2(a, b) { return sq(a) + sq(b); }
warm(hyp2, [3, 4], 3);
console.log("hyp2", hyp2(3, 4), hyp2(1.5, 2), hyp2(5, 0.5));
// (sq's multiply saw doubles and deopted above, so its slot is widened: a fresh callee.)
function sq2(v) { return v * v; }
function sumSq(arr) {
  let s = 0;
  for (let i = 0; i < arr.length; i++) s += sq2(arr[i]);
  return s;
}
warm(sumSq, [[1, 2, 3]], 3);
console.log("sumSq", sumSq([1, 2, 3, 4]));
check(T.isOptimized(sumSq) && T.inlinedCalls(sumSq) === 1, "sq2 inlined into sumSq's loop");
console.log("sumSq mixed", sumSq([1, 2, 2.5, 4, 10]));

// Recursion inlined into itself: exits at every depth resume the right frames.
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
warm(fib, [10], 3);
console.log("fib", fib(20));
check(T.isOptimized(fib) && T.inlinedCalls(fib) >= 2, "fib inlined into itself");
console.log("fib double", fib(12.5));
console.log("fib again", fib(18));

// Closure callees read their own context, not the caller's.
function makeAdder(k) { return function add(x) { return x + k; }; }
const add10 = makeAdder(10);
const add20 = makeAdder(20);
function useAdders(x) { return add10(x) * 1000 + add20(x); }
warm(useAdders, [1], 3);
console.log("adders", useAdders(5));
check(T.inlinedCalls(useAdders) === 2, "both closures inlined");
// A context variable changed after compilation is read, not folded.
let bump = 1;
function bumped(x) { return x + bump; }
function useBump(x) { return bumped(x) * 2; }
warm(useBump, [1], 3);
console.log("bump", useBump(4));
bump = 100;
console.log("bump changed", useBump(4));

// A changed call target inside the inlined body: the target guard fails there.
let op = function (x) { return x + 1; };
function apply1(x) { return op(x); }
function applyTwice(x) { return apply1(apply1(x)); }
warm(applyTwice, [1], 3);
console.log("apply", applyTwice(1));
op = function (x) { return x * 10; };
console.log("apply new target", applyTwice(1));

// Polymorphic call sites: a dispatch on the target into each one's inlined body; any other
// target takes the generic call (or, inside an inlined frame, which cannot make one, an exit).
class VA { v(x) { return x + 1; } }
class VB { v(x) { return x * 2; } }
class VC { v(x) { return x - 100; } }
function callV(o, x) { return o.v(x) * 10; }
function sumV(list) {
  let s = 0;
  for (let i = 0; i < list.length; i++) s += callV(list[i], i);
  return s;
}
const objs = [new VA(), new VB(), new VA(), new VB()];
warm(sumV, [objs], 3);
console.log("poly", sumV(objs));
check(T.isOptimized(sumV) && T.inlinedCalls(sumV) === 3, "callV and both v methods inlined into sumV");
console.log("poly new target", sumV([new VC(), new VA(), new VC()]));
function direct2(o, x) { const y = x * 3; return o.v(y) + y; }
warm(direct2, [new VA(), 1], 2);
direct2(new VB(), 1);
T.optimizeOnNextCall(direct2);
console.log("poly top", direct2(new VA(), 2), direct2(new VB(), 2));
check(T.isOptimized(direct2) && T.inlinedCalls(direct2) === 2, "both v methods inlined into direct2");
console.log("poly top generic", direct2(new VC(), 2), direct2({ v: (q) => q * q }, 3));

// An inlined function calling one that needs its arguments object (or a rest parameter):
// that call cannot be pushed inline, so the middle function is not inlined.
function argCount() { return arguments.length; }
function restCount(...xs) { return xs.length; }
function callsArgs(x) { return argCount(x, x) + restCount(x, x, x) + x; }
function driveArgs(n) { let s = 0; for (let i = 0; i < n; i++) s += callsArgs(i); return s; }
warm(driveArgs, [10], 3);
console.log("args", driveArgs(2000));

// Methods: `this` is the call's receiver (a deopt inside rebuilds the frame with it); in
// sloppy code a plain call's `this` is the global object.
class P {
  constructor(x) { this.x = x; }
  getX() { return this.x; }
  scaled(k) { return this.x * k; }
}
function useP(p, k) { const w = k + 1; return p.scaled(k) + p.getX() * 100 + w * 10000; }
const p1 = new P(3);
warm(useP, [p1, 2], 3);
console.log("methods", useP(p1, 2));
check(T.isOptimized(useP) && T.inlinedCalls(useP) === 2, "scaled and getX inlined into useP");
p1.x = 2.5;
console.log("methods double", useP(p1, 2));
check(T.deoptCount(useP) === 1, "useP deopted once, inside scaled");
function sloppyThis(k) { return this === undefined ? -k : k; }
function callSloppy(x) { return sloppyThis(x) * 2; }
warm(callSloppy, [1], 3);
console.log("sloppy this", callSloppy(5));
check(T.isOptimized(callSloppy) && T.inlinedCalls(callSloppy) === 1 && T.deoptCount(callSloppy) === 0, "sloppyThis inlined, no deopt");

// Exceptions from a real call made by inlined code (to a callee not compiled yet: it runs in
// the interpreter): caught by the outermost caller, with every frame in the stack trace.
function thrower(x) {
  for (let i = 0; i < 2; i++) {}
  if (x > 100) throw new RangeError("too big: " + x);
  return x;
}
function viaInlined(x) { return thrower(x) + 1; }
function catcher(x) {
  try {
    return viaInlined(x);
  } catch (e) {
    return e.message + " | " + e.stack.split("\n").slice(1, 4).map((l) => l.trim().split(" ")[1]).join(" < ");
  }
}
warm(catcher, [1], 3);
console.log("no throw", catcher(7));
check(T.isOptimized(catcher) && T.inlinedCalls(catcher) === 1, "viaInlined inlined into catcher");
console.log("throw", catcher(500));
console.log("after throw", catcher(8));

// An object only an inlined frame holds, across a real call that allocates (a collection runs
// there under --gc-stress): the collector must see it in the inlined frame's registers.
function allocs(n) {
  const a = [];
  for (let i = 0; i < n; i++) a.push({ k: 1000 + i, j: 2000 + i });
  return a.length;
}
function pass(h, n) {
  const o = h.inner;
  h.inner = null;
  const m = allocs(n);
  return o.k + m + o.j;
}
// (Made by another function, so that no register of useHolder's own frame ever held it.)
function holderOf(k) { return { inner: { k: k, j: k * 3 } }; }
function useHolder(k) { return pass(holderOf(k), 3) * 2; }
warm(useHolder, [1], 3);
let held = 0;
for (let i = 0; i < 300; i++) held += useHolder(i);
console.log("held", held);
check(T.isOptimized(useHolder) && T.inlinedCalls(useHolder) === 1, "pass inlined into useHolder");

// Deep recursion through inlined frames still ends in RangeError.
function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1); }
warm(depth, [10], 3);
console.log("depth", depth(2000));
try {
  depth(1e6);
  console.log("no error");
} catch (e) {
  console.log("deep", e instanceof RangeError);
}
console.log("depth after", depth(300));

// A never-run branch inside an inlined body exits there (no feedback) and resumes correctly.
function pick(x, flag) { if (flag) { return "s" + x; } return x + 1; }
function usePick(x, flag) { const w = x * 2; return pick(w, flag) + "/" + w; }
warm(usePick, [1, false], 3);
console.log("pick", usePick(3, false), usePick(3, true));

console.log(failures() === 0 ? "inlining ok" : "inlining FAILED " + failures());
