// strings.js — string building with += and join, and charCodeAt scanning.
// Measures: string concatenation (ropes / flattening), Array.prototype.join, String.fromCharCode,
// charCodeAt / length on strings, number-to-string conversion.
function buildConcat(n) {
  let s = "";
  for (let i = 0; i < n; i++) {
    s += String.fromCharCode(97 + (i % 26));
    if (i % 10 === 9) s += " " + i + ",";
  }
  return s;
}

function buildJoin(n) {
  const parts = [];
  for (let i = 0; i < n; i++) parts.push("item" + (i * 7 % 1000));
  return parts.join(";");
}

function scan(s) {
  // FNV-like hash over UTF-16 code units, counting letters and digits.
  let h = 2166136261 | 0;
  let letters = 0, digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) letters++;
    else if (c >= 48 && c <= 57) digits++;
    h = ((h ^ c) * 16777619) | 0;
  }
  return ((h >>> 0) % 1000003) + letters + digits;
}

let result = 0;
for (let r = 0; r < 30; r++) {
  const a = buildConcat(20000);
  const b = buildJoin(15000);
  result = (result + scan(a) + scan(b) + a.length + b.length) % 1000000007;
}
const EXPECTED = 26079360;
if (result !== EXPECTED) throw new Error("strings: wrong result " + result);
console.log("strings checksum = " + result);
