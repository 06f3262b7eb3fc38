var a = {};
a.__proto__ = a;
