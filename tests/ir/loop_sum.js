// An int32 loop: the counter and the sum become unboxed I32 block parameters, the bound is
// checked once on entry, the add keeps its overflow guard.
function sum(n) {
  let s = 0;
  for (let i = 0; i < n; i++) s += i;
  return s;
}
$tierjs.prepareForOptimization(sum);
sum(10);
$tierjs.optimizeOnNextCall(sum);
sum(20);
