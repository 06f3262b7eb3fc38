function f() { return Array.from([1], f); }
f();
