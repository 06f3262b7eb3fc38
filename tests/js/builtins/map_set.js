const m = new Map([["a", 1], ["b", 2]]);
m.set(NaN, "nan").set(-0, "zero");
console.log(m.size, m.get("a"), m.get(NaN), m.get(0), m.has("b"), m.delete("b"), m.has("b"), m.size);
for (const [k, v] of m) console.log(k, v);
m.forEach((v, k) => { if (k === "a") m.set("late", 9); console.log("fe", k, v); });
console.log([...m.keys()].join(","), [...m.values()].join(","));
const s = new Set([1, 2, 2, 3, "3"]);
console.log(s.size, s.has(2), s.has("2"));
for (const x of s) { if (x === 1) s.delete(2); console.log(x); }
console.log([...s.entries()].map(e => e.join(":")).join(" "));
try { Map() } catch (e) { console.log(e.name) }
const it = [10, 20].entries(); console.log(JSON === undefined ? "" : "", it.next().value.join("/"), it.next().done, it.next().done);
