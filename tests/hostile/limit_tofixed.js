(1).toFixed(101);
