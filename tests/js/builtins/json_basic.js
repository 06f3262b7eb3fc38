console.log(JSON.stringify({ a: 1, b: [1, "x", null, undefined, () => 1], c: { d: true }, e: undefined, f: -0, g: NaN, h: "q\"\n\u0001" }));
console.log(JSON.stringify([1, { a: 2 }], null, 2));
console.log(JSON.stringify({ a: 1, b: 2, c: 3 }, ["c", "a"]), JSON.stringify({ a: 1, b: "x" }, (k, v) => typeof v === "number" ? v * 10 : v, "--"));
console.log(JSON.stringify({ toJSON() { return { z: 1 } } }), JSON.stringify("s"), JSON.stringify(undefined), JSON.stringify(new Number(3)), JSON.stringify({}), JSON.stringify([]), JSON.stringify([[]], null, 1));
const p = JSON.parse('{"a":[1,2,{"b":null}],"c":"\\u0041\\n","d":-1.5e3, "e": true}');
console.log(p.a[2].b, p.c, p.d, p.e, p.a.length);
console.log(JSON.parse("[1,2,3]", (k, v) => typeof v === "number" ? v + 1 : v).join(","));
for (const bad of ["{", "[1,]", "{'a':1}", "01", "\"abc", "tru", ""]) { try { JSON.parse(bad); console.log("ok?", bad) } catch (e) { console.log(e.name) } }
const cyc = {}; cyc.self = cyc; try { JSON.stringify(cyc) } catch (e) { console.log(e.name) }
