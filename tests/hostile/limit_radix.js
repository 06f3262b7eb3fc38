(1).toString(1);
