// A hot loop in a function called once is entered through on-stack replacement.
const T = $tierjs;
function once(n) {
  let s = 0, f = 0.5;
  for (let i = 0; i < n; i++) {
    s = (s + i * 7) | 0;
    f = f * 1.0000001 + 0.25;
  }
  return s + " " + f.toFixed(3);
}
console.log(once(200000));
console.log(T.deterministic ? T.osrEntries(once) >= 1 : true);
// The loop variable changes type mid-loop: the OSR code deopts and the interpreter finishes.
function changes(n) {
  let x = 0;
  for (let i = 0; i < n; i++) x = i === 150000 ? x + 0.5 : x + 1;
  return x;
}
console.log(changes(300000));
