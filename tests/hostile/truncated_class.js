class A { m() { return 1 }
