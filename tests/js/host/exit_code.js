// process.exit(n) ends the program immediately with exit code n; finally blocks do not run
console.log("before");
try { process.exit(7); } finally { console.log("finally must not run"); }
console.log("after");
