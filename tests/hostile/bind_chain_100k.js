let f = function foo() { return this.v; };
for (let i = 0; i < 100000; i++) f = f.bind({ v: i });
console.log(f.name.length, f());
