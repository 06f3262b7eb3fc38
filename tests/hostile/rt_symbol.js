Symbol("x");
