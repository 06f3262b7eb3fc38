var o = { get x() { return o.x; } };
console.log(o);
