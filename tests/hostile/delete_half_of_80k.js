const o = {};
for (let i = 0; i < 80000; i++) o["k" + i] = i;
for (let i = 0; i < 80000; i += 2) delete o["k" + i];
console.log(Object.keys(o).length);
