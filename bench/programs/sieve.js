// sieve.js — sieve of Eratosthenes on a plain array.
// Measures: array element loads/stores with int indices, bounds checks, tight loops.
function sieve(limit) {
  const flags = new Array(limit + 1);
  for (let i = 0; i <= limit; i++) flags[i] = true;
  flags[0] = false;
  flags[1] = false;
  for (let i = 2; i * i <= limit; i++) {
    if (flags[i]) {
      for (let j = i * i; j <= limit; j += i) flags[j] = false;
    }
  }
  let count = 0;
  for (let i = 0; i <= limit; i++) if (flags[i]) count++;
  return count;
}

let result = 0;
for (let r = 0; r < 16; r++) result += sieve(250000);
const EXPECTED = 352704;
if (result !== EXPECTED) throw new Error("sieve: wrong result " + result);
console.log("sieve checksum = " + result);
