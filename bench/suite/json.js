// JSON: builds a nested document, serializes it with and without indentation, parses it back
// (with a reviver) and checks a digest of the round trip.
function makeDoc(n) {
  const users = [];
  for (let i = 0; i < n; i++) {
    users.push({ id: i, name: "user" + i, email: "user" + i + "@example.com", active: i % 3 !== 0, score: (i * 37) % 101 / 7, tags: ["t" + (i % 5), "g" + (i % 7)], address: { city: "City" + (i % 13), zip: String(10000 + i), geo: [i * 0.5, -i * 0.25] }, note: i % 11 === 0 ? null : "line\n\"quoted\" \u00e9" });
  }
  return { version: 3, generated: "2026-01-01", users };
}
function digest(doc) {
  let h = 0;
  for (const u of doc.users) {
    h = (h * 31 + u.id + u.name.length + (u.active ? 1 : 0) + Math.round(u.score * 100) + u.tags.length + u.address.zip.length) | 0;
  }
  return h;
}
module.exports = {
  name: "JSON",
  run() {
    const doc = makeDoc(2000);
    const compact = JSON.stringify(doc);
    const pretty = JSON.stringify(doc, null, 2);
    const back = JSON.parse(compact);
    const revived = JSON.parse(pretty, (k, v) => (k === "score" ? Math.round(v * 1000) / 1000 : v));
    return [compact.length, pretty.length, digest(back), digest(revived), back.users[1999].address.geo.join(",")].join(" ");
  },
  verify(r) { return r === "408587 742603 1574310891 1574310891 999.5,-499.75"; },
};
