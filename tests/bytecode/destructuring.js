function d({ a, b: [c, , e = 4] = [], ...rest }, ...more) { [a, c] = [c, a]; return a + c + e + rest.k + more.length; }
