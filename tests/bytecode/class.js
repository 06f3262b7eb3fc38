class Base { constructor(x) { this.x = x; } get double() { return this.x * 2; } static make() { return new Base(1); } }
class Derived extends Base { y = 3; constructor() { super(5); } m() { return super.double + this.y; } }
