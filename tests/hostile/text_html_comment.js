var x = 1; <!-- hi
--> also a comment
console.log(x);
