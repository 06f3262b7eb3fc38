new RegExp("a");
