// Word frequencies with Map, sorting with a comparator, JSON round-trip with reviver
const text = `It was the best of times, it was the worst of times, it was the age of wisdom,
it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity`;
const freq = new Map();
for (const raw of text.toLowerCase().split(/* no regexp: split on spaces */ " ")) {
  const w = raw.split(",").join("").split("\n").join(" ").trim();
  for (const part of w.split(" ")) if (part) freq.set(part, (freq.get(part) || 0) + 1);
}
const top = [...freq].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 6);
console.log(top.map(([w, n]) => `${w}=${n}`).join(" "));
const json = JSON.stringify({ top: Object.fromEntries(top), total: [...freq.values()].reduce((a, b) => a + b), when: { y: 1859 } }, null, 2);
console.log(json);
const back = JSON.parse(json, (k, v) => (typeof v === "number" ? v * 2 : v));
console.log(back.total, back.top.was, back.when.y, Object.keys(back.top).length);
