var a = [1, 2, 3];
Object.defineProperty(a, 1, { get() { a.length = 0; return 9; } });
console.log(a.map(function (x) { return x; }));
