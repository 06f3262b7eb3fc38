var a = null;
a?.b`x`;
