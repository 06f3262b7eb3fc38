function sw(x) { switch (x) { case 1: return "a"; case "b": { let y = 2; return y; } default: return null; } }
