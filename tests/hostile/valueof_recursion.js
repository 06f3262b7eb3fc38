var o = { valueOf() { return +this; } };
o * 2;
