// Loops, labels, switch, try/catch/finally, for-in order
const o = { b: 1, 2: "two", a: 2, 1: "one", [-1]: "neg", "01": "str" };
const keys = []; for (const k in o) keys.push(k);
console.log(keys.join(","));
function P() { this.own = 1; } P.prototype.inherited = 2;
const p = new P(); const pk = []; for (const k in p) pk.push(k); console.log(pk.join(","));
const arr = [5, 6]; arr.extra = 1; const ak = []; for (const k in arr) ak.push(k); console.log(ak.join(","));
let out = "";
outer: for (let i = 0; i < 4; i++) {
  inner: for (let j = 0; j < 4; j++) {
    if (j === 2) continue outer;
    if (i === 3) break outer;
    out += i + "" + j + " ";
  }
}
console.log(out);
let k = 0; lbl: while (true) { do { k++; if (k > 5) break lbl; } while (k % 2); } console.log(k);
function sw(v) {
  switch (v) {
    case "a": case "b": return "ab";
    case 1: { let x = "one"; return x; }
    default: return "def";
    case NaN: return "nan";
  }
}
console.log(sw("a"), sw("b"), sw(1), sw("1"), sw(NaN));
function tf(mode) {
  const log = [];
  try {
    try {
      log.push("try");
      if (mode === 1) throw new Error("boom");
      if (mode === 2) return "early";
    } catch (e) {
      log.push("catch " + e.message);
      throw new TypeError("rethrown");
    } finally {
      log.push("inner finally");
    }
  } catch (e) {
    log.push("outer " + e.name);
  } finally {
    log.push("outer finally");
  }
  return log.join(" / ");
}
console.log(tf(0)); console.log(tf(1)); console.log(tf(2));
function fin() { for (const x of [1, 2, 3]) { try { if (x === 2) continue; if (x === 3) return "ret" + x; } finally { console.log("f" + x); } } }
console.log(fin());
try { throw { custom: true }; } catch ({ custom }) { console.log("custom", custom); }
try { JSON.parse("{"); } catch { console.log("optional catch binding"); }
let count = 0; for (;;) { if (++count > 3) break; } console.log(count);
for (var vi = 0, vj = 10; vi < vj; vi += 3, vj -= 3); console.log(vi, vj);
if (0) console.log("no"); else if ("") console.log("no"); else console.log("else");
