JSON.stringify((function(){ var o = {}; o.o = o; return o; })());
