var s = "x".repeat(1 << 20);
var t = "";
for (var i = 0; i < 2048; i++) t += s;
console.log(t.length);
