// Deopt-loop protection: a function that deopts on every call is recompiled a bounded number
// of times (versions), then stays in the interpreter.
const T = $tierjs;
function always(a) {
  T.deoptimizeNow();
  return a + 1;
}
let sum = 0;
for (let i = 0; i < 5000; i++) sum += always(i);
console.log(sum);
if (T.deterministic) {
  console.log("versions capped:", T.versions(always) === 4);
  console.log("stays interpreted:", T.tier(always) === "interp");
  const before = T.deoptCount(always);
  for (let i = 0; i < 5000; i++) sum += always(i);
  console.log("no more deopts:", T.deoptCount(always) === before);
} else {
  console.log("versions capped:", true);
  console.log("stays interpreted:", true);
  for (let i = 0; i < 5000; i++) sum += always(i);
  console.log("no more deopts:", true);
}
console.log(sum);
