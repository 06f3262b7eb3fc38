// for-of over arrays (live length), strings (code points), Map, Set, arguments, and iterators
const arr = [1, 2, 3]; let s = 0;
for (const x of arr) { if (x === 1) arr.push(4); s += x; } console.log(s, arr.length);
for (const ch of "a😀b") console.log(ch, ch.length);
const m = new Map([["k1", 1], ["k2", 2]]); for (const [k, v] of m) console.log(k, v);
for (const k of m.keys()) console.log("key", k);
for (const v of new Set(["x", "y", "x"])) console.log("set", v);
function args() { const out = []; for (const a of arguments) out.push(a); return out.join("+"); }
console.log(args(1, "two", 3));
for (const [i, v] of ["a", "b"].entries()) console.log(i, v);
let last; for (last of [7, 8, 9]); console.log(last);
const obj = { list: [] }; for (obj.list[obj.list.length] of "xyz"); console.log(obj.list.join(""));
for (const x of [1, 2, 3, 4]) { if (x === 2) continue; if (x === 4) break; console.log("loop", x); }
try { for (const x of 5) {} } catch (e) { console.log(e.name); }
try { for (const x of { a: 1 }) {} } catch (e) { console.log(e.name); }
const sparse = [1, , 3]; for (const v of sparse) console.log("sparse", v);
const shorthand = { s, last, m }; console.log(Object.keys(shorthand).join(","), shorthand.s);
