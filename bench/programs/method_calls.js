// method_calls.js — method calls on polymorphic class instances.
// Measures: method lookup through prototype chains, polymorphic call sites (4 shapes),
// super calls, getters, and inlining of small methods.
class Shape {
  constructor(id) { this.id = id; }
  area() { return 0; }
  scaled(k) { return this.area() * k; }
  get kind() { return 0; }
}
class Rect extends Shape {
  constructor(id, w, h) { super(id); this.w = w; this.h = h; }
  area() { return this.w * this.h; }
  get kind() { return 1; }
}
class Square extends Rect {
  constructor(id, s) { super(id, s, s); }
  scaled(k) { return super.scaled(k) + 1; }
  get kind() { return 2; }
}
class Tri extends Shape {
  constructor(id, b, h) { super(id); this.b = b; this.h = h; }
  area() { return (this.b * this.h) >> 1; }
  get kind() { return 3; }
}
class Circle extends Shape {
  constructor(id, r) { super(id); this.r = r; }
  area() { return 3 * this.r * this.r; }
  get kind() { return 4; }
}

const shapes = [];
for (let i = 0; i < 40; i++) {
  switch (i % 4) {
    case 0: shapes.push(new Rect(i, i % 7 + 1, i % 5 + 2)); break;
    case 1: shapes.push(new Square(i, i % 6 + 1)); break;
    case 2: shapes.push(new Tri(i, i % 9 + 2, i % 4 + 2)); break;
    default: shapes.push(new Circle(i, i % 3 + 1)); break;
  }
}

function total(list, k) {
  let s = 0;
  for (let i = 0; i < list.length; i++) {
    const sh = list[i];
    s += sh.scaled(k) + sh.kind;
  }
  return s;
}

let result = 0;
for (let r = 0; r < 65000; r++) result = (result + total(shapes, r & 3)) | 0;
const EXPECTED = 61847500;
if (result !== EXPECTED) throw new Error("method_calls: wrong result " + result);
console.log("method_calls checksum = " + result);
