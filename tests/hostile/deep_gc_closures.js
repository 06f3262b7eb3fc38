var f = function () { return 0; };
for (var i = 0; i < 300000; i++) { (function (g) { f = function () { return g; }; })(f); }
var junk;
for (var j = 0; j < 1000000; j++) junk = [j];
console.log(typeof f());
