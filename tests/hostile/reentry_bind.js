var b;
function f() { return b(); }
b = f.bind(null);
b();
