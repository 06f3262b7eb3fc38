const big = 10n;
