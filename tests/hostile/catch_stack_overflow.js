var d = 0;
function f() { d++; f(); }
try { f(); } catch (e) { console.log(e instanceof RangeError, d > 100); }
