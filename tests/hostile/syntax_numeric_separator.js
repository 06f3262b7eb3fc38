var x = 1__0;
