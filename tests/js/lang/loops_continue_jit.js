// Loops whose body ends in `continue` compile to a jump to the very next instruction (a
// block boundary the optimizing tier must respect); nested per-iteration `let` bindings.
var count = 0;
for (let x = 0; x < 10;) {
  x++;
  for (let y = 0; y < 2;) {
    y++;
    count++;
    continue;
  }
}
console.log(count);
let fns = [];
outer: for (let i = 0; i < 4; i++) {
  for (let j = 0; j < 4; j++) {
    if (j === i) continue outer;
    if ((i + j) % 2) continue;
    fns.push(() => i * 10 + j);
  }
}
console.log(fns.map(f => f()).join(","));
function shadow(x) {
  for (let x = 0; x < 3; x++) { continue; }
  return x;
}
console.log(shadow(42), shadow("s"));
