// Assigning to a const binding throws TypeError (even in sloppy mode)
const c = 1;
try {
  c = 2;
  console.log("no error");
} catch (e) {
  console.log(e.name, e instanceof TypeError);
}
console.log(c);

try {
  const k = 1;
  k += 1;
} catch (e) {
  console.log("compound", e.name);
}

try {
  const j = 1;
  j++;
} catch (e) {
  console.log("increment", e.name);
}

try {
  for (const i = 0; i < 2; i++) {
    console.log("body runs once with", i);
  }
} catch (e) {
  console.log("for-const update", e.name);
}

// for-of / for-in with const create a fresh binding per iteration: fine
for (const v of [1, 2]) console.log("for-of const", v);
for (const k in { p: 1, q: 2 }) console.log("for-in const", k);

// const objects are mutable
const o = { n: 1 };
o.n++;
console.log(o.n);

function f() {
  const local = "x";
  try {
    local = "y";
  } catch (e) {
    return e.name + " " + local;
  }
}
console.log(f());
// logical assignment that short-circuits never assigns, so no error
const t = 1;
t ||= 2;
console.log("short-circuit ok", t);
try {
  const u = 0;
  u ||= 2;
} catch (e) {
  console.log("logical assign", e.name);
}
