function f() { return arguments.length; }
f.apply(null, { length: 4294967295 });
