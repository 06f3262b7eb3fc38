// new.target in functions and classes
function F() {
  return new.target === undefined ? "called" : "constructed";
}
console.log(F());
console.log(typeof new F());
function G() {
  if (!new.target) return new G();
  this.made = true;
}
console.log(G().made, new G().made);

class Shape {
  constructor() {
    if (new.target === Shape) throw new TypeError("Shape is abstract");
    this.kind = new.target.name;
  }
}
class Circle extends Shape {}
class Square extends Shape {}
try {
  new Shape();
} catch (e) {
  console.log(e.name, e.message);
}
console.log(new Circle().kind, new Square().kind);

class Base {
  constructor() { this.targetIsDerived = new.target === Derived; }
}
class Derived extends Base {}
console.log(new Derived().targetIsDerived, new Base().targetIsDerived);
const arrowInCtor = function () {
  const a = () => new.target;
  return a();
};
console.log(arrowInCtor() === undefined, new arrowInCtor() instanceof Object);
