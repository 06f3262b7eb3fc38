// Inline caches never return stale values: a hot read through the prototype chain must see
// the prototype's property replaced, deleted, shadowed, turned into a getter, and the
// prototype itself swapped.
class Base { kind() { return "base"; } }
Base.prototype.value = 1;
const objs = [];
for (let i = 0; i < 8; i++) objs.push(new Base());
function readValue(o) { return o.value; }
function callKind(o) { return o.kind(); }
function hot(label) {
  let s = 0, k = "";
  for (let r = 0; r < 200; r++) for (const o of objs) { s += readValue(o); k = callKind(o); }
  console.log(label, s / 1600, k);
}
hot("initial");
Base.prototype.value = 2; hot("replaced");
Base.prototype.kind = function () { return "replaced"; }; hot("method replaced");
objs[0].value = 3; console.log("shadowed", readValue(objs[0]), readValue(objs[1]));
delete objs[0].value; console.log("unshadowed", readValue(objs[0]));
Object.defineProperty(Base.prototype, "value", { get() { return 40; }, configurable: true }); hot("getter");
delete Base.prototype.value; hot("deleted");
Base.prototype.value = 5; hot("re-added");
Object.setPrototypeOf(Base.prototype, { value: 99, inherited() { return "from new proto"; } });
delete Base.prototype.value; hot("proto swapped");
console.log(objs[3].inherited());
// Own-property caches: a shape change (new property, delete) is never confused.
function getX(o) { return o.x; }
const a = { x: 1 }, b = { y: 0, x: 2 }, c = { x: 3, z: 1 }, d = { w: 1, v: 2, x: 4 }, e = Object.create({ x: 5 });
let t = 0; for (let i = 0; i < 100; i++) for (const o of [a, b, c, d, e]) t += getX(o);
console.log("poly/mega", t);
delete a.x; a.x = 10; console.log(getX(a), getX(b), getX(e));
// Stores through a cached transition respect setters added to the prototype later.
function setF(o, v) { o.f = v; }
const targets = []; for (let i = 0; i < 50; i++) { const o = {}; setF(o, i); targets.push(o); }
let seen = 0;
Object.defineProperty(Object.prototype, "f", { set(v) { seen += v; }, configurable: true });
setF({}, 7); console.log("setter saw", seen, targets[49].f);
delete Object.prototype.f;
const frozen = Object.freeze({ g: 1 }); function setG(o) { o.g = 2; } const open = { g: 1 };
for (let i = 0; i < 50; i++) setG(open); setG(frozen); console.log(open.g, frozen.g);
const sealedLater = { h: 1 }; function addH(o) { o.k = 1; } for (let i = 0; i < 20; i++) addH({ h: 1 });
Object.preventExtensions(sealedLater); addH(sealedLater); console.log("k" in sealedLater);
