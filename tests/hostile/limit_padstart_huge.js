"x".padStart(2 ** 31);
