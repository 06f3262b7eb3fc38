// Misc class behaviour: this binding, methods as values, instanceof, toString override
class Account {
  constructor(owner) { this.owner = owner; this.balance = 0; }
  deposit(x) { this.balance += x; return this; }
}
const acc = new Account("ann");
acc.deposit(10).deposit(5);
console.log(acc.balance);

// a detached method has undefined this (class bodies are strict)
const detached = acc.deposit;
try {
  detached(1);
} catch (e) {
  console.log("detached:", e.name);
}
// bound method works
const bound = acc.deposit.bind(acc);
bound(100);
console.log(acc.balance);

// class with toString / valueOf used by operators
class Money {
  constructor(cents) { this.cents = cents; }
  valueOf() { return this.cents; }
  toString() { return "$" + (this.cents / 100).toFixed(2); }
}
const m1 = new Money(150), m2 = new Money(275);
console.log(m1 + m2, m1 < m2, `${m1}`, String(m2), m1 + "");

// instanceof with classes and constructor functions
class X {}
console.log(new X() instanceof X, {} instanceof X, Object.create(X.prototype) instanceof X);

// class declarations are block scoped
{
  class Local {}
  console.log(typeof Local);
}
console.log(typeof Local);

// methods can be called via prototype with explicit this
console.log(Account.prototype.deposit.call({ balance: 1 }, 2).balance);

// class name binding inside the class is constant
class Immutable {
  static rename() {
    try {
      Immutable = null;
    } catch (e) {
      return e.name;
    }
  }
}
console.log(Immutable.rename());
// getters on instances via prototype chain
class Chain {
  constructor(v) { this.v = v; }
  get doubled() { return this.v * 2; }
}
const ch = new Chain(4);
const child = Object.create(ch);
child.v = 10;
console.log(ch.doubled, child.doubled);
