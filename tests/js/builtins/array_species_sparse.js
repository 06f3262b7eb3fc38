// Subclass species (map/filter/slice/splice/concat/flat), sparse arrays, inherited indices, flat/flatMap, copying methods.
function show(label, v) { console.log(label + ": " + v); }
function fmt(a) { var s = []; for (var i = 0; i < a.length; i++) s.push(i in a ? String(a[i]) : "<hole>"); return "[" + s.join(",") + "](" + a.length + ")"; }
var a, i;
// species
class MyArr extends Array { sum() { return this.reduce(function (a, b) { return a + b; }, 0); } }
var ma = MyArr.from([1, 2, 3]);
show("species", ma.sum() + " " + (ma.map(function (x) { return x; }) instanceof MyArr) + " " + ma.filter(function (x) { return x > 1; }).sum() + " " + ma.slice(1).sum() + " " + (ma.concat([4]) instanceof MyArr) + " " + ma.concat([4]).sum() + " " + (ma.flat() instanceof MyArr) + " " + (ma.flatMap(function (x) { return [x]; }) instanceof MyArr));
show("species splice", (ma.splice(0, 1) instanceof MyArr) + " " + ma.length);
show("non-species", (ma.toSorted() instanceof MyArr) + " " + (ma.toReversed() instanceof MyArr) + " " + (ma.with(0, 1) instanceof MyArr));
var pa = [1, 2]; pa.constructor = function () {};
show("plain fn ctor", Array.isArray(pa.map(function (x) { return x; })));
pa.constructor = 7;
try { pa.map(function (x) { return x; }); } catch (e) { show("bad ctor", e.name + " " + e.message); }
pa.constructor = undefined;
show("undef ctor", Array.isArray(pa.slice()));
// flat / flatMap
show("flat", fmt([1, [2, [3, [4]]]].flat()) + fmt([1, [2, [3, [4]]]].flat(2)) + fmt([1, [2, [3, [4]]]].flat(Infinity)) + fmt([1, [2]].flat(0)) + fmt([1, , [2, , 3]].flat()) + fmt([[]].flat()) + fmt([1, [2]].flat(-1)));
show("flatMap", fmt([1, 2, 3].flatMap(function (x) { return [x, x * 2]; })) + fmt([1, 2].flatMap(function (x) { return [[x]]; })) + fmt(["a b", "c"].flatMap(function (s) { return s.split(" "); })));
show("flatMap this", fmt([1].flatMap(function (x, i, arr) { return [this.v, i, arr.length]; }, {v: "T"})));
show("flat alike", fmt([{length: 1, 0: "x"}].flat()).replace("[object Object]", "obj"));
// Array.prototype with indices
Array.prototype[1] = "proto";
var h = [0, , 2];
show("proto hole", h[1] + " " + h.indexOf("proto") + " " + h.includes("proto") + " " + fmt(h.slice()) + " " + h.join() + " " + h.map(function (x) { return x; }).join());
show("proto pop", [9, ,].pop() + " " + fmt([1, , 3].reverse()));
var r2 = [, "b"]; r2.reverse(); show("proto reverse", fmt(r2) + " " + r2.hasOwnProperty(1));
delete Array.prototype[1];
show("proto cleaned", fmt([0, , 2].slice()));
show("toReversed", fmt([1, , 3].toReversed()));
show("toSorted", fmt([3, , 1, undefined, 10].toSorted()) + fmt([3, 1, 2].toSorted(function (a, b) { return b - a; })));
var orig = [3, 1, 2]; orig.toSorted(); show("toSorted no mutate", orig.join());
show("toSpliced", fmt([1, 2, 3].toSpliced(1, 1, "a", "b")) + fmt([1, 2, 3].toSpliced()) + fmt([1, 2, 3].toSpliced(1)) + fmt([1, , 3].toSpliced(0, 0)));
show("with", fmt([1, , 3].with(0, 9)) + fmt([1, 2].with(-1, "z")));
try { [1].with(5, 1); } catch (e) { show("with bad", e.name + " " + e.message); }
try { [1].with(-2, 1); } catch (e) { show("with bad2", e.name + " " + e.message); }
// flat on cycles
var cyc = [1]; cyc.push(cyc);
try { cyc.flat(Infinity); show("flat cyc", "no throw"); } catch (e) { show("flat cyc", e.name); }
show("flat deep", [[[[[[1]]]]]].flat(Infinity).join());
// sparse arrays (holes are skipped in one step)
a = [];
a[2000000] = "end";
a[5] = "five";
var seen = [];
a.forEach(function (v, i) { seen.push(i + "=" + v); });
show("sparse forEach", seen.join(" ") + " " + a.length);
show("sparse search", a.indexOf("end") + " " + a.lastIndexOf("five") + " " + a.includes("end") + " " + a.includes(undefined) + " " + a.indexOf(undefined));
show("sparse map/filter", a.map(function (x) { return x + "!"; })[2000000] + " " + fmt(a.filter(function () { return true; })));
show("sparse reduce", a.reduce(function (p, x) { return p + x; }, ">") + " " + a.reduceRight(function (p, x) { return p + x; }));
show("sparse join", a.join("").length + " " + a.join().length);
show("sparse slice/concat", a.slice(1999999).length + " " + a.slice(1999999)[1] + " " + [0].concat(a).length + " " + (6 in [0].concat(a)));
a.sort();
show("sparse sort", a[0] + " " + a[1] + " " + (2 in a) + " " + a.length);
var al = { length: 4294967297, 4294967296: "x", 0: "a" };
show("alike at", Array.prototype.at.call(al, -1) + " " + Array.prototype.indexOf.call(al, "a"));
// toLocaleString calls each element's own toLocaleString
show("toLocaleString", [1, null, { toLocaleString: function () { return "L"; } }].toLocaleString());
// push reaches a setter on Array.prototype for a new index
var calls = 0;
Object.defineProperty(Array.prototype, "0", { set: function (v) { calls++; }, configurable: true });
var pp = []; pp.push(5);
show("proto setter push", calls + " " + pp.length + " " + pp.hasOwnProperty(0));
delete Array.prototype[0];
