L: function f() {}
