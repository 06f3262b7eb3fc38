// A deopt in the middle of a function resumes the interpreter with every live local intact:
// locals held unboxed (int32, double), boxed objects, a string, and values computed before
// the failing guard.
const T = $tierjs;
function mix(n, k) {
  let i32 = n * 2;
  let dbl = n / 4;
  const obj = { tag: "o" + n };
  let str = "s" + i32;
  let acc = 0;
  for (let j = 0; j < 3; j++) acc += j * n;
  const r = k + 1;            // the guard: k was an int32 so far
  return [i32, dbl, obj.tag, str, acc, r].join("|");
}
T.prepareForOptimization(mix);
for (let i = 0; i < 3; i++) mix(i, i);
T.optimizeOnNextCall(mix);
console.log(mix(6, 1));
console.log(mix(7, 1.5));      // deopt at `k + 1`
console.log(mix(8, "x"));      // and with a string
console.log(T.deterministic ? T.deoptCount(mix) >= 1 : true);

// A requested (lazy) deopt right after a call: the rest of the frame continues interpreted.
function lazy(a) {
  const before = a * 3;
  const mid = T.deoptimizeNow() === undefined ? before + 1 : -1;
  let after = 0;
  for (let i = 0; i < a; i++) after += i;
  return before + "," + mid + "," + after;
}
T.prepareForOptimization(lazy);
lazy(2);
T.optimizeOnNextCall(lazy);
console.log(lazy(5));
console.log(T.deterministic ? T.deoptCount(lazy) === 1 : true);
