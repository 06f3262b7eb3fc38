// Inheritance: extends, super(...), super.method()
class Animal {
  constructor(name) {
    this.name = name;
  }
  speak() {
    return `${this.name} makes a sound`;
  }
  get description() {
    return "animal " + this.name;
  }
  static create(name) {
    return new this(name);
  }
}
class Dog extends Animal {
  constructor(name, breed) {
    super(name);
    this.breed = breed;
  }
  speak() {
    return super.speak() + " (woof)";
  }
  get description() {
    return super.description + " of breed " + this.breed;
  }
}
class Puppy extends Dog {
  speak() {
    return super.speak() + " (yip)";
  }
}
const d = new Dog("Rex", "lab");
const p = new Puppy("Bit", "pug");
console.log(d.speak());
console.log(p.speak());
console.log(d.description);
console.log(p instanceof Puppy, p instanceof Dog, p instanceof Animal, p instanceof Object);
console.log(d instanceof Puppy);
console.log(Puppy.create("Made").speak());
console.log(Object.getPrototypeOf(Puppy.prototype) === Dog.prototype);

// derived class with implicit constructor forwards all arguments
class Pair {
  constructor(a, b) { this.sum = a + b; }
}
class AutoPair extends Pair {}
console.log(new AutoPair(3, 4).sum);

// using this before super() is a ReferenceError
class Bad extends Pair {
  constructor() {
    try {
      this.x = 1;
    } catch (e) {
      console.log("before super:", e.name);
    }
    super(1, 1);
  }
}
console.log(new Bad().sum);

// forgetting super() entirely
class NoSuper extends Pair {
  constructor() {}
}
try {
  new NoSuper();
} catch (e) {
  console.log("no super:", e.name);
}

// extending a plain constructor function
function OldStyle(v) { this.v = v; }
OldStyle.prototype.get = function () { return this.v; };
class NewStyle extends OldStyle {
  get() { return super.get() * 10; }
}
console.log(new NewStyle(4).get());

// super method uses the current this
class Counter {
  constructor() { this.n = 0; }
  inc() { this.n++; return this; }
}
class DoubleCounter extends Counter {
  inc() { super.inc(); return super.inc(); }
}
console.log(new DoubleCounter().inc().inc().n);

// extends null-ish expression: extends a class returned by a function
const mixin = (B) => class extends B { mixed() { return "mixed:" + this.name; } };
class Cat extends mixin(Animal) {}
console.log(new Cat("Tom").mixed(), new Cat("Tom").speak());

// super in arrow inside method
class Greeter extends Animal {
  speak() { const f = () => super.speak(); return f() + "!"; }
}
console.log(new Greeter("G").speak());
