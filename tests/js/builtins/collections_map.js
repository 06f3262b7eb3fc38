// Map: get/set/has/delete/clear, SameValueZero keys, order, live forEach/iteration, receivers, subclassing.
function show(label, v) { console.log(label + ": " + v); }
var m = new Map();
show("empty size", m.size);
show("set ret", m.set("a", 1) === m);
m.set("b", 2).set("c", 3);
show("get", m.get("a") + " " + m.get("z") + " " + m.size);
m.set("a", 10);
show("overwrite keeps order", Array.from(m.keys()).join(",") + " " + m.get("a"));
show("has", m.has("a") + " " + m.has("zz") + " " + m.has());
show("delete", m.delete("b") + " " + m.delete("b") + " " + m.size + " " + Array.from(m.keys()).join(","));
m.set("b", 20);
show("readd goes last", Array.from(m.keys()).join(","));
// key semantics
var k1 = {}, k2 = {};
m = new Map([[k1, "o1"], [k2, "o2"], [NaN, "nan"], [0, "zero"], ["0", "szero"], [null, "null"], [undefined, "undef"], [true, "t"]]);
show("obj keys", m.get(k1) + " " + m.get(k2) + " " + m.get({}));
show("NaN key", m.get(NaN) + " " + m.has(0 / 0));
show("-0 key", m.get(-0) + " " + m.get(0) + " " + m.get("0"));
m.set(-0, "negzero");
var ks = []; m.forEach(function (v, k) { if (k === 0) ks.push(1 / k); });
show("-0 normalized", ks.join(",") + " " + m.get(0));
show("null/undef", m.get(null) + " " + m.get(undefined) + " " + m.get() + " " + m.get(true) + " " + m.get(1));
var m2 = new Map(); m2.set(1, "int"); m2.set(1.0, "float");
show("1 vs 1.0", m2.size + " " + m2.get(1));
m2.set(0.5, "half"); m2.set(2 ** 40, "big"); m2.set("1", "str");
show("num keys", m2.get(0.5) + " " + m2.get(1099511627776) + " " + m2.get("1") + " " + m2.size);
// forEach
m = new Map([["x", 1], ["y", 2], ["z", 3]]);
var out = [];
m.forEach(function (v, k, map) { out.push(k + "=" + v + (map === m) + this.t); if (k === "x") { m.delete("y"); m.set("w", 4); } }, {t: "!"});
show("forEach live", out.join(" "));
out = [];
m = new Map([[1, 1]]);
m.forEach(function (v, k) { out.push(k); if (k < 5) m.set(k + 1, 0); });
show("forEach adds", out.join(" "));
out = [];
m = new Map([[1, 1], [2, 2], [3, 3]]);
m.forEach(function (v, k) { out.push(k); if (k === 1) { m.clear(); m.set(9, 9); } });
show("forEach clear", out.join(" "));
try { m.forEach(); } catch (e) { show("forEach no fn", e.name); }
try { m.forEach(function () { throw new Error("inner"); }); } catch (e) { show("forEach throws", e.message); }
// iterators
m = new Map([["a", 1], ["b", 2]]);
out = [];
for (var [k, v] of m) out.push(k + v);
show("for-of", out.join(" "));
out = [];
for (var e of m.entries()) out.push(e.join("~"));
show("entries", out.join(" "));
show("keys/values", Array.from(m.keys()).join() + " " + Array.from(m.values()).join());
var it = m.keys();
var r = it.next(); show("next", r.value + " " + r.done);
m.delete("b"); m.set("c", 3);
r = it.next(); show("next live", r.value + " " + r.done);
r = it.next(); show("next end", r.value + " " + r.done);
m.set("d", 4);
r = it.next(); show("next after end", r.value + " " + r.done);
out = [];
m = new Map([[1, "a"], [2, "b"], [3, "c"]]);
for (var [k3] of m) { out.push(k3); if (k3 === 1) m.delete(2); if (k3 === 3) m.set(4, "d"); }
show("for-of live", out.join(" "));
// clear
m.clear();
show("clear", m.size + " " + m.has(1) + " " + Array.from(m).length);
// constructor
try { Map(); } catch (e) { show("Map()", e.name + " " + e.message); }
try { new Map([1, 2]); } catch (e) { show("bad entry", e.name); }
try { new Map(5); } catch (e) { show("non-iterable", e.name); }
show("Map(null)", new Map(null).size + " " + new Map(undefined).size);
show("from map", new Map(new Map([[1, 2]])).get(1));
show("from entries", new Map([[1, 2], [3, 4]].entries()).size);
show("entries arrays-like", new Map([{0: "k", 1: "v"}]).get("k"));
// incompatible receivers
var names = ["get", "set", "has", "delete", "clear", "forEach", "keys", "values", "entries"];
for (var i = 0; i < names.length; i++) {
  try { Map.prototype[names[i]].call({}, function () {}); show("recv " + names[i], "no throw"); } catch (e) { show("recv " + names[i], e.name + " " + e.message); }
}
try { Map.prototype.get.call(new Set(), 1); } catch (e) { show("set as map", e.name); }
try { var s = Object.getOwnPropertyDescriptor(Map.prototype, "size"); show("size desc", typeof s.get + " " + s.set + " " + s.enumerable + " " + s.configurable); s.get.call({}); } catch (e) { show("size recv", e.name + " " + e.message); }
show("typeof", typeof Map + " " + Map.name + " " + Map.length + " " + (m instanceof Map) + " " + (Object.getPrototypeOf(m) === Map.prototype) + " " + (Map.prototype.constructor === Map));
show("toString", Object.prototype.toString.call(m));
class MyMap extends Map { constructor(x) { super(x); this.extra = 1; } sum() { var t = 0; this.forEach(function (v) { t += v; }); return t; } }
var mm = new MyMap([[1, 5], [2, 6]]);
show("subclass", mm.sum() + " " + (mm instanceof Map) + " " + (mm instanceof MyMap) + " " + mm.size + " " + mm.extra);
// large
m = new Map();
for (i = 0; i < 500; i++) m.set("k" + i, i);
for (i = 0; i < 500; i += 2) m.delete("k" + i);
var t = 0; m.forEach(function (v) { t += v; });
show("large", m.size + " " + t + " " + m.get("k499") + " " + m.get("k498"));
