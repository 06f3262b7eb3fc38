var a = [];
a.length = 4294967295;
console.log(a.slice(-2).length);
