// Arithmetic feedback widens int32 -> number -> any; compares and unary ops too.
function add(a, b) { return a + b; }
function less(a, b) { return a < b; }
function neg(a) { return -a; }
for (let i = 0; i < 5; i++) { add(i, 1); less(i, 3); neg(i); }
const intOnly = add(1, 2);
add(1.5, 2);
add("s", 1);
add(null, {});
less(1, 2.5);
neg(-0);
