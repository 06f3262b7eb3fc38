var a = [];
a.length = 1e9;
var n = 0;
for (var k in a) n++;
console.log(n);
