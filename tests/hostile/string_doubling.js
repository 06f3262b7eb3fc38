var s = ""; for (var i = 0; i < 30; i++) s = s + s + "x"; console.log(s.length);
