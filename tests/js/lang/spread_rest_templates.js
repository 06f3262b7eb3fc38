// Spread in calls and arrays, rest parameters, template literals
function sum(...xs) { return xs.reduce((a, b) => a + b, 0); }
console.log(sum(), sum(1), sum(...[1, 2, 3], 4, ...[5]));
const arr = [1, ...[2, 3], ...new Set([3, 4]), ..."ab"];
console.log(arr.join(","), arr.length);
const holes = [1, , 3];
console.log([...holes].length, 1 in [...holes]);
console.log(Math.max(...[3, 9, 2]));
const obj = { a: 1, ...{ b: 2, c: 3 }, ...null, ...undefined, ..."xy" };
console.log(JSON.stringify(obj));
const name = "tier", n = 3;
console.log(`hello ${name}! ${n * 2} ${n > 2 ? "big" : "small"} ${[1, 2]} ${{}} ${null} ${undefined}`);
console.log(`multi
line ${"x"}\t\u0041 \${not}`);
console.log(`${`nested ${`deep ${n}`}`}`);
function tail(first, ...others) { return first + ":" + others.length + ":" + arguments.length; }
console.log(tail(1, 2, 3), tail(), tail.length);
function defaults(a, b = a * 2, c = b + 1) { return [a, b, c].join(); }
console.log(defaults(1), defaults(1, 5), defaults(1, undefined, 0), defaults.length);
