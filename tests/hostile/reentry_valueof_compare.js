var o = { valueOf() { return this < 1; } };
o < 1;
