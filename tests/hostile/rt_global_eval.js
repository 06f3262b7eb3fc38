globalThis.eval("1");
