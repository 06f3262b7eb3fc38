var a = [1];
var n = 0;
for (var x of a) { if (n++ < 100000) a.push(1); }
console.log(n);
