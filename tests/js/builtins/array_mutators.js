// push/pop/shift/unshift/splice/reverse/fill/copyWithin, generic receivers, holes, frozen arrays, limits.
function show(label, v) { console.log(label + ": " + v); }
function fmt(a) { var s = []; for (var i = 0; i < a.length; i++) s.push(i in a ? String(a[i]) : "<hole>"); return "[" + s.join(",") + "](" + a.length + ")"; }
var a, o, o2, o3;
// push/pop
var a = [1, 2];
show("push", a.push(3, 4) + " " + fmt(a));
show("push0", a.push() + " " + fmt(a));
show("pop", a.pop() + " " + fmt(a));
show("pop empty", [].pop());
var o = {length: 2, 0: "x", 1: "y"};
show("generic push", Array.prototype.push.call(o, "z") + " " + o.length + " " + o[2]);
show("generic pop", Array.prototype.pop.call(o) + " " + o.length + " " + (2 in o));
var o2 = {};
show("generic push empty", Array.prototype.push.call(o2, 1) + " " + o2.length);
var o3 = {};
show("generic pop empty", Array.prototype.pop.call(o3) + " " + o3.length);
// shift/unshift
a = [1, 2, 3];
show("shift", a.shift() + " " + fmt(a));
show("unshift", a.unshift(9, 8) + " " + fmt(a));
show("unshift0", a.unshift() + " " + fmt(a));
a = [1, , 3];
show("shift holes", a.shift() + " " + fmt(a));
a = [, 2];
show("unshift holes", a.unshift(0) + " " + fmt(a));
show("shift empty", [].shift());
o = {length: 3, 0: "a", 2: "c"};
show("generic shift", Array.prototype.shift.call(o) + " " + o.length + " " + o[0] + " " + o[1] + " " + (2 in o));
// slice
a = [1, 2, 3, 4, 5];
show("slice", fmt(a.slice(1, 3)) + fmt(a.slice(-2)) + fmt(a.slice()) + fmt(a.slice(3, 1)) + fmt(a.slice(-10, 100)) + fmt(a.slice(1.7)));
show("slice holes", fmt([1, , 3, , 5].slice(1, 4)));
show("slice generic", fmt(Array.prototype.slice.call({length: 3, 0: "a", 2: "c"})));
show("slice str", fmt(Array.prototype.slice.call("abc", 1)));
// splice
a = [1, 2, 3, 4, 5];
show("splice", fmt(a.splice(1, 2)) + fmt(a));
a = [1, 2, 3, 4, 5];
show("splice ins", fmt(a.splice(1, 0, "a", "b")) + fmt(a));
a = [1, 2, 3, 4, 5];
show("splice repl", fmt(a.splice(-2, 1, "x", "y", "z")) + fmt(a));
a = [1, 2, 3];
show("splice1", fmt(a.splice(1)) + fmt(a));
a = [1, 2, 3];
show("splice0", fmt(a.splice()) + fmt(a));
a = [1, 2, 3];
show("splice undef", fmt(a.splice(undefined)) + fmt(a));
a = [1, 2, 3];
show("splice neg dc", fmt(a.splice(0, -5)) + fmt(a));
a = [1, , 3, , 5];
show("splice holes", fmt(a.splice(1, 2, "q")) + fmt(a));
a = [1, , 3, , 5];
show("splice holes2", fmt(a.splice(0, 1, "q", "r", "s")) + fmt(a));
o = {length: 4, 0: "a", 1: "b", 2: "c", 3: "d"};
show("splice generic", fmt(Array.prototype.splice.call(o, 1, 2)) + " " + o.length + " " + o[0] + o[1] + " " + (2 in o));
// concat
show("concat", fmt([1, 2].concat(3, [4, 5], [[6]], "s")));
show("concat holes", fmt([1, , 3].concat([, 5], 6)));
// reverse
a = [1, 2, 3, 4]; show("rev", fmt(a.reverse()) + " " + fmt(a));
a = [1, , 3, , , 6]; show("rev holes", fmt(a.reverse()));
show("rev empty", fmt([].reverse()) + fmt([1].reverse()));
var o = {length: 3, 0: "a", 2: "c"}; Array.prototype.reverse.call(o); show("rev generic", o[0] + " " + (1 in o) + " " + o[2]);
// fill
show("fill", fmt([1, 2, 3, 4].fill(0)) + fmt([1, 2, 3, 4].fill(9, 1, 3)) + fmt([1, 2, 3, 4].fill(7, -2)) + fmt([1, 2, 3].fill(5, 5)) + fmt(new Array(3).fill("x")) + fmt([1,2,3].fill(1, -100, -1)));
o = {length: 2}; Array.prototype.fill.call(o, "f"); show("fill generic", o[0] + o[1]);
// length writes
a = [1, 2, 3, 4];
a.length = 2;
show("len shrink", fmt(a));
a.length = 4;
show("len grow", fmt(a));
try { a.length = -1; } catch (e) { show("len bad", e.name); }
// frozen arrays
var fz = Object.freeze([1, 2, 3]);
var ms = ["push", "pop", "shift", "unshift", "reverse", "sort", "fill", "splice"];
for (i = 0; i < ms.length; i++) {
  try { fz[ms[i]](1); show("frozen " + ms[i], "no throw"); } catch (e) { show("frozen " + ms[i], e.name); }
}
show("frozen intact", fmt(fz));
try { Object.freeze([]).push(); show("frozen push0", "no throw"); } catch (e) { show("frozen push0", e.name); }
try { Object.freeze([]).pop(); show("frozen pop empty", "no throw"); } catch (e) { show("frozen pop empty", e.name); }
show("frozen slice ok", fmt(fz.slice(1)) + fmt(fz.map(function (x) { return x * 2; })) + fz.join("-") + fmt(fz.concat(4)));
var sealed = Object.freeze([]);
try { sealed.splice(0, 0); show("frozen splice noop", "no throw"); } catch (e) { show("frozen splice noop", e.name); }
show("copyWithin", fmt([1, 2, 3, 4, 5].copyWithin(0, 3)) + fmt([1, 2, 3, 4, 5].copyWithin(-2, 0, 2)) + fmt([1, , 3].copyWithin(0, 1)) + fmt([1, 2, 3, 4, 5].copyWithin(1, 0, 3)));
var arr2 = []; arr2.length = 4294967295;
try { arr2.push(1); } catch (e) { show("push max", e.name + " " + e.message + " " + arr2.length + " " + arr2[4294967295]); }
show("fill big", new Array(5000).fill(7).reduce(function (s, x) { return s + x; }, 0));
