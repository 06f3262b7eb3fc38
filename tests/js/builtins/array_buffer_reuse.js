// Large arrays that die and are rebuilt: element buffers of dead arrays are reused for the next
// ones (Heap::grow_elements). A reused buffer must not show the old array's contents: holes stay
// holes, lengths are the new array's, and arrays still alive keep their own elements.

function filled(n, seed) {
  const a = new Array(n);
  for (let i = 0; i < n; i++) a[i] = (i * 7 + seed) % 1000;
  return a;
}

function pushed(n, seed) {
  const a = [];
  for (let i = 0; i < n; i++) a.push(seed + i);
  return a;
}

function sum(a) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

const N = 70000;
const kept = [];
let total = 0;
for (let round = 0; round < 24; round++) {
  const a = filled(N, round);
  total += sum(a);
  const b = pushed(N + round, round * 3);
  total += sum(b) % 100000;
  // Every sixth round an array survives; the rest die.
  if (round % 6 === 0) kept.push(a);

  // Partly filled: the rest must read as holes, not as an earlier array's elements.
  const p = new Array(N);
  for (let i = 0; i < 1000; i++) p[i] = round;
  let holes = 0;
  for (let i = 995; i < 1005; i++) if (!(i in p)) holes++;
  if (holes !== 5 || p[1000] !== undefined || p.length !== N) console.log("round", round, "holes", holes, p[1000], p.length);
}
console.log("total", total);
console.log("kept", kept.length, kept.map((a) => a[0] + "/" + a[N - 1] + "/" + a.length).join(" "));
console.log("kept sums", kept.map(sum).join(" "));

// A shrunk array whose buffer is then outgrown, and arrays made by other means.
const s = filled(N, 5);
s.length = 10;
for (let i = 10; i < N; i++) s[i] = 1;
console.log("shrunk then grown", s.length, sum(s));
const c = filled(40000, 1).concat(filled(40000, 2));
console.log("concat", c.length, sum(c));
const sl = c.slice(100, 50000);
console.log("slice", sl.length, sum(sl));
