// A call made from an inlined frame throws while the inlined frames hold unboxed doubles:
// the throw path boxes them (boxing a double branches on whether it is integral) before it
// builds the inlined frames for the interpreter to unwind through.
function thrower(n) {
  if (n === 37) throw new Error("thrown at " + n);
  return n;
}
function inner(n, scale) {
  let d = n * 0.5 + scale; // unboxed doubles, live across the call
  let e = d * 1.25;
  let r = thrower(n);
  return d + e + r;
}
function outer(n) {
  let w = n / 4; // a double in the calling frame too
  return inner(n, w) + w;
}
let sum = 0;
for (let i = 0; i < 3000; i++) {
  try {
    sum += outer(i % 40);
  } catch (e) {
    sum -= 1;
    if (i < 200) console.log(e.message, "at i =", i);
  }
}
console.log(sum);
// The same, uncaught inside a function that was compiled with the calls inlined.
function run(k) {
  let t = 0.5;
  for (let i = 0; i < 50; i++) t += outer(i % 37 === 36 && k ? 37 : i % 30);
  return t;
}
for (let k = 0; k < 4; k++) {
  try {
    console.log(run(k));
  } catch (e) {
    console.log("run", k, e.message);
  }
}
