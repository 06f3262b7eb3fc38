var out = "";
function log(x) { out += x + "\n"; }
for (let i = 0; i < 3; i++) { setTimeoutLike(() => log("i=" + i)); }
function setTimeoutLike(f) { f(); }
var fs = {};
for (let i = 0; i < 3; i++) { fs[i] = function() { return i; }; }
log(fs[0]() + fs[1]() + fs[2]());
var gs = {}; var n = 0;
for (const k in {a: 1, b: 2}) { gs[n++] = () => k; }
log(gs[0]() + gs[1]());
function f1() { try { throw 1 } catch (e) { return "c" + e } finally { log("f") } }
log(f1());
function f2() { for (var i = 0; i < 5; i++) { try { if (i == 2) break; } finally { log("fin" + i) } } return i }
log(f2());
function f3() { try { return "a" } finally { return "b" } }
log(f3());
function f4(x) { switch (x) { case 1: log("one"); case 2: log("two"); break; default: log("def"); case 3: log("three") } }
f4(1); f4(3); f4(9);
outer: for (var i = 0; i < 3; i++) { inner: for (var j = 0; j < 3; j++) { if (j == 1) continue outer; if (i == 2) break outer; log(i + "" + j); } }
var [a, , b = 5, ...c] = [1, 2, undefined, 4, 5];
log(a + " " + b + " " + c.length);
var {x: {y = 3} = {}, z} = {z: 9};
log(y + " " + z);
function g(a, b = a + 1, ...rest) { return a + b + rest.length + arguments.length; }
log(g(1) + " " + g(1, 2, 3, 4));
var o = { get v() { return this._v * 2 }, set v(q) { this._v = q }, ["k" + 1]: 7, m() { return super.toString !== undefined } };
o.v = 21; log(o.v + " " + o.k1 + " " + o.m());
log(typeof null + typeof function(){} + typeof 1 + typeof "s" + typeof undefined + typeof {} + typeof true);
log(1 / -0 + " " + (0 === -0) + " " + (NaN !== NaN) + " " + ("1" == 1) + " " + (null == undefined) + " " + (null == 0));
log((5).toString === undefined ? "no" : "yes");
var i2 = 0; var arr2 = {}; arr2[i2++] = i2; log(arr2[0]);
var q = 1; q += q++ + ++q; log(q);
log(2 ** 3 ** 2);
log(-7 % 3 + " " + 7 % -3 + " " + (-8 >> 1) + " " + (-8 >>> 28) + " " + (1 << 31) + " " + (~5));
let s = ""; for (const ch of "héllo") s += ch + "."; log(s);
var obj = {a: 1, b: {c: 2}}; log(obj?.b?.c + " " + obj?.x?.y + " " + obj.f?.() + " " + (obj?.["a"]));
var u; u ??= 5; u ||= 6; u &&= 7; log(u);
log(void 0 === undefined);
log("x" in obj ? 1 : 2);
log(delete obj.a + " " + ("a" in obj));
console.log(out);
