// Property semantics: prototype chains, accessors, defineProperty, freeze, order
"use strict";
const base = { greet() { return "hi " + this.name; } };
const child = Object.create(base); child.name = "kid";
console.log(child.greet(), Object.getPrototypeOf(child) === base, base.isPrototypeOf(child), child.hasOwnProperty("greet"));
const o = {};
Object.defineProperty(o, "ro", { value: 1, enumerable: true });
Object.defineProperty(o, "hidden", { value: 2, writable: true });
Object.defineProperty(o, "acc", { get() { return this.ro * 10; }, set(v) { this.hidden = v; }, enumerable: true, configurable: true });
console.log(o.ro, o.hidden, o.acc, Object.keys(o).join(","), JSON.stringify(o));
try { o.ro = 5; } catch (e) { console.log(e.name, o.ro); }
o.acc = 7; console.log(o.hidden);
try { delete o.ro; } catch (e) { console.log("delete", e.name); }
const d = Object.getOwnPropertyDescriptor(o, "ro"); console.log(d.value, d.writable, d.enumerable, d.configurable);
const fz = Object.freeze({ a: 1, nested: { b: 2 } });
try { fz.a = 2; } catch (e) { console.log(e.name); }
try { fz.c = 3; } catch (e) { console.log(e.name); }
fz.nested.b = 3; console.log(fz.a, fz.c, fz.nested.b, Object.isFrozen(fz), Object.isFrozen(fz.nested));
const fa = Object.freeze([1, 2]); try { fa.push(3); } catch (e) { console.log("push", e.name, fa.length); }
const order = { z: 1, 10: 1, a: 1, 2: 1, "-1": 1, 1.5: 1 }; console.log(Object.keys(order).join(","));
class Temp { constructor() { this._c = 0; } get f() { return this._c * 9 / 5 + 32; } set f(v) { this._c = (v - 32) * 5 / 9; } }
const t = new Temp(); t.f = 212; console.log(t._c, t.f, Object.keys(t).join(","));
const shadow = Object.create({ x: "proto" }); shadow.x = "own"; console.log(shadow.x, Object.getPrototypeOf(shadow).x);
const noProto = Object.create(null); noProto.k = 1; console.log(Object.keys(noProto).join(), "toString" in noProto);
const arr = [1, 2, 3]; arr.length = 1; console.log(arr.length, arr[1]); arr[5] = 6; console.log(arr.length, arr.join("-"));
console.log(Object.entries({ a: 1, b: [2] }).map(([k, v]) => k + "=" + v).join("&"));
console.log(Object.assign({}, { a: 1 }, null, { b: 2 }).b, Object.values({ x: 1, y: 2 }).join());
function Ctor() {} Ctor.prototype.shared = []; const c1 = new Ctor(), c2 = new Ctor(); c1.shared.push(1); console.log(c2.shared.length);
