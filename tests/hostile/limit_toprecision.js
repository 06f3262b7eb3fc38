(1).toPrecision(0);
