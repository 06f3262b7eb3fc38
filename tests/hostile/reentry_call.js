function f() { return f.call(null); }
f();
