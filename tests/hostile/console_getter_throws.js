var o = { get x() { throw new Error("g"); } };
console.log(o);
