async function* g() {}
