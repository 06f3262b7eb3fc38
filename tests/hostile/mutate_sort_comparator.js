var a = [];
for (var i = 0; i < 1000; i++) a.push(i);
a.sort(function (x, y) { a.length = 0; a.push(1, 2, 3); return y - x; });
console.log(a.length);
