// Plain recursion
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
console.log(fib(20));

function ackermann(m, n) {
  if (m === 0) return n + 1;
  if (n === 0) return ackermann(m - 1, 1);
  return ackermann(m - 1, ackermann(m, n - 1));
}
console.log(ackermann(2, 3));

function sumTo(n) { return n === 0 ? 0 : n + sumTo(n - 1); }
console.log(sumTo(1000));

function hanoi(n, from, to, via, moves) {
  if (n === 0) return moves;
  hanoi(n - 1, from, via, to, moves);
  moves.push(from + to);
  hanoi(n - 1, via, to, from, moves);
  return moves;
}
const moves = hanoi(4, "A", "C", "B", []);
console.log(moves.length, moves.slice(0, 5).join(" "));

function flatten(arr) {
  let out = [];
  for (const x of arr) {
    if (Array.isArray(x)) out = out.concat(flatten(x));
    else out.push(x);
  }
  return out;
}
console.log(flatten([1, [2, [3, [4, [5]]]], 6]).join(","));

function permutations(s) {
  if (s.length <= 1) return [s];
  const res = [];
  for (let i = 0; i < s.length; i++) {
    for (const p of permutations(s.slice(0, i) + s.slice(i + 1))) res.push(s[i] + p);
  }
  return res;
}
console.log(permutations("abc").join(" "));

const gcd = (a, b) => (b === 0 ? a : gcd(b, a % b));
console.log(gcd(1071, 462), gcd(17, 5));

function depth(obj) {
  if (typeof obj !== "object" || obj === null) return 0;
  let d = 0;
  for (const k in obj) d = Math.max(d, depth(obj[k]));
  return d + 1;
}
console.log(depth({ a: { b: { c: 1 } }, d: 2 }));
