// A hot numeric loop worth watching tier up: a sieve of Eratosthenes plus a nested integer
// loop. Try it in each tier:
//   cargo run --release -- examples/hot_loop.js
//   cargo run --release -- --jit=off examples/hot_loop.js
//   cargo run --release -- --print-bytecode examples/hot_loop.js
function sieve(n) {
  const composite = [];
  for (let i = 0; i <= n; i++) composite.push(false);
  let count = 0;
  for (let i = 2; i <= n; i++) {
    if (!composite[i]) {
      count++;
      for (let j = i * i; j <= n; j += i) composite[j] = true;
    }
  }
  return count;
}

function mix(n) {
  let h = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 100; j++) {
      h = (h * 31 + (i ^ j)) | 0;
    }
  }
  return h;
}

const t0 = performance.now();
const primes = sieve(2000000);
const h = mix(20000);
const ms = performance.now() - t0;
console.log(`primes below 2e6: ${primes}`);
console.log(`mix hash: ${h}`);
if (primes !== 148933) throw new Error("wrong prime count");
process.stdout.write(`time: ${ms.toFixed ? ms.toFixed(1) : ms} ms\n`);
