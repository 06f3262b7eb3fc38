function la(o, x) { o.a ??= x; o.b ||= 1; x &&= o.c; return x ?? (o.d || o.e && 3); }
