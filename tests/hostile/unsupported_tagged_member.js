var o = { t(s) { return s; } };
o.t`x`;
