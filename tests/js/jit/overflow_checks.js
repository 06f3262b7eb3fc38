// int32 overflow checks the optimizing tier removes or rewrites: `i + 1` under `i < n` cannot
// overflow (no check), `i - 1` under `i > n` neither; a constant operand is checked by a compare
// before the operation. Each function crosses the int32 range where the checks matter, in
// every tier (results become doubles exactly as in the interpreter).
const MAX = 2147483647, MIN = -2147483648;

// Counting up to a bound: the increment is safe under `i < n`, not under `i <= n`.
function upTo(from, n) {
  let c = 0, last = 0;
  for (let i = from; i < n; i++) { c++; last = i; }
  return c + ":" + last;
}
function upToIncl(from, n) {
  let c = 0, last = 0;
  for (let i = from; i <= n; i++) { c++; last = i; if (c > 10) break; }
  return c + ":" + last;
}
function downTo(from, n) {
  let c = 0, last = 0;
  for (let i = from; i > n; i--) { c++; last = i; }
  return c + ":" + last;
}
function downToIncl(from, n) {
  let c = 0, last = 0;
  for (let i = from; i >= n; i--) { c++; last = i; if (c > 10) break; }
  return c + ":" + last;
}
// Constant operands on either side.
function plus5(x) { return x + 5; }
function fivePlus(x) { return 5 + x; }
function minus3(x) { return x - 3; }
function plusNeg(x) { return x + -4; }
function minusNeg(x) { return x - -6; }
// An increment after the loop, where `i < n` no longer holds.
function past(from, n) {
  let i = from;
  while (i < n) i++;
  return i + 1;
}
// The bound is a constant close to MAX.
function nearMax(x) {
  let s = 0;
  if (x < MAX) s = x + 1;
  if (x <= MAX - 2) s += 0.5;
  return s;
}

for (let r = 0; r < 3000; r++) {
  upTo(0, 3); upToIncl(0, 3); downTo(3, 0); downToIncl(3, 0);
  plus5(r); fivePlus(r); minus3(r); plusNeg(r); minusNeg(r); past(0, 3); nearMax(r);
}
console.log(upTo(MAX - 3, MAX), upTo(0, 5), upTo(MIN, MIN + 2));
console.log(upToIncl(MAX - 3, MAX), upToIncl(MAX, MAX));
console.log(downTo(MIN + 3, MIN), downTo(5, 0), downTo(MAX, MAX - 2));
console.log(downToIncl(MIN + 3, MIN), downToIncl(MIN, MIN));
console.log(plus5(MAX), plus5(MAX - 5), plus5(MAX - 4), fivePlus(MAX - 4), fivePlus(MIN));
console.log(minus3(MIN), minus3(MIN + 3), minus3(MIN + 2), minus3(MAX));
console.log(plusNeg(MIN + 4), plusNeg(MIN + 3), minusNeg(MAX - 6), minusNeg(MAX - 5));
console.log(past(MAX - 2, MAX), past(0, 5), nearMax(MAX), nearMax(MAX - 1), nearMax(MAX - 2));
