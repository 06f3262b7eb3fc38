// double_loops.js — nested loops over floating-point arithmetic.
// Measures: unboxed double arithmetic (+ - * /), int-to-double conversion, loop back edges.
function integrate(n) {
  // midpoint rule for ∫∫ 1 / (1 + x*x + y*y) over [0,1]^2
  const h = 1.0 / n;
  let sum = 0.0;
  for (let i = 0; i < n; i++) {
    const x = (i + 0.5) * h;
    const x2 = x * x;
    for (let j = 0; j < n; j++) {
      const y = (j + 0.5) * h;
      sum += 1.0 / (1.0 + x2 + y * y);
    }
  }
  return sum * h * h;
}

function poly(n) {
  let acc = 0.0;
  let x = 0.25;
  for (let i = 0; i < n; i++) {
    x = x * 0.999 + 0.0007;
    acc += ((x * 1.5 - 0.25) * x + 0.125) * x - 0.0625;
  }
  return acc;
}

const a = integrate(1500);
const b = poly(2200000);
const result = a + b;
const EXPECTED = 916758.2437619492;
if (result !== EXPECTED) throw new Error("double_loops: wrong result " + result);
console.log("double_loops checksum = " + result);
