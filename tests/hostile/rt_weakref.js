new WeakRef({});
