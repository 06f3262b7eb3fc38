function t(x) { return `${typeof x}:${x}!` + typeof undeclared + (void x); }
