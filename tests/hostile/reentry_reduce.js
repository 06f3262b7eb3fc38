function f() { return [1, 2].reduce(f); }
f();
