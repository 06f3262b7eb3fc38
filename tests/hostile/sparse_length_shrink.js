var a = [1, 2, 3];
a.length = 4294967295;
a.length = 0;
console.log(a.length);
