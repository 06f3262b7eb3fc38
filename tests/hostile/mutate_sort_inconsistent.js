var a = [];
for (var i = 0; i < 10000; i++) a.push(i % 97);
a.sort(function () { return Math.random() - 0.5; });
console.log(a.length);
