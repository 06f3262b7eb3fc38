// props.js — property reads and writes on class instances in a hot loop.
// Measures: monomorphic named-property loads/stores (inline caches / shape guards), field-heavy code.
class Particle {
  constructor(i) {
    this.x = i;
    this.y = i * 2;
    this.vx = 1;
    this.vy = -1;
    this.hits = 0;
  }
}

class Box {
  constructor(w, h) {
    this.w = w;
    this.h = h;
    this.bounces = 0;
  }
}

function step(ps, box) {
  for (let k = 0; k < ps.length; k++) {
    const p = ps[k];
    p.x = p.x + p.vx;
    p.y = p.y + p.vy;
    if (p.x < 0 || p.x >= box.w) { p.vx = -p.vx; p.hits++; box.bounces++; }
    if (p.y < 0 || p.y >= box.h) { p.vy = -p.vy; p.hits++; box.bounces++; }
  }
}

const ps = [];
for (let i = 0; i < 64; i++) ps.push(new Particle(i));
const box = new Box(100, 150);
for (let t = 0; t < 54000; t++) step(ps, box);

let sum = 0;
for (let i = 0; i < ps.length; i++) sum += ps[i].x * 3 + ps[i].y * 5 + ps[i].hits;
const result = sum + box.bounces;
const EXPECTED = 165972;
if (result !== EXPECTED) throw new Error("props: wrong result " + result);
console.log("props checksum = " + result);
