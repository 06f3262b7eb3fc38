class A { m() { return this.m(); } }
class B extends A { m() { return super.m(); } }
new B().m();
