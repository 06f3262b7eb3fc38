var e = new Error("x");
Object.defineProperty(e, "message", { get() { throw e; } });
throw e;
