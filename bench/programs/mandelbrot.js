// mandelbrot.js — escape-time Mandelbrot set on a grid.
// Measures: double arithmetic in a data-dependent inner loop, comparisons, int counters.
function mandel(w, h, maxIter) {
  let total = 0;
  for (let py = 0; py < h; py++) {
    const ci = (py / h) * 2.0 - 1.0;
    for (let px = 0; px < w; px++) {
      const cr = (px / w) * 3.0 - 2.0;
      let zr = 0.0, zi = 0.0;
      let k = 0;
      while (k < maxIter) {
        const zr2 = zr * zr, zi2 = zi * zi;
        if (zr2 + zi2 > 4.0) break;
        zi = 2.0 * zr * zi + ci;
        zr = zr2 - zi2 + cr;
        k++;
      }
      total += k;
    }
  }
  return total;
}

const result = mandel(400, 300, 100);
const EXPECTED = 3641445;
if (result !== EXPECTED) throw new Error("mandelbrot: wrong result " + result);
console.log("mandelbrot checksum = " + result);
