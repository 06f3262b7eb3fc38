// Getters and setters in classes
class Temperature {
  constructor(c) { this._c = c; }
  get fahrenheit() { return this._c * 9 / 5 + 32; }
  set fahrenheit(f) { this._c = (f - 32) * 5 / 9; }
  get celsius() { return this._c; }
  set celsius(v) {
    if (typeof v !== "number") throw new TypeError("celsius must be a number");
    this._c = v;
  }
}
const t = new Temperature(100);
console.log(t.fahrenheit);
t.fahrenheit = 32;
console.log(t.celsius);
t.celsius = 37;
console.log(t.fahrenheit.toFixed(1));
try {
  t.celsius = "hot";
} catch (e) {
  console.log(e.name, e.message);
}

// getter only: assignment silently ignored in sloppy code outside the class... but class code is strict
class ReadOnly {
  get value() { return 42; }
  trySet() {
    try {
      this.value = 1;
      return "no error";
    } catch (e) {
      return e.name;
    }
  }
}
const r = new ReadOnly();
console.log(r.value, r.trySet());
r.value = 7; // sloppy top-level: ignored
console.log(r.value);

// setter only: reading gives undefined
class WriteOnly {
  set v(x) { this.stored = x * 2; }
}
const w = new WriteOnly();
w.v = 5;
console.log(w.v, w.stored);

// accessors live on the prototype
const desc = Object.getOwnPropertyNames(Temperature.prototype).sort().join(",");
console.log(desc);
console.log(Object.keys(t).join(","));

// static accessors
class Registry {
  static get count() { return Registry._items.length; }
  static set seed(v) { Registry._items = new Array(v).fill(0); }
}
Registry._items = [];
console.log(Registry.count);
Registry.seed = 3;
console.log(Registry.count);

// inherited accessor, overridden getter
class Base {
  get kind() { return "base"; }
  describe() { return "I am " + this.kind; }
}
class Derived extends Base {
  get kind() { return "derived/" + super.kind; }
}
console.log(new Base().describe(), new Derived().describe());
