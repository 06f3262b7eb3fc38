const a = [];
a.length = 2 ** 32 - 1;
[].concat(a, [1]);
