var p = {};
Object.defineProperty(p, "y", { get: function () { return this.y + 1; } });
var o = Object.create(p);
o.y;
