var s = "í €";
