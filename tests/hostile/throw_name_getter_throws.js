var e = new TypeError("m");
Object.defineProperty(e, "name", { get() { throw 1; } });
throw e;
