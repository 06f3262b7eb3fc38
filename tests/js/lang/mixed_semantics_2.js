var out = "";
function log() { for (var i = 0; i < arguments.length; i++) out += (i ? " " : "") + arguments[i]; out += "\n"; }
class A { static who() { return "A" } static k = 1; whoami() { return "a" } }
class B extends A { static who() { return super.who() + "B" } whoami() { return super.whoami() + "b" } }
log(B.who(), new B().whoami(), B.k, Object.getPrototypeOf(B) === A);
function F() { log("nt", new.target === F); }
new F(); F();
var base = { hi() { return "base" } };
var der = { __proto__: base, hi() { return super.hi() + "+der" } };
log(der.hi());
function G(a, b) { return a + " " + arguments.length + " " + arguments[2]; }
log(G(1, 2, 3));
var i = 0; do { i++; if (i < 3) continue; } while (i < 5); log(i);
log((1, 2, 3));
var bound = function (a, b) { return this.x + a + b }.bind({ x: 1 }, 2);
log(bound(3), bound.name, bound.length);
class C { constructor() { this.v = 1 } get g() { return this.v } set g(x) { this.v = x * 2 } }
var c = new C(); c.g = 5; log(c.g);
log([..."abc"].length, [...[1, 2], ...[3]].length);
function sum(...xs) { var s = 0; for (var x of xs) s += x; return s }
log(sum(...[1, 2, 3], 4));
var o = { a: 1, b: 2, c: 3 }; var ks = ""; for (var k in o) { if (k == "a") delete o.b; ks += k } log(ks);
var arr = [3, 1, 2]; var t = ""; for (var idx in arr) t += idx; log(t);
log(typeof C, typeof new C(), C.name, (class {}).name, (() => {}).name);
var fn = function () {}; var af = () => {}; log(fn.name, af.name);
let { length } = "hello"; log(length);
log(`a${1}${"b"}c${[1, 2]}`);
try { undefinedFn() } catch ({ name, message }) { log(name, message) }
try { (void 0).x } catch (e) { log(e.name) }
try { null() } catch (e) { log(e.name) }
try { new (function () { return 1 }) } catch (e) { log("x") }
log(new (function () { this.a = 1; return 2 })().a);
log(new (function () { return { b: 3 } })().b);
function outer() { var x = 1; function inner() { return x++ } inner(); inner(); return x } log(outer());
var counter = (function () { var n = 0; return { inc: () => ++n, get: () => n } })(); counter.inc(); counter.inc(); log(counter.get());
log(0.1 * 3, 1 / 3, 100 / 3, 2 ** 53 + 2, -1e-7, 123e-20, 5e-324, 1.7976931348623157e308);
log(0 / 0, -Infinity, 1e300 * 1e10, -(2 ** 31), 2 ** 31, (2 ** 31) | 0, 7 / 2 | 0, -7 / 2 | 0);
log("5" * "2", "5" + 2, "5" - 2, true + 1, null + 1, undefined + 1, [] + [], [] + {}, [1] == 1);
log("b" > "a", "B" > "a", "10" < "9", 10 < 9, "10" < 9, null >= 0, undefined == 0);
switch (3) { case 1: log(1); default: log("d"); case 2: log(2); }
var x1 = 10; { let x1 = 20; log(x1) } log(x1);
log(((a, b = 2) => a + b)(1), ((...r) => r.length)(1, 2, 3));
var objm = { ["a" + "b"]: 1, 2: "two", "q r": 3 }; log(objm.ab, objm[2], objm["q r"]);
console.log(out);
