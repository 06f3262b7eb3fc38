// Exact JS number-to-string conversion
const cases = [
  0.1 + 0.2, 0.3, 1e21, 1e20, 1e-7, 1e-6, 0.000001, 0.0000001,
  123456789012345680000, 2 ** 53, 2 ** 53 + 1, 2 ** 53 - 1, NaN, Infinity, -Infinity,
  1 / 3, 2 / 3, 10 / 3, 5e-324, 1.7976931348623157e308, 100, 1e2, 12345.6789,
  -1.5, 0.5, 1.0, 3.14159, 255, 4294967295, 4294967296, -2147483648, 2147483648,
  1e300 * 10, 123e-20, 1.5e-10, 9.999999999999999e22, 1e23, 0.1 * 3, 1.1 * 1.1,
  100 / 7, 2 ** 64, 2 ** -10, 0.000123, 123456789, 1234567890123456789, 4.35, 0.07 * 100,
];
for (const n of cases) {
  console.log(String(n));
}
console.log(String(-0));
console.log("" + -0);
console.log(`${-0}`);
console.log((-0).toString());
console.log([-0, 0].join(","));
console.log(String(0 * -1));
console.log(1 / -0);
console.log(1 / (0 * -1));
console.log(-0 === 0);
console.log(String(1e21 + 1));
console.log(String(-1e-7));
console.log(String(0.1 + 0.7));
