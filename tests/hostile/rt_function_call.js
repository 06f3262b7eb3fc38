Function("return 1")();
