// GC pause with a large live heap: ~100 MB of small live objects (a tree of arrays), then
// garbage allocation to force collections. `--stats` reports max and total pause.
const LEAVES = 700000;
const live = [];
for (let i = 0; i < LEAVES; i++) live[i] = { a: i, b: null, c: i & 7 };
let sum = 0;
for (let r = 0; r < 40; r++) {
  for (let i = 0; i < 100000; i++) {
    const g = { a: i, b: r, c: null };
    sum = (sum + g.a) | 0;
  }
}
let s2 = 0;
for (let i = 0; i < LEAVES; i++) s2 = (s2 + live[i].c) | 0;
console.log("pause", sum, s2);
