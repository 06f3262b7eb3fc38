// Property sites: monomorphic -> polymorphic (<=4 shapes) -> megamorphic; prototype hits;
// transitions for stores; global loads.
function mono(o) { return o.x; }
function poly(o) { return o.x; }
function mega(o) { return o.x; }
function store(o, v) { o.y = v; }
class C { constructor() { this.x = 1; } method() { return 2; } }
function callMethod(c) { return c.method(); }
for (let i = 0; i < 3; i++) mono({ x: i });
const shapes = [{ x: 1 }, { a: 1, x: 2 }, { b: 1, x: 3 }, { c: 1, x: 4 }];
for (const o of shapes) poly(o);
for (const o of [...shapes, { d: 1, x: 5 }]) mega(o);
for (let i = 0; i < 3; i++) store({ x: i }, i);
store({ x: 1, y: 2 }, 3);
for (let i = 0; i < 3; i++) callMethod(new C());
const m = Math.max(1, 2);
