// for (let ...) creates a fresh binding per iteration
const fs = [];
for (let i = 0; i < 4; i++) {
  fs.push(() => i);
}
console.log(fs.map((f) => f()).join(","));

// mutation within the body is seen by that iteration's closure and copied forward
const gs = [];
for (let i = 0; i < 6; i++) {
  gs.push(() => i);
  i++;
}
console.log(gs.map((f) => f()).join(","));

// closures in the update expression / condition see the current iteration binding
const hs = [];
for (let i = 0; hs.push(() => i), i < 2; i++) {}
console.log(hs.map((f) => f()).join(","));

// for-of and for-in with let/const
const os = [];
for (const v of ["a", "b", "c"]) os.push(() => v);
console.log(os.map((f) => f()).join(","));
const ks = [];
for (let k in { x: 1, y: 2 }) ks.push(() => k);
console.log(ks.map((f) => f()).join(","));

// closure modifying its own iteration's variable
const counters = [];
for (let i = 0; i < 3; i++) {
  counters.push(() => ++i);
}
console.log(counters[0](), counters[0](), counters[1](), counters[2]());

// while loop with let inside body: fresh per iteration
const ws = [];
let n = 0;
while (n < 3) {
  let captured = n * 10;
  ws.push(() => captured);
  n++;
}
console.log(ws.map((f) => f()).join(","));

// var vs let comparison in nested loops
const grid = [];
for (let r = 0; r < 2; r++) {
  for (let c = 0; c < 2; c++) {
    grid.push(() => r + ":" + c);
  }
}
console.log(grid.map((f) => f()).join(" "));

// break out of loop keeps last binding for closure
let last;
for (let i = 0; i < 10; i++) {
  last = () => i;
  if (i === 3) break;
}
console.log(last());
