var e = new Error("m");
Object.defineProperty(e, "stack", { get() { throw e; } });
throw e;
