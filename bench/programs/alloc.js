// alloc.js — allocation-heavy: building and discarding small binary trees and linked lists.
// Measures: object allocation speed, constructor calls, GC throughput with short-lived objects,
// pointer-chasing property loads.
class TreeNode {
  constructor(left, right) {
    this.left = left;
    this.right = right;
  }
  check() {
    if (this.left === null) return 1;
    return 1 + this.left.check() + this.right.check();
  }
}

function bottomUp(depth) {
  if (depth === 0) return new TreeNode(null, null);
  return new TreeNode(bottomUp(depth - 1), bottomUp(depth - 1));
}

function makeList(n) {
  let head = null;
  for (let i = 0; i < n; i++) head = { value: i, next: head };
  return head;
}

function sumList(l) {
  let s = 0;
  while (l !== null) { s += l.value; l = l.next; }
  return s;
}

const longLived = bottomUp(14);
let result = 0;
for (let depth = 4; depth <= 12; depth += 2) {
  const iters = 1 << (18 - depth);
  let check = 0;
  for (let i = 0; i < iters; i++) check += bottomUp(depth).check();
  result += check;
}
for (let r = 0; r < 400; r++) result += sumList(makeList(2000)) % 1000;
result += longLived.check();
const EXPECTED = 2632383;
if (result !== EXPECTED) throw new Error("alloc: wrong result " + result);
console.log("alloc checksum = " + result);
