function arith(a, b) { return (a + b) * (a - b) / 2 % 7 ** 2; }
