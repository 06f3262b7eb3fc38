var a = [3, 2, 1];
try { a.sort(function () { throw new Error("x"); }); } catch (e) { console.log(e.message, a.length); }
