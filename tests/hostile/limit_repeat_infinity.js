"x".repeat(Infinity);
