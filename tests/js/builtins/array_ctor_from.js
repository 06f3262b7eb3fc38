// Array constructor, Array.isArray, Array.of, Array.from (iterables, array-likes, map fn, other constructors).
function show(label, v) { console.log(label + ": " + v); }
function fmt(a) { var s = []; for (var i = 0; i < a.length; i++) s.push(i in a ? String(a[i]) : "<hole>"); return "[" + s.join(",") + "](" + a.length + ")"; }
// constructor
show("A()", fmt(Array()));
show("A(3)", fmt(Array(3)));
show("new A(3)", fmt(new Array(3)));
show("new A(1,2)", fmt(new Array(1, 2)));
show("new A('3')", fmt(new Array("3")));
try { new Array(-1); } catch (e) { show("A(-1)", e.name + " " + (e instanceof RangeError)); }
try { new Array(1.5); } catch (e) { show("A(1.5)", e.name); }
try { Array(4294967296); } catch (e) { show("A(2^32)", e.name); }
var big = new Array(4294967295);
show("big.length", big.length);
show("big[5]", big[5]);
big[4294967294] = "last";
show("big last", big[4294967294] + " " + big.length);
show("big.at(-1)", big.at(-1));
show("isArray", Array.isArray([]) + " " + Array.isArray({length: 0}) + " " + Array.isArray("x") + " " + Array.isArray(Array.prototype));
show("of", fmt(Array.of(7)) + " " + fmt(Array.of(1, 2, 3)) + " " + fmt(Array.of()));
// from
show("from arr", fmt(Array.from([1, 2, 3])));
show("from str", fmt(Array.from("héllo")));
show("from len", fmt(Array.from({length: 3})));
show("from alike", fmt(Array.from({length: 2, 0: "a", 1: "b", 2: "c"})));
show("from map", fmt(Array.from([1, 2, 3], function (x, i) { return x * 10 + i; })));
show("from this", fmt(Array.from([1, 2], function (x) { return x + this.k; }, {k: 100})));
show("from Map", fmt(Array.from(new Map([[1, "a"], [2, "b"]])).map(function (e) { return e.join(":"); })));
show("from Set", fmt(Array.from(new Set([3, 3, 4]))));
show("from keys", fmt(Array.from(["a", "b"].keys())));
show("from entries", fmt(Array.from(["a", "b"].entries(), function (e) { return e[0] + "=" + e[1]; })));
show("from sparse", fmt(Array.from([1, , 3])));
show("from num", fmt(Array.from(5)));
try { Array.from(null); } catch (e) { show("from null", e.name); }
try { Array.from([1], 5); } catch (e) { show("from bad fn", e.name); }
// Array.from variants
show("from set map fn", Array.from(new Set([1, 2, 3]), function (x, i) { return x * i; }).join());
show("from map entries", Array.from(new Map([["a", 1]]).entries()).join("|"));
show("from iterator partially consumed", (function () { var it = [1, 2, 3].values(); it.next(); return Array.from(it).join(); })());
show("from args", (function () { return Array.from(arguments).join("-"); })(1, 2, 3));
show("from string surrogates", Array.from("a😀b").length);
show("from undefined mapfn", Array.from([1, 2], undefined).join());
// Array.of / from on other constructors
function Box(n) { this.made = n; }
var bx = Array.of.call(Box, "x", "y");
show("of Box", (bx instanceof Box) + " " + bx.made + " " + bx.length + " " + bx[1]);
var bf = Array.from.call(Box, { length: 2, 0: "p", 1: "q" });
show("from Box", (bf instanceof Box) + " " + bf.made + " " + bf.length + " " + bf[0]);
var bi = Array.from.call(Box, [7, 8]);
show("from Box iter", (bi instanceof Box) + " " + bi.made + " " + bi.length + " " + bi[1]);
show("of non-ctor", Array.isArray(Array.of.call(undefined, 1)) + " " + Array.isArray(Array.from.call({}, [1])));
var log = [];
var al = { get length() { log.push("len"); return 3; }, get 0() { log.push("g0"); return "a"; }, 1: "b", get 2() { log.push("g2"); return "c"; } };
log = [];
show("from alike getters", Array.from(al).join() + " " + log.join(" "));
show("from null msg", (function () { try { Array.from(null); } catch (e) { return e.message; } })());
show("from bad fn msg", (function () { try { Array.from([1], {}); } catch (e) { return e.message; } })());
