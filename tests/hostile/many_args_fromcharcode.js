var a = new Array(1000000).fill(65);
console.log(String.fromCharCode.apply(null, a).length);
