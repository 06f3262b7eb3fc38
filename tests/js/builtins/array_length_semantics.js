// ArraySetLength stops at non-configurable elements; sparse and huge indices; toLocaleString
"use strict";
const a = [1, 2, 3, 4];
Object.defineProperty(a, 1, { value: 9, configurable: false });
try { a.length = 0; } catch (e) { console.log(e.name, a.length, a.join()); }
const s = Object.seal([1, 2, 3]);
try { s.length = 1; } catch (e) { console.log("sealed", e.name, s.length); }
const b = []; b[4294967294] = "last"; console.log(b.length, b[4294967294], b.indexOf("last"));
const c = []; for (let k = 1; k < 31; k++) c[2 ** k - 2] = k; console.log(c.length, c[2 ** 30 - 2]);
console.log(["a", 1, null, { toLocaleString() { return "X"; } }].toLocaleString(), ({ toString() { return "T"; } }).toLocaleString());
const d = [1, 2, 3]; d.length = 5; console.log(d.length, 3 in d, d.join("-"));
try { d.length = -1; } catch (e) { console.log(e.name); }
