function f() { return arguments.length; }
var a = new Array(500000).fill(0);
console.log(f.apply(null, a));
