// Inlining, two levels deep: `twice` is inlined into `f`, and `inc` twice into it. Each inlined
// call's result is the parameter of its continuation block (unboxed when every return is);
// an exit inside an inlined body carries the state of every frame it rebuilds, callers first
// (`[@2 r1=v0 | f1@1 … | f2@0 …]`).
function inc(x) { return x + 1; }
function twice(x) { return inc(inc(x)); }
function f(n) { return twice(n) * 2; }
$tierjs.prepareForOptimization(f);
f(1);
f(2);
$tierjs.optimizeOnNextCall(f);
if (f(3) !== 10) throw new Error("wrong");
