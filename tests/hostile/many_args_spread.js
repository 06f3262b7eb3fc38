var a = new Array(1000000).fill(1);
console.log(Math.max(...a));
