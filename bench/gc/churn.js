// GC acceptance: allocates more than 5 GB in total while keeping under 50 MB live.
// A ring of 100,000 small objects is continuously replaced, so old generations die young
// and the live set stays constant. Run with --stats to see collections and live bytes.
const RING = 100000;
const ROUNDS = 320;
const ring = [];
for (let i = 0; i < RING; i++) ring[i] = { id: i, next: null, payload: i * 2 };
let check = 0;
for (let r = 0; r < ROUNDS; r++) {
  for (let i = 0; i < RING; i++) {
    const o = { id: r, next: ring[(i + 1) % RING], payload: i };
    check = (check + o.payload + o.next.id) | 0;
    ring[i] = { id: o.id, next: null, payload: o.payload };
  }
}
console.log("churn", check);
