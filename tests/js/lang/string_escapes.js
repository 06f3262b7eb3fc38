// String literal escapes and quoting
console.log("tab:\there");
console.log("line1\nline2");
console.log('single \'quoted\' "double"');
console.log("double \"quoted\" 'single'");
console.log("\x41\x42\x43", "\u0041\u00e9", "\u{41}\u{1F600}".length);
console.log("back\\slash");
console.log("a\
b");
console.log("nul:" + "\0".length + ":" + "\0".charCodeAt(0));
console.log("\r".charCodeAt(0), "\b".charCodeAt(0), "\f".charCodeAt(0), "\v".charCodeAt(0));
console.log("\u2028".length, "\u00A0".charCodeAt(0));
console.log(`tmpl \` backtick \${notinterp}`);
console.log("\q\w" === "qw");
console.log('\'' === "'", "\"" === '"');
console.log("a" + "b" + 'c' + `d`);
