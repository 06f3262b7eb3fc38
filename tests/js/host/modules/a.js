// CommonJS cycle partner: a requires b while b requires a (b sees a's partial exports).
exports.name = "a";
exports.early = true;
const b = require("./b");
exports.fromB = b.name + ":" + b.sawA;
exports.late = true;
