console.log("start");
function f(o) { return o.missing.deeper; }
f({});
console.log("not reached");
