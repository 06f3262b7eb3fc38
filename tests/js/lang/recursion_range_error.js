// Unbounded recursion throws a catchable RangeError; the program keeps working afterwards
function f(n) { return f(n + 1) + 1; }
try {
  f(0);
  console.log("not reached");
} catch (e) {
  console.log(e instanceof RangeError);
  console.log(e.name);
}

// again, with a method and an arrow
const obj = { m() { return this.m() + 1; } };
try {
  obj.m();
} catch (e) {
  console.log("method", e instanceof RangeError);
}
const g = (x) => g(x) * 2;
try {
  g(1);
} catch (e) {
  console.log("arrow", e instanceof RangeError);
}

// mutual recursion
function ping(n) { return pong(n + 1); }
function pong(n) { return ping(n + 1); }
try {
  ping(0);
} catch (e) {
  console.log("mutual", e instanceof RangeError);
}

// finally blocks run while unwinding
let finallyRan = false;
function withFinally() {
  try {
    return f(0);
  } finally {
    finallyRan = true;
  }
}
try {
  withFinally();
} catch (e) {
  console.log("finally", finallyRan, e instanceof RangeError);
}

// recursion depth tracking: we can still recurse a moderate depth afterwards
function countDown(n) { return n === 0 ? "done" : countDown(n - 1); }
console.log(countDown(1000));
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
console.log(fib(15));
console.log([1, 2, 3].map((x) => x * 2).join(","));
