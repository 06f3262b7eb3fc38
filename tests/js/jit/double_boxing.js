// Unboxed double results written to fields, elements, Map keys and return values: fractions
// stay doubles, integral results in int32 range become the same values as int literals (Map
// keys, indices, ===), -0 stays -0, NaN stays NaN, and integral values out of int32 range
// stay doubles. Each result comes out of compiled double arithmetic in the hot loop.

const inputs = [
  [0.5, 0.5], [0.25, 0.75], [-0.5, 0], [0, 0], [1, 2147483647], [-1, -2147483647],
  [1.5, 2147483646.5], [1e300, 1e300], [-1e308, -1e308], [3.7, 0.1], [-3.7, -0.1],
  [0.1, 0.2], [Infinity, -Infinity], [2147483648, 0.5], [-2147483648.25, 0.25], [4294967296.5, 0.5],
];

class Cell { constructor() { this.v = 0.5; this.w = 0.5; } }

function compute(a, b, cell, arr, i) {
  const s = a * 1.0 + b;          // double add (a, b doubles or ints seen as doubles)
  const p = (a - b) * 0;          // -0 for a < b, NaN for infinities
  cell.v = s;
  cell.w = p;
  arr[i] = s;
  return s / 1.0;
}

function describe(x) {
  if (x !== x) return "NaN";
  if (x === 0 && 1 / x < 0) return "-0";
  return String(x) + (Number.isInteger(x) && x >= -2147483648 && x <= 2147483647 ? ":int" : "");
}

let out = [];
for (let round = 0; round < 400; round++) {
  out = [];
  const arr = new Array(inputs.length).fill(0.5);
  const m = new Map();
  for (let i = 0; i < inputs.length; i++) {
    const cell = new Cell();
    const r = compute(inputs[i][0], inputs[i][1], cell, arr, i);
    m.set(cell.v, i);
    out.push(describe(r) + " " + describe(cell.v) + " " + describe(cell.w) + " " + describe(arr[i]));
  }
  // Integral results are the same keys and indices as the int literals.
  out.push("map 1:" + m.get(1) + " 0:" + m.get(0) + " 2147483648:" + m.get(2147483648) + " 2147483646.5 absent:" + m.get(2147483646.5));
  const idx = new Cell();
  compute(0.5, 1.5, idx, arr, 0);
  out.push("index " + ["a", "b", "c"][idx.v] + " strict " + (idx.v === 2) + " switch " + (() => { switch (idx.v) { case 2: return "two"; default: return "other"; } })());
}
console.log(out.join("\n"));
