// indexOf/lastIndexOf/includes/find*/at, keys/values/entries + next(), getters read once, callback errors.
function show(label, v) { console.log(label + ": " + v); }
function fmt(a) { var s = []; for (var i = 0; i < a.length; i++) s.push(i in a ? String(a[i]) : "<hole>"); return "[" + s.join(",") + "](" + a.length + ")"; }
var a, o, visited, it, r, out;
// indexOf / lastIndexOf / includes
a = [1, 2, 3, 2, 1, NaN, "2", undefined, , null, -0];
show("indexOf", a.indexOf(2) + " " + a.indexOf(2, 2) + " " + a.indexOf(2, -8) + " " + a.indexOf(9) + " " + a.indexOf(NaN) + " " + a.indexOf("2") + " " + a.indexOf(undefined) + " " + a.indexOf(null) + " " + a.indexOf(0) + " " + a.indexOf(1, 100) + " " + a.indexOf(1, -100));
show("lastIndexOf", a.lastIndexOf(2) + " " + a.lastIndexOf(2, 2) + " " + a.lastIndexOf(2, -8) + " " + a.lastIndexOf(1, -100) + " " + a.lastIndexOf(1, 100) + " " + a.lastIndexOf(NaN) + " " + a.lastIndexOf(undefined) + " " + a.lastIndexOf(1, -7) + " " + a.lastIndexOf(1, -6) + " " + a.lastIndexOf(1, undefined) + " " + [1].lastIndexOf(1, -1) + " " + [1].lastIndexOf(1, -2));
show("includes", a.includes(NaN) + " " + a.includes(undefined) + " " + a.includes(0) + " " + a.includes(-0) + " " + a.includes(2, 4) + " " + a.includes(1, -7) + " " + [,].includes(undefined) + " " + [].includes(undefined) + " " + [1,2,3].includes(3, -1) + " " + [1,2,3].includes(1, 3));
show("generic idx", Array.prototype.indexOf.call({length: 3, 0: "a", 1: "b", 2: "c"}, "c") + " " + Array.prototype.includes.call("abc", "b") + " " + Array.prototype.lastIndexOf.call({length: 2, 0: 5, 1: 5}, 5));
// find family
a = [5, 12, , 8, 130, 44];
var visited = [];
show("find", a.find(function (x, i) { visited.push(i + "=" + x); return x > 10; }) + " " + visited.join(" "));
show("findIndex", a.findIndex(function (x) { return x > 100; }) + " " + a.findIndex(function (x) { return x > 1000; }));
show("findLast", a.findLast(function (x) { return x < 10; }) + " " + a.findLast(function () { return false; }));
show("findLastIndex", a.findLastIndex(function (x) { return x < 10; }) + " " + a.findLastIndex(function () { return false; }));
visited = [];
a.findLast(function (x, i, arr) { visited.push(i + "=" + x + (arr === a)); return false; });
show("findLast visits", visited.join(" "));
visited = [];
show("find holes", [, , 1].findIndex(function (x, i) { visited.push(String(x)); return x === undefined; }) + " " + visited.join(" "));
show("find thisArg", [1, 2, 3].find(function (x) { return x === this.t; }, {t: 2}));
a = [1, 2, 3];
visited = [];
a.find(function (x, i) { if (i === 0) { a.push(99); a[2] = "m"; } visited.push(x); });
show("find mutate", visited.join(" ") + " " + a.length);
// keys/values/entries
a = ["a", , "c"];
var it = a.keys();
var r = it.next(); show("keys next", r.value + " " + r.done);
r = it.next(); show("keys next", r.value + " " + r.done);
r = it.next(); show("keys next", r.value + " " + r.done);
r = it.next(); show("keys next", r.value + " " + r.done);
r = it.next(); show("keys next again", r.value + " " + r.done);
out = [];
for (var v of a.values()) out.push(String(v));
show("values", out.join(" "));
out = [];
for (var [k, v2] of a.entries()) out.push(k + "=" + v2);
show("entries", out.join(" "));
a = [1, 2];
it = a.values();
out = [];
for (var x of it) { out.push(x); if (x === 1) a.push(3); }
show("values live", out.join(" "));
it = Array.prototype.values.call({length: 2, 0: "p", 1: "q"});
show("values generic", it.next().value + it.next().value + it.next().done);
it = Array.prototype.entries.call("hi");
show("entries str", it.next().value.join(":"));
// at
a = [1, 2, 3];
show("at", a.at(0) + " " + a.at(-1) + " " + a.at(3) + " " + a.at(-4) + " " + a.at() + " " + a.at(1.9) + " " + a.at("1") + " " + a.at(NaN));
show("at generic", Array.prototype.at.call("abc", -1));
// length read once, getters on array-likes
var log = [];
var al = { get length() { log.push("len"); return 3; }, get 0() { log.push("g0"); return "a"; }, 1: "b", get 2() { log.push("g2"); return "c"; } };
Array.prototype.map.call(al, function (x) { return x; });
show("map getters", log.join(" "));
log = [];
Array.prototype.forEach.call(al, function () {});
Array.prototype.indexOf.call(al, "c");
Array.prototype.includes.call(al, "zz");
show("getters 2", log.join(" "));
log = [];
show("join getters", Array.prototype.join.call(al, "/") + " " + log.join(" "));
// errors from callbacks
var names = ["forEach", "map", "filter", "some", "every", "find", "findIndex", "findLast", "findLastIndex", "reduce", "reduceRight", "flatMap"];
for (var i = 0; i < names.length; i++) {
  try { [1][names[i]](); show("nothrow", names[i]); } catch (e) { show(names[i] + " undefined", e.name + " " + (e instanceof TypeError)); }
  try { [1][names[i]]({}); } catch (e) { show(names[i] + " obj", e.name); }
  try { [][names[i]](5); } catch (e) { show(names[i] + " empty-arr", e.name); }
  try { [1][names[i]](function () { throw new Error("boom-" + names[i]); }); } catch (e) { show(names[i] + " throws", e.message); }
}
try { [].sort(5); } catch (e) { show("sort bad", e.name); }
try { [2, 1].sort(function () { throw new RangeError("cmp"); }); } catch (e) { show("sort throws", e.name + " " + e.message); }
