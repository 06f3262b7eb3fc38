function f(n) { try { return f(n + 1); } catch (e) { return n; } }
console.log(f(0) > 100);
