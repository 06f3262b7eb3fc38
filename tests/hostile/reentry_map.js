function g() { return [1].map(g); }
g();
