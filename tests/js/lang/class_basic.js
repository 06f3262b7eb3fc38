// Class declarations: constructor, methods, prototype wiring
class Point {
  constructor(x, y) {
    this.x = x;
    this.y = y;
  }
  add(other) {
    return new Point(this.x + other.x, this.y + other.y);
  }
  toString() {
    return `(${this.x}, ${this.y})`;
  }
  dist2() { return this.x * this.x + this.y * this.y; }
}
const p = new Point(1, 2).add(new Point(3, 4));
console.log(p.toString());
console.log(String(p), `${p}`, "" + p);
console.log(p.dist2());
console.log(p instanceof Point);
console.log(typeof Point, Object.getPrototypeOf(p) === Point.prototype);
console.log(Point.prototype.constructor === Point);
console.log(Object.keys(p).join(","));
// methods are non-enumerable
const protoKeys = [];
for (const k in p) protoKeys.push(k);
console.log(protoKeys.join(","));
console.log(Point.prototype.propertyIsEnumerable("add"));
console.log(Point.name, Point.length);

// classes cannot be called without new
try {
  Point(1, 2);
} catch (e) {
  console.log(e.name);
}

// class without explicit constructor
class Empty {
  hello() { return "hi"; }
}
console.log(new Empty().hello());

// class expressions
const Anon = class {
  v() { return 1; }
};
const Named = class Inner {
  who() { return Inner.name; }
};
console.log(new Anon().v(), new Named().who(), Anon.name);

// computed method names and string-named methods
const methodName = "dyn" + "amic";
class Computed {
  [methodName]() { return "computed method"; }
  "with space"() { return "spaced"; }
  42() { return "numeric"; }
}
const c = new Computed();
console.log(c.dynamic(), c["with space"](), c[42]());

// methods can be replaced on the prototype
Point.prototype.dist2 = function () { return -1; };
console.log(p.dist2());
// class body is strict
class StrictCheck {
  isStrict() { return (function () { return this === undefined; })(); }
}
console.log(new StrictCheck().isStrict());
