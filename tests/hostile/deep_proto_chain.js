var o = {};
for (var i = 0; i < 100000; i++) o = Object.create(o);
console.log(o.x, "x" in o);
