// A binary-heap priority queue driving Dijkstra's shortest paths on a small graph
class MinHeap {
  constructor(cmp) { this.a = []; this.cmp = cmp; }
  get size() { return this.a.length; }
  push(x) { const a = this.a; a.push(x); let i = a.length - 1; while (i > 0) { const p = (i - 1) >> 1; if (this.cmp(a[i], a[p]) >= 0) break; [a[i], a[p]] = [a[p], a[i]]; i = p; } }
  pop() {
    const a = this.a; const top = a[0]; const last = a.pop();
    if (a.length) { a[0] = last; let i = 0; for (;;) { const l = 2 * i + 1, r = l + 1; let m = i; if (l < a.length && this.cmp(a[l], a[m]) < 0) m = l; if (r < a.length && this.cmp(a[r], a[m]) < 0) m = r; if (m === i) break; [a[i], a[m]] = [a[m], a[i]]; i = m; } }
    return top;
  }
}
const edges = [["A", "B", 4], ["A", "C", 2], ["C", "B", 1], ["B", "D", 5], ["C", "D", 8], ["C", "E", 10], ["D", "E", 2], ["E", "F", 3], ["D", "F", 6]];
const graph = new Map();
for (const [u, v, w] of edges) { for (const [x, y] of [[u, v], [v, u]]) { if (!graph.has(x)) graph.set(x, []); graph.get(x).push({ to: y, w }); } }
function dijkstra(src) {
  const dist = new Map([[src, 0]]); const prev = new Map(); const pq = new MinHeap((a, b) => a.d - b.d || (a.n < b.n ? -1 : 1));
  pq.push({ n: src, d: 0 });
  while (pq.size) { const { n, d } = pq.pop(); if (d > dist.get(n)) continue; for (const { to, w } of graph.get(n)) { const nd = d + w; if (!dist.has(to) || nd < dist.get(to)) { dist.set(to, nd); prev.set(to, n); pq.push({ n: to, d: nd }); } } }
  return { dist, prev };
}
const { dist, prev } = dijkstra("A");
for (const node of [...dist.keys()].sort()) { const path = []; for (let c = node; c; c = prev.get(c)) path.unshift(c); console.log(node, dist.get(node), path.join("->")); }
const h = new MinHeap((a, b) => a - b); [5, 3, 9, 1, 7, 3, 0].forEach(x => h.push(x)); const out = []; while (h.size) out.push(h.pop()); console.log(out.join(" "));
