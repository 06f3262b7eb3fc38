// comment ÿþ
console.log(1);
