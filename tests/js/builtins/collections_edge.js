// Map/Set constructors call the (overridable) adder, error messages, iterator next(), churn.
function show(label, v) { console.log(label + ": " + v); }
var log = [];
class LogMap extends Map { set(k, v) { log.push(k + "=" + v); return super.set(k, v * 10); } }
var lm = new LogMap([["a", 1], ["b", 2]]);
show("map adder", log.join(" ") + " " + lm.get("a") + " " + lm.size + " " + (lm instanceof LogMap));
var saved = Map.prototype.set;
Map.prototype.set = function (k, v) { log.push("patched " + k); return saved.call(this, k, v); };
log = [];
var pm = new Map([[1, 2]]);
show("patched adder", log.join(" ") + " " + pm.get(1));
Map.prototype.set = 5;
try { new Map([[1, 2]]); } catch (e) { show("bad adder", e.name + ": " + e.message); }
show("no iterable ok", new Map().size);
Map.prototype.set = saved;
var savedAdd = Set.prototype.add;
Set.prototype.add = function (v) { log.push("add " + v); return savedAdd.call(this, v); };
log = [];
new Set([1, 2]);
show("patched set adder", log.join(" "));
Set.prototype.add = savedAdd;
try { new Map("ab"); } catch (e) { show("map from string", e.name + ": " + e.message); }
try { new Map([null]); } catch (e) { show("null entry", e.name + ": " + e.message); }
try { new Map([[1, 2], 3]); } catch (e) { show("num entry", e.name + ": " + e.message); }
try { new Set(5); } catch (e) { show("set 5", e.name + ": " + e.message); }
try { new Set({}); } catch (e) { show("set obj", e.name + ": " + e.message); }
try { new Set(true); } catch (e) { show("set bool", e.name + ": " + e.message); }
try { Set(); } catch (e) { show("Set()", e.name + ": " + e.message); }
try { new Map().forEach(5); } catch (e) { show("forEach 5", e.message); }
try { new Map().forEach("s"); } catch (e) { show("forEach s", e.message); }
try { new Map().forEach(null); } catch (e) { show("forEach null", e.message); }
try { new Set().forEach({}); } catch (e) { show("forEach obj", e.message); }
try { new Set().forEach(); } catch (e) { show("forEach undef", e.message); }
var s = new Set([[1, 2], [1, 2]]);
show("array values distinct", s.size);
var m = new Map([["x", 1]]);
var it = m[Object.getOwnPropertyNames(Map.prototype).indexOf("entries") >= 0 ? "entries" : "keys"]();
show("entries next", it.next().value.join("/"));
try { it.next.call({}); } catch (e) { show("next bad recv", e.name); }
show("string keys", new Map([["1", "s"], [1, "n"]]).get("1") + " " + new Map([["1", "s"], [1, "n"]]).get(1));
var big = new Map();
for (var i = 0; i < 1000; i++) big.set(i, i);
for (i = 0; i < 1000; i++) big.delete(i);
big.set("only", 1);
var ks = []; for (var k of big.keys()) ks.push(k);
show("after churn", big.size + " " + ks.join());
var sym = new Set(); sym.add(undefined); sym.add(null); sym.add(false); sym.add(0); sym.add("");
show("falsy", sym.size + " " + sym.has(undefined) + sym.has(null) + sym.has(false) + sym.has(0) + sym.has(""));
show("size props", typeof Object.getOwnPropertyDescriptor(Map.prototype, "size").get + " " + ("size" in new Map()) + " " + Object.keys(new Map([[1, 1]])).length);
show("proto listing", Object.getOwnPropertyNames(Map.prototype).join() + " | " + Object.getOwnPropertyNames(Set.prototype).join());
show("iter proto next", typeof Object.getPrototypeOf(new Map().keys()).next + " " + typeof Object.getPrototypeOf([].keys()).next);
show("spread", [...new Map([[1, 2]])].join("|") + " " + [...new Set([3, 4]).entries()].join("|"));
var dm = new Map([[1, 1], [2, 2], [3, 3]]);
var order = [];
for (var [k2] of dm) { order.push(k2); if (k2 === 2) { dm.delete(1); dm.set(1, 1); } if (order.length > 10) break; }
show("reinsert during iter", order.join());
for (const r of [1,"abc",undefined,null,[1,2],new Set(), {a:1}, Object.create(null), new (class Foo{})]) try{Map.prototype.get.call(r)}catch(e){console.log(e.message)}
for (const r of [new Map(), {}]) try{Set.prototype.add.call(r)}catch(e){console.log(e.message)}
try { Object.getOwnPropertyDescriptor(Set.prototype, "size").get.call(new Map()) } catch (e) { console.log(e.message) }
