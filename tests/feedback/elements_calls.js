// Element sites: packed -> holey, in-bounds -> out-of-bounds, growing stores; call sites
// monomorphic -> megamorphic.
function read(a, i) { return a[i]; }
function write(a, i, v) { a[i] = v; }
function packed(a, i) { return a[i]; }
function invoke(f) { return f(); }
const arr = [1, 2, 3];
for (let i = 0; i < 3; i++) { read(arr, i); packed(arr, i); }
read([1, , 3], 1);
read(arr, 10);
read([1.5, "s"], 1);
const grow = [];
for (let i = 0; i < 3; i++) write(grow, i, i);
write(arr, 0, 7);
function one() { return 1; }
function two() { return 2; }
invoke(one); invoke(one);
function onlyOne(f) { return f(); }
onlyOne(one);
invoke(two);
