// fib.js — recursive calls, int32 arithmetic, comparisons.
// Measures: call/return overhead of small recursive functions.
function fib(n) {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}

const N = 30;
let result = 0;
for (let i = 0; i < 4; i++) result = fib(N);
if (result !== 832040) throw new Error("fib: wrong result " + result);
console.log("fib(" + N + ") = " + result);
