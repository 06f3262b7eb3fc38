// `a.push(v)` at a site that saw only Array.prototype.push compiles to an inline append (the
// target guarded, the receiver checked to be an extensible dense array whose prototypes have
// no elements). Each case: optimized, then a receiver or target the append must decline, with
// the right result and no element pushed twice, then optimized again.
const { T, check, warm, failures } = require("./_harness.js");

function pushAll(a, n) {
  let len = 0;
  for (let i = 0; i < n; i++) len = a.push(i * 2);
  return len;
}
warm(pushAll, [[], 5], 3);
const a = [];
console.log("pushed", pushAll(a, 1000), a.length, a[0], a[999], a[500]);
check(T.isOptimized(pushAll), "pushAll optimized");
check(T.deoptCount(pushAll) === 0, "no deopt while appending");

// Mixed values, and the returned length used.
function pushMixed(a) {
  const r = [a.push(1.5), a.push("s"), a.push(null), a.push(undefined), a.push(a.length)];
  return r.join(",");
}
warm(pushMixed, [[]], 3);
const m = [7];
console.log("mixed", pushMixed(m), JSON.stringify(m));
check(T.isOptimized(pushMixed), "pushMixed optimized");

// Arrays with room left in their element buffers (so an unguarded append would succeed).
function withRoom(values) {
  const r = values.slice();
  for (let i = 0; i < 8; i++) r.push(0);
  for (let i = 0; i < 8; i++) r.pop();
  return r;
}
// Each case below: a function optimized on plain arrays, then given a receiver the append
// must decline.
function pushTwo(a, x) { a.push(x); return a.push(x + 1); }
function ready(f) {
  warm(f, [withRoom([1]), 1], 3);
  f(withRoom([1]), 1);
  return T.isOptimized(f);
}
// A frozen array: push throws the interpreter's TypeError, nothing appended.
function pushFrozen(a, x) { a.push(x); return a.push(x + 1); }
check(ready(pushFrozen), "pushFrozen optimized");
const frozen = Object.freeze(withRoom([1, 2]));
try { pushFrozen(frozen, 3); console.log("no error"); } catch (e) { console.log("frozen", e instanceof TypeError, frozen.length, frozen[2]); }
check(T.deoptCount(pushFrozen) === 1, "a frozen receiver deopts");

// `new Array(n)`: its holes are elements, so the append lands after them.
function pushHoley(a, x) { a.push(x); return a.push(x + 1); }
check(ready(pushHoley), "pushHoley optimized");
const holey = new Array(3);
console.log("holey", pushHoley(holey, 2), holey.length, holey[3], holey[4], 2 in holey);

// A non-extensible array.
function pushSealed(a, x) { a.push(x); return a.push(x + 1); }
check(ready(pushSealed), "pushSealed optimized");
const sealed = Object.preventExtensions(withRoom([9]));
try { pushSealed(sealed, 1); console.log("no error"); } catch (e) { console.log("non-extensible", e instanceof TypeError, sealed.length, sealed[1]); }

// An array-like object with Array.prototype.push as its own method.
function pushLike(a, x) { a.push(x); return a.push(x + 1); }
check(ready(pushLike), "pushLike optimized");
const like = { length: 2, push: Array.prototype.push };
console.log("array-like", pushLike(like, 2), like.length, like[2], like[3]);

// An indexed property on Array.prototype: appends must go through [[Set]] (a setter here).
// The receiver's shape is unchanged, so only the appendable-array guard sees it.
function pushProto(a, x) { a.push(x); return a.push(x + 1); }
check(ready(pushProto), "pushProto optimized");
const one = withRoom([5]);
let seen = "";
Object.defineProperty(Array.prototype, "1", { set(v) { seen += "set " + v + ";"; }, configurable: true });
console.log("proto setter", pushProto(one, 7), one.length, seen === "" ? "no setter call" : seen, 1 in one, one.hasOwnProperty(1));
delete Array.prototype[1];
check(T.deoptCount(pushProto) === 1, "an indexed prototype property deopts");
// Once the property is deleted, prototypes have no indexed properties again: appends are
// inline again (see "again" below: optimized, and no new deopt).

// The target replaced: the guard fails, the new function runs.
function pushOwn(a, x) { a.push(x); return a.push(x + 1); }
check(ready(pushOwn), "pushOwn optimized");
const own = withRoom([]);
own.push = function (v) { return "own " + v; };
console.log("own push", pushOwn(own, 2), own.length);

T.optimizeOnNextCall(pushAll);
const b = [];
console.log("again", pushAll(b, 100), b[99]);
check(T.isOptimized(pushAll) && T.deoptCount(pushAll) === 0, "pushAll optimized again, no deopt");
console.log(failures() === 0 ? "ok" : failures() + " failures");
