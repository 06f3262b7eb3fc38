lbl: { break lbl; }
