// Set: add/has/delete/clear, SameValueZero, live forEach/iteration, keys === values, errors, subclassing.
function show(label, v) { console.log(label + ": " + v); }
var s = new Set();
show("empty", s.size + " " + s.has(undefined));
show("add ret", s.add(1) === s);
s.add(2).add(2).add("2").add(NaN).add(NaN).add(-0).add(0).add(undefined).add(null);
show("size", s.size);
show("has", s.has(1) + " " + s.has("1") + " " + s.has(NaN) + " " + s.has(0) + " " + s.has(-0) + " " + s.has(undefined) + " " + s.has(null) + " " + s.has());
var zs = []; s.forEach(function (v) { if (v === 0) zs.push(1 / v); });
show("-0 normalized", zs.join(","));
show("values", Array.from(s).map(String).join(","));
show("delete", s.delete(2) + " " + s.delete(2) + " " + s.delete(NaN) + " " + s.size);
var o = {};
s = new Set([o, o, {}, [], "abc", "abc"]);
show("objs", s.size + " " + s.has(o) + " " + s.has({}));
s = new Set("hello");
show("from string", Array.from(s).join("") + " " + s.size);
s = new Set([3, 1, 3, 2, 1]);
var out = [];
s.forEach(function (v, k, set) { out.push(v + "/" + k + (set === s) + this.x); }, {x: "!"});
show("forEach", out.join(" "));
out = [];
s.forEach(function (v) { out.push(v); if (v === 3) { s.delete(1); s.add(4); } if (v === 4) s.add(5); });
show("forEach live", out.join(" "));
out = [];
for (var v of s) out.push(v);
show("for-of", out.join(" "));
show("keys===values", Set.prototype.keys === Set.prototype.values);
show("keys", Array.from(s.keys()).join() + " | " + Array.from(s.values()).join());
out = [];
for (var e of s.entries()) out.push(e[0] + "=" + e[1] + "/" + e.length);
show("entries", out.join(" "));
var it = s.values();
show("next", it.next().value + " " + it.next().value);
s.clear();
var r = it.next();
show("after clear", r.value + " " + r.done + " " + s.size);
s.add("late");
r = it.next();
show("after clear add", r.value + " " + r.done);
out = [];
s = new Set([1, 2, 3]);
for (var x of s) { out.push(x); if (x === 1) { s.delete(1); s.add(1); } if (out.length > 10) break; }
show("readd during iter", out.join(" "));
// dedupe idiom
show("dedupe", Array.from(new Set([5, 1, 5, 2, 1, 9])).join(","));
show("spread", [...new Set("aabbc")].join(""));
// ctor errors
try { Set(); } catch (e2) { show("Set()", e2.name + " " + e2.message); }
try { new Set(5); } catch (e2) { show("Set(5)", e2.name); }
try { new Set({}); } catch (e2) { show("Set({})", e2.name); }
show("Set(null)", new Set(null).size + " " + new Set(undefined).size + " " + new Set().size);
show("from map", new Set(new Map([[1, 2]])).size);
var names = ["add", "has", "delete", "clear", "forEach", "values", "entries"];
for (var i = 0; i < names.length; i++) {
  try { Set.prototype[names[i]].call(new Map(), function () {}); show("recv " + names[i], "no throw"); } catch (e2) { show("recv " + names[i], e2.name + " " + e2.message); }
}
try { new Set().forEach("x"); } catch (e2) { show("forEach bad", e2.name); }
try { new Set([1]).forEach(function () { throw new TypeError("cb"); }); } catch (e2) { show("forEach throw", e2.name + " " + e2.message); }
show("meta", typeof Set + " " + Set.name + " " + Set.length + " " + Set.prototype.add.length + " " + Map.prototype.set.length + " " + Object.prototype.toString.call(new Set()));
class Tagged extends Set { add(v) { return super.add("t:" + v); } }
var ts = new Tagged([1, 2]);
show("subclass", Array.from(ts).join(",") + " " + (ts instanceof Set) + " " + ts.size);
show("getter name", Object.getOwnPropertyDescriptor(Set.prototype, "size").get.name + " " + Object.getOwnPropertyDescriptor(Map.prototype, "size").get.name);
var big = new Set();
for (i = 0; i < 600; i++) big.add(i % 200);
show("big", big.size + " " + big.has(199) + " " + big.has(200));
