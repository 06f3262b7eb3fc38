// Dense element loads and stores behind bounds/hole guards, an array length load, and a
// generic site (strings) that stays a runtime call.
function bump(a) {
  for (let i = 0; i < a.length; i++) a[i] = a[i] + 1;
  return a.length + "";
}
$tierjs.prepareForOptimization(bump);
bump([1, 2, 3]);
$tierjs.optimizeOnNextCall(bump);
bump([4, 5]);
