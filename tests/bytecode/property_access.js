function props(o) { o.x = o.y + 1; o["z"] = o[0]; delete o.w; return "x" in o; }
