// Property loads behind shape guards: a monomorphic site and a polymorphic one; the object
// check is not repeated for the second load of the same value.
class A { constructor() { this.x = 1; this.y = 2; } }
class B { constructor() { this.y = 3; this.x = 4; } }
function mono(o) { return o.x + o.y; }
function poly(o) { return o.x; }
$tierjs.prepareForOptimization(mono);
mono(new A());
mono(new A());
$tierjs.optimizeOnNextCall(mono);
mono(new A());
$tierjs.prepareForOptimization(poly);
poly(new A());
poly(new B());
$tierjs.optimizeOnNextCall(poly);
poly(new B());
