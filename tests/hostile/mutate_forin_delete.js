var o = { a: 1, b: 2, c: 3 };
for (var k in o) { delete o.b; o.d = 1; }
console.log(Object.keys(o).join());
