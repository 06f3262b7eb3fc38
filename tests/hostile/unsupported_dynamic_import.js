import("./x.js");
