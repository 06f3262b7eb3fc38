// Function expressions, names, and self reference
const fact = function factorial(n) {
  return n <= 1 ? 1 : n * factorial(n - 1);
};
console.log(fact(10));
console.log(typeof factorial);
console.log(fact.name);

const anon = function () {};
console.log(anon.name);
const arrowNamed = () => {};
console.log(arrowNamed.name);
let later;
later = function () {};
console.log(later.name);
const obj = { method() {}, prop: function () {}, arrow: () => {} };
console.log(obj.method.name, obj.prop.name, obj.arrow.name);

// the name binding inside a named function expression is read-only (silently in sloppy)
const selfRef = function inner() {
  inner = 5;
  return typeof inner;
};
console.log(selfRef());

// IIFE forms
const r1 = (function () { return "iife1"; })();
const r2 = (function () { return "iife2"; }());
const r3 = (() => "iife3")();
console.log(r1, r2, r3);

// functions as values
function apply(f, v) { return f(v); }
console.log(apply(function (x) { return x + "!"; }, "hi"));
const fns = { double: (x) => x * 2, square: function (x) { return x * x; } };
console.log(fns.double(4), fns["square"](4));

// function properties
function withProps() { return withProps.counter++; }
withProps.counter = 0;
withProps(); withProps();
console.log(withProps.counter);

// returning undefined implicitly
function noReturn() {}
console.log(noReturn());
function earlyReturn(x) { if (x) return; return "late"; }
console.log(earlyReturn(true), earlyReturn(false));
// constructor function
function Point(x, y) { this.x = x; this.y = y; }
Point.prototype.sum = function () { return this.x + this.y; };
console.log(new Point(3, 4).sum());
// constructor returning an object overrides this
function Weird() { this.a = 1; return { b: 2 }; }
const w = new Weird();
console.log(w.a, w.b);
function Prim() { this.a = 1; return 5; }
console.log(new Prim().a);
