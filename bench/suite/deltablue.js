// DeltaBlue: Maloney and Freeman-Benson's incremental one-way constraint solver, in the
// classic benchmark's formulation (chain test and projection test), written with ES2015
// classes. Every internal check that fails is counted in `errors` and makes `verify` fail.
let errors = 0;
function fail(message) { errors++; }

// ---------------------------------------------------------------------------------------
// Strength: a symbolic constraint strength; smaller values are stronger.
class Strength {
  constructor(strengthValue, name) { this.strengthValue = strengthValue; this.name = name; }
  static stronger(s1, s2) { return s1.strengthValue < s2.strengthValue; }
  static weaker(s1, s2) { return s1.strengthValue > s2.strengthValue; }
  static weakestOf(s1, s2) { return Strength.weaker(s1, s2) ? s1 : s2; }
  static strongest(s1, s2) { return Strength.stronger(s1, s2) ? s1 : s2; }
  nextWeaker() {
    switch (this.strengthValue) {
      case 0: return STRONG_PREFERRED;
      case 1: return PREFERRED;
      case 2: return STRONG_DEFAULT;
      case 3: return NORMAL;
      case 4: return WEAK_DEFAULT;
      case 5: return WEAKEST;
      default: return WEAKEST;
    }
  }
}
const REQUIRED = new Strength(0, "required");
const STRONG_PREFERRED = new Strength(1, "strongPreferred");
const PREFERRED = new Strength(2, "preferred");
const STRONG_DEFAULT = new Strength(3, "strongDefault");
const NORMAL = new Strength(4, "normal");
const WEAK_DEFAULT = new Strength(5, "weakDefault");
const WEAKEST = new Strength(6, "weakest");

// ---------------------------------------------------------------------------------------
// OrderedCollection: a growable list (removeFirst takes from the end, as in the benchmark).
class OrderedCollection {
  constructor() { this.elms = []; }
  add(elm) { this.elms.push(elm); }
  at(index) { return this.elms[index]; }
  size() { return this.elms.length; }
  removeFirst() { return this.elms.pop(); }
  remove(elm) {
    let index = 0, skipped = 0;
    for (let i = 0; i < this.elms.length; i++) {
      const value = this.elms[i];
      if (value !== elm) {
        this.elms[index] = value;
        index++;
      } else {
        skipped++;
      }
    }
    for (let i = 0; i < skipped; i++) this.elms.pop();
  }
}

// The planner of the test currently running (the constraints add themselves to it).
let planner = null;

// ---------------------------------------------------------------------------------------
// Constraint: the abstract superclass. A constraint relates variables and can be satisfied
// by one of its methods (choosing which variable it determines).
class Constraint {
  constructor(strength) { this.strength = strength; }

  // Activate this constraint and attempt to satisfy it.
  addConstraint() {
    this.addToGraph();
    planner.incrementalAdd(this);
  }

  // Attempt to find a way to enforce this constraint. If successful, record the solution,
  // perhaps modifying the current dataflow graph, and return the constraint overridden
  // (if any); otherwise return null.
  satisfy(mark) {
    this.chooseMethod(mark);
    if (!this.isSatisfied()) {
      if (this.strength === REQUIRED) fail("Could not satisfy a required constraint!");
      return null;
    }
    this.markInputs(mark);
    const out = this.output();
    const overridden = out.determinedBy;
    if (overridden !== null) overridden.markUnsatisfied();
    out.determinedBy = this;
    if (!planner.addPropagate(this, mark)) fail("Cycle encountered");
    out.mark = mark;
    return overridden;
  }

  destroyConstraint() {
    if (this.isSatisfied()) planner.incrementalRemove(this);
    else this.removeFromGraph();
  }

  // Normal constraints are not input constraints; an input constraint is one that depends
  // on external state, such as the mouse, the keyboard or a clock.
  isInput() { return false; }
}

// ---------------------------------------------------------------------------------------
// UnaryConstraint: an abstract constraint with a single possible output variable.
class UnaryConstraint extends Constraint {
  constructor(v, strength) {
    super(strength);
    this.myOutput = v;
    this.satisfied = false;
  }
  addToGraph() {
    this.myOutput.addConstraint(this);
    this.satisfied = false;
  }
  chooseMethod(mark) {
    this.satisfied = this.myOutput.mark !== mark && Strength.stronger(this.strength, this.myOutput.walkStrength);
  }
  isSatisfied() { return this.satisfied; }
  markInputs(mark) { /* has no inputs */ }
  output() { return this.myOutput; }
  // Calculate the walkabout strength, the stay flag, and, if it is 'stay', the value of
  // the current output of this constraint.
  recalculate() {
    this.myOutput.walkStrength = this.strength;
    this.myOutput.stay = !this.isInput();
    if (this.myOutput.stay) this.execute();
  }
  markUnsatisfied() { this.satisfied = false; }
  inputsKnown(mark) { return true; }
  removeFromGraph() {
    if (this.myOutput !== null) this.myOutput.removeConstraint(this);
    this.satisfied = false;
  }
}

// StayConstraint: keeps its variable from changing (unless a stronger constraint says so).
class StayConstraint extends UnaryConstraint {
  constructor(v, strength) {
    super(v, strength);
    this.addConstraint();
  }
  execute() { /* stay constraints do nothing */ }
}

// EditConstraint: marks its variable as changing from outside (an input).
class EditConstraint extends UnaryConstraint {
  constructor(v, strength) {
    super(v, strength);
    this.addConstraint();
  }
  isInput() { return true; }
  execute() { /* edit constraints do nothing */ }
}

// ---------------------------------------------------------------------------------------
// BinaryConstraint: an abstract constraint with two variables, either of which may be the
// output depending on the chosen direction.
const DIRECTION_NONE = 0, DIRECTION_FORWARD = 1, DIRECTION_BACKWARD = -1;

class BinaryConstraint extends Constraint {
  constructor(var1, var2, strength) {
    super(strength);
    this.v1 = var1;
    this.v2 = var2;
    this.direction = DIRECTION_NONE;
  }

  // Decide if this constraint can be satisfied and which way it should flow, based on the
  // relative strengths of the variables it relates, and record that decision.
  chooseMethod(mark) {
    if (this.v1.mark === mark) {
      this.direction = this.v2.mark !== mark && Strength.stronger(this.strength, this.v2.walkStrength)
        ? DIRECTION_FORWARD : DIRECTION_NONE;
      return;
    }
    if (this.v2.mark === mark) {
      this.direction = this.v1.mark !== mark && Strength.stronger(this.strength, this.v1.walkStrength)
        ? DIRECTION_BACKWARD : DIRECTION_NONE;
      return;
    }
    // Neither variable is marked, so there is a choice.
    if (Strength.weaker(this.v1.walkStrength, this.v2.walkStrength)) {
      this.direction = Strength.stronger(this.strength, this.v1.walkStrength) ? DIRECTION_BACKWARD : DIRECTION_NONE;
    } else {
      this.direction = Strength.stronger(this.strength, this.v2.walkStrength) ? DIRECTION_FORWARD : DIRECTION_NONE;
    }
  }
  addToGraph() {
    this.v1.addConstraint(this);
    this.v2.addConstraint(this);
    this.direction = DIRECTION_NONE;
  }
  isSatisfied() { return this.direction !== DIRECTION_NONE; }
  markInputs(mark) { this.input().mark = mark; }
  input() { return this.direction === DIRECTION_FORWARD ? this.v1 : this.v2; }
  output() { return this.direction === DIRECTION_FORWARD ? this.v2 : this.v1; }
  recalculate() {
    const ihn = this.input(), out = this.output();
    out.walkStrength = Strength.weakestOf(this.strength, ihn.walkStrength);
    out.stay = ihn.stay;
    if (out.stay) this.execute();
  }
  markUnsatisfied() { this.direction = DIRECTION_NONE; }
  inputsKnown(mark) {
    const i = this.input();
    return i.mark === mark || i.stay || i.determinedBy === null;
  }
  removeFromGraph() {
    if (this.v1 !== null) this.v1.removeConstraint(this);
    if (this.v2 !== null) this.v2.removeConstraint(this);
    this.direction = DIRECTION_NONE;
  }
}

// ScaleConstraint: relates two variables by `v2 = v1 * scale + offset` (either direction).
class ScaleConstraint extends BinaryConstraint {
  constructor(src, scale, offset, dest, strength) {
    super(src, dest, strength);
    this.scale = scale;
    this.offset = offset;
    this.addConstraint();
  }
  addToGraph() {
    super.addToGraph();
    this.scale.addConstraint(this);
    this.offset.addConstraint(this);
  }
  removeFromGraph() {
    super.removeFromGraph();
    if (this.scale !== null) this.scale.removeConstraint(this);
    if (this.offset !== null) this.offset.removeConstraint(this);
  }
  markInputs(mark) {
    super.markInputs(mark);
    this.scale.mark = mark;
    this.offset.mark = mark;
  }
  execute() {
    if (this.direction === DIRECTION_FORWARD) {
      this.v2.value = this.v1.value * this.scale.value + this.offset.value;
    } else {
      this.v1.value = (this.v2.value - this.offset.value) / this.scale.value;
    }
  }
  recalculate() {
    const ihn = this.input(), out = this.output();
    out.walkStrength = Strength.weakestOf(this.strength, ihn.walkStrength);
    out.stay = ihn.stay && this.scale.stay && this.offset.stay;
    if (out.stay) this.execute();
  }
}

// EqualityConstraint: keeps two variables equal.
class EqualityConstraint extends BinaryConstraint {
  constructor(var1, var2, strength) {
    super(var1, var2, strength);
    this.addConstraint();
  }
  execute() { this.output().value = this.input().value; }
}

// ---------------------------------------------------------------------------------------
// Variable: a constrained variable, which also records the dataflow graph (the constraint
// that determines it, its walkabout strength, and whether it is a constant "stay").
class Variable {
  constructor(name, initialValue) {
    this.value = initialValue || 0;
    this.constraints = new OrderedCollection();
    this.determinedBy = null;
    this.mark = 0;
    this.walkStrength = WEAKEST;
    this.stay = true;
    this.name = name;
  }
  addConstraint(c) { this.constraints.add(c); }
  removeConstraint(c) {
    this.constraints.remove(c);
    if (this.determinedBy === c) this.determinedBy = null;
  }
}

// ---------------------------------------------------------------------------------------
// Planner: the incremental constraint solver (DeltaBlue proper).
class Planner {
  constructor() { this.currentMark = 0; }

  // Attempt to satisfy the given constraint and, if successful, incrementally update the
  // dataflow graph. Overridden constraints are retried with the same mark.
  incrementalAdd(c) {
    const mark = this.newMark();
    let overridden = c.satisfy(mark);
    while (overridden !== null) overridden = overridden.satisfy(mark);
  }

  // Retract the given constraint and incrementally update the dataflow graph, then try to
  // satisfy the constraints it may have blocked, strongest first.
  incrementalRemove(c) {
    const out = c.output();
    c.markUnsatisfied();
    c.removeFromGraph();
    const unsatisfied = this.removePropagateFrom(out);
    let strength = REQUIRED;
    do {
      for (let i = 0; i < unsatisfied.size(); i++) {
        const u = unsatisfied.at(i);
        if (u.strength === strength) this.incrementalAdd(u);
      }
      strength = strength.nextWeaker();
    } while (strength !== WEAKEST);
  }

  newMark() { return ++this.currentMark; }

  // Extract a plan for resatisfying starting from the given source constraints, usually a
  // set of input constraints.
  makePlan(sources) {
    const mark = this.newMark();
    const plan = new Plan();
    const todo = sources;
    while (todo.size() > 0) {
      const c = todo.removeFirst();
      if (c.output().mark !== mark && c.inputsKnown(mark)) {
        plan.addConstraint(c);
        c.output().mark = mark;
        this.addConstraintsConsumingTo(c.output(), todo);
      }
    }
    return plan;
  }

  // Extract a plan for resatisfying starting from the outputs of the given constraints.
  extractPlanFromConstraints(constraints) {
    const sources = new OrderedCollection();
    for (let i = 0; i < constraints.size(); i++) {
      const c = constraints.at(i);
      if (c.isInput() && c.isSatisfied()) sources.add(c);
    }
    return this.makePlan(sources);
  }

  // Recompute the walkabout strengths and stay flags downstream of c's output; returns
  // false (after retracting c) if a cycle is found.
  addPropagate(c, mark) {
    const todo = new OrderedCollection();
    todo.add(c);
    while (todo.size() > 0) {
      const d = todo.removeFirst();
      if (d.output().mark === mark) {
        this.incrementalRemove(c);
        return false;
      }
      d.recalculate();
      this.addConstraintsConsumingTo(d.output(), todo);
    }
    return true;
  }

  // Update the walkabout strengths and stay flags of everything downstream of `out`, which
  // has just become undetermined; returns the unsatisfied constraints met on the way.
  removePropagateFrom(out) {
    out.determinedBy = null;
    out.walkStrength = WEAKEST;
    out.stay = true;
    const unsatisfied = new OrderedCollection();
    const todo = new OrderedCollection();
    todo.add(out);
    while (todo.size() > 0) {
      const v = todo.removeFirst();
      for (let i = 0; i < v.constraints.size(); i++) {
        const c = v.constraints.at(i);
        if (!c.isSatisfied()) unsatisfied.add(c);
      }
      const determining = v.determinedBy;
      for (let i = 0; i < v.constraints.size(); i++) {
        const next = v.constraints.at(i);
        if (next !== determining && next.isSatisfied()) {
          next.recalculate();
          todo.add(next.output());
        }
      }
    }
    return unsatisfied;
  }

  addConstraintsConsumingTo(v, coll) {
    const determining = v.determinedBy;
    const cc = v.constraints;
    for (let i = 0; i < cc.size(); i++) {
      const c = cc.at(i);
      if (c !== determining && c.isSatisfied()) coll.add(c);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Plan: an ordered list of constraints to execute to resatisfy the graph after an input
// changes.
class Plan {
  constructor() { this.v = new OrderedCollection(); }
  addConstraint(c) { this.v.add(c); }
  size() { return this.v.size(); }
  constraintAt(index) { return this.v.at(index); }
  execute() {
    for (let i = 0; i < this.size(); i++) this.constraintAt(i).execute();
  }
}

// ---------------------------------------------------------------------------------------
// The tests.

// A long chain of equality constraints, a stay on the last variable and an edit on the
// first; changing the first must propagate all the way down. Returns a checksum.
function chainTest(n) {
  planner = new Planner();
  let prev = null, first = null, last = null;
  for (let i = 0; i <= n; i++) {
    const v = new Variable("v" + i);
    if (prev !== null) new EqualityConstraint(prev, v, REQUIRED);
    if (i === 0) first = v;
    if (i === n) last = v;
    prev = v;
  }
  new StayConstraint(last, STRONG_DEFAULT);
  const edit = new EditConstraint(first, PREFERRED);
  const edits = new OrderedCollection();
  edits.add(edit);
  const plan = planner.extractPlanFromConstraints(edits);
  let sum = 0;
  for (let i = 0; i < 100; i++) {
    first.value = i;
    plan.execute();
    if (last.value !== i) fail("Chain test failed.");
    sum += last.value;
  }
  return sum + plan.size() * 100000;
}

// Adds an edit constraint on v, sets it to newValue through the extracted plan, and then
// retracts the edit.
function change(v, newValue) {
  const edit = new EditConstraint(v, PREFERRED);
  const edits = new OrderedCollection();
  edits.add(edit);
  const plan = planner.extractPlanFromConstraints(edits);
  for (let i = 0; i < 10; i++) {
    v.value = newValue;
    plan.execute();
  }
  edit.destroyConstraint();
}

// n source/destination pairs related by scale constraints sharing one scale and one offset
// variable; changes the sources, destinations, scale and offset and checks the results.
// Returns a checksum.
function projectionTest(n) {
  planner = new Planner();
  const scale = new Variable("scale", 10);
  const offset = new Variable("offset", 1000);
  let src = null, dst = null;
  const dests = new OrderedCollection();
  for (let i = 0; i < n; i++) {
    src = new Variable("src" + i, i);
    dst = new Variable("dst" + i, i);
    dests.add(dst);
    new StayConstraint(src, NORMAL);
    new ScaleConstraint(src, scale, offset, dst, REQUIRED);
  }
  let checksum = 0;
  change(src, 17);
  if (dst.value !== 1170) fail("Projection 1 failed");
  checksum += dst.value;
  change(dst, 1050);
  if (src.value !== 5) fail("Projection 2 failed");
  checksum += src.value;
  change(scale, 5);
  for (let i = 0; i < n - 1; i++) {
    if (dests.at(i).value !== i * 5 + 1000) fail("Projection 3 failed");
    checksum += dests.at(i).value;
  }
  change(offset, 2000);
  for (let i = 0; i < n - 1; i++) {
    if (dests.at(i).value !== i * 5 + 2000) fail("Projection 4 failed");
    checksum += dests.at(i).value;
  }
  return checksum + planner.currentMark;
}

const RUNS = 20;

module.exports = {
  name: "DeltaBlue",
  run() {
    errors = 0;
    let chain = 0, projection = 0;
    for (let i = 0; i < RUNS; i++) {
      chain += chainTest(100);
      projection += projectionTest(100);
    }
    return "chain=" + chain + " projection=" + projection + " errors=" + errors;
  },
  verify(r) { return errors === 0 && r === "chain=202099000 projection=6937900 errors=0"; },
};
