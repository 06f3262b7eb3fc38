//! Loops of the IR: dominators, natural loops, removal of trivial φs (a loop-invariant value
//! carried around a loop in a block parameter) and loop-invariant code motion (LICM) of
//! guards, pure arithmetic and, in loops without stores or calls, heap reads.
//!
//! A hoisted instruction that can exit gets a new exit whose frame state is the loop's entry
//! state (the loop header's pc, every live register as it enters the loop), so failing it
//! resumes the interpreter before the first iteration. Hoisting is speculative: the guard now
//! runs even when the loop would have left before reaching it. When such an exit is taken, the
//! function is recompiled without LICM (SpiderMonkey's Ion does the same after a bailout from
//! a hoisted instruction).

use super::ir::*;
use super::opt::succs;
use rustc_hash::FxHashMap as HashMap;

/// Immediate dominators (Cooper, Harvey & Kennedy's iterative algorithm over reverse postorder).
pub struct Dominators {
    /// The immediate dominator of each block (the entry is its own; None: unreachable).
    pub idom: Vec<Option<B>>,
    /// Reachable blocks in reverse postorder.
    pub rpo: Vec<B>,
    order: Vec<u32>,
}

pub fn predecessors(f: &Function) -> Vec<Vec<B>> {
    let mut preds = vec![Vec::new(); f.blocks.len()];
    for (bi, b) in f.blocks.iter().enumerate() {
        for s in succs(&b.term) {
            preds[s.0 as usize].push(B(bi as u32));
        }
    }
    preds
}

impl Dominators {
    pub fn compute(f: &Function) -> Dominators {
        let n = f.blocks.len();
        let mut post = Vec::with_capacity(n);
        let mut seen = vec![false; n];
        let mut stack: Vec<(B, usize)> = vec![(B(0), 0)];
        seen[0] = true;
        while let Some((b, i)) = stack.pop() {
            let ss = succs(&f.blocks[b.0 as usize].term);
            if i < ss.len() {
                stack.push((b, i + 1));
                let s = ss[i];
                if !seen[s.0 as usize] {
                    seen[s.0 as usize] = true;
                    stack.push((s, 0));
                }
            } else {
                post.push(b);
            }
        }
        post.reverse();
        let rpo = post;
        let mut order = vec![u32::MAX; n];
        for (i, b) in rpo.iter().enumerate() {
            order[b.0 as usize] = i as u32;
        }
        let preds = predecessors(f);
        let mut idom: Vec<Option<B>> = vec![None; n];
        idom[0] = Some(B(0));
        loop {
            let mut changed = false;
            for &b in rpo.iter().skip(1) {
                let mut new: Option<B> = None;
                for &p in &preds[b.0 as usize] {
                    if idom[p.0 as usize].is_none() {
                        continue;
                    }
                    new = Some(match new {
                        None => p,
                        Some(x) => intersect(&idom, &order, p, x),
                    });
                }
                if new.is_some() && idom[b.0 as usize] != new {
                    idom[b.0 as usize] = new;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        Dominators { idom, rpo, order }
    }

    pub fn reachable(&self, b: B) -> bool {
        self.order[b.0 as usize] != u32::MAX
    }

    /// Whether every path from the entry to `b` passes through `a`.
    pub fn dominates(&self, a: B, mut b: B) -> bool {
        loop {
            if a == b {
                return true;
            }
            match self.idom[b.0 as usize] {
                Some(p) if p != b => b = p,
                _ => return false,
            }
        }
    }

    /// The dominator tree's children of each block, in reverse postorder.
    pub fn children(&self) -> Vec<Vec<B>> {
        let mut c = vec![Vec::new(); self.idom.len()];
        for &b in self.rpo.iter().skip(1) {
            if let Some(p) = self.idom[b.0 as usize] {
                c[p.0 as usize].push(b);
            }
        }
        c
    }
}

fn intersect(idom: &[Option<B>], order: &[u32], mut a: B, mut b: B) -> B {
    while a != b {
        while order[a.0 as usize] > order[b.0 as usize] {
            a = idom[a.0 as usize].unwrap();
        }
        while order[b.0 as usize] > order[a.0 as usize] {
            b = idom[b.0 as usize].unwrap();
        }
    }
    a
}

/// A natural loop: its header, the blocks of its body (header included) and the sources of
/// its back edges.
pub struct Loop {
    pub header: B,
    pub body: Vec<bool>,
    pub latches: Vec<B>,
    size: usize,
}

impl Loop {
    /// The reachable predecessors of the header from outside the loop (one: the preheader).
    pub fn outside_preds(&self, preds: &[Vec<B>], dom: &Dominators) -> Vec<B> {
        preds[self.header.0 as usize].iter().copied().filter(|p| !self.body[p.0 as usize] && dom.reachable(*p)).collect()
    }

    /// What the loop's stores and calls may change.
    pub fn clobbers(&self, f: &Function) -> Clobbers {
        let mut c = Clobbers::default();
        for (bi, b) in f.blocks.iter().enumerate() {
            if self.body[bi] {
                for &i in &b.insts {
                    c.add(f.inst(i));
                }
            }
        }
        c
    }
}

/// The natural loops, innermost (smallest) first.
pub fn find_loops(f: &Function, dom: &Dominators) -> Vec<Loop> {
    let preds = predecessors(f);
    let mut by_header: HashMap<B, Loop> = HashMap::default();
    for &s in &dom.rpo {
        for h in succs(&f.blocks[s.0 as usize].term) {
            if !dom.dominates(h, s) {
                continue;
            }
            let l = by_header.entry(h).or_insert_with(|| {
                let mut body = vec![false; f.blocks.len()];
                body[h.0 as usize] = true;
                Loop { header: h, body, latches: Vec::new(), size: 1 }
            });
            l.latches.push(s);
            let mut work = vec![s];
            while let Some(b) = work.pop() {
                if l.body[b.0 as usize] || !dom.reachable(b) {
                    continue;
                }
                l.body[b.0 as usize] = true;
                l.size += 1;
                work.extend(preds[b.0 as usize].iter().copied());
            }
        }
    }
    let mut loops: Vec<Loop> = by_header.into_values().collect();
    loops.sort_by_key(|l| (l.size, l.header));
    loops
}

/// The state a loop is entered with (header pc, each header parameter's register and its value
/// on the single edge from outside the loop), for exits of instructions hoisted out of it.
/// Computed before trivial φs are removed: every live register is still a parameter then.
pub fn entry_states(f: &Function) -> HashMap<B, FrameState> {
    let dom = Dominators::compute(f);
    let preds = predecessors(f);
    let mut states = HashMap::default();
    for l in find_loops(f, &dom) {
        let h = l.header;
        let outside = l.outside_preds(&preds, &dom);
        if outside.len() != 1 {
            continue;
        }
        let Some(args) = edge_args(&f.blocks[outside[0].0 as usize].term, h) else { continue };
        let regs = f.blocks[h.0 as usize].params.iter().zip(args).filter_map(|(p, a)| match f.inst(*p) {
            Inst::Param(r) => Some((*r, *a)),
            _ => None,
        });
        states.insert(h, FrameState { pc: f.blocks[h.0 as usize].pc, regs: regs.collect(), frame: 0 });
    }
    states
}

/// The arguments a terminator passes to `t` (None when it branches to `t` on both edges).
fn edge_args(term: &Term, t: B) -> Option<&[V]> {
    match term {
        Term::Jump(b, args) if *b == t => Some(args),
        Term::Branch { t: tb, targs, f: fb, fargs, .. } if *tb != *fb => {
            if *tb == t {
                Some(targs)
            } else if *fb == t {
                Some(fargs)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Removes block parameters whose incoming values are all one value `x` (or the parameter
/// itself, around a back edge): every use reads `x` instead. After representation selection,
/// so an entry value speculated numeric stays unboxed once, on the loop's entry edge.
/// `states` (loop entry states) are rewritten too.
pub fn remove_trivial_phis(f: &mut Function, states: &mut HashMap<B, FrameState>) {
    loop {
        let live = super::opt::reachable(f);
        let inc = super::opt::incoming(f, Some(&live));
        let mut replace: HashMap<V, V> = HashMap::default();
        let mut drop: HashMap<B, Vec<usize>> = HashMap::default();
        for (bi, b) in f.blocks.iter().enumerate() {
            if !live[bi] || bi == 0 {
                continue;
            }
            for (k, &p) in b.params.iter().enumerate() {
                let mut only: Option<V> = None;
                let mut trivial = true;
                for &a in inc.get(&p).map(|v| v.as_slice()).unwrap_or(&[]) {
                    if a == p || only == Some(a) {
                        continue;
                    }
                    if only.is_some() {
                        trivial = false;
                        break;
                    }
                    only = Some(a);
                }
                match only {
                    Some(x) if trivial && f.ty(x) == f.ty(p) => {
                        replace.insert(p, x);
                        drop.entry(B(bi as u32)).or_default().push(k);
                    }
                    _ => {}
                }
            }
        }
        if replace.is_empty() {
            return;
        }
        // Edges first (they are positional), then the parameters.
        for b in f.blocks.iter_mut() {
            let strip = |t: B, args: &mut Vec<V>| {
                if let Some(ks) = drop.get(&t) {
                    for &k in ks.iter().rev() {
                        if k < args.len() {
                            args.remove(k);
                        }
                    }
                }
            };
            match &mut b.term {
                Term::Jump(t, args) => strip(*t, args),
                Term::Branch { t, targs, f: fb, fargs, .. } => {
                    strip(*t, targs);
                    strip(*fb, fargs);
                }
                _ => {}
            }
        }
        for (b, ks) in &drop {
            for &k in ks.iter().rev() {
                f.blocks[b.0 as usize].params.remove(k);
            }
        }
        let get = |mut v: V| {
            while let Some(n) = replace.get(&v) {
                v = *n;
            }
            v
        };
        f.replace_uses(&get);
        for s in states.values_mut() {
            s.regs.iter_mut().for_each(|(_, v)| *v = get(*v));
        }
    }
}

/// What LICM may do with an instruction whose operands are all defined outside the loop.
#[derive(PartialEq, Eq)]
enum Motion {
    /// Stays (effects, or its value changes per iteration).
    Stay,
    /// Pure and exit-free.
    Pure,
    /// A check of an SSA value (or checked arithmetic): same answer on every iteration.
    Guard,
    /// Reads the heap: invariant in a loop whose stores and calls cannot change what it reads.
    HeapRead,
}

fn motion(inst: &Inst) -> Motion {
    match inst {
        Inst::Const(_) | Inst::ConstI32(_) | Inst::ConstF64(_) | Inst::ConstBool(_) => Motion::Pure,
        Inst::BoxI32(_) | Inst::BoxF64(_) | Inst::BoxBool(_) | Inst::I32ToF64(_) | Inst::F64ToI32(_) | Inst::UShr { .. } | Inst::FUn { .. } | Inst::ICmp { .. } | Inst::FCmp { .. } | Inst::BitEq { .. } | Inst::NotBool(_) | Inst::IsNullish(_) | Inst::Truthy(_) => Motion::Pure,
        Inst::IBin { exit: None, .. } => Motion::Pure,
        // Pow and Mod are calls to libm helpers: pure, but leave them where they run.
        Inst::FBin { op, .. } => if matches!(op, FOp::Pow | FOp::Mod) { Motion::Stay } else { Motion::Pure },
        Inst::GuardInt32 { .. } | Inst::GuardNumber { .. } | Inst::GuardObject { .. } | Inst::GuardValue { .. } | Inst::GuardTrue { .. } | Inst::GuardI32Cmp { .. } | Inst::IBin { exit: Some(_), .. } => Motion::Guard,
        Inst::ArrayLength { .. } | Inst::GetProp { .. } | Inst::LoadSlot { .. } | Inst::GuardShape { .. } | Inst::LoadElem { .. } | Inst::ElemsPtr { .. } | Inst::ElemsLen { .. } | Inst::GuardWritableElems { .. } => Motion::HeapRead,
        Inst::LoadReg(_) | Inst::Param(_) | Inst::Deopt { .. } | Inst::SetPropOwn { .. } | Inst::StoreSlot { .. } | Inst::StoreElem { .. } | Inst::Call { .. } => Motion::Stay,
    }
}

/// What the stores and calls of a loop may change, for the heap reads hoisted out of it (and
/// the heap facts guard elimination carries into it).
#[derive(Default)]
pub struct Clobbers {
    /// Element values (any element store).
    elements: bool,
    /// Array lengths and element buffers (stores that may append).
    pub lengths: bool,
    /// Named property values and shapes.
    props: bool,
    /// Anything at all (a call may run JS: freeze arrays, change shapes).
    pub calls: bool,
    /// The (shape, slot) pairs the loop stores to: objects of other shapes are other objects,
    /// and other slots are other properties, so those keep their values.
    stored_slots: Vec<(usize, u32)>,
    /// Slots stored to in objects of unknown shape.
    stored_slots_any_shape: Vec<u32>,
}

impl Clobbers {
    fn add(&mut self, inst: &Inst) {
        match inst {
            Inst::StoreElem { grow, .. } => {
                self.elements = true;
                self.lengths |= *grow;
            }
            Inst::SetPropOwn { cases, .. } => {
                self.props = true;
                self.stored_slots.extend(cases.iter().copied());
            }
            Inst::StoreSlot { slot, .. } => {
                self.props = true;
                self.stored_slots_any_shape.push(*slot);
            }
            Inst::Call { helper, .. } if helper.may_change_objects() => {
                self.elements = true;
                self.lengths = true;
                self.props = true;
                self.calls = true;
            }
            _ => {}
        }
    }

    fn allow(&self, inst: &Inst) -> bool {
        match inst {
            // Only growth reallocates or lengthens the element buffer.
            Inst::ArrayLength { .. } | Inst::ElemsPtr { .. } | Inst::ElemsLen { .. } => !self.lengths,
            Inst::GuardWritableElems { .. } => !self.calls,
            Inst::LoadElem { .. } => !self.elements && !self.lengths,
            Inst::GetProp { .. } => !self.props,
            // Stores keep shapes (they write existing data properties); calls may not.
            Inst::GuardShape { .. } => !self.calls,
            Inst::LoadSlot { shape, slot, .. } => !self.calls && !self.stored_slots_any_shape.contains(slot) && !self.stored_slots.contains(&(*shape, *slot)),
            _ => false,
        }
    }
}

fn set_exit(inst: &mut Inst, x: ExitId) {
    match inst {
        Inst::GuardInt32 { exit, .. } | Inst::GuardNumber { exit, .. } | Inst::GuardValue { exit, .. } | Inst::GuardI32Cmp { exit, .. } | Inst::GuardTrue { exit, .. } | Inst::GuardObject { exit, .. } | Inst::GetProp { exit, .. } | Inst::ArrayLength { exit, .. } | Inst::LoadElem { exit, .. } | Inst::GuardWritableElems { exit, .. } | Inst::GuardShape { exit, .. } => *exit = x,
        Inst::IBin { exit, .. } => *exit = Some(x),
        _ => {}
    }
}

/// Hoists loop-invariant instructions to each loop's preheader, innermost loops first (so an
/// instruction can travel out of several loops). Only instructions of blocks that run on every
/// iteration (they dominate every back edge) move.
pub fn hoist_invariants(f: &mut Function, states: &HashMap<B, FrameState>) {
    // A preheader per loop that has an entry state: the single outside predecessor when it
    // jumps to the header; a new block on that edge when it branches.
    {
        let dom = Dominators::compute(f);
        let preds = predecessors(f);
        for l in find_loops(f, &dom) {
            let h = l.header;
            if !states.contains_key(&h) {
                continue;
            }
            let outside = l.outside_preds(&preds, &dom);
            let [p] = outside[..] else { continue };
            let nb = B(f.blocks.len() as u32);
            if let Term::Branch { t, targs, f: fb, fargs, .. } = &mut f.blocks[p.0 as usize].term {
                let args = if *t == h {
                    *t = nb;
                    std::mem::take(targs)
                } else {
                    *fb = nb;
                    std::mem::take(fargs)
                };
                let pc = f.blocks[h.0 as usize].pc;
                f.blocks.push(Block { params: vec![], insts: vec![], term: Term::Jump(h, args), pc, frame: 0, no_edge_guards: false });
            }
        }
    }
    let dom = Dominators::compute(f);
    let preds = predecessors(f);
    let loops = find_loops(f, &dom);
    // Where each value is defined (updated as instructions move).
    let mut def: Vec<u32> = vec![u32::MAX; f.insts.len()];
    for (bi, b) in f.blocks.iter().enumerate() {
        for &v in b.params.iter().chain(&b.insts) {
            def[v.0 as usize] = bi as u32;
        }
    }
    for l in &loops {
        let h = l.header;
        let Some(state) = states.get(&h) else { continue };
        let outside = l.outside_preds(&preds, &dom);
        let [pre] = outside[..] else { continue };
        if !matches!(f.blocks[pre.0 as usize].term, Term::Jump(..)) {
            continue;
        }
        let in_loop = |v: V, def: &[u32]| def[v.0 as usize] != u32::MAX && l.body[def[v.0 as usize] as usize];
        let clobbers = l.clobbers(f);
        let always: Vec<B> = dom.rpo.iter().copied().filter(|b| l.body[b.0 as usize] && l.latches.iter().all(|&s| dom.dominates(*b, s))).collect();
        let mut hoisted: Vec<V> = Vec::new();
        for b in always {
            let insts = f.blocks[b.0 as usize].insts.clone();
            let mut keep = Vec::with_capacity(insts.len());
            for i in insts {
                let inst = f.inst(i).clone();
                let m = motion(&inst);
                let movable = match m {
                    Motion::Stay => false,
                    Motion::HeapRead => clobbers.allow(&inst),
                    Motion::Pure | Motion::Guard => true,
                } && Function::operands(&inst).iter().all(|&o| !in_loop(o, &def))
                    // An inlined frame's exit names a pc of another function: it stays.
                    && Function::exit_of(&inst).is_none_or(|x| f.exits[x.0 as usize].state.frame == 0);
                if !movable {
                    keep.push(i);
                    continue;
                }
                if let Some(x) = Function::exit_of(&inst) {
                    let old = f.exits[x.0 as usize].clone();
                    f.exits.push(Exit { state: state.clone(), hoisted_from: Some(old.hoisted_from.unwrap_or(old.state.pc)), ..old });
                    let nx = ExitId(f.exits.len() as u32 - 1);
                    set_exit(&mut f.insts[i.0 as usize].0, nx);
                }
                def[i.0 as usize] = pre.0;
                hoisted.push(i);
            }
            f.blocks[b.0 as usize].insts = keep;
        }
        f.blocks[pre.0 as usize].insts.extend(hoisted);
    }
}

/// Moves each box (BoxI32/BoxF64/BoxBool) used in a single other block to the top of that block,
/// unless that block is in a loop the box's own block is not in. Representation selection boxes
/// a parameter at the top of its block; a loop's accumulator is typically boxed only where the
/// loop's exit returns it.
pub fn sink_boxes(f: &mut Function) {
    let dom = Dominators::compute(f);
    let loops = find_loops(f, &dom);
    // The blocks that use each value (operands, terminators and frame states).
    let mut users: HashMap<V, Vec<u32>> = HashMap::default();
    let mut def: HashMap<V, u32> = HashMap::default();
    for &b in &dom.rpo {
        let blk = &f.blocks[b.0 as usize];
        let mut note = |v: V| {
            let u = users.entry(v).or_default();
            if !u.contains(&b.0) {
                u.push(b.0);
            }
        };
        for &i in &blk.insts {
            def.insert(i, b.0);
            for o in Function::operands(f.inst(i)) {
                note(o);
            }
            if let Some(x) = Function::exit_of(f.inst(i)) {
                let e = &f.exits[x.0 as usize];
                e.state.regs.iter().for_each(|(_, v)| note(*v));
                if let Some(v) = e.value {
                    note(v);
                }
            }
        }
        match &blk.term {
            Term::Jump(_, args) => args.iter().for_each(|&a| note(a)),
            Term::Branch { cond, targs, fargs, .. } => {
                note(*cond);
                targs.iter().chain(fargs).for_each(|&a| note(a));
            }
            Term::Return(v) => note(*v),
            Term::Unreachable => {}
        }
    }
    let mut moves: Vec<(V, u32, u32)> = Vec::new();
    for (&v, &d) in &def {
        if !matches!(f.inst(v), Inst::BoxI32(_) | Inst::BoxF64(_) | Inst::BoxBool(_)) {
            continue;
        }
        let Some([u]) = users.get(&v).map(|u| u.as_slice()) else { continue };
        let u = *u;
        // Jump arguments are read at the end of the using block: fine at its top too.
        if u == d || loops.iter().any(|l| l.body[u as usize] && !l.body[d as usize]) {
            continue;
        }
        moves.push((v, d, u));
    }
    for (v, d, u) in moves {
        f.blocks[d as usize].insts.retain(|&i| i != v);
        f.blocks[u as usize].insts.insert(0, v);
    }
}
