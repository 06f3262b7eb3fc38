// Static methods and static fields
let initCalls = 0;
function computeDefault() {
  initCalls++;
  return "computed-" + initCalls;
}
class MathUtil {
  static PI_ISH = 3.14;
  static label = computeDefault();
  static counter = 0;
  static square(x) { return x * x; }
  static next() { return ++MathUtil.counter; }
  static viaThis() { return this.square(3) + this.PI_ISH; }
  static doubled = MathUtil.PI_ISH * 2;
}
console.log(MathUtil.square(5));
console.log(MathUtil.PI_ISH, MathUtil.label, MathUtil.doubled);
console.log(MathUtil.next(), MathUtil.next());
console.log(MathUtil.viaThis());
console.log(initCalls);
console.log(typeof new MathUtil().square);

// static members are inherited by subclasses
class Sub extends MathUtil {
  static cube(x) { return x * Sub.square(x); }
  static label = "sub label";
}
console.log(Sub.cube(3), Sub.PI_ISH, Sub.label, MathUtil.label);
console.log(Object.getPrototypeOf(Sub) === MathUtil);

// static this refers to the class
class Factory {
  static create() { return new this(); }
  kind() { return "factory"; }
}
class SubFactory extends Factory {
  kind() { return "sub-factory"; }
}
console.log(Factory.create().kind(), SubFactory.create().kind());

// static field initializer can use this
class SelfRef {
  static a = 10;
  static b = this.a + 5;
}
console.log(SelfRef.b);

// static method calling super static
class A { static hello() { return "A.hello"; } }
class B extends A { static hello() { return super.hello() + "+B.hello"; } }
console.log(B.hello());
// static field order of evaluation
const order = [];
class Order {
  static x = order.push("x");
  static y = order.push("y");
}
console.log(order.join(","), Order.x, Order.y);
