var o = { *g() {} };
