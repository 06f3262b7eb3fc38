var a = [];
a[4294967294] = 1;
a[4294967295] = 2;
console.log(a.length, Object.keys(a).length);
