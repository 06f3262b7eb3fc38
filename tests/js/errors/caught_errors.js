// Error objects: name, message, stack with file positions, instanceof across the hierarchy
const kinds = [new Error("e"), new TypeError("t"), new RangeError("r"), new ReferenceError("f"), new SyntaxError("s")];
for (const k of kinds) console.log(k.name, k.message, k instanceof Error, String(k), typeof k.stack, k.stack.split("\n")[0]);
console.log(new TypeError("x") instanceof RangeError, Object.prototype.toString.call(new Error("z")));
try { null.f(); } catch (e) { console.log(e instanceof TypeError, e.constructor === TypeError); }
try { undefinedVariable; } catch (e) { console.log(e.name); }
try { (function r() { r(); })(); } catch (e) { console.log(e.name, e instanceof RangeError); }
const withCause = new Error("outer", { cause: "inner" }); console.log(withCause.cause);
class ValidationError extends Error { constructor(field) { super("bad " + field); this.name = "ValidationError"; this.field = field; } }
try { throw new ValidationError("age"); } catch (e) { console.log(e.name, e.message, e.field, e instanceof ValidationError, e instanceof Error, e.stack.includes("caught_errors.js")); }
console.log(Error("no new").message, TypeError("tt") instanceof TypeError);
