console.log((2.5).toFixed(0), (1.005).toFixed(2), (1.45).toFixed(1), (-1.5).toFixed(0), (0.000001).toFixed(7), (123.456).toFixed(10), (1e21).toFixed(2), (-0.0001).toFixed(2));
console.log((255).toString(16), (0.5).toString(2), (-255.5).toString(16), (0.1).toString(3), (1e21).toString(36), Math.PI.toString(7));
console.log((123.456).toPrecision(4), (0.00001234).toPrecision(2), (1234567).toPrecision(3), (1.5).toPrecision(1), (99.99).toPrecision(3), (0).toPrecision(3), (1e-7).toPrecision(1));
console.log((123.456).toExponential(2), (0).toExponential(), (12345).toExponential(), (1.5e-10).toExponential(3));
console.log(Number("0x1f"), Number(" 12 "), Number("1e3"), Number(""), Number("abc"), Number(null), Number([5]), Number.isInteger(5.0), Number.MAX_SAFE_INTEGER);
console.log(Math.round(-2.5), Math.round(2.5), Math.round(-0.4), Math.max(), Math.min(0, -0), Math.hypot(3, 4), Math.sign(-3), Math.clz32(1), Math.trunc(-4.7), Math.cbrt(27));
console.log(new Number(5) + 1, typeof new Number(5), new Boolean(false) ? "t" : "f", Boolean(""), (true).toString());
