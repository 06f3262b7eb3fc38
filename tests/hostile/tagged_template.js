function tag(s) { return s; }
tag`x`;
