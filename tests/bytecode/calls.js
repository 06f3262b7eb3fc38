function calls(o, f, args) { f(1, 2); o.m(3); new f(4); f(...args); return o?.m?.(5); }
