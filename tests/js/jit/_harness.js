// Shared by the $tierjs tests (a helper module: its name starts with `_`). `check` asserts a
// tier fact only where tier facts are deterministic ($tierjs.deterministic: JIT on, default
// thresholds, no forced deopts), so every mode of the matrix prints the same; `warm` runs a
// function `n` times and asks for its optimization on the next call.
const T = $tierjs;
let failed = 0;
function check(cond, what) {
  if (T.deterministic && !cond) {
    failed++;
    console.log("FAIL: " + what);
  }
}
function warm(f, args, n) {
  T.prepareForOptimization(f);
  let r;
  for (let i = 0; i < n; i++) r = f(...args);
  T.optimizeOnNextCall(f);
  return r;
}
module.exports = { T, check, warm, failures: () => failed };
