"x".padEnd(2 ** 32, "ab");
