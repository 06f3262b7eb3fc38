// var declarations are hoisted to the function scope (initialized to undefined)
console.log(typeof hoisted, hoisted);
var hoisted = 5;
console.log(hoisted);

function f() {
  console.log("in f before:", x);
  if (true) {
    var x = 10;
  }
  console.log("in f after:", x);
  for (var i = 0; i < 3; i++) {}
  console.log("loop var after loop:", i);
  return x;
}
console.log(f());

function g() {
  x = 3; // assigns to the hoisted local
  var x;
  return x;
}
console.log(g());

function h(p) {
  var p; // redeclaring a parameter keeps its value
  return p;
}
console.log(h(42));

function k() {
  var v = 1;
  var v;
  return v;
}
console.log(k());

function m() {
  if (false) {
    var neverAssigned = 1;
  }
  return neverAssigned;
}
console.log(m());

function n() {
  try {
    throw new Error("x");
  } catch (e) {
    var fromCatch = "set in catch";
  }
  return fromCatch;
}
console.log(n());
