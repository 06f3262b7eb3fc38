const a = new Array(4294967295); a[5] = 1; a[4000000000] = 2; console.log(a);
console.log([1, , 3], [, , ,], new Array(5), new Array(150), Array.from({ length: 120 }, (_, i) => i));
const b = []; b[3] = 1; b[200] = 2; console.log(b);
const c = Array.from({ length: 105 }, (_, i) => i); delete c[50]; console.log(c);
const d = []; for (let i = 0; i < 300; i += 2) d[i] = i; console.log(d);
