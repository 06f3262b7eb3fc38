function f(a = f()) { return a; }
f();
