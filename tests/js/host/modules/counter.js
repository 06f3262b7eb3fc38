let count = 0;
module.exports = { inc() { return ++count; }, get value() { return count; }, file: __filename.endsWith("counter.js"), dir: typeof __dirname };
