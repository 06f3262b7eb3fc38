// Values unboxed by representation selection (loop counters, double accumulators) stored into
// elements and properties must be stored as boxed values: over objects, into holes, as appends.
class Box { constructor() { this.x = null; this.y = 0.5; } }
function fillCounters(a, n) { for (let i = 0; i < n; i++) a[i] = i; return a; }
function fillDoubles(a, n) { let d = 0.25; for (let i = 0; i < n; i++) { a[i] = d; d = d * 2 + 0.5; } return a; }
function setFields(o, n) { let s = 0.5; for (let i = 0; i < n; i++) { o.x = i; o.y = s; s += 1.25; } return o; }
const objs = [];
for (let i = 0; i < 8; i++) objs.push(new Box());
let out = [];
for (let r = 0; r < 30; r++) {
  out = [];
  const overObjects = fillCounters(objs.slice(), 8);
  const appended = fillCounters([], 9);
  const holes = fillCounters(new Array(7), 7);
  const doubles = fillDoubles([], 6);
  const o = setFields(new Box(), 5);
  const garbage = [];
  for (let k = 0; k < 200; k++) garbage.push({ k });
  out.push(overObjects.join(","), appended.join(","), holes.join(","), doubles.join(","), o.x + ":" + o.y, garbage.length);
}
console.log(out.join(" | "));
