// GC acceptance: 10^8 short-lived objects; resident memory must stay flat after warm-up.
const N = 100000000;
let acc = 0;
for (let i = 0; i < N; i++) {
  const p = { x: i, y: i + 1 };
  acc = (acc + p.y - p.x) | 0;
}
console.log("short_lived", acc);
