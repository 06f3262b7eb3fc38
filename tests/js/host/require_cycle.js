// require: relative paths, optional .js, caching, cycles as Node handles them, module.exports
const a = require("./modules/a");
console.log(a.name, a.fromB, a.late);
const c1 = require("./modules/counter");
const c2 = require("./modules/counter.js");
c1.inc(); c2.inc();
console.log(c1 === c2, c1.value, c1.file, c1.dir);
try { require("./modules/missing"); } catch (e) { console.log("missing:", e.message.includes("Cannot find module")); }
console.log(typeof module, typeof exports, this === module.exports);
