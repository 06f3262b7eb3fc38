// Closures capture variables, not values
function makeCounter() {
  let count = 0;
  return {
    inc() { return ++count; },
    dec() { return --count; },
    get() { return count; },
  };
}
const c1 = makeCounter();
const c2 = makeCounter();
c1.inc(); c1.inc(); c1.inc();
c2.dec();
console.log(c1.get(), c2.get());

function adder(n) {
  return (x) => x + n;
}
const add5 = adder(5);
const add10 = adder(10);
console.log(add5(1), add10(1), adder(-1)(1));

// shared variable between closures
function pair() {
  let v = "init";
  return [() => v, (nv) => { v = nv; }];
}
const [getV, setV] = pair();
console.log(getV());
setV("changed");
console.log(getV());

// closure sees later updates to outer variable
let outerVal = 1;
const readOuter = () => outerVal;
outerVal = 2;
console.log(readOuter());

// nested closures three levels deep
function l1(a) {
  return function l2(b) {
    return function l3(c) {
      return a + b + c;
    };
  };
}
console.log(l1("a")("b")("c"));

// closures over var in loop share one binding
var fns = [];
for (var i = 0; i < 3; i++) fns.push(() => i);
console.log(fns.map((f) => f()).join(","));

// IIFE to capture per-iteration value
var fns2 = [];
for (var j = 0; j < 3; j++) fns2.push(((jj) => () => jj)(j));
console.log(fns2.map((f) => f()).join(","));

// once helper
function once(fn) {
  let done = false, result;
  return function (...args) {
    if (!done) { done = true; result = fn(...args); }
    return result;
  };
}
let calls = 0;
const init = once((x) => { calls++; return x * 2; });
console.log(init(4), init(100), calls);
