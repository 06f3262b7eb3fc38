function c(a, b) { [2, 1].sort(c); return 0; }
[2, 1].sort(c);
