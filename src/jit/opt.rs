//! IR passes, run in this order by `optimize`:
//! 1. `select_representations`: block parameters whose every incoming value is an int32 (or a
//!    number) become unboxed I32 (F64) parameters, so loop variables stay in machine registers;
//! 2. `fold_constants`: arithmetic, compares and guards on constants, branches on constants;
//!    `split_shape_checks`: monomorphic own-property loads become GuardShape + LoadSlot;
//! 3. `loops::remove_trivial_phis`: a block parameter that only ever carries one value (a
//!    loop-invariant register) is replaced by that value;
//! 4. `loops::hoist_invariants` (LICM): loop-invariant guards, arithmetic and (in loops that
//!    store and call nothing) heap reads move to the loop's preheader, with the loop's entry
//!    frame state as their exit;
//! 5. `eliminate_redundant_guards`: a value already checked (unboxed) on every path to a guard
//!    is not checked again (scoped over the dominator tree);
//! 6. `eliminate_overflow_checks`: `i + 1` where a branch established `i < n` (and `i - 1`
//!    where `i > n`) cannot overflow, so it needs no check (loop counters);
//! 7. `eliminate_dead_code`: pure instructions whose value nobody reads;
//! 8. `loops::sink_boxes`: a box used in one block only moves there (out of a loop whose exit
//!    returns it, say).

use super::ir::*;
use crate::runtime::value::Value as JsValue;
use rustc_hash::FxHashMap as HashMap;

pub fn optimize(f: &mut Function, speculate_entry: bool, licm: bool) {
    let mut states = super::loops::entry_states(f);
    select_representations(f, speculate_entry);
    fold_constants(f);
    split_shape_checks(f);
    super::loops::remove_trivial_phis(f, &mut states);
    if licm {
        super::loops::hoist_invariants(f, &states);
    }
    eliminate_redundant_guards(f);
    eliminate_overflow_checks(f);
    fold_constants(f);
    eliminate_dead_code(f);
    wrap_truncated_arithmetic(f);
    super::loops::sink_boxes(f);
}

/// A monomorphic own-property load becomes a shape guard and an unchecked slot load, so that
/// the check can be shared with other accesses to the object and hoisted out of loops that do
/// not change shapes, while the load stays where the value may change.
pub fn split_shape_checks(f: &mut Function) {
    for bi in 0..f.blocks.len() {
        let insts = f.blocks[bi].insts.clone();
        let mut out = Vec::with_capacity(insts.len());
        for i in insts {
            if let Inst::GetProp { obj, cases, exit } = f.inst(i).clone() {
                if let [c] = &cases[..] {
                    if c.holder.is_none() && c.chain.is_empty() {
                        let g = push(f, Inst::GuardShape { obj, shape: c.shape, exit }, Ty::None);
                        out.push(g);
                        f.insts[i.0 as usize].0 = Inst::LoadSlot { obj, slot: c.slot, shape: c.shape };
                    }
                }
            }
            out.push(i);
        }
        f.blocks[bi].insts = out;
    }
}

fn push(f: &mut Function, inst: Inst, ty: Ty) -> V {
    f.insts.push((inst, ty));
    V(f.insts.len() as u32 - 1)
}

/// The incoming values of every block parameter: (param, value) per edge; with `live`, only
/// the edges out of live blocks.
pub fn incoming(f: &Function, live: Option<&[bool]>) -> HashMap<V, Vec<V>> {
    let mut m: HashMap<V, Vec<V>> = HashMap::default();
    for (bi, b) in f.blocks.iter().enumerate() {
        if live.is_some_and(|l| !l[bi]) {
            continue;
        }
        let mut edge = |t: B, args: &[V]| {
            for (p, a) in f.blocks[t.0 as usize].params.iter().zip(args) {
                m.entry(*p).or_default().push(*a);
            }
        };
        match &b.term {
            Term::Jump(t, args) => edge(*t, args),
            Term::Branch { t, targs, f: fb, fargs, .. } => {
                edge(*t, targs);
                edge(*fb, fargs);
            }
            _ => {}
        }
    }
    m
}

#[derive(Clone, Copy, PartialEq, Eq, Debug, PartialOrd, Ord)]
enum Rep {
    Int,
    Num,
    Boxed,
}

/// Representation selection for block parameters (optimistic fixpoint).
pub fn select_representations(f: &mut Function, speculate: bool) {
    let inc = incoming(f, None);
    let params: Vec<V> = f.blocks.iter().flat_map(|b| b.params.iter().copied()).collect();
    let mut rep: HashMap<V, Rep> = params.iter().map(|&p| (p, Rep::Int)).collect();
    // Which parameters are ever used as numbers (unboxed by a guard): others stay boxed, so
    // that an object flowing around a loop is not pointlessly checked. The flags say whether
    // some use wanted an int32 (GuardInt32) and some a double (GuardNumber).
    let mut used_numeric: HashMap<V, (bool, bool)> = HashMap::default();
    let live_blocks = reachable(f);
    for (bi, b) in f.blocks.iter().enumerate() {
        if !live_blocks[bi] {
            continue;
        }
        for &i in &b.insts {
            match f.inst(i) {
                Inst::GuardInt32 { v, .. } => used_numeric.entry(*v).or_default().0 = true,
                Inst::GuardNumber { v, .. } => used_numeric.entry(*v).or_default().1 = true,
                _ => {}
            }
        }
    }
    // A parameter that flows into a numerically used one is wanted unboxed too (loop-invariant
    // values passed around inner loops, accumulators carried through outer ones).
    loop {
        let mut changed = false;
        for (p, args) in &inc {
            if let Some(&(wi, wn)) = used_numeric.get(p) {
                for a in args {
                    if params.contains(a) {
                        let e = used_numeric.entry(*a).or_default();
                        let before = *e;
                        e.0 |= wi;
                        e.1 |= wn;
                        changed |= *e != before;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    // Parameters of blocks whose edges may not carry guards (inlined frames: the guard's exit
    // would need their whole frame state, which their parameters are not).
    let unguarded: std::collections::HashSet<V> = f.blocks.iter().filter(|b| b.no_edge_guards).flat_map(|b| b.params.iter().copied()).collect();
    let rep_of_value = |v: V, rep: &HashMap<V, Rep>, f: &Function, guard_ok: bool| -> Rep {
        if let Some(r) = rep.get(&v) {
            return *r;
        }
        match f.inst(v) {
            Inst::BoxI32(_) => Rep::Int,
            Inst::BoxF64(_) => Rep::Num,
            Inst::Const(k) if k.is_int() => Rep::Int,
            Inst::Const(k) if k.is_number() => Rep::Num,
            // Registers read at entry (parameters, OSR): speculated, guarded on the edge.
            Inst::LoadReg(_) if speculate && guard_ok => Rep::Int,
            _ => Rep::Boxed,
        }
    };
    loop {
        let mut changed = false;
        for &p in &params {
            // Only double uses (e.g. a parameter `dt` in `x += dt * v`): speculate a number, not
            // an int32, for what enters from the frame.
            let mut r = match used_numeric.get(&p) {
                Some((false, true)) => Rep::Num,
                Some(_) => Rep::Int,
                None => Rep::Boxed,
            };
            for &a in inc.get(&p).map(|v| v.as_slice()).unwrap_or(&[]) {
                if a == p {
                    continue;
                }
                r = r.max(rep_of_value(a, &rep, f, !unguarded.contains(&p)));
            }
            if r != rep[&p] && r > rep[&p] {
                rep.insert(p, r);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    // Parameters that a numeric one feeds transitively also need numeric treatment: handled by
    // rep_of_value during the rewrite below (a numeric param passed to a boxed one is boxed).
    let numeric: Vec<(V, Rep)> = params.iter().filter(|p| rep[p] != Rep::Boxed).map(|p| (*p, rep[p])).collect();
    if numeric.is_empty() {
        return;
    }
    // 1. Retype the parameters.
    for &(p, r) in &numeric {
        f.insts[p.0 as usize].1 = if r == Rep::Int { Ty::I32 } else { Ty::F64 };
    }
    // 2. Rewrite incoming arguments to unboxed values (in the predecessor, before its jump).
    let nb = f.blocks.len();
    for bi in 0..nb {
        let mut term = f.blocks[bi].term.clone();
        match &mut term {
            Term::Jump(t, args) => fix_edge(f, bi, *t, args),
            Term::Branch { t, targs, f: fb, fargs, .. } => {
                // A guard must run only on its own edge: split edges that need one.
                for (tgt, args) in [(t, targs), (fb, fargs)] {
                    if needs_guard(f, *tgt, args) {
                        f.blocks.push(Block { params: vec![], insts: vec![], term: Term::Unreachable, pc: f.blocks[tgt.0 as usize].pc, frame: f.blocks[tgt.0 as usize].frame, no_edge_guards: f.blocks[tgt.0 as usize].no_edge_guards });
                        let nbk = f.blocks.len() - 1;
                        let mut a2 = std::mem::take(args);
                        fix_edge(f, nbk, *tgt, &mut a2);
                        f.blocks[nbk].term = Term::Jump(*tgt, a2);
                        *tgt = B(nbk as u32);
                    } else {
                        fix_edge(f, bi, *tgt, args);
                    }
                }
            }
            _ => {}
        }
        f.blocks[bi].term = term;
    }
    // 3. Uses of retyped params: guards become the param itself (or a conversion); every other
    //    use gets a box at the top of the param's block.
    let mut replace: HashMap<V, V> = HashMap::default();
    for (i, (inst, _)) in f.insts.clone().iter().enumerate() {
        let v = V(i as u32);
        match inst {
            Inst::GuardInt32 { v: p, exit } if numeric.iter().any(|(q, _)| q == p) => {
                if f.ty(*p) == Ty::I32 {
                    replace.insert(v, *p);
                } else {
                    // A double param where an int32 is expected: keep a check, on the double.
                    let exit = *exit;
                    let p = *p;
                    let _ = (exit, p);
                }
            }
            Inst::GuardNumber { v: p, .. } if numeric.iter().any(|(q, _)| q == p) => {
                if f.ty(*p) == Ty::F64 {
                    replace.insert(v, *p);
                } else {
                    f.insts[i] = (Inst::I32ToF64(*p), Ty::F64);
                }
            }
            _ => {}
        }
    }
    f.replace_uses(&|v| *replace.get(&v).unwrap_or(&v));
    for b in f.blocks.iter_mut() {
        b.insts.retain(|i| !replace.contains_key(i));
    }
    // Remaining boxed uses of a numeric param read a box made at the top of its block.
    let mut boxes: HashMap<V, V> = HashMap::default();
    for bi in 0..nb {
        let params = f.blocks[bi].params.clone();
        let mut pre = Vec::new();
        for p in params {
            let ty = f.ty(p);
            if ty == Ty::I32 || ty == Ty::F64 {
                let bx = push(f, if ty == Ty::I32 { Inst::BoxI32(p) } else { Inst::BoxF64(p) }, Ty::Boxed);
                boxes.insert(p, bx);
                pre.push(bx);
            }
        }
        if !pre.is_empty() {
            pre.extend(f.blocks[bi].insts.iter().copied());
            f.blocks[bi].insts = pre;
        }
    }
    // Rewrite operand uses that expect a boxed value.
    let boxed_use = |f: &Function, v: V| -> V { if let Some(b) = boxes.get(&v) { if f.ty(v) != Ty::Boxed { return *b; } } v };
    for i in 0..f.insts.len() {
        let inst = f.insts[i].0.clone();
        let fixed = match inst {
            Inst::GuardInt32 { v, exit } => {
                // A remaining GuardInt32 of an F64 param: the value must be boxed to be checked.
                Inst::GuardInt32 { v: boxed_use(f, v), exit }
            }
            Inst::GuardNumber { v, exit } => Inst::GuardNumber { v: boxed_use(f, v), exit },
            Inst::GuardValue { v, expect, exit } => Inst::GuardValue { v: boxed_use(f, v), expect, exit },
            Inst::Truthy(v) => Inst::Truthy(boxed_use(f, v)),
            Inst::IsNullish(v) => Inst::IsNullish(boxed_use(f, v)),
            Inst::BitEq { a, b } => Inst::BitEq { a: boxed_use(f, a), b: boxed_use(f, b) },
            Inst::Call { helper, args, pc, state, frame } => Inst::Call { helper, args: args.iter().map(|&a| boxed_use(f, a)).collect(), pc, state, frame },
            // Objects and stored values are boxed operands too: a φ that became I32/F64 and is
            // stored into an element or a slot must be stored as a Value.
            Inst::GuardObject { v, exit } => Inst::GuardObject { v: boxed_use(f, v), exit },
            Inst::GetProp { obj, cases, exit } => Inst::GetProp { obj: boxed_use(f, obj), cases, exit },
            Inst::SetPropOwn { obj, cases, v, exit } => Inst::SetPropOwn { obj: boxed_use(f, obj), cases, v: boxed_use(f, v), exit },
            Inst::LoadSlot { obj, slot, shape } => Inst::LoadSlot { obj: boxed_use(f, obj), slot, shape },
            Inst::GuardShape { obj, shape, exit } => Inst::GuardShape { obj: boxed_use(f, obj), shape, exit },
            Inst::StoreSlot { obj, slot, v } => Inst::StoreSlot { obj: boxed_use(f, obj), slot, v: boxed_use(f, v) },
            Inst::ArrayLength { obj, exit } => Inst::ArrayLength { obj: boxed_use(f, obj), exit },
            Inst::ElemsPtr { obj } => Inst::ElemsPtr { obj: boxed_use(f, obj) },
            Inst::GuardWritableElems { obj, append, exit } => Inst::GuardWritableElems { obj: boxed_use(f, obj), append, exit },
            Inst::ElemsLen { obj } => Inst::ElemsLen { obj: boxed_use(f, obj) },
            Inst::LoadElem { obj, idx, ptr, len, exit } => Inst::LoadElem { obj: boxed_use(f, obj), idx, ptr, len, exit },
            Inst::StoreElem { obj, idx, v, grow, ptr, len, exit } => Inst::StoreElem { obj: boxed_use(f, obj), idx, v: boxed_use(f, v), grow, ptr, len, exit },
            other => other,
        };
        f.insts[i].0 = fixed;
    }
    for bi in 0..nb {
        let mut term = f.blocks[bi].term.clone();
        match &mut term {
            Term::Return(v) => *v = boxed_use(f, *v),
            Term::Jump(t, args) => {
                let ps = f.blocks[t.0 as usize].params.clone();
                for (a, p) in args.iter_mut().zip(ps) {
                    if f.ty(p) == Ty::Boxed {
                        *a = boxed_use(f, *a);
                    }
                }
            }
            Term::Branch { t, targs, f: fb, fargs, .. } => {
                for (tb, args) in [(*t, targs), (*fb, fargs)] {
                    let ps = f.blocks[tb.0 as usize].params.clone();
                    for (a, p) in args.iter_mut().zip(ps) {
                        if f.ty(p) == Ty::Boxed {
                            *a = boxed_use(f, *a);
                        }
                    }
                }
            }
            Term::Unreachable => {}
        }
        f.blocks[bi].term = term;
    }
    // Frame states may hold unboxed values (exits box them), so they need no rewrite.
}

/// Makes the arguments of one edge match the (retyped) parameters of its target.
fn fix_edge(f: &mut Function, bi: usize, t: B, args: &mut [V]) {
    let params = f.blocks[t.0 as usize].params.clone();
    let orig: Vec<V> = args.to_vec();
    for (i, p) in params.iter().enumerate() {
        let a = args[i];
        let want = f.ty(*p);
        let before = f.insts.len();
        let na = match (f.inst(a).clone(), f.ty(a), want) {
            (_, Ty::I32, Ty::I32) | (_, Ty::F64, Ty::F64) => a,
            (_, Ty::I32, Ty::F64) => push(f, Inst::I32ToF64(a), Ty::F64),
            (_, Ty::I32, Ty::Boxed) => push(f, Inst::BoxI32(a), Ty::Boxed),
            (_, Ty::F64, Ty::Boxed) => push(f, Inst::BoxF64(a), Ty::Boxed),
            (_, Ty::Boxed, Ty::Boxed) => a,
            (Inst::BoxI32(x), _, Ty::I32) => x,
            (Inst::BoxI32(x), _, Ty::F64) => push(f, Inst::I32ToF64(x), Ty::F64),
            (Inst::BoxF64(x), _, Ty::F64) => x,
            (Inst::Const(k), _, Ty::I32) if k.is_int() => push(f, Inst::ConstI32(k.as_int()), Ty::I32),
            (Inst::Const(k), _, Ty::F64) if k.is_number() => push(f, Inst::ConstF64(k.as_number()), Ty::F64),
            (_, Ty::Boxed, want) => {
                // A boxed value (a register read at entry) speculated numeric: guard it on the
                // edge; the exit resumes at the target with the boxed arguments.
                let regs = params.iter().zip(&orig).map(|(p, v)| (match f.inst(*p) { Inst::Param(r) => *r, _ => 0 }, *v)).collect();
                let state = FrameState { pc: f.blocks[t.0 as usize].pc, regs, frame: 0 };
                let (reason, guard) = if want == Ty::I32 { (crate::deopt::DeoptReason::NotInt32, "GuardInt32") } else { (crate::deopt::DeoptReason::NotNumber, "GuardNumber") };
                f.exits.push(Exit { state, reason, guard, value: Some(a), fb: Some(PHI_SLOT), hoisted_from: None });
                let exit = ExitId(f.exits.len() as u32 - 1);
                push(f, if want == Ty::I32 { Inst::GuardInt32 { v: a, exit } } else { Inst::GuardNumber { v: a, exit } }, want)
            }
            other => unreachable!("edge value {:?} for a {:?} parameter", other, want),
        };
        if na.0 as usize >= before {
            f.blocks[bi].insts.push(na);
        }
        args[i] = na;
    }
}

fn needs_guard(f: &Function, t: B, args: &[V]) -> bool {
    f.blocks[t.0 as usize].params.iter().zip(args).any(|(p, a)| f.ty(*p) != Ty::Boxed && f.ty(*a) == Ty::Boxed && !matches!(f.inst(*a), Inst::BoxI32(_) | Inst::BoxF64(_) | Inst::Const(_)))
}

/// The pseudo feedback slot of entry-value speculation (widened: entry values stay boxed).
pub const PHI_SLOT: u32 = u32::MAX;

pub(crate) fn const_i32(f: &Function, v: V) -> Option<i32> {
    match f.inst(v) {
        Inst::ConstI32(x) => Some(*x),
        _ => None,
    }
}
fn const_f64(f: &Function, v: V) -> Option<f64> {
    match f.inst(v) {
        Inst::ConstF64(x) => Some(*x),
        _ => None,
    }
}

pub fn fold_constants(f: &mut Function) {
    let mut replace: HashMap<V, V> = HashMap::default();
    for i in 0..f.insts.len() {
        let v = V(i as u32);
        let inst = f.insts[i].0.clone();
        let new = match inst {
            Inst::IBin { op, a, b, exit, .. } => match (const_i32(f, a), const_i32(f, b)) {
                (Some(x), Some(y)) => {
                    let r = match op {
                        IOp::Add => x.checked_add(y),
                        IOp::Sub => x.checked_sub(y),
                        IOp::Mul => x.checked_mul(y).filter(|&r| !(r == 0 && (x < 0 || y < 0))),
                        IOp::And => Some(x & y),
                        IOp::Or => Some(x | y),
                        IOp::Xor => Some(x ^ y),
                        IOp::Shl => Some(x.wrapping_shl(y as u32 & 31)),
                        IOp::Sar => Some(x.wrapping_shr(y as u32 & 31)),
                        IOp::Mod => if y > 0 && x >= 0 { Some(x % y) } else { None },
                    };
                    match r {
                        Some(r) if exit.is_some() || !matches!(op, IOp::Add | IOp::Sub | IOp::Mul) => Some(Inst::ConstI32(r)),
                        _ => None,
                    }
                }
                _ => None,
            },
            Inst::FBin { op, a, b } => match (const_f64(f, a), const_f64(f, b)) {
                (Some(x), Some(y)) => Some(Inst::ConstF64(match op {
                    FOp::Add => x + y,
                    FOp::Sub => x - y,
                    FOp::Mul => x * y,
                    FOp::Div => x / y,
                    FOp::Mod => crate::interp::ops::js_mod(x, y),
                    FOp::Pow => crate::interp::ops::js_pow(x, y),
                })),
                _ => None,
            },
            Inst::I32ToF64(a) => const_i32(f, a).map(|x| Inst::ConstF64(x as f64)),
            Inst::ICmp { cc, a, b } => match (const_i32(f, a), const_i32(f, b)) {
                (Some(x), Some(y)) => Some(Inst::ConstBool(cmp(cc, x, y))),
                _ => None,
            },
            Inst::GuardInt32 { v: a, .. } => match f.inst(a) {
                Inst::Const(k) if k.is_int() => Some(Inst::ConstI32(k.as_int())),
                Inst::BoxI32(x) => {
                    replace.insert(v, *x);
                    None
                }
                _ => None,
            },
            Inst::GuardNumber { v: a, .. } => match f.inst(a) {
                Inst::Const(k) if k.is_number() => Some(Inst::ConstF64(k.as_number())),
                Inst::BoxF64(x) => {
                    replace.insert(v, *x);
                    None
                }
                Inst::BoxI32(x) => Some(Inst::I32ToF64(*x)),
                _ => None,
            },
            Inst::BoxI32(a) => const_i32(f, a).map(|x| Inst::Const(JsValue::int(x))),
            Inst::NotBool(a) => match f.inst(a) {
                Inst::ConstBool(x) => Some(Inst::ConstBool(!x)),
                _ => None,
            },
            Inst::Truthy(a) => match f.inst(a) {
                Inst::BoxBool(x) => {
                    replace.insert(v, *x);
                    None
                }
                Inst::Const(k) if !k.is_string() && !k.is_object() => Some(Inst::ConstBool(k.truthy())),
                _ => None,
            },
            _ => None,
        };
        if let Some(n) = new {
            let ty = f.insts[i].1;
            f.insts[i] = (n, ty);
        }
    }
    if !replace.is_empty() {
        // Chase chains (a replacement may itself be replaced).
        let get = |mut v: V| {
            while let Some(n) = replace.get(&v) {
                v = *n;
            }
            v
        };
        f.replace_uses(&get);
        // A replaced guard checked something already known: it goes.
        for b in f.blocks.iter_mut() {
            b.insts.retain(|i| !replace.contains_key(i));
        }
    }
    // Branches on constants become jumps.
    for bi in 0..f.blocks.len() {
        if let Term::Branch { cond, t, targs, f: fb, fargs } = &f.blocks[bi].term {
            if let Inst::ConstBool(c) = f.inst(*cond) {
                let term = if *c { Term::Jump(*t, targs.clone()) } else { Term::Jump(*fb, fargs.clone()) };
                f.blocks[bi].term = term;
            }
        }
    }
}

fn cmp(cc: Cc, x: i32, y: i32) -> bool {
    match cc {
        Cc::Lt => x < y,
        Cc::Le => x <= y,
        Cc::Gt => x > y,
        Cc::Ge => x >= y,
        Cc::Eq => x == y,
        Cc::Ne => x != y,
    }
}

/// Redundant-guard elimination over the dominator tree: a check of a value (int32, number,
/// object, a constant) made in a block holds in every block it dominates, loops included (an
/// SSA value never changes). A guarded shape is inherited only along single-predecessor edges
/// and forgotten at anything that may run JS.
pub fn eliminate_redundant_guards(f: &mut Function) {
    let dom = super::loops::Dominators::compute(f);
    let children = dom.children();
    let preds = super::loops::predecessors(f);
    // Loop headers entered from their immediate dominator, and whether their loop may change
    // shapes and frozenness (a call) or element buffers (a call or a growing store): heap facts
    // of the dominator hold in the loop when it cannot.
    let mut loop_clobbers: HashMap<B, super::loops::Clobbers> = HashMap::default();
    for l in super::loops::find_loops(f, &dom) {
        let outside = l.outside_preds(&preds, &dom);
        if outside.len() != 1 || Some(outside[0]) != dom.idom[l.header.0 as usize] {
            continue;
        }
        loop_clobbers.insert(l.header, l.clobbers(f));
    }
    #[derive(Clone, Default)]
    struct Known {
        int: HashMap<V, V>,
        num: HashMap<V, V>,
        value: HashMap<V, JsValue>,
        object: HashMap<V, ()>,
        /// Objects whose shape a guard established; forgotten at anything that may run JS.
        shape: HashMap<V, usize>,
        /// Element buffer (address, length) reads per object: valid until a store that may
        /// grow an array or anything that may run JS.
        elems: HashMap<(V, bool), V>,
        /// Objects whose elements were checked not frozen (true: and appendable in place),
        /// until anything that may run JS.
        writable: HashMap<V, bool>,
    }
    let mut replace: HashMap<V, V> = HashMap::default();
    let mut removed: Vec<V> = Vec::new();
    // Direct calls whose callee a dominating guard proved a constant (rewritten below).
    let mut const_callees: Vec<(V, JsValue)> = Vec::new();
    let mut stack = vec![(B(0), Known::default())];
    while let Some((b, mut known)) = stack.pop() {
        for &i in &f.blocks[b.0 as usize].insts {
            if let Inst::Call { helper: Helper::CallDirect, args, .. } = f.inst(i) {
                if let Some(&k) = args.first().and_then(|a| known.value.get(a)) {
                    const_callees.push((i, k));
                }
            }
            match f.inst(i).clone() {
                Inst::GuardInt32 { v, .. } => {
                    if let Some(&prev) = known.int.get(&v) {
                        replace.insert(i, prev);
                        removed.push(i);
                    } else {
                        known.int.insert(v, i);
                    }
                }
                Inst::GuardNumber { v, .. } => {
                    if let Some(&prev) = known.num.get(&v) {
                        replace.insert(i, prev);
                        removed.push(i);
                    } else if let Some(&iv) = known.int.get(&v) {
                        // Already known to be an int32: convert instead of checking.
                        f.insts[i.0 as usize].0 = Inst::I32ToF64(iv);
                        known.num.insert(v, i);
                    } else {
                        known.num.insert(v, i);
                    }
                }
                Inst::GuardValue { v, expect, .. } => {
                    if known.value.get(&v) == Some(&expect) {
                        removed.push(i);
                    } else {
                        known.value.insert(v, expect);
                    }
                }
                Inst::GuardObject { v, .. } => {
                    if known.object.insert(v, ()).is_some() {
                        removed.push(i);
                    }
                }
                Inst::GetProp { obj, cases, .. } if cases.len() == 1 && cases[0].holder.is_none() => {
                    if known.shape.get(&obj) == Some(&cases[0].shape) {
                        f.insts[i.0 as usize].0 = Inst::LoadSlot { obj, slot: cases[0].slot, shape: cases[0].shape };
                    } else {
                        known.shape.insert(obj, cases[0].shape);
                    }
                }
                Inst::GuardShape { obj, shape, .. } => {
                    if known.shape.get(&obj) == Some(&shape) {
                        removed.push(i);
                    } else {
                        known.shape.insert(obj, shape);
                    }
                }
                Inst::SetPropOwn { obj, cases, v, .. } if cases.len() == 1 => {
                    if known.shape.get(&obj) == Some(&cases[0].0) {
                        f.insts[i.0 as usize].0 = Inst::StoreSlot { obj, slot: cases[0].1, v };
                    } else {
                        known.shape.insert(obj, cases[0].0);
                    }
                }
                Inst::ElemsPtr { obj } | Inst::ElemsLen { obj } => {
                    let key = (obj, matches!(f.inst(i), Inst::ElemsLen { .. }));
                    if let Some(&prev) = known.elems.get(&key) {
                        replace.insert(i, prev);
                        removed.push(i);
                    } else {
                        known.elems.insert(key, i);
                    }
                }
                Inst::StoreElem { grow: true, .. } => known.elems.clear(),
                // An append check covers the plain one.
                Inst::GuardWritableElems { obj, append, .. } => {
                    if known.writable.get(&obj).is_some_and(|&a| a || !append) {
                        removed.push(i);
                    } else {
                        known.writable.insert(obj, append);
                    }
                }
                Inst::Call { helper, .. } if helper.may_change_objects() => {
                    known.shape.clear();
                    known.elems.clear();
                    known.writable.clear();
                }
                _ => {}
            }
        }
        for &c in &children[b.0 as usize] {
            let mut k = known.clone();
            if preds[c.0 as usize].len() != 1 {
                let (calls, lengths) = loop_clobbers.get(&c).map_or((true, true), |l| (l.calls, l.lengths));
                if calls {
                    k.shape.clear();
                    k.writable.clear();
                }
                if lengths {
                    k.elems.clear();
                }
            }
            stack.push((c, k));
        }
    }
    // The callee of such a call is the constant (its slow path passes it to the helper), so
    // the guarded value need not stay live up to the call: a script's function bindings,
    // loaded at an OSR entry and guarded once before the loop, were all live through it, and
    // each of its calls spilled and reloaded every one of them.
    let mut consts: HashMap<u64, V> = HashMap::default();
    for (i, k) in const_callees {
        let c = *consts.entry(k.0).or_insert_with(|| {
            // First in the entry block: it dominates every use, whatever bb0 holds.
            let c = push(f, Inst::Const(k), Ty::Boxed);
            f.blocks[0].insts.insert(0, c);
            c
        });
        if let (Inst::Call { args, .. }, _) = &mut f.insts[i.0 as usize] {
            args[0] = c;
        }
    }
    if !removed.is_empty() {
        let removed: std::collections::HashSet<V> = removed.into_iter().collect();
        for b in f.blocks.iter_mut() {
            b.insts.retain(|i| !removed.contains(i));
        }
        let get = |mut v: V| {
            while let Some(n) = replace.get(&v) {
                v = *n;
            }
            v
        };
        f.replace_uses(&get);
    }
}

/// Truncation (V8's simplified lowering does the same): int32 `+`, `-` and `*` whose results
/// are only ever truncated to 32 bits — operands of bitwise operators and shifts (`(h + c) | 0`,
/// `(a * 31 + b) & 0xffff`), directly or through other such operations — need no overflow
/// check: the wrapped result is the exact one modulo 2^32, and so is everything computed from
/// it by `+ - *`, provided the exact JS value is an integer of at most 2^53 (double arithmetic
/// is exact up to there). Bounds are tracked as bits of magnitude: an int32 operand has 31, a
/// constant its own, `+`/`-` one more than the larger operand, `*` the sum. A result that a
/// frame state holds (a deopt would show the interpreter the wrapped value), or that anything
/// else reads, keeps its check.
pub fn wrap_truncated_arithmetic(f: &mut Function) {
    const EXACT_BITS: u32 = 53;
    // (Also those already without a check, proven not to overflow: they pass the truncation
    // on to their operands.)
    let is_arith = |i: &Inst| matches!(i, Inst::IBin { op: IOp::Add | IOp::Sub | IOp::Mul, .. });
    let mut cand: std::collections::HashSet<V> = std::collections::HashSet::new();
    for b in &f.blocks {
        for &i in &b.insts {
            if is_arith(f.inst(i)) && f.ty(i) == Ty::I32 {
                cand.insert(i);
            }
        }
    }
    if cand.is_empty() {
        return;
    }
    // Readers of each candidate: true when the reader truncates (a bitwise operator, a shift,
    // or another `+ - *`, which is truncating as long as it is a candidate itself).
    let mut readers: HashMap<V, Vec<(V, bool)>> = HashMap::default();
    let mut pinned: std::collections::HashSet<V> = std::collections::HashSet::new();
    // Exits of the instructions in blocks, with the instruction (a candidate's own exit goes
    // away with its check).
    let mut live_exits: Vec<(V, ExitId)> = Vec::new();
    for b in &f.blocks {
        for &i in &b.insts {
            let inst = f.inst(i);
            let truncating = matches!(inst, Inst::IBin { op: IOp::And | IOp::Or | IOp::Xor | IOp::Shl | IOp::Sar, .. } | Inst::UShr { .. });
            for v in Function::operands(inst) {
                if cand.contains(&v) {
                    readers.entry(v).or_default().push((i, truncating || is_arith(inst)));
                }
            }
            if let Some(x) = Function::exit_of(inst) {
                live_exits.push((i, x));
            }
        }
        let term_uses: Vec<V> = match &b.term {
            Term::Jump(_, a) => a.clone(),
            Term::Branch { cond, targs, fargs, .. } => std::iter::once(*cond).chain(targs.iter().copied()).chain(fargs.iter().copied()).collect(),
            Term::Return(v) => vec![*v],
            Term::Unreachable => vec![],
        };
        pinned.extend(term_uses.into_iter().filter(|v| cand.contains(v)));
    }
    // Fixpoint: drop candidates read by anything else (a frame state included), or whose
    // bound is too large (which makes them an ordinary reader of their operands, and brings
    // their exit back).
    loop {
        let mut pinned = pinned.clone();
        for &(owner, x) in &live_exits {
            if cand.contains(&owner) {
                continue;
            }
            let st = &f.exits[x.0 as usize];
            pinned.extend(st.state.regs.iter().map(|&(_, v)| v).filter(|v| cand.contains(v)));
            if let Some(v) = st.value {
                pinned.insert(v);
            }
        }
        let mut drop: Vec<V> = Vec::new();
        for &v in &cand {
            let ok = !pinned.contains(&v) && readers.get(&v).is_none_or(|rs| rs.iter().all(|&(r, t)| t && (!is_arith(f.inst(r)) || cand.contains(&r))));
            if !ok {
                drop.push(v);
            }
        }
        if drop.is_empty() {
            let mut memo: HashMap<V, u32> = HashMap::default();
            for &v in &cand {
                if bits(f, v, &cand, &mut memo) > EXACT_BITS {
                    drop.push(v);
                }
            }
        }
        if drop.is_empty() {
            break;
        }
        for v in drop {
            cand.remove(&v);
        }
    }
    for v in cand {
        if let (Inst::IBin { exit, wrap, .. }, _) = &mut f.insts[v.0 as usize] {
            if exit.take().is_some() {
                *wrap = true;
            }
        }
    }
}

/// Bits of magnitude of the exact value of `v` (see `wrap_truncated_arithmetic`).
fn bits(f: &Function, v: V, cand: &std::collections::HashSet<V>, memo: &mut HashMap<V, u32>) -> u32 {
    if let Some(&b) = memo.get(&v) {
        return b;
    }
    let b = match f.inst(v) {
        Inst::ConstI32(c) => 32 - c.unsigned_abs().leading_zeros(),
        Inst::IBin { op, a, b, .. } if cand.contains(&v) => {
            let (x, y) = (bits(f, *a, cand, memo), bits(f, *b, cand, memo));
            if *op == IOp::Mul { x + y } else { x.max(y) + 1 }
        }
        _ => 31,
    };
    memo.insert(v, b);
    b
}

/// Drops the overflow exit of `x + c` (`x - c`) for 0 < c <= k in blocks where a dominating
/// branch established `x + k <= y` for an int32 `y` (`x - k >= y`): from `x < y` on its true
/// edge, `x >= y` on its false edge, the mirrored forms, and `x <= K`/`x >= K` for constants.
pub fn eliminate_overflow_checks(f: &mut Function) {
    let dom = super::loops::Dominators::compute(f);
    let children = dom.children();
    let preds = super::loops::predecessors(f);
    // Facts per value: how far it may still grow (below MAX) and shrink (above MIN).
    #[derive(Clone, Default)]
    struct Room {
        up: HashMap<V, i64>,
        down: HashMap<V, i64>,
    }
    let konst = |f: &Function, v: V| const_i32(f, v).map(|c| c as i64);
    // What `a cc b` being true says: (value, room up) and (value, room down) pairs.
    let facts = |f: &Function, cc: Cc, a: V, b: V| -> Vec<(bool, V, i64)> {
        let mut out = Vec::new();
        // a < b: a <= MAX - 1, b >= MIN + 1.
        let lt = |x: V, y: V, strict: bool, out: &mut Vec<(bool, V, i64)>| {
            let k = if strict { 1 } else { 0 };
            match konst(f, y) {
                Some(c) => out.push((true, x, i32::MAX as i64 - c + k)),
                None if strict => out.push((true, x, 1)),
                None => {}
            }
            match konst(f, x) {
                Some(c) => out.push((false, y, c - i32::MIN as i64 + k)),
                None if strict => out.push((false, y, 1)),
                None => {}
            }
        };
        match cc {
            Cc::Lt => lt(a, b, true, &mut out),
            Cc::Le => lt(a, b, false, &mut out),
            Cc::Gt => lt(b, a, true, &mut out),
            Cc::Ge => lt(b, a, false, &mut out),
            _ => {}
        }
        out
    };
    let negate = |cc: Cc| match cc {
        Cc::Lt => Cc::Ge,
        Cc::Le => Cc::Gt,
        Cc::Gt => Cc::Le,
        Cc::Ge => Cc::Lt,
        Cc::Eq => Cc::Ne,
        Cc::Ne => Cc::Eq,
    };
    let mut stack = vec![(B(0), Room::default())];
    let mut unchecked: Vec<V> = Vec::new();
    while let Some((b, room)) = stack.pop() {
        for &i in &f.blocks[b.0 as usize].insts {
            if let Inst::IBin { op, a, b: c, exit: Some(_), .. } = f.inst(i) {
                let (op, a, c) = (*op, *a, *c);
                let ok = match (op, konst(f, c), konst(f, a)) {
                    (IOp::Add, Some(k), _) if k > 0 => room.up.get(&a).is_some_and(|&r| r >= k),
                    (IOp::Add, _, Some(k)) if k > 0 => room.up.get(&c).is_some_and(|&r| r >= k),
                    (IOp::Sub, Some(k), _) if k > 0 => room.down.get(&a).is_some_and(|&r| r >= k),
                    _ => false,
                };
                if ok {
                    unchecked.push(i);
                }
            }
        }
        let term = &f.blocks[b.0 as usize].term;
        for &ch in &children[b.0 as usize] {
            let mut r = room.clone();
            // A child entered only from this block's branch learns the branch's condition.
            if let Term::Branch { cond, t, f: fb, .. } = term {
                if preds[ch.0 as usize].len() == 1 && t != fb {
                    if let Inst::ICmp { cc, a, b: y } = f.inst(*cond) {
                        let cc = if ch == *t { Some(*cc) } else if ch == *fb { Some(negate(*cc)) } else { None };
                        if let Some(cc) = cc {
                            for (up, v, k) in facts(f, cc, *a, *y) {
                                let m = if up { &mut r.up } else { &mut r.down };
                                let e = m.entry(v).or_insert(0);
                                *e = (*e).max(k);
                            }
                        }
                    }
                }
            }
            stack.push((ch, r));
        }
    }
    for i in unchecked {
        if let Inst::IBin { exit, .. } = &mut f.insts[i.0 as usize].0 {
            *exit = None;
        }
    }
}

pub fn succs(t: &Term) -> Vec<B> {
    match t {
        Term::Jump(b, _) => vec![*b],
        Term::Branch { t, f, .. } => vec![*t, *f],
        _ => vec![],
    }
}

/// Removes pure instructions whose values are never read (operands, terminators, frame states).
pub fn eliminate_dead_code(f: &mut Function) {
    // Blocks no path reaches (e.g. after a folded branch) are emptied.
    let live = reachable(f);
    for (bi, b) in f.blocks.iter_mut().enumerate() {
        if !live[bi] {
            b.insts.clear();
            b.params.clear();
            b.term = Term::Unreachable;
        }
    }
    loop {
        let mut used = vec![false; f.insts.len()];
        let reachable = reachable(f);
        for (bi, b) in f.blocks.iter().enumerate() {
            if !reachable[bi] {
                continue;
            }
            for &i in &b.insts {
                for o in Function::operands(f.inst(i)) {
                    used[o.0 as usize] = true;
                }
                if let Some(x) = Function::exit_of(f.inst(i)) {
                    for (_, v) in &f.exits[x.0 as usize].state.regs {
                        used[v.0 as usize] = true;
                    }
                    if let Some(v) = f.exits[x.0 as usize].value {
                        used[v.0 as usize] = true;
                    }
                }
            }
            match &b.term {
                Term::Jump(_, args) => args.iter().for_each(|a| used[a.0 as usize] = true),
                Term::Branch { cond, targs, fargs, .. } => {
                    used[cond.0 as usize] = true;
                    targs.iter().chain(fargs).for_each(|a| used[a.0 as usize] = true);
                }
                Term::Return(v) => used[v.0 as usize] = true,
                Term::Unreachable => {}
            }
        }
        let mut changed = false;
        for b in f.blocks.iter_mut() {
            let before = b.insts.len();
            b.insts.retain(|&i| used[i.0 as usize] || !Function::is_pure(&f.insts[i.0 as usize].0));
            changed |= b.insts.len() != before;
        }
        if !changed {
            break;
        }
    }
}

pub fn reachable(f: &Function) -> Vec<bool> {
    let mut seen = vec![false; f.blocks.len()];
    let mut stack = vec![B(0)];
    while let Some(b) = stack.pop() {
        if std::mem::replace(&mut seen[b.0 as usize], true) {
            continue;
        }
        stack.extend(succs(&f.blocks[b.0 as usize].term));
    }
    seen
}
