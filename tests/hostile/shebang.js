#!/usr/bin/env tierjs
console.log("shebang");
