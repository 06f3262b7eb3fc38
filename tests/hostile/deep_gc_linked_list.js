var l = null;
for (var i = 0; i < 1000000; i++) l = { next: l };
var junk;
for (var j = 0; j < 1000000; j++) junk = { j: j };
var n = 0;
while (l) { n++; l = l.next; }
console.log(n);
