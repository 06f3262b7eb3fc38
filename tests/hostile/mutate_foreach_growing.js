var a = [1];
var n = 0;
a.forEach(function () { if (n++ < 100000) a.push(1); });
console.log(n);
