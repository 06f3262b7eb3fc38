new WeakMap();
