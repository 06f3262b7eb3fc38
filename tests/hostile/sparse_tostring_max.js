const a = new Array(2 ** 32 - 1);
a[7] = 1;
console.log(a.length, String(a).length > 0 ? "big" : "empty");
