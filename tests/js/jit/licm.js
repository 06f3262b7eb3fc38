// Loop-invariant code motion: checks of values a loop does not change (the array, a scale
// factor, an object's length or field) run once before the loop, and their exits resume the
// interpreter at the loop's entry. A hoisted guard that fails makes the function recompile
// without hoisting; every local must still hold its value, in every tier.
const { T, check, warm, failures } = require("./_harness.js");

// The array (object, length) and `k` (int32) are invariant: their checks leave the loop.
function scale(a, k) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * k;
  return s;
}
warm(scale, [[1, 2, 3], 2], 3);
console.log("scale", scale([1, 2, 3, 4], 3));
check(T.isOptimized(scale), "scale optimized");
// `k` becomes a double: the interpreter resumes before the loop.
console.log("scale double", scale([1, 2, 3], 0.5));
check(T.deoptCount(scale) === 1, "scale deopted once");
T.optimizeOnNextCall(scale);
console.log("scale again", scale([4, 5], 2), scale([1, 1], 1.5));
check(T.versions(scale) === 2, "scale recompiled");

// A hoisted guard that fails only because it was hoisted: the loop never runs, so `o.k` (a
// string) would not have been checked. The code is dropped at once and the function is
// recompiled without hoisting; then it no longer deopts.
function scaleField(a, o) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * o.k;
  return s;
}
warm(scaleField, [[1, 2], { k: 2 }], 3);
console.log("field", scaleField([3], { k: 3 }));
check(T.isOptimized(scaleField), "scaleField optimized");
console.log("field empty", scaleField([], { k: "x" }));
check(T.deoptCount(scaleField) === 1 && !T.isOptimized(scaleField), "scaleField dropped after its hoisted guard failed");
T.optimizeOnNextCall(scaleField);
console.log("field again", scaleField([3], { k: 4 }), scaleField([], { k: "y" }), scaleField([1, 2], { k: 1 }));
check(T.isOptimized(scaleField) && T.deoptCount(scaleField) === 1, "no more deopts without hoisting");

// Nested loops: the inner loop's row is invariant in it (hoisted to the inner loop's entry);
// a row that is not an array resumes the interpreter with i, j, s and the rows intact.
function sumRows(rows) {
  let s = 0;
  let cells = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    for (let j = 0; j < row.length; j++) {
      s += row[j];
      cells++;
    }
  }
  return s + "/" + cells;
}
warm(sumRows, [[[1, 2], [3]]], 3);
console.log("rows", sumRows([[1, 2, 3], [4, 5], [], [6]]));
check(T.isOptimized(sumRows), "sumRows optimized");
console.log("rows with a string", sumRows([[1, 2], "ab", [3]]));
console.log("rows with doubles", sumRows([[1, 2], [0.5, 0.25], [3]]));

// A loop that appends reads a fresh length every iteration (not hoisted).
function grow(a, limit) {
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    if (a.length < limit) a[a.length] = a[i] + 1;
    n++;
  }
  return n + ":" + a.join(",");
}
warm(grow, [[0], 4], 3);
console.log("grow", grow([5], 6), grow([1, 2], 3));

// A loop that writes a field reads it fresh; one that only reads it reads it once.
function countTo(o) {
  let steps = 0;
  while (o.n < o.limit) {
    o.n += 2;
    steps++;
  }
  return steps + ":" + o.n;
}
function readOnly(o, a) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] + o.bias;
  return s;
}
warm(countTo, [{ n: 0, limit: 6 }], 3);
warm(readOnly, [{ bias: 1 }, [1, 2]], 3);
console.log("fields", countTo({ n: 1, limit: 10 }), readOnly({ bias: 10 }, [1, 2, 3]));
// A different shape at a hoisted property read.
console.log("fields shape", readOnly({ x: 0, bias: 100 }, [1]), readOnly({ bias: 1 }, []));

// A loop that calls something may see anything change: `o.limit` is read every iteration.
function callsOut(o, f) {
  let i = 0;
  while (i < o.limit) {
    f(o, i);
    i++;
  }
  return i;
}
warm(callsOut, [{ limit: 3 }, () => {}], 3);
console.log("calls", callsOut({ limit: 100 }, (o, i) => { if (i === 4) o.limit = 6; }));

// Element stores check once, before the loop, that the array is not frozen; only a call in
// the loop can freeze it, and then the check stays in the loop.
function setAll(a, v) {
  for (let i = 0; i < a.length; i++) a[i] = v;
  return a.join(",");
}
function setAllStrict(a, v) {
  "use strict";
  for (let i = 0; i < a.length; i++) a[i] = v;
  return a.join(",");
}
function freezeMid(a) {
  for (let i = 0; i < a.length; i++) {
    a[i] = i * 10;
    if (i === 1) Object.freeze(a);
  }
  return a.join(",");
}
warm(setAll, [[1, 2, 3], 0], 3);
warm(setAllStrict, [[1, 2, 3], 0], 3);
warm(freezeMid, [[1, 2, 3]], 3);
console.log("frozen", setAll(Object.freeze([1, 2]), 9), setAll([1, 2], 7));
try {
  setAllStrict(Object.freeze([1, 2]), 5);
} catch (e) {
  console.log("frozen strict", e.constructor.name);
}
function appendAll(a, n) {
  for (let i = 0; i < n; i++) a[a.length] = i;
  return a.length + ":" + a.join(",");
}
warm(appendAll, [[], 3], 3);
console.log("frozen append", appendAll(Object.freeze([7]), 2), appendAll(Object.seal([8]), 2), appendAll([9], 2));
class Stack extends Array {}
const sparse = [1];
sparse[100] = 2;
console.log("append others", appendAll(new Stack(), 2), appendAll(sparse, 1).slice(0, 8), appendAll(Object.preventExtensions([3]), 1), appendAll([], 3));
console.log("frozen strict after", setAllStrict([4, 4], 6), freezeMid([1, 2, 3, 4]), freezeMid([5, 6, 7]));

// Field reads and stores: a read of an object whose shape no store in the loop has keeps its
// value (read once); objects of the stored shape may be the same object (read every time).
function copyField(src, dst, n) {
  for (let i = 0; i < n; i++) dst.v = dst.v + src.k;
  return dst.v;
}
function selfAlias(a, b, n) {
  for (let i = 0; i < n; i++) b.k = a.k + 1;
  return a.k + ":" + b.k;
}
function grows(o, n) {
  let s = 0;
  for (let i = 0; i < n; i++) {
    s += o.k;
    if (i === 2) o.extra = 1;
  }
  return s;
}
warm(copyField, [{ k: 2 }, { v: 0 }, 5], 3);
warm(selfAlias, [{ k: 0 }, { k: 0 }, 3], 3);
warm(grows, [{ k: 1 }, 1], 3);
const same = { k: 0 };
console.log("slots", copyField({ k: 3 }, { v: 1 }, 4), selfAlias(same, same, 3), selfAlias({ k: 5 }, { k: 0 }, 2));
console.log("slots shape", copyField({ k: 1, v: 0 }, { v: 2 }, 3), grows({ k: 2 }, 5), grows({ k: 3 }, 2));

// Stores to one field of a shape leave the others: `p.m` is read once, `p.v` every time, also
// when q is the same object as p.
function fieldSplit(p, q, n) {
  let s = 0;
  for (let i = 0; i < n; i++) {
    q.v = q.v + p.m;
    s += p.v;
  }
  return s + "/" + p.v + "/" + q.v;
}
warm(fieldSplit, [{ m: 1, v: 0 }, { m: 2, v: 0 }, 3], 3);
const pq = { m: 2, v: 1 };
console.log("fields", fieldSplit({ m: 3, v: 1 }, { m: 0, v: 0 }, 4), fieldSplit(pq, pq, 4), fieldSplit({ m: 0.5, v: 2 }, { m: 1, v: 1.5 }, 3));

console.log(failures() === 0 ? "ok" : "failures: " + failures());
