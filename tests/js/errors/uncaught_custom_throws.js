class MyError extends Error { constructor(m) { super(m); this.name = "MyError"; } }
console.log("about to throw");
throw new MyError("custom failure");
