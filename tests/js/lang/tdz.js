// Temporal dead zone: access before initialization throws ReferenceError
function tryIt(label, fn) {
  try {
    console.log(label, "ok", fn());
  } catch (e) {
    console.log(label, e.name, e instanceof ReferenceError);
  }
}

tryIt("let read", () => {
  const r = a;
  let a = 1;
  return r;
});
tryIt("const read", () => {
  const r = b;
  const b = 1;
  return r;
});
tryIt("typeof in TDZ", () => {
  const t = typeof c;
  let c = 1;
  return t;
});
tryIt("let write", () => {
  d = 5;
  let d;
  return d;
});
tryIt("self-reference in initializer", () => {
  let e = e + 1;
  return e;
});
tryIt("closure called too early", () => {
  function peek() { return later; }
  const v = peek();
  let later = 3;
  return v;
});
tryIt("closure called after init", () => {
  function peek() { return later; }
  let later = 3;
  return peek();
});
tryIt("inner block shadows", () => {
  let s = 1;
  {
    const t = s;
    let s = 2;
    return t;
  }
});
tryIt("class before declaration", () => {
  const inst = new K();
  class K {}
  return inst;
});
tryIt("default param referring to later param", () => {
  function f(a = b, b = 1) { return a; }
  return f();
});
tryIt("default param referring to earlier param", () => {
  function f(a = 1, b = a + 1) { return b; }
  return f();
});
tryIt("switch case TDZ", () => {
  switch (2) {
    case 1:
      let q = 1;
    case 2:
      return q;
  }
});
tryIt("undeclared variable", () => notDeclaredAnywhere);
tryIt("for-let own head TDZ", () => {
  for (let n = n; ; ) return n;
});
let afterAll = "fine";
console.log(afterAll);
