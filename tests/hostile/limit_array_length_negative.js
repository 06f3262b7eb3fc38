var a = [];
a.length = -1;
