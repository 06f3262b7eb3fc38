L: if (true) { break L; }
