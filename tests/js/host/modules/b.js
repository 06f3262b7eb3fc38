const a = require("./a.js");
exports.name = "b";
exports.sawA = a.early === true && a.late === undefined ? "partial" : "complete";
