function f() { [1].forEach(f); }
f();
