try { console.log("f"); throw new Error("x"); } finally { console.log("g"); }
