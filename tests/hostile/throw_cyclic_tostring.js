throw { toString() { return "" + this; } };
