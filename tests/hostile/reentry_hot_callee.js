function g(x) { return x + 1; }
for (var i = 0; i < 100000; i++) g(i);
function f(n) { return g(n) + f(n + 1); }
f(0);
