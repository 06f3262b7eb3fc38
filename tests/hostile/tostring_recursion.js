var o = { toString() { return String(this); } };
"" + o;
