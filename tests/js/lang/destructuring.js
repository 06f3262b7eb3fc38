// Destructuring in declarations, parameters, assignments and for-of heads, with defaults
const [a, [b, c = 3], ...rest] = [1, [2], 4, 5];
console.log(a, b, c, rest.length, rest[1]);
const { x, y: { z = "dz" } = {}, ...others } = { x: 10, w: 1, v: 2 };
console.log(x, z, Object.keys(others).join(","));
function f({ p = 1, q } = {}, [r, s] = [7, 8]) { return [p, q, r, s].join("|"); }
console.log(f(), f({ q: 2 }), f({ p: 0, q: null }, [9]));
let m, n;
[m, n] = [n, m] = [5, 6];
console.log(m, n);
({ m, n = 99 } = { m: "mm" });
console.log(m, n);
const pairs = [[1, "one"], [2, "two"]];
for (const [num, word] of pairs) console.log(num, word);
for (const { length } of ["ab", "cde"]) console.log(length);
const [, , third = "none"] = [1, 2];
console.log(third);
const { ["comp" + "uted"]: cv = "d" } = { computed: "yes" };
console.log(cv);
try { const { a: aa } = null; } catch (e) { console.log(e.name); }
try { const [q1] = undefined; } catch (e) { console.log(e.name); }
const swap = ([u, v]) => [v, u];
console.log(swap([1, 2]).join());
const str = "hi";
const [h, i2] = str;
console.log(h, i2);
const { length: len, 0: first } = "hello";
console.log(len, first);
