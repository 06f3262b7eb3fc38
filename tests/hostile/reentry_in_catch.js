function f() { try { throw 1; } catch (e) { f(); } }
f();
