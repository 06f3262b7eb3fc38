// Instance fields
let seq = 0;
class Item {
  id = ++seq;
  name = "item";
  tags = [];
  untouched;
  computedFromThis = this.name + "#" + this.id;
  constructor(name) {
    if (name) this.name = name;
  }
}
const a = new Item();
const b = new Item("custom");
console.log(a.id, a.name, b.id, b.name);
console.log(a.computedFromThis, b.computedFromThis);
a.tags.push("x");
console.log(a.tags.length, b.tags.length);
console.log("untouched" in a, a.untouched);
console.log(Object.keys(a).join(","));

// fields in subclasses are initialized after super() returns
const log = [];
class Base {
  baseField = log.push("base field");
  constructor() {
    log.push("base ctor");
  }
}
class Derived extends Base {
  derivedField = log.push("derived field");
  constructor() {
    log.push("derived ctor before super");
    super();
    log.push("derived ctor after super");
  }
}
new Derived();
console.log(log.join(" | "));

// field shadows prototype method
class Shadow {
  greet = () => "field arrow";
  greet2() { return "method"; }
}
Shadow.prototype.greet = function () { return "proto"; };
console.log(new Shadow().greet(), new Shadow().greet2());

// arrow field binds this
class Button {
  label = "OK";
  onClick = () => this.label;
}
const btn = new Button();
const handler = btn.onClick;
console.log(handler());

// computed field names
const key = "dyn";
class WithComputed {
  [key + "Field"] = 1;
  ["lit"] = 2;
}
const wc = new WithComputed();
console.log(wc.dynField, wc.lit);
// fields without constructor in derived class
class P { constructor(v) { this.v = v; } }
class Q extends P { extra = this.v * 2; }
const q = new Q(21);
console.log(q.v, q.extra);
