// Compiled code takes its frame's context as a constant while every closure of the function
// was made over one context. A closure over a second context drops that code: the new closure
// must see its own captured bindings, and an activation already running the old code keeps
// its own context.
const T = $tierjs;
function check(cond, what) {
  if (T.deterministic && !cond) console.log("FAIL: " + what);
}

function make(k) {
  const f = function (n, hook) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      s += k;
      if (hook && i === 2) hook();
    }
    return s + k * 1000;
  };
  return f;
}

const f1 = make(1);
T.prepareForOptimization(f1);
for (let r = 0; r < 5; r++) f1(10);
T.optimizeOnNextCall(f1);
console.log("f1", f1(10));
check(T.isOptimized(f1), "f1 optimized over its one context");

// A second context: f2 must add 2s, not f1's 1s.
const f2 = make(2);
check(!T.isOptimized(f2), "code over the first context dropped");
console.log("f2", f2(10), "f1 again", f1(10));
T.optimizeOnNextCall(f2);
console.log("f2 optimized", f2(10), f1(10));
check(T.isOptimized(f2), "f2 optimized again (context loaded from the frame)");

// While g1 runs compiled over its context, a closure over another context is made: g1's
// activation finishes with its own k.
const g1 = make(5);
let g2 = null;
console.log("g1 with a new closure made mid-loop", g1(6, () => { g2 = make(7); }));
console.log("g2", g2(6));

// A second pair over a new context: inc's code is dropped, each pair counts on its own.
function counterPair() {
  let count = 0;
  const inc = () => { count += 1; return count; };
  return [inc, () => count];
}
const [inc, read] = counterPair();
T.prepareForOptimization(inc);
for (let i = 0; i < 5; i++) inc();
T.optimizeOnNextCall(inc);
inc();
check(T.isOptimized(inc), "inc optimized");
console.log("count", read());
const [inc2, read2] = counterPair();
for (let i = 0; i < 3; i++) inc2();
console.log("count2", read2(), "count", read(), inc());

// Closures made again over the same context keep the code.
function adders(base) {
  const fs = [];
  for (var j = 0; j < 2; j++) fs.push((x) => x + base);
  return fs;
}
const [a1] = adders(100);
T.prepareForOptimization(a1);
for (let i = 0; i < 5; i++) a1(i);
T.optimizeOnNextCall(a1);
console.log("a1", a1(1));
const again = [];
function sameContext(base) {
  const mk = () => (x) => x + base;
  const first = mk();
  T.prepareForOptimization(first);
  for (let i = 0; i < 5; i++) first(i);
  T.optimizeOnNextCall(first);
  first(0);
  again.push(T.isOptimized(first));
  const second = mk();
  again.push(T.isOptimized(first), first(1), second(2));
}
sameContext(40);
check(again[0] && again[1], "a closure over the same context keeps the code");
console.log("same context", again.slice(2).join(" "));
