/* never closed
var a = 1;
