Intl.NumberFormat;
