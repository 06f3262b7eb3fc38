var e = new Error("m");
e.stack = undefined;
throw e;
