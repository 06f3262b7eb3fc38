JSON.parse("[".repeat(100000));
