new Proxy({}, {});
