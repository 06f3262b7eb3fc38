// Strict equality with null, undefined, true or false compiles to an identity compare (no type
// check): every kind of value on the other side, including -0, NaN and strings.
function f(x) { return [x === null, x !== null, x === undefined, null === x, x !== true, x === false]; }
const vals = [null, undefined, 0, -0, NaN, "", "null", true, false, {}, [], 1.5, 2 ** 40];
const out = [];
for (let k = 0; k < 40; k++) for (const v of vals) out.push(f(v).map(Number).join(""));
console.log(out.slice(-vals.length).join(" "));
// In a loop condition, as in linked-list walks.
function len(node) { let n = 0; while (node !== null) { n++; node = node.next; } return n; }
let list = null;
for (let i = 0; i < 50; i++) list = { next: list, v: i };
let total = 0;
for (let k = 0; k < 30; k++) total += len(list);
console.log(total);
