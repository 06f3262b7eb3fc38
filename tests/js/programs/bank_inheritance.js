// A class hierarchy with super calls, static members, getters and error handling
class InsufficientFunds extends Error { constructor(need, have) { super(`need ${need}, have ${have}`); this.name = "InsufficientFunds"; } }
class Account {
  static count = 0;
  constructor(owner, balance = 0) { this.owner = owner; this._balance = balance; this.history = []; Account.count++; }
  get balance() { return this._balance; }
  deposit(x) { if (x <= 0) throw new RangeError("deposit must be positive"); this._balance += x; this.history.push(["dep", x]); return this; }
  withdraw(x) { if (x > this._balance) throw new InsufficientFunds(x, this._balance); this._balance -= x; this.history.push(["wd", x]); return this; }
  toString() { return `${this.constructor.name}(${this.owner}: ${this._balance.toFixed(2)})`; }
}
class Savings extends Account {
  constructor(owner, balance, rate) { super(owner, balance); this.rate = rate; }
  addInterest() { return this.deposit(this._balance * this.rate); }
  withdraw(x) { if (this.history.filter(([k]) => k === "wd").length >= 2) throw new Error("withdrawal limit"); return super.withdraw(x); }
}
const accts = [new Account("ann", 100), new Savings("bob", 1000, 0.05)];
accts[0].deposit(50).withdraw(30);
accts[1].addInterest().withdraw(100).withdraw(100);
for (const op of [() => accts[0].withdraw(500), () => accts[1].withdraw(1), () => accts[0].deposit(-1)]) {
  try { op(); } catch (e) { console.log(e.name, e.message, e instanceof Error); }
}
console.log(String(accts[0]), `${accts[1]}`, Account.count, accts[1] instanceof Account, accts[1].balance);
console.log(accts.map(a => a.history.map(h => h.join(":")).join(",")).join(" | "));
