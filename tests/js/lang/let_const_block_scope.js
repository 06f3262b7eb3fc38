// let/const are block scoped
let x = "outer";
{
  let x = "inner";
  console.log(x);
  {
    const x = "innermost";
    console.log(x);
  }
  console.log(x);
}
console.log(x);

if (true) {
  let onlyInIf = 1;
  const alsoOnlyInIf = 2;
  console.log(onlyInIf + alsoOnlyInIf);
}
console.log(typeof onlyInIf, typeof alsoOnlyInIf);

for (let i = 0; i < 2; i++) {
  let i2 = i * 2;
  console.log("loop", i, i2);
}
console.log(typeof i, typeof i2);

const obj = { a: 1 };
obj.a = 2;
obj.b = 3;
console.log(obj.a, obj.b);

const arr = [1];
arr.push(2);
console.log(arr.length);

function f() {
  let r = [];
  for (const v of [10, 20]) {
    const doubled = v * 2;
    r.push(doubled);
  }
  return r.join("+");
}
console.log(f());

switch (1) {
  case 1: {
    let caseScoped = "case block";
    console.log(caseScoped);
  }
}
console.log(typeof caseScoped);

let shadowed = 1;
function useShadow() {
  let shadowed = 2;
  return shadowed;
}
console.log(useShadow(), shadowed);
