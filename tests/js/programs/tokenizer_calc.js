// A tokenizer and recursive-descent calculator with variables and error reporting
function tokenize(src) {
  const tokens = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === " ") { i++; continue; }
    if (c >= "0" && c <= "9" || c === ".") {
      let j = i; while (j < src.length && (src[j] >= "0" && src[j] <= "9" || src[j] === ".")) j++;
      tokens.push({ kind: "num", value: parseFloat(src.slice(i, j)) }); i = j; continue;
    }
    if ((c >= "a" && c <= "z") || c === "_") {
      let j = i; while (j < src.length && ((src[j] >= "a" && src[j] <= "z") || src[j] === "_" || (src[j] >= "0" && src[j] <= "9"))) j++;
      tokens.push({ kind: "id", value: src.slice(i, j) }); i = j; continue;
    }
    if ("+-*/()=^%".includes(c)) { tokens.push({ kind: "op", value: c }); i++; continue; }
    throw new SyntaxError(`unexpected '${c}' at ${i}`);
  }
  return tokens;
}
class Parser {
  constructor(tokens, env) { this.t = tokens; this.p = 0; this.env = env; }
  peek() { return this.t[this.p]; }
  next() { return this.t[this.p++]; }
  expect(v) { const t = this.next(); if (!t || t.value !== v) throw new SyntaxError("expected " + v); }
  statement() {
    if (this.t.length > 1 && this.t[0].kind === "id" && this.t[1].value === "=") {
      const name = this.next().value; this.next();
      const v = this.expr(); this.env.set(name, v); return v;
    }
    return this.expr();
  }
  expr() { let v = this.term(); while (this.peek() && "+-".includes(this.peek().value)) { const op = this.next().value; const r = this.term(); v = op === "+" ? v + r : v - r; } return v; }
  term() { let v = this.power(); while (this.peek() && "*/%".includes(this.peek().value)) { const op = this.next().value; const r = this.power(); v = op === "*" ? v * r : op === "/" ? v / r : v % r; } return v; }
  power() { const b = this.unary(); if (this.peek() && this.peek().value === "^") { this.next(); return b ** this.power(); } return b; }
  unary() { if (this.peek() && this.peek().value === "-") { this.next(); return -this.unary(); } return this.atom(); }
  atom() {
    const t = this.next();
    if (!t) throw new SyntaxError("unexpected end");
    if (t.kind === "num") return t.value;
    if (t.kind === "id") { if (!this.env.has(t.value)) throw new ReferenceError(t.value + " is not defined"); return this.env.get(t.value); }
    if (t.value === "(") { const v = this.expr(); this.expect(")"); return v; }
    throw new SyntaxError("unexpected " + t.value);
  }
}
const env = new Map([["pi", 3.14159]]);
for (const line of ["1 + 2 * 3", "x = 2 ^ 3 ^ 2", "x / 8 - -1", "(1 + 2) * (3 + 4) % 5", "r = 2", "pi * r ^ 2", "y + 1", "3 +", "4 $ 4", "0.1 + 0.2"]) {
  try { console.log(line, "=>", new Parser(tokenize(line), env).statement()); }
  catch (e) { console.log(line, "=>", e.name + ": " + e.message); }
}
console.log([...env.keys()].join(","));
