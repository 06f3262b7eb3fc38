// sort: default order, comparators, stability, holes/undefined, generic receivers, V8-compatible call order.
function show(label, v) { console.log(label + ": " + v); }
function fmt(a) { var s = []; for (var i = 0; i < a.length; i++) s.push(i in a ? String(a[i]) : "<hole>"); return "[" + s.join(",") + "](" + a.length + ")"; }
var a, o, i;
// sort
show("sort default", fmt([10, 9, 1, 100, 25, -1, -10, -2, 0].sort()));
show("sort strs", fmt(["b", "a", "B", "aa", "", "é", "Z"].sort()));
show("sort undef", fmt([3, undefined, 1, , 2, undefined].sort()));
show("sort cmp", fmt([3, 1, 2, 10].sort(function (a, b) { return a - b; })));
show("sort desc", fmt([3, 1, 2, 10].sort(function (a, b) { return b - a; })));
show("sort mixed", fmt([1, "1", true, null, "null", NaN, "a", 0.5, 1e21, -0].sort()));
var people = [];
for (var i = 0; i < 40; i++) people.push({ age: i % 4, id: i });
people.sort(function (x, y) { return x.age - y.age; });
var out = [];
for (i = 0; i < people.length; i++) out.push(people[i].age + "/" + people[i].id);
show("stable", out.join(" "));
var nums = [];
var seed = 7;
for (i = 0; i < 100; i++) { seed = (seed * 1103515245 + 12345) % 2147483648; nums.push(seed % 1000); }
var sorted = nums.slice().sort(function (a, b) { return a - b; });
var ok = true;
for (i = 1; i < sorted.length; i++) if (sorted[i - 1] > sorted[i]) ok = false;
show("big sort ok", ok + " " + sorted.length + " " + sorted[0] + " " + sorted[99]);
show("big default sort", nums.slice().sort().slice(0, 12).join(","));
show("sort ret same", (a = [2, 1]).sort() === a);
show("sort bool cmp", fmt([3, 1, 2].sort(function (a, b) { return a > b; })));
show("sort NaN cmp", fmt([3, 1, 2].sort(function () { return NaN; })));
var o = {length: 4, 0: "d", 1: "a", 3: "c"};
Array.prototype.sort.call(o);
show("sort generic", o[0] + o[1] + o[2] + " " + (3 in o) + " " + o.length);
show("sort ints", fmt([-1, -2, -10, 5, 50, 4, 0, -0, 123, 12].sort()));
show("sort floats", fmt([1.5, 1.25, 10, 2, -1.5, 0.1].sort()));
a = [3, 2, 1];
seen = [];
a.sort(function (x, y) { seen.push(x + "" + y); return x - y; });
show("sort calls", seen.join(" ") + " => " + a.join());
a = [5, 4, 3, 2, 1, 0, 9, 8, 7, 6];
seen = [];
a.sort(function (x, y) { seen.push(x + "" + y); return x - y; });
show("sort calls 10", seen.join(" "));
a = [3, 1, 2];
a.sort(function (x, y) { a.push(99); return x - y; });
show("sort push", a.join());
try { [].sort(5); } catch (e) { show("sort bad", e.name); }
try { [2, 1].sort(function () { throw new RangeError("cmp"); }); } catch (e) { show("sort throws", e.name + " " + e.message); }
var seed = 12345;
function rnd(n) { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; }
var out = [];
var sizes = [0, 1, 2, 3, 5, 31, 32, 33, 63, 64, 65, 100, 129, 257];
for (var si = 0; si < sizes.length; si++) {
  var n = sizes[si];
  var a = [];
  for (var i = 0; i < n; i++) a.push({ k: rnd(si % 2 ? 10 : 1000), id: i });
  // partially sorted runs
  if (si % 3 === 0) a.sort(function (x, y) { return x.k - y.k; });
  if (si % 4 === 1) a.reverse();
  var calls = 0;
  var b = a.slice().sort(function (x, y) { calls++; return x.k - y.k; });
  var h = 0;
  for (i = 0; i < b.length; i++) h = (h * 31 + b[i].id * 7 + b[i].k) % 1000000007;
  var nums = a.map(function (o) { return o.k * (o.id % 3 ? 1 : -1) + o.id / 8; });
  var ds = nums.slice().sort().slice(0, 5).join(";");
  var ns = nums.slice().sort(function (x, y) { return y - x; });
  var h2 = 0; for (i = 0; i < ns.length; i++) h2 = (h2 * 31 + Math.floor(ns[i] * 8)) % 1000000007;
  var boolsorted = a.map(function (o) { return o.k; }).sort(function (x, y) { return x > y; });
  var h3 = 0; for (i = 0; i < boolsorted.length; i++) h3 = (h3 * 31 + boolsorted[i]) % 1000000007;
  out.push(n + ": " + h + " " + h2 + " " + ds + (n < 64 ? " calls=" + calls + " bool=" + h3 : ""));
}
console.log(out.join("\n"));
