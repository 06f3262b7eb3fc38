return 5;
var q = ;
