// A direct call behind a call-target guard, and Math.sqrt as a machine instruction; doubles
// stay unboxed between them.
function sq(x) { return x * x; }
function norm(a, b) { return Math.sqrt(sq(a) + sq(b)); }
$tierjs.prepareForOptimization(norm);
norm(1.5, 2.5);
norm(3.5, 4.5);
$tierjs.optimizeOnNextCall(norm);
norm(0.5, 1.5);
