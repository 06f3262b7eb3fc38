// Numeric literal forms
console.log(0x10, 0XfF, 0o17, 0O7, 0b1010, 0B11);
console.log(.5, 5., 1e3, 1E3, 1e+3, 1e-3, 2.5e2);
console.log(0.0, -0.0 === 0, 00 === 0);
console.log(1.5e300 * 1e10);
console.log(0x7fffffff, 0xffffffff, 0x100000000);
console.log(9007199254740993);
console.log(1.0000000000000002, 1.00000000000000001);
console.log(123.456e-2);
console.log(5..toString(), 5 .toString(), (5).toString());
