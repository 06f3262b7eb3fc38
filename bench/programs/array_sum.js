// array_sum.js — summing arrays of int32s and of doubles with indexed loops.
// Measures: dense element loads with int indices and bounds checks, `length` in the loop
// condition, int32 accumulation with overflow checks, double accumulation.
function makeInts(n) {
  const a = [];
  for (let i = 0; i < n; i++) a.push((i * 7919) % 1000);
  return a;
}
function makeDoubles(n) {
  const a = [];
  for (let i = 0; i < n; i++) a.push((i % 1000) * 0.25 + 0.125);
  return a;
}
function sumInts(a) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}
function sumDoubles(a) {
  let s = 0.0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}
// A dot product of the two arrays (int × double).
function dot(a, b) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

const N = 100000;
const ints = makeInts(N);
const doubles = makeDoubles(N);
let total = 0;
for (let r = 0; r < 30; r++) {
  total += sumInts(ints);
  total += sumDoubles(doubles);
  total += dot(ints, doubles) / 1e6;
}
const EXPECTED = 1873687287.1875;
if (total !== EXPECTED) throw new Error("array_sum: wrong result " + total);
console.log("array_sum checksum = " + total);
