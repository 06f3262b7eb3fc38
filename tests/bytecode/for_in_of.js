function iter(o, arr) { let s = ""; for (const k in o) s += k; outer: for (const v of arr) { if (v) continue outer; s += v; } return s; }
