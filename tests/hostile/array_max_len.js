var a = new Array(4294967295); console.log(a.length);
