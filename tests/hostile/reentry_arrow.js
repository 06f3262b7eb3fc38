const f = () => f();
f();
