// Callback-taking built-ins: callbacks that throw, mutate the array, or are not callable
const methods = ["forEach", "map", "filter", "some", "every", "find", "findIndex", "findLast", "findLastIndex", "reduce", "reduceRight", "flatMap"];
for (const m of methods) {
  try { [1, 2][m](undefined); console.log(m, "no error"); } catch (e) { console.log(m, e.name, e instanceof TypeError); }
  try { [1, 2][m](() => { throw new Error("cb " + m); }); console.log(m, "no throw"); } catch (e) { console.log(m, "propagated", e.message); }
}
try { [3, 1, 2].sort(() => { throw new RangeError("cmp"); }); } catch (e) { console.log("sort", e.name, e.message); }
try { [3, 1].sort("not a function"); } catch (e) { console.log("sort", e.name); }
try { new Map([[1, 2]]).forEach(5); } catch (e) { console.log("Map.forEach", e.name); }
try { new Set([1]).forEach(null); } catch (e) { console.log("Set.forEach", e.name); }
try { Array.from([1], "x"); } catch (e) { console.log("Array.from", e.name); }
// Mutation during iteration: length is read once, later elements are seen as they are then.
const a = [1, 2, 3, 4];
const seen = [];
a.forEach((x, i) => { seen.push(x); if (i === 0) { a.push(99); a[2] = 30; } if (i === 1) a.pop(); });
console.log(seen.join(","), a.join(","));
const b = [1, 2, 3];
console.log(b.map((x, i) => { if (i === 0) b.length = 1; return x * 2; }).join("|"), b.length);
const c = [1, 2, 3, 4, 5];
console.log(c.filter((x, i, arr) => { if (i === 1) arr.splice(2, 1); return x % 2; }).join(","));
const d = [5, 6, 7];
console.log(d.find((x, i) => { if (i === 0) d.length = 1; return x === undefined; }), d.findIndex(x => x === 6));
const e = [1, 2, 3];
console.log(e.reduce((acc, x, i, arr) => { if (i === 1) arr.push(100); return acc + x; }, 0), e.length);
const f = [1, , 3];
let visits = 0; f.forEach(() => visits++); console.log("holes skipped", visits, f.map(x => x * 2).length, 1 in f.map(x => x));
const g = [3, 1, 2]; g.sort((x, y) => { g.push(0); return x - y; }); console.log(g.slice(0, 3).join(","));
const m = new Map([["a", 1], ["b", 2]]); const mk = [];
m.forEach((v, k) => { mk.push(k); if (k === "a") { m.delete("b"); m.set("c", 3); } }); console.log(mk.join(","));
console.log([1, 2, 3].every(function (x) { return this.limit > x; }, { limit: 4 }), [1, 2].some(x => x > 1));
console.log([[1], [2, [3]]].flatMap(x => x).length, [1, 2].reduceRight((acc, x) => acc + x));
