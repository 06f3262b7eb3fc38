Object.defineProperty(1, "x", {});
