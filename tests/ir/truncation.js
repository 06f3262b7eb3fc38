// Truncated int32 arithmetic: `+` and `*` whose results only reach `&` or `|` wrap without an
// overflow check (`i * 3`, both `acc + ...`); `%` does not truncate, so `i * 31 + acc` before
// it keeps its checks, and so does the returned `acc + u`.
function mix(n) {
  let acc = 0, u = 0;
  for (let i = 0; i < n; i++) {
    acc = (acc + i * 3) & 0xfffffff;
    u = ((i * 31 + acc) % 1009) | 0;
    acc = (acc + u) | 0;
  }
  return acc + u;
}
$tierjs.prepareForOptimization(mix);
mix(10);
$tierjs.optimizeOnNextCall(mix);
mix(20);
