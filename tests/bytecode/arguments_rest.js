function args(a = 1, ...rest) { return arguments.length + rest.length + a; }
const arrow = (x) => x * 2;
