throw new Error("x".repeat(10000000));
