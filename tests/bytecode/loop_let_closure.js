function make(n) { const fs = []; for (let i = 0; i < n; i++) { fs.push(() => i); } return fs; }
