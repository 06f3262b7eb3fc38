// Arrow functions capture this and arguments lexically
const obj = {
  name: "obj",
  regular() {
    const arrow = () => this.name;
    return arrow();
  },
  nested() {
    return [1, 2].map((x) => this.name + x).join(",");
  },
  arrowProp: () => typeof this,
  deeper() {
    const a = () => () => () => this.name;
    return a()()();
  },
};
console.log(obj.regular());
console.log(obj.nested());
console.log(obj.deeper());

function outerArgs() {
  const arrow = () => arguments.length + ":" + arguments[0];
  return arrow("ignored", "also ignored");
}
console.log(outerArgs("first", "second", "third"));

function Timer() {
  this.ticks = 0;
  const tick = () => { this.ticks++; };
  tick(); tick(); tick();
}
const t = new Timer();
console.log(t.ticks);

// call/apply/bind cannot change an arrow's this
const bound = {
  v: "lexical",
  make() { return () => this.v; },
};
const arrowFn = bound.make();
console.log(arrowFn.call({ v: "other" }));
console.log(arrowFn.apply({ v: "other" }, []));
console.log(arrowFn.bind({ v: "other" })());

// arrows are not constructors
try {
  const A = () => {};
  new A();
} catch (e) {
  console.log(e.name);
}

// arrow in class method
class Widget {
  constructor() { this.label = "widget"; }
  handlers() { return ["a", "b"].map((s) => `${this.label}-${s}`); }
}
console.log(new Widget().handlers().join(" "));

// the method this changes, captured arrow follows the call-time this of its enclosing function
function getArrow() { return () => this && this.tag; }
const o1 = { tag: "one", getArrow };
const o2 = { tag: "two", getArrow };
console.log(o1.getArrow()(), o2.getArrow()());
console.log(typeof (() => {}).prototype);
