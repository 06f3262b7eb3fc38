// int_loops.js — nested integer loops mixing + * % & | ^ >>.
// Measures: int32 fast paths in arithmetic and bitwise ops, loop back edges (OSR).
function mix(n, m) {
  let acc = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let t = (i * 31 + j * 17) % 1009;
      t = (t & 0x3ff) | (j & 7);
      acc = (acc + t * 3) & 0xfffffff;
      acc = acc ^ (i >> 2);
    }
  }
  return acc;
}

let result = 0;
for (let r = 0; r < 10; r++) result = (result + mix(800, 800)) | 0;
const EXPECTED = 1657319270;
if (result !== EXPECTED) throw new Error("int_loops: wrong result " + result);
console.log("int_loops checksum = " + result);
