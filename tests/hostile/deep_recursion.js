function f() { f(); }
f();
