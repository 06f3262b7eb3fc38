function f() { return "a".replace("a", f); }
f();
