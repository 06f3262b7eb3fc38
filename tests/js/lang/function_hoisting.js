// Function declarations are hoisted with their bodies
console.log(early(2));
function early(x) {
  return x * 10;
}

function outer() {
  console.log(inner());
  return inner;
  function inner() {
    return "inner called";
  }
}
console.log(typeof outer());

// later declaration of the same name wins
console.log(dup());
function dup() { return "first"; }
function dup() { return "second"; }

// var with same name as function: function value until var assignment runs
function shadow() {
  const before = typeof fn;
  var fn = 5;
  function fn() {}
  return before + "," + typeof fn;
}
console.log(shadow());

// mutual recursion between hoisted functions
function isEven(n) { return n === 0 ? true : isOdd(n - 1); }
function isOdd(n) { return n === 0 ? false : isEven(n - 1); }
console.log(isEven(10), isOdd(7), isEven(7));

// function expression names are not hoisted into the outer scope
console.log(typeof notHoisted);
var notHoisted = function named() { return typeof named; };
console.log(notHoisted(), typeof named);

// parameter named like a hoisted function inside
function paramVsFn(a) {
  function a() {}
  return typeof a;
}
console.log(paramVsFn(1));
