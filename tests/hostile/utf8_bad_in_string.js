var s = "Ã(";
console.log(s.length);
