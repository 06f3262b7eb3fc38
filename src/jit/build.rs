//! Bytecode + frozen feedback → IR.
//!
//! Bytecode registers become SSA values by abstract interpretation over the bytecode's basic
//! blocks in reverse postorder: a block with one predecessor inherits its register state; a
//! merge point (or loop header) gets one block parameter per live register. Liveness
//! (backward dataflow over registers) keeps φs, frame states and write-backs to what the
//! interpreter could still read.
//!
//! Each speculating bytecode reads its `FeedbackSnapshot` slot and emits guards whose exit
//! resumes the interpreter *at that same instruction*, before any of its effects: eager deopt
//! re-executes the instruction generically.

use super::ir::*;
use crate::deopt::DeoptReason;
use crate::frontend::bytecode::{FunctionCode, Instr, Operand};
use crate::interp::feedback::{T_INT32, T_NUMBER};
use crate::profiler::FeedbackSnapshot;
use crate::runtime::value::Value as JsValue;
use rustc_hash::FxHashMap as HashMap;

/// Why a function cannot be compiled (it stays in the interpreter; counted and traced).
pub type Bailout = String;

/// Math natives the tier turns into machine instructions, by the native's address.
pub struct Intrinsics {
    pub list: Vec<(usize, FUn)>,
}

pub struct Input<'a> {
    pub code: &'a FunctionCode,
    pub fb: &'a FeedbackSnapshot,
    pub entry_pc: u32,
    /// Feedback slots whose speculation failed too often: widen them one step.
    pub widened: &'a [u32],
    pub intrinsics: &'a Intrinsics,
    /// Object layout known (inline property and element access allowed).
    pub inline_objects: bool,
    /// The global object (global variable loads are property loads from this constant).
    pub global: JsValue,
    /// Calls of small functions may be inlined.
    pub inlining: bool,
}

const NONE: u32 = u32::MAX;

/// Registers an instruction reads and the one it writes (if it always writes it).
pub fn reg_uses_defs(ins: &Instr) -> (Vec<u32>, Option<u32>) {
    let mut uses = Vec::new();
    let mut def = None;
    for (name, op) in ins.operands() {
        if let Operand::Reg(r) = op {
            if r == NONE {
                continue;
            }
            if name == "dst" && !matches!(ins, Instr::CopyProps { .. } | Instr::IterNext { .. } | Instr::ForInNext { .. }) {
                def = Some(r);
            } else {
                uses.push(r);
            }
        }
    }
    match *ins {
        Instr::Call { args, argc, .. } | Instr::New { args, argc, .. } | Instr::SuperCall { args, argc, .. } => uses.extend(args.0..args.0 + argc.0),
        Instr::CopyProps { excl, n, .. } => uses.extend(excl.0..excl.0 + n.0),
        Instr::IterNext { dst, .. } | Instr::ForInNext { dst, .. } => uses.push(dst.0),
        _ => {}
    }
    (uses, def)
}

/// Successor pcs of the instruction at `pc`.
pub fn successors(code: &FunctionCode, pc: usize) -> Vec<usize> {
    match code.instrs[pc] {
        Instr::Jump { t } | Instr::JumpLoop { t, .. } => vec![t.0 as usize],
        Instr::JumpIfTrue { t, .. }
        | Instr::JumpIfFalse { t, .. }
        | Instr::JumpIfNullish { t, .. }
        | Instr::JumpIfNotNullish { t, .. }
        | Instr::JumpIfUndefined { t, .. }
        | Instr::JumpIfNotUndefined { t, .. }
        | Instr::JumpIfLt { t, .. }
        | Instr::JumpIfNotLt { t, .. }
        | Instr::JumpIfStrictEq { t, .. }
        | Instr::IterNext { t, .. }
        | Instr::ForInNext { t, .. } => vec![pc + 1, t.0 as usize],
        Instr::Return { .. } | Instr::CtorReturn { .. } | Instr::Throw { .. } | Instr::ThrowTypeError { .. } | Instr::ThrowConstAssign { .. } => vec![],
        _ => vec![pc + 1],
    }
}

/// live_in[pc] as bitsets of registers.
pub struct Liveness {
    words: usize,
    live_in: Vec<u64>,
}

impl Liveness {
    pub fn compute(code: &FunctionCode) -> Liveness {
        let n = code.instrs.len();
        let words = (code.nregs as usize).div_ceil(64).max(1);
        let mut live_in = vec![0u64; n * words];
        let effects: Vec<(Vec<u32>, Option<u32>)> = code.instrs.iter().map(reg_uses_defs).collect();
        let mut succs: Vec<Vec<usize>> = (0..n).map(|pc| successors(code, pc)).collect();
        // An instruction inside a try range may continue at its handler (exceptions are
        // handled by the interpreter, which reads the frame): what the handler reads is live.
        for h in &code.handlers {
            for pc in h.start as usize..(h.end as usize).min(n) {
                succs[pc].push(h.target as usize);
            }
        }
        let mut changed = true;
        let mut tmp = vec![0u64; words];
        while changed {
            changed = false;
            for pc in (0..n).rev() {
                tmp.iter_mut().for_each(|w| *w = 0);
                for &s in &succs[pc] {
                    if s < n {
                        for w in 0..words {
                            tmp[w] |= live_in[s * words + w];
                        }
                    }
                }
                let (uses, def) = &effects[pc];
                if let Some(d) = def.filter(|&d| d < code.nregs) {
                    tmp[d as usize / 64] &= !(1u64 << (d % 64));
                }
                // Operands past the last register (an empty argument window) are not registers.
                for &u in uses.iter().filter(|&&u| u < code.nregs) {
                    tmp[u as usize / 64] |= 1u64 << (u % 64);
                }
                let cur = &mut live_in[pc * words..(pc + 1) * words];
                if cur != &tmp[..] {
                    cur.copy_from_slice(&tmp);
                    changed = true;
                }
            }
        }
        Liveness { words, live_in }
    }
    pub fn live(&self, pc: usize) -> Vec<u32> {
        let mut out = Vec::new();
        for w in 0..self.words {
            let mut bits = self.live_in[pc * self.words + w];
            while bits != 0 {
                let b = bits.trailing_zeros();
                out.push((w * 64) as u32 + b);
                bits &= bits - 1;
            }
        }
        out
    }
}

/// Whether the tier can compile the instruction (the rest keep a function in the interpreter).
fn supported(ins: &Instr) -> bool {
    use Instr::*;
    matches!(
        ins,
        Mov { .. }
            | LoadUndef { .. }
            | LoadNull { .. }
            | LoadTrue { .. }
            | LoadFalse { .. }
            | LoadInt { .. }
            | LoadConst { .. }
            | LoadEmpty { .. }
            | CheckTdz { .. }
            | ThrowConstAssign { .. }
            | LoadThis { .. }
            | LoadCtx { .. }
            | StoreCtx { .. }
            | LoadGlobal { .. }
            | StoreGlobal { .. }
            | GetNamed { .. }
            | SetNamed { .. }
            | GetElem { .. }
            | SetElem { .. }
            | DefineNamed { .. }
            | NewObject { .. }
            | NewArray { .. }
            | ArrayPush { .. }
            | NewClosure { .. }
            | Call { .. }
            | New { .. }
            | Return { .. }
            | Throw { .. }
            | ThrowTypeError { .. }
            | Add { .. }
            | Sub { .. }
            | Mul { .. }
            | Div { .. }
            | Mod { .. }
            | Exp { .. }
            | BitAnd { .. }
            | BitOr { .. }
            | BitXor { .. }
            | Shl { .. }
            | Shr { .. }
            | UShr { .. }
            | AddImm { .. }
            | Neg { .. }
            | BitNot { .. }
            | Not { .. }
            | TypeOf { .. }
            | Eq { .. }
            | Ne { .. }
            | StrictEq { .. }
            | StrictNe { .. }
            | Lt { .. }
            | Le { .. }
            | Gt { .. }
            | Ge { .. }
            | InstanceOf { .. }
            | In { .. }
            | Jump { .. }
            | JumpLoop { .. }
            | LoopHeader { .. }
            | JumpIfTrue { .. }
            | JumpIfFalse { .. }
            | JumpIfNullish { .. }
            | JumpIfNotNullish { .. }
            | JumpIfUndefined { .. }
            | JumpIfNotUndefined { .. }
            | JumpIfLt { .. }
            | JumpIfNotLt { .. }
            | JumpIfStrictEq { .. }
            | Nop { .. }
            | IterNext { .. }
            | ForInNext { .. }
            | CtorReturn { .. }
    ) || is_generic(ins)
}

/// Instructions compiled as a call of the interpreter's own implementation
/// (`interp::ops::exec_simple`), reading and writing the written-back frame.
fn is_generic(ins: &Instr) -> bool {
    use Instr::*;
    matches!(
        ins,
        CheckThis { .. }
            | CheckThisUninit { .. }
            | LoadNewTarget { .. }
            | LoadCallee { .. }
            | PushContext { .. }
            | PopContext { .. }
            | CloneContext { .. }
            | SaveContext { .. }
            | RestoreContext { .. }
            | DeclareGlobalVar { .. }
            | LoadGlobalOrUndef { .. }
            | DeleteElem { .. }
            | GetSuper { .. }
            | SetSuper { .. }
            | DefineProp { .. }
            | DefineAccessor { .. }
            | SetHome { .. }
            | ToKey { .. }
            | ToString { .. }
            | ToNumeric { .. }
            | ArrayHole { .. }
            | ArraySpread { .. }
            | NewClass { .. }
            | SetFields { .. }
            | InitFields { .. }
            | CreateArguments { .. }
            | CreateRest { .. }
            | CallSpread { .. }
            | NewSpread { .. }
            | SuperCall { .. }
            | SuperCallSpread { .. }
            | RequireObjectCoercible { .. }
            | GetIterator { .. }
            | IterNextOrUndef { .. }
            | IterRest { .. }
            | ForInPrepare { .. }
    )
}

/// A closure that is not a class constructor (callable without `new`).
/// The shape cases of a load site's cache entries (own or prototype slots); None when an
/// entry is of another kind (the site then uses the helper).
fn load_cases(entries: &[crate::interp::feedback::IcEntry]) -> Option<Vec<PropCase>> {
    use crate::interp::feedback::IcEntry;
    entries
        .iter()
        .map(|en| match en {
            IcEntry::Own { shape, slot } => Some(PropCase { shape: shape.addr(), holder: None, chain: vec![], slot: *slot }),
            IcEntry::Proto { shape, holder, slot, chain } => Some(PropCase { shape: shape.addr(), holder: Some(holder.addr()), chain: chain.iter().map(|(o, s)| (o.addr(), s.addr())).collect(), slot: *slot }),
            _ => None,
        })
        .collect()
}

fn is_plain_closure(v: JsValue) -> bool {
    v.is_object() && v.as_object().flags & crate::runtime::object::CLASS_CTOR == 0 && matches!(v.as_object().function(), Some(crate::runtime::object::FunctionKind::Closure { .. }))
}

struct Builder<'a> {
    inp: &'a Input<'a>,
    f: Function,
    live: Liveness,
    /// Bytecode block start pc → IR block.
    block_of: HashMap<usize, B>,
    /// Register state flowing into single-predecessor blocks.
    incoming: HashMap<B, (Vec<V>, Vec<bool>)>,
    /// Whether the IR block has block parameters (a merge point).
    is_merge: Vec<bool>,
    cur: B,
    regs: Vec<V>,
    /// Registers whose frame slot may differ from their value (only those are written back
    /// at safepoints and exits — LuaJIT-style compact snapshots).
    dirty: Vec<bool>,
    /// What `dirty` is at a merge point: for the compiled function's own frame, the registers
    /// some instruction of the compiled code assigns (`assigned_in`); the others keep the
    /// value their slot had at entry. An inlined frame's slots hold nothing before an exit
    /// writes them: all true.
    merge_dirty: Vec<bool>,
    undef: V,
    /// Callees whose inlining was abandoned in this compilation (not tried again: every try
    /// copies the function built so far).
    not_inlinable: std::rc::Rc<std::cell::RefCell<Vec<usize>>>,
    /// The frame this builder builds: 0 for the compiled function, k for `f.inlines[k - 1]`.
    inl: InlineCtx,
}

/// Where an inlined frame's code sits in the compiled function.
#[derive(Clone)]
struct InlineCtx {
    frame: u32,
    /// Register `r` of this frame is slot `offset + r` of the compiled function's window.
    offset: u32,
    /// The callers' frame states at their calls (slots of the window), part of every state.
    parent_regs: Vec<(u32, V)>,
    /// Where `Return` goes (the continuation block of the inlined call).
    ret: Option<B>,
    /// The call's `this`, and the window slot frame states keep it in (for the frame a deopt
    /// builds).
    this: Option<(V, u32)>,
    depth: u32,
    /// Set when the frame needs something an inlined frame cannot have (a runtime helper): the
    /// inlining is abandoned and the call compiled as a call.
    refused: bool,
}

/// How much inlining one compilation may do. The third level is mostly reached by recursion,
/// where each level doubles the inlined code (its cost and gain: docs/ARCHITECTURE.md,
/// "Inlining").
const MAX_INLINE_DEPTH: u32 = 3;
const MAX_INLINE_BYTECODES: usize = 40;
const MAX_INLINED_TOTAL: usize = 240;

/// A function's bytecode basic blocks, reachable from an entry pc in reverse postorder.
struct Plan {
    leader: Vec<bool>,
    order: Vec<usize>,
    preds: HashMap<usize, u32>,
}

impl Plan {
    fn new(code: &FunctionCode, entry_pc: usize) -> Plan {
        let n = code.instrs.len();
        let mut leader = vec![false; n + 1];
        leader[entry_pc] = true;
        leader[0] = true;
        for pc in 0..n {
            let s = successors(code, pc);
            // Every jump ends its block (a `Jump` to the next instruction included).
            let is_jump = matches!(code.instrs[pc], Instr::Jump { .. } | Instr::JumpLoop { .. });
            if s.len() != 1 || s[0] != pc + 1 || is_jump {
                for t in s {
                    leader[t] = true;
                }
                leader[pc + 1] = true;
            }
            if matches!(code.instrs[pc], Instr::LoopHeader { .. }) {
                leader[pc] = true;
            }
        }
        let mut plan = Plan { leader, order: Vec::new(), preds: HashMap::default() };
        // Reachable blocks from the entry, in reverse postorder.
        let mut seen = HashMap::default();
        let mut stack = vec![(entry_pc, false)];
        while let Some((b, done)) = stack.pop() {
            if done {
                plan.order.push(b);
                continue;
            }
            if seen.contains_key(&b) || b >= n {
                continue;
            }
            seen.insert(b, ());
            stack.push((b, true));
            let end = plan.block_end(b);
            for s in successors(code, end - 1).into_iter().rev() {
                if !seen.contains_key(&s) {
                    stack.push((s, false));
                }
            }
        }
        plan.order.reverse();
        for &b in &plan.order {
            let end = plan.block_end(b);
            for s in successors(code, end - 1) {
                *plan.preds.entry(s).or_default() += 1;
            }
        }
        // The entry edge counts as a predecessor of the first bytecode block.
        *plan.preds.entry(entry_pc).or_default() += 1;
        plan
    }

    fn block_end(&self, start: usize) -> usize {
        let n = self.leader.len() - 1;
        let mut pc = start + 1;
        while pc < n && !self.leader[pc] {
            pc += 1;
        }
        pc
    }
}

/// Registers that an instruction of the plan's blocks (the code compiled) writes, and the
/// registers exception handlers write. Any other register keeps, throughout the compiled
/// code, the value its frame slot had at entry, so frame states need not list it: an OSR
/// compile of a script's loop leaves out the function declarations made before the loop
/// (each of them live in every state, a state per call: quadratic code before).
fn assigned_in(code: &FunctionCode, plan: &Plan) -> Vec<bool> {
    let mut out = vec![false; code.nregs as usize];
    for &b in &plan.order {
        for ins in &code.instrs[b..plan.block_end(b)] {
            for (name, op) in ins.operands() {
                if let (Operand::Reg(r), "dst") = (op, name) {
                    if r != NONE {
                        out[r as usize] = true;
                    }
                }
            }
        }
    }
    for h in &code.handlers {
        out[h.exc.0 as usize] = true;
    }
    out
}

pub fn build(inp: &Input) -> Result<Function, Bailout> {
    let code = inp.code;
    if let Some(ins) = code.instrs.iter().find(|i| !supported(i)) {
        return Err(format!("unsupported bytecode {}", ins.name()));
    }
    let plan = Plan::new(code, inp.entry_pc as usize);
    let mut bld = Builder {
        inp,
        f: Function { insts: Vec::new(), blocks: Vec::new(), exits: Vec::new(), name: code.name.clone(), entry_pc: inp.entry_pc, direct_targets: Vec::new(), inlines: Vec::new(), nregs: code.nregs, window: 0 },
        live: Liveness::compute(code),
        block_of: HashMap::default(),
        incoming: HashMap::default(),
        is_merge: Vec::new(),
        cur: B(0),
        regs: vec![],
        dirty: vec![],
        merge_dirty: assigned_in(code, &plan),
        undef: V(0),
        not_inlinable: Default::default(),
        inl: InlineCtx { frame: 0, offset: 0, parent_regs: Vec::new(), ret: None, this: None, depth: 0, refused: false },
    };
    // bb0: the entry block.
    bld.new_block(inp.entry_pc);
    bld.make_blocks(&plan);
    // Entry: load the live registers from the frame (or undefined for fresh locals).
    bld.cur = B(0);
    bld.undef = bld.emit(Inst::Const(JsValue::UNDEFINED), Ty::Boxed);
    let nregs = code.nregs as usize;
    bld.regs = vec![bld.undef; nregs];
    bld.dirty = vec![false; nregs];
    for r in bld.live.live(inp.entry_pc as usize) {
        let v = if inp.entry_pc == 0 && r >= code.nparams { bld.undef } else { bld.emit(Inst::LoadReg(r), Ty::Boxed) };
        bld.regs[r as usize] = v;
    }
    let first = bld.block_of[&(inp.entry_pc as usize)];
    let t = bld.edge(first);
    bld.f.blocks[0].term = t;
    bld.walk(&plan)?;
    Ok(bld.f)
}

impl<'a> Builder<'a> {
    fn new_block(&mut self, pc: u32) -> B {
        self.f.blocks.push(Block { params: vec![], insts: vec![], term: Term::Unreachable, pc, frame: self.inl.frame, no_edge_guards: self.inl.frame != 0 });
        self.is_merge.push(false);
        B(self.f.blocks.len() as u32 - 1)
    }

    /// One IR block per bytecode block of the plan; merge points get a parameter per live
    /// register.
    fn make_blocks(&mut self, plan: &Plan) {
        let code = self.inp.code;
        for &b in &plan.order {
            let ib = self.new_block(b as u32);
            self.block_of.insert(b, ib);
            let merge = plan.preds.get(&b).copied().unwrap_or(0) > 1 || matches!(code.instrs[b], Instr::LoopHeader { .. });
            self.is_merge[ib.0 as usize] = merge;
            if merge {
                for r in self.live.live(b) {
                    let p = self.push_inst(ib, Inst::Param(r), Ty::Boxed, false);
                    self.f.blocks[ib.0 as usize].params.push(p);
                }
            }
        }
    }

    /// Builds every block of the plan (abstract interpretation of the registers).
    fn walk(&mut self, plan: &Plan) -> Result<(), Bailout> {
        let nregs = self.inp.code.nregs as usize;
        for &b in &plan.order {
            let ib = self.block_of[&b];
            self.cur = ib;
            if self.is_merge[ib.0 as usize] {
                let mut regs = vec![self.undef; nregs];
                for &p in &self.f.blocks[ib.0 as usize].params {
                    if let Inst::Param(r) = self.f.inst(p) {
                        regs[*r as usize] = p;
                    }
                }
                self.regs = regs;
                self.dirty.clone_from(&self.merge_dirty);
            } else {
                match self.incoming.remove(&ib) {
                    Some((regs, dirty)) => {
                        self.regs = regs;
                        self.dirty = dirty;
                    }
                    None => {
                        // Its only predecessor always exits (e.g. an instruction without
                        // feedback): unreachable in compiled code.
                        self.f.blocks[ib.0 as usize].term = Term::Unreachable;
                        continue;
                    }
                }
            }
            let end = plan.block_end(b);
            let mut term = None;
            for pc in b..end {
                let t = self.instr(pc)?;
                if self.inl.refused {
                    return Err("not inlinable".to_string());
                }
                if let Some(t) = t {
                    term = Some(t);
                    break;
                }
            }
            let term = match term {
                Some(t) => t,
                None => {
                    let next = self.block_of[&end];
                    self.edge(next)
                }
            };
            // An inlined call continues the block in its continuation block (`cur`).
            self.f.blocks[self.cur.0 as usize].term = term;
        }
        Ok(())
    }
    fn push_inst(&mut self, b: B, inst: Inst, ty: Ty, append: bool) -> V {
        self.f.insts.push((inst, ty));
        let v = V(self.f.insts.len() as u32 - 1);
        if append {
            self.f.blocks[b.0 as usize].insts.push(v);
        }
        v
    }
    fn emit(&mut self, inst: Inst, ty: Ty) -> V {
        self.push_inst(self.cur, inst, ty, true)
    }

    /// The terminator for an edge to `target`, passing the current register state.
    fn edge(&mut self, target: B) -> Term {
        if self.is_merge[target.0 as usize] {
            let params = self.f.blocks[target.0 as usize].params.clone();
            let mut args = Vec::new();
            for p in params {
                let r = match self.f.inst(p) {
                    Inst::Param(r) => *r,
                    _ => unreachable!(),
                };
                let v = self.regs[r as usize];
                args.push(self.boxed(v));
            }
            Term::Jump(target, args)
        } else {
            self.incoming.insert(target, (self.regs.clone(), self.dirty.clone()));
            Term::Jump(target, vec![])
        }
    }

    fn branch(&mut self, cond: V, t: usize, f: usize) -> Term {
        let (tb, fb) = (self.block_of[&t], self.block_of[&f]);
        let tj = self.edge(tb);
        let fj = self.edge(fb);
        match (tj, fj) {
            (Term::Jump(t, targs), Term::Jump(f, fargs)) => Term::Branch { cond, t, targs, f, fargs },
            _ => unreachable!(),
        }
    }

    fn state(&self, pc: usize) -> FrameState {
        let off = self.inl.offset;
        let mut regs: Vec<(u32, V)> = self.live.live(pc).into_iter().filter(|&r| self.dirty[r as usize]).map(|r| (off + r, self.regs[r as usize])).collect();
        if let Some((v, slot)) = self.inl.this {
            regs.push((slot, v));
        }
        regs.extend_from_slice(&self.inl.parent_regs);
        FrameState { pc: pc as u32, regs, frame: self.inl.frame }
    }

    fn exit(&mut self, pc: usize, reason: DeoptReason, guard: &'static str, value: Option<V>, fb: Option<u32>) -> ExitId {
        let state = self.state(pc);
        self.f.exits.push(Exit { state, reason, guard, value, fb, hoisted_from: None });
        ExitId(self.f.exits.len() as u32 - 1)
    }

    /// `o[i] = v` for an object `o` (already guarded) and an int32 `i`: the guard that its
    /// elements are writable (and can grow in place, for `grow`), then the store.
    fn elem_store(&mut self, pc: usize, o: V, i: V, v: V, grow: bool, fb: u32) {
        let exit = self.exit(pc, DeoptReason::OutOfBounds, "StoreElem", Some(o), Some(fb));
        let reason = if grow { DeoptReason::NotAppendable } else { DeoptReason::FrozenElements };
        let wx = self.exit(pc, reason, "GuardWritableElems", Some(o), Some(fb));
        self.emit(Inst::GuardWritableElems { obj: o, append: grow, exit: wx }, Ty::None);
        let (ptr, len) = self.elements_of(o);
        self.emit(Inst::StoreElem { obj: o, idx: i, v, grow, ptr, len, exit }, Ty::None);
    }

    /// The element buffer (address, length) of object `o`, for an element access.
    fn elements_of(&mut self, o: V) -> (V, V) {
        (self.emit(Inst::ElemsPtr { obj: o }, Ty::Word), self.emit(Inst::ElemsLen { obj: o }, Ty::Word))
    }

    fn const_of(&self, v: V) -> Option<JsValue> {
        match self.f.inst(v) {
            Inst::Const(k) => Some(*k),
            _ => None,
        }
    }

    fn boxed(&mut self, v: V) -> V {
        match self.f.ty(v) {
            Ty::Boxed => v,
            Ty::I32 => match self.f.inst(v) {
                Inst::ConstI32(x) => {
                    let x = *x;
                    self.emit(Inst::Const(JsValue::int(x)), Ty::Boxed)
                }
                _ => self.emit(Inst::BoxI32(v), Ty::Boxed),
            },
            Ty::F64 => self.emit(Inst::BoxF64(v), Ty::Boxed),
            Ty::Bool => self.emit(Inst::BoxBool(v), Ty::Boxed),
            Ty::None | Ty::Word => unreachable!("not a JS value"),
        }
    }

    fn as_i32(&mut self, v: V, pc: usize, fb: u32) -> V {
        match self.f.ty(v) {
            Ty::I32 => v,
            _ => {
                if let Some(k) = self.const_of(v) {
                    if k.is_int() {
                        return self.emit(Inst::ConstI32(k.as_int()), Ty::I32);
                    }
                }
                let b = self.boxed(v);
                let exit = self.exit(pc, DeoptReason::NotInt32, "GuardInt32", Some(b), Some(fb));
                self.emit(Inst::GuardInt32 { v: b, exit }, Ty::I32)
            }
        }
    }

    fn as_f64(&mut self, v: V, pc: usize, fb: u32) -> V {
        match self.f.ty(v) {
            Ty::F64 => v,
            Ty::I32 => self.emit(Inst::I32ToF64(v), Ty::F64),
            _ => {
                if let Some(k) = self.const_of(v) {
                    if k.is_number() {
                        return self.emit(Inst::ConstF64(k.as_number()), Ty::F64);
                    }
                }
                let b = self.boxed(v);
                let exit = self.exit(pc, DeoptReason::NotNumber, "GuardNumber", Some(b), Some(fb));
                self.emit(Inst::GuardNumber { v: b, exit }, Ty::F64)
            }
        }
    }

    /// An int32 for a bitwise operator: int32 directly, doubles through ToInt32.
    fn to_int32(&mut self, v: V, t: u8, pc: usize, fb: u32) -> V {
        if self.f.ty(v) == Ty::F64 || (t & T_INT32 == 0 || t & !T_INT32 != 0) && self.f.ty(v) != Ty::I32 {
            let d = self.as_f64(v, pc, fb);
            return self.emit(Inst::F64ToI32(d), Ty::I32);
        }
        self.as_i32(v, pc, fb)
    }

    fn types(&self, fb: u32) -> u8 {
        if self.inp.widened.contains(&fb) {
            // Failed speculation: int32 sites become number sites, number sites generic.
            let t = self.inp.fb.types[fb as usize];
            if t & !T_NUMBER == 0 && t & T_INT32 != 0 && t != T_NUMBER {
                return T_NUMBER;
            }
            return 0xFF;
        }
        self.inp.fb.types[fb as usize]
    }

    fn truthy(&mut self, v: V) -> V {
        match self.f.ty(v) {
            Ty::Bool => v,
            Ty::I32 => {
                let z = self.emit(Inst::ConstI32(0), Ty::I32);
                self.emit(Inst::ICmp { cc: Cc::Ne, a: v, b: z }, Ty::Bool)
            }
            Ty::F64 => {
                // NaN and ±0 are falsy: the boxed test handles all of them.
                let b = self.boxed(v);
                self.emit(Inst::Truthy(b), Ty::Bool)
            }
            _ => self.emit(Inst::Truthy(v), Ty::Bool),
        }
    }

    fn helper(&mut self, helper: Helper, args: Vec<V>, pc: usize) -> V {
        let args: Vec<V> = args.into_iter().map(|a| self.boxed(a)).collect();
        let inlined = self.inl.frame != 0;
        // Helpers read the interpreter frame of the instruction, which an inlined frame does not
        // have; only context slots (the callee's constant context) and direct calls (pushed
        // inline, leaving compiled code when they cannot be) work without it.
        if inlined && !matches!(helper, Helper::LoadCtx | Helper::StoreCtx | Helper::CallDirect) {
            self.inl.refused = true;
        }
        let state = if helper == Helper::CallDirect && inlined {
            Some(self.exit(pc, DeoptReason::InlinedCallSlowPath, "CallDirect", None, None))
        } else if helper.is_safepoint() {
            Some(self.exit(pc, DeoptReason::Safepoint, "safepoint", None, None))
        } else {
            None
        };
        self.emit(Inst::Call { helper, args, pc: pc as u32, state, frame: self.inl.frame }, Ty::Boxed)
    }

    fn set(&mut self, r: crate::frontend::bytecode::Reg, v: V) {
        self.regs[r.0 as usize] = v;
        self.dirty[r.0 as usize] = true;
    }
    /// Reads register `r` back from the frame after a helper wrote it there.
    fn reload(&mut self, r: u32) {
        let v = self.emit(Inst::LoadReg(r), Ty::Boxed);
        self.regs[r as usize] = v;
        self.dirty[r as usize] = false;
    }
    fn get(&self, r: crate::frontend::bytecode::Reg) -> V {
        self.regs[r.0 as usize]
    }

    fn no_feedback(&mut self, pc: usize, fb: u32) -> Option<Term> {
        let exit = self.exit(pc, DeoptReason::NoFeedback, "Deopt", None, Some(fb));
        self.emit(Inst::Deopt { exit }, Ty::None);
        Some(Term::Unreachable)
    }

    /// Arithmetic on two operands, speculated from the slot's types.
    fn binary(&mut self, pc: usize, op: &Instr, a: V, b: V, fb: u32) -> Result<V, Term> {
        let t = self.types(fb);
        if t == 0 {
            return Err(self.no_feedback(pc, fb).unwrap());
        }
        let (ta, tb) = (self.f.ty(a), self.f.ty(b));
        let any_f64 = ta == Ty::F64 || tb == Ty::F64;
        let int_ok = t == T_INT32 && !any_f64;
        let num_ok = t & !T_NUMBER == 0;
        use Instr::*;
        let iop = match op {
            Add { .. } | AddImm { .. } => Some(IOp::Add),
            Sub { .. } => Some(IOp::Sub),
            Mul { .. } => Some(IOp::Mul),
            _ => None,
        };
        let fop = match op {
            Add { .. } | AddImm { .. } => Some(FOp::Add),
            Sub { .. } => Some(FOp::Sub),
            Mul { .. } => Some(FOp::Mul),
            Div { .. } => Some(FOp::Div),
            Mod { .. } => Some(FOp::Mod),
            Exp { .. } => Some(FOp::Pow),
            _ => None,
        };
        let bit = match op {
            BitAnd { .. } => Some(IOp::And),
            BitOr { .. } => Some(IOp::Or),
            BitXor { .. } => Some(IOp::Xor),
            Shl { .. } => Some(IOp::Shl),
            Shr { .. } => Some(IOp::Sar),
            _ => None,
        };
        if let Some(iop) = bit {
            if num_ok {
                let x = self.to_int32(a, t, pc, fb);
                let y = self.to_int32(b, t, pc, fb);
                return Ok(self.emit(Inst::IBin { op: iop, a: x, b: y, exit: None, wrap: false }, Ty::I32));
            }
        } else if matches!(op, UShr { .. }) {
            if num_ok {
                let x = self.to_int32(a, t, pc, fb);
                let y = self.to_int32(b, t, pc, fb);
                return Ok(self.emit(Inst::UShr { a: x, b: y }, Ty::F64));
            }
        } else if matches!(op, Mod { .. }) && int_ok {
            let x = self.as_i32(a, pc, fb);
            let y = self.as_i32(b, pc, fb);
            let z = self.emit(Inst::ConstI32(0), Ty::I32);
            let e1 = self.exit(pc, DeoptReason::NegativeOrZeroModulus, "GuardI32Cmp", Some(a), Some(fb));
            self.emit(Inst::GuardI32Cmp { cc: Cc::Ge, a: x, b: z, exit: e1 }, Ty::None);
            let e2 = self.exit(pc, DeoptReason::NegativeOrZeroModulus, "GuardI32Cmp", Some(b), Some(fb));
            self.emit(Inst::GuardI32Cmp { cc: Cc::Gt, a: y, b: z, exit: e2 }, Ty::None);
            return Ok(self.emit(Inst::IBin { op: IOp::Mod, a: x, b: y, exit: None, wrap: false }, Ty::I32));
        } else if let (Some(iop), true) = (iop, int_ok) {
            let x = self.as_i32(a, pc, fb);
            let y = self.as_i32(b, pc, fb);
            let exit = self.exit(pc, if iop == IOp::Mul { DeoptReason::OverflowOrMinusZero } else { DeoptReason::Overflow }, "CheckedI32", None, Some(fb));
            return Ok(self.emit(Inst::IBin { op: iop, a: x, b: y, exit: Some(exit), wrap: false }, Ty::I32));
        } else if let (Some(fop), true) = (fop, num_ok) {
            let x = self.as_f64(a, pc, fb);
            let y = self.as_f64(b, pc, fb);
            return Ok(self.emit(Inst::FBin { op: fop, a: x, b: y }, Ty::F64));
        }
        Ok(self.helper(Helper::Binary, vec![a, b], pc))
    }

    fn compare(&mut self, pc: usize, cc: Cc, a: V, b: V, fb: u32, strict: bool) -> Result<V, Term> {
        let t = self.types(fb);
        if t == 0 {
            return Err(self.no_feedback(pc, fb).unwrap());
        }
        let any_f64 = self.f.ty(a) == Ty::F64 || self.f.ty(b) == Ty::F64;
        if t == T_INT32 && !any_f64 {
            let x = self.as_i32(a, pc, fb);
            let y = self.as_i32(b, pc, fb);
            return Ok(self.emit(Inst::ICmp { cc, a: x, b: y }, Ty::Bool));
        }
        if t & !T_NUMBER == 0 {
            let x = self.as_f64(a, pc, fb);
            let y = self.as_f64(b, pc, fb);
            return Ok(self.emit(Inst::FCmp { cc, a: x, b: y }, Ty::Bool));
        }
        // `x === null` (or undefined, true, false): strict equality with a constant that is
        // neither a number nor a string is identity, whatever `x` is (numbers and strings
        // never share those bits), so it needs no type check.
        if strict && matches!(cc, Cc::Eq | Cc::Ne) {
            let plain = |k: Option<JsValue>| k.is_some_and(|k| k == JsValue::NULL || k == JsValue::UNDEFINED || k == JsValue::TRUE || k == JsValue::FALSE);
            if plain(self.const_of(a)) || plain(self.const_of(b)) {
                let (x, y) = (self.boxed(a), self.boxed(b));
                let eq = self.emit(Inst::BitEq { a: x, b: y }, Ty::Bool);
                return Ok(if cc == Cc::Eq { eq } else { self.emit(Inst::NotBool(eq), Ty::Bool) });
            }
        }
        let r = self.helper(Helper::Compare, vec![a, b], pc);
        Ok(self.truthy(r))
    }

    /// Translates one instruction; returns the block terminator if it ends the block.
    fn instr(&mut self, pc: usize) -> Result<Option<Term>, Bailout> {
        use Instr::*;
        let code = self.inp.code;
        let ins = code.instrs[pc];
        macro_rules! try_term {
            ($e:expr) => {
                match $e {
                    Ok(v) => v,
                    Err(t) => return Ok(Some(t)),
                }
            };
        }
        if is_generic(&ins) {
            self.helper(Helper::Generic, vec![], pc);
            if let (_, Some(d)) = reg_uses_defs(&ins) {
                self.reload(d);
            }
            return Ok(None);
        }
        match ins {
            IterNext { iter, t, dst } | ForInNext { iter, t, dst } => {
                let it = self.get(iter);
                let r = self.helper(Helper::IterNext, vec![it], pc);
                self.reload(dst.0);
                let c = self.truthy(r);
                return Ok(Some(self.branch(c, pc + 1, t.0 as usize)));
            }
            CtorReturn { src, this } => {
                let (v, t) = (self.get(src), self.get(this));
                let r = self.helper(Helper::CtorReturn, vec![v, t], pc);
                return Ok(Some(Term::Return(r)));
            }
            Mov { dst, src } => {
                let v = self.get(src);
                self.set(dst, v)
            }
            LoadUndef { dst } => self.set(dst, self.undef),
            LoadNull { dst } => {
                let v = self.emit(Inst::Const(JsValue::NULL), Ty::Boxed);
                self.set(dst, v)
            }
            LoadTrue { dst } => {
                let v = self.emit(Inst::ConstBool(true), Ty::Bool);
                self.set(dst, v)
            }
            LoadFalse { dst } => {
                let v = self.emit(Inst::ConstBool(false), Ty::Bool);
                self.set(dst, v)
            }
            LoadInt { dst, imm } => {
                let v = self.emit(Inst::ConstI32(imm.0), Ty::I32);
                self.set(dst, v)
            }
            LoadConst { dst, k } => {
                let v = self.emit(Inst::Const(code.consts[k.0 as usize]), Ty::Boxed);
                self.set(dst, v)
            }
            LoadEmpty { dst } => {
                let v = self.emit(Inst::Const(JsValue::EMPTY), Ty::Boxed);
                self.set(dst, v)
            }
            CheckTdz { src, .. } => {
                let v = self.get(src);
                let v = self.boxed(v);
                let empty = self.emit(Inst::Const(JsValue::EMPTY), Ty::Boxed);
                let is_empty = self.emit(Inst::BitEq { a: v, b: empty }, Ty::Bool);
                let ok = self.emit(Inst::NotBool(is_empty), Ty::Bool);
                let exit = self.exit(pc, DeoptReason::Tdz, "GuardTrue", Some(v), None);
                self.emit(Inst::GuardTrue { v: ok, exit }, Ty::None);
            }
            ThrowConstAssign { .. } | Throw { .. } | ThrowTypeError { .. } => {
                let args = if let Throw { src } = ins { vec![self.get(src)] } else { vec![] };
                self.helper(Helper::Throw, args, pc);
                return Ok(Some(Term::Unreachable));
            }
            LoadThis { dst } => {
                let v = match self.inl.this {
                    // An inlined frame's `this` is the call's: as is in strict code; sloppy code
                    // would coerce a primitive (a helper), so it must be an object there.
                    Some((t, _)) if self.inp.code.strict => t,
                    // A plain call's `this` in sloppy code: the global object.
                    Some((t, _)) if t == self.undef => self.emit(Inst::Const(self.inp.global), Ty::Boxed),
                    Some((t, _)) => {
                        let t = self.boxed(t);
                        let exit = self.exit(pc, DeoptReason::NotAnObject, "GuardObject", Some(t), None);
                        self.emit(Inst::GuardObject { v: t, exit }, Ty::None);
                        t
                    }
                    None => self.helper(Helper::LoadThis, vec![], pc),
                };
                self.set(dst, v)
            }
            LoadCtx { dst, .. } => {
                let v = self.helper(Helper::LoadCtx, vec![], pc);
                self.set(dst, v)
            }
            StoreCtx { src, .. } => {
                let v = self.get(src);
                self.helper(Helper::StoreCtx, vec![v], pc);
            }
            LoadGlobal { dst, fb, .. } => {
                let v = match self.global_load(pc, fb.0) {
                    Some(v) => v,
                    None => self.helper(Helper::LoadGlobal, vec![], pc),
                };
                self.set(dst, v)
            }
            StoreGlobal { src, .. } => {
                let v = self.get(src);
                self.helper(Helper::StoreGlobal, vec![v], pc);
            }
            GetNamed { dst, obj, k, fb } => {
                let o = self.get(obj);
                let v = match self.named_load(pc, o, k.0, fb.0) {
                    Ok(Some(v)) => v,
                    Ok(None) => self.helper(Helper::GetNamed, vec![o], pc),
                    Err(t) => return Ok(Some(t)),
                };
                self.set(dst, v)
            }
            SetNamed { obj, src, fb, .. } => {
                let (o, v) = (self.get(obj), self.get(src));
                if !self.named_store(pc, o, v, fb.0) {
                    self.helper(Helper::SetNamed, vec![o, v], pc);
                }
            }
            DefineNamed { obj, src, .. } => {
                let (o, v) = (self.get(obj), self.get(src));
                self.helper(Helper::DefineNamed, vec![o, v], pc);
            }
            GetElem { dst, obj, key, fb } => {
                let (o, k) = (self.get(obj), self.get(key));
                let v = if self.elem_fast(fb.0, false) {
                    let o = self.boxed(o);
                    self.guard_object(o, pc, fb.0);
                    let i = self.as_i32(k, pc, fb.0);
                    let exit = self.exit(pc, DeoptReason::OutOfBounds, "LoadElem", Some(o), Some(fb.0));
                    let (ptr, len) = self.elements_of(o);
                    self.emit(Inst::LoadElem { obj: o, idx: i, ptr, len, exit }, Ty::Boxed)
                } else {
                    self.helper(Helper::GetElem, vec![o, k], pc)
                };
                self.set(dst, v)
            }
            SetElem { obj, key, src, fb } => {
                let (o, k, v) = (self.get(obj), self.get(key), self.get(src));
                if self.elem_fast(fb.0, true) {
                    use crate::interp::feedback::{F_GROW, F_HOLE};
                    let grow = self.inp.fb.flags[fb.0 as usize] & (F_GROW | F_HOLE) != 0;
                    let o = self.boxed(o);
                    self.guard_object(o, pc, fb.0);
                    let i = self.as_i32(k, pc, fb.0);
                    let v = self.boxed(v);
                    self.elem_store(pc, o, i, v, grow, fb.0);
                } else {
                    self.helper(Helper::SetElem, vec![o, k, v], pc);
                }
            }
            NewObject { dst, .. } => {
                let v = self.helper(Helper::NewObject, vec![], pc);
                self.set(dst, v)
            }
            NewArray { dst, .. } => {
                let v = self.helper(Helper::NewArray, vec![], pc);
                self.set(dst, v)
            }
            ArrayPush { arr, src } => {
                let (a, v) = (self.get(arr), self.get(src));
                self.helper(Helper::ArrayPush, vec![a, v], pc);
            }
            NewClosure { dst, .. } => {
                let v = self.helper(Helper::NewClosure, vec![], pc);
                self.set(dst, v)
            }
            Call { dst, callee, argc, args, fb, this } => {
                let f = self.get(callee);
                if let Some(r) = self.array_push(pc, f, argc.0, args.0, this, fb.0) {
                    self.set(dst, r);
                    return Ok(None);
                }
                // A Math intrinsic seen as the only target: guard the target, compute inline.
                if argc.0 >= 1 {
                    if let Some(crate::interp::feedback::Ic::Mono(crate::interp::feedback::IcEntry::Target(t))) = self.inp.fb.ics.get(fb.0 as usize) {
                        if let Some(op) = self.intrinsic(*t) {
                            if !self.inp.widened.contains(&fb.0) {
                                let fbox = self.boxed(f);
                                let exit = self.exit(pc, DeoptReason::WrongCallTarget, "GuardValue", Some(fbox), Some(fb.0));
                                self.emit(Inst::GuardValue { v: fbox, expect: *t, exit }, Ty::None);
                                let a = self.regs[args.0 as usize];
                                let x = self.as_f64(a, pc, fb.0);
                                let r = self.emit(Inst::FUn { op, v: x }, Ty::F64);
                                self.set(dst, r);
                                return Ok(None);
                            }
                        }
                    }
                }
                let direct = match self.inp.fb.ics.get(fb.0 as usize) {
                    Some(crate::interp::feedback::Ic::Mono(crate::interp::feedback::IcEntry::Target(t))) if !self.inp.widened.contains(&fb.0) && is_plain_closure(*t) => Some(*t),
                    _ => None,
                };
                // A polymorphic site whose targets are all closures: dispatched on the target
                // when lowered (direct calls for the known ones, the generic call otherwise —
                // no guard, so a new target costs no deopt).
                let poly: Vec<JsValue> = match self.inp.fb.ics.get(fb.0 as usize) {
                    Some(crate::interp::feedback::Ic::Poly(es)) if !self.inp.widened.contains(&fb.0) => {
                        let ts: Vec<JsValue> = es.iter().filter_map(|e| if let crate::interp::feedback::IcEntry::Target(t) = e { Some(*t) } else { None }).collect();
                        if ts.len() == es.len() && ts.iter().all(|t| is_plain_closure(*t)) {
                            ts
                        } else {
                            Vec::new()
                        }
                    }
                    _ => Vec::new(),
                };
                let v = match direct {
                    Some(t) => {
                        let fbox = self.boxed(f);
                        let exit = self.exit(pc, DeoptReason::WrongCallTarget, "GuardValue", Some(fbox), Some(fb.0));
                        self.emit(Inst::GuardValue { v: fbox, expect: t, exit }, Ty::None);
                        match self.inline_call(pc, t, dst.0, argc.0, args.0, (this != crate::frontend::compiler::NO_THIS).then_some(this.0)) {
                            Some(v) => v,
                            None => {
                                // An inlined frame's calls must be pushed inline (see
                                // `jit::direct_callee`): no `arguments` object, few registers.
                                if self.inl.frame != 0 && !crate::jit::pushable_inline(t) {
                                    self.inl.refused = true;
                                }
                                self.f.direct_targets.push((self.inl.frame, pc as u32, t));
                                self.helper(Helper::CallDirect, vec![fbox], pc)
                            }
                        }
                    }
                    None if !poly.is_empty() => {
                        let fbox = self.boxed(f);
                        let this_reg = (this != crate::frontend::compiler::NO_THIS).then_some(this.0);
                        match self.inline_poly(pc, &poly, fbox, (dst.0, argc.0, args.0, this_reg), fb.0) {
                            Some(v) => v,
                            None => {
                                for t in poly {
                                    self.f.direct_targets.push((self.inl.frame, pc as u32, t));
                                }
                                self.helper(Helper::CallPoly, vec![fbox], pc)
                            }
                        }
                    }
                    None => self.helper(Helper::Call, vec![f], pc),
                };
                self.set(dst, v)
            }
            New { dst, callee, .. } => {
                let f = self.get(callee);
                let v = self.helper(Helper::Construct, vec![f], pc);
                self.set(dst, v)
            }
            Return { src } => {
                let v = self.get(src);
                let v = self.boxed(v);
                if let Some(cont) = self.inl.ret {
                    return Ok(Some(Term::Jump(cont, vec![v])));
                }
                return Ok(Some(Term::Return(v)));
            }
            Add { dst, lhs, rhs, fb } | Sub { dst, lhs, rhs, fb } | Mul { dst, lhs, rhs, fb } | Div { dst, lhs, rhs, fb } | Mod { dst, lhs, rhs, fb } | Exp { dst, lhs, rhs, fb } | BitAnd { dst, lhs, rhs, fb } | BitOr { dst, lhs, rhs, fb } | BitXor { dst, lhs, rhs, fb } | Shl { dst, lhs, rhs, fb } | Shr { dst, lhs, rhs, fb } | UShr { dst, lhs, rhs, fb } => {
                let (a, b) = (self.get(lhs), self.get(rhs));
                let v = try_term!(self.binary(pc, &ins, a, b, fb.0));
                self.set(dst, v)
            }
            AddImm { dst, src, imm, fb } => {
                let a = self.get(src);
                let t = self.types(fb.0);
                if t == 0 {
                    return Ok(self.no_feedback(pc, fb.0));
                }
                let v = if t & !T_NUMBER == 0 {
                    let b = self.emit(Inst::ConstI32(imm.0), Ty::I32);
                    try_term!(self.binary(pc, &ins, a, b, fb.0))
                } else {
                    self.helper(Helper::Unary, vec![a], pc)
                };
                self.set(dst, v)
            }
            Neg { dst, src, fb } => {
                let a = self.get(src);
                let t = self.types(fb.0);
                if t == 0 {
                    return Ok(self.no_feedback(pc, fb.0));
                }
                let v = if t == T_INT32 && self.f.ty(a) != Ty::F64 {
                    let x = self.as_i32(a, pc, fb.0);
                    let z = self.emit(Inst::ConstI32(0), Ty::I32);
                    let e1 = self.exit(pc, DeoptReason::OverflowOrMinusZero, "GuardI32Cmp", Some(a), Some(fb.0));
                    self.emit(Inst::GuardI32Cmp { cc: Cc::Ne, a: x, b: z, exit: e1 }, Ty::None);
                    let e2 = self.exit(pc, DeoptReason::Overflow, "CheckedI32", None, Some(fb.0));
                    self.emit(Inst::IBin { op: IOp::Sub, a: z, b: x, exit: Some(e2), wrap: false }, Ty::I32)
                } else if t & !T_NUMBER == 0 {
                    let x = self.as_f64(a, pc, fb.0);
                    self.emit(Inst::FUn { op: FUn::Neg, v: x }, Ty::F64)
                } else {
                    self.helper(Helper::Unary, vec![a], pc)
                };
                self.set(dst, v)
            }
            BitNot { dst, src, fb } => {
                let a = self.get(src);
                let t = self.types(fb.0);
                if t == 0 {
                    return Ok(self.no_feedback(pc, fb.0));
                }
                let v = if t & !T_NUMBER == 0 {
                    let x = self.to_int32(a, t, pc, fb.0);
                    let m = self.emit(Inst::ConstI32(-1), Ty::I32);
                    self.emit(Inst::IBin { op: IOp::Xor, a: x, b: m, exit: None, wrap: false }, Ty::I32)
                } else {
                    self.helper(Helper::Unary, vec![a], pc)
                };
                self.set(dst, v)
            }
            Not { dst, src } => {
                let a = self.get(src);
                let t = self.truthy(a);
                let v = self.emit(Inst::NotBool(t), Ty::Bool);
                self.set(dst, v)
            }
            TypeOf { dst, src } => {
                let a = self.get(src);
                let v = self.helper(Helper::Unary, vec![a], pc);
                self.set(dst, v)
            }
            Lt { dst, lhs, rhs, fb } | Le { dst, lhs, rhs, fb } | Gt { dst, lhs, rhs, fb } | Ge { dst, lhs, rhs, fb } | Eq { dst, lhs, rhs, fb } | Ne { dst, lhs, rhs, fb } | StrictEq { dst, lhs, rhs, fb } | StrictNe { dst, lhs, rhs, fb } => {
                let cc = match ins {
                    Lt { .. } => Cc::Lt,
                    Le { .. } => Cc::Le,
                    Gt { .. } => Cc::Gt,
                    Ge { .. } => Cc::Ge,
                    Eq { .. } | StrictEq { .. } => Cc::Eq,
                    _ => Cc::Ne,
                };
                let strict = matches!(ins, StrictEq { .. } | StrictNe { .. });
                let (a, b) = (self.get(lhs), self.get(rhs));
                let v = try_term!(self.compare(pc, cc, a, b, fb.0, strict));
                self.set(dst, v)
            }
            InstanceOf { dst, lhs, rhs, .. } | In { dst, lhs, rhs, .. } => {
                let (a, b) = (self.get(lhs), self.get(rhs));
                let v = self.helper(Helper::Compare, vec![a, b], pc);
                self.set(dst, v)
            }
            Jump { t } | JumpLoop { t, .. } => {
                if let JumpLoop { .. } = ins {
                    // The back-edge safepoint (a collection requested by an allocation).
                    let exit = self.exit(t.0 as usize, DeoptReason::Safepoint, "safepoint", None, None);
                    self.emit(Inst::Call { helper: Helper::Safepoint, args: vec![], pc: pc as u32, state: Some(exit), frame: self.inl.frame }, Ty::Boxed);
                }
                let tb = self.block_of[&(t.0 as usize)];
                return Ok(Some(self.edge(tb)));
            }
            LoopHeader { .. } | Nop {} => {}
            JumpIfTrue { src, t } | JumpIfFalse { src, t } => {
                let v = self.get(src);
                let c = self.truthy(v);
                let (tt, ff) = if let JumpIfTrue { .. } = ins { (t.0 as usize, pc + 1) } else { (pc + 1, t.0 as usize) };
                return Ok(Some(self.branch(c, tt, ff)));
            }
            JumpIfNullish { src, t } | JumpIfNotNullish { src, t } | JumpIfUndefined { src, t } | JumpIfNotUndefined { src, t } => {
                let v = self.get(src);
                let v = self.boxed(v);
                let c = if matches!(ins, JumpIfNullish { .. } | JumpIfNotNullish { .. }) {
                    self.emit(Inst::IsNullish(v), Ty::Bool)
                } else {
                    let u = self.emit(Inst::Const(JsValue::UNDEFINED), Ty::Boxed);
                    self.emit(Inst::BitEq { a: v, b: u }, Ty::Bool)
                };
                let positive = matches!(ins, JumpIfNullish { .. } | JumpIfUndefined { .. });
                let (tt, ff) = if positive { (t.0 as usize, pc + 1) } else { (pc + 1, t.0 as usize) };
                return Ok(Some(self.branch(c, tt, ff)));
            }
            JumpIfLt { lhs, rhs, t, fb } | JumpIfNotLt { lhs, rhs, t, fb } => {
                let (a, b) = (self.get(lhs), self.get(rhs));
                let c = try_term!(self.compare(pc, Cc::Lt, a, b, fb.0, false));
                let (tt, ff) = if let JumpIfLt { .. } = ins { (t.0 as usize, pc + 1) } else { (pc + 1, t.0 as usize) };
                return Ok(Some(self.branch(c, tt, ff)));
            }
            JumpIfStrictEq { lhs, rhs, t, fb } => {
                let (a, b) = (self.get(lhs), self.get(rhs));
                let c = try_term!(self.compare(pc, Cc::Eq, a, b, fb.0, true));
                return Ok(Some(self.branch(c, t.0 as usize, pc + 1)));
            }
            other => return Err(format!("unsupported bytecode {}", other.name())),
        }
        Ok(None)
    }

    /// Inlines the call at `pc` of the guarded closure `t` (its body built into this function
    /// as frame k, resuming at a continuation block), or None to compile a call. The callee must
    /// be small, loop-free, without try/catch or `arguments`, and built without any runtime
    /// helper that reads its interpreter frame — then a deopt inside it is the only time that
    /// frame exists (`deopt::materialize`).
    fn inline_call(&mut self, pc: usize, t: JsValue, dst: u32, argc: u32, args: u32, this: Option<u32>) -> Option<V> {
        if !self.inp.inlining || self.inl.depth >= MAX_INLINE_DEPTH {
            return None;
        }
        let o = t.as_object();
        let Some(crate::runtime::object::FunctionKind::Closure { code: callee, .. }) = o.function() else { return None };
        let code_ref = crate::frontend::bytecode::CodeRef::new(callee);
        let callee: &FunctionCode = &code_ref;
        let used: usize = self.f.inlines.iter().map(|i| i.code.instrs.len()).sum::<usize>();
        // Above the caller's registers (and an inlined caller's `this` slot).
        let offset = self.inl.offset + self.inp.code.nregs + (self.inl.frame != 0) as u32;
        use crate::frontend::bytecode::FunctionKind as K;
        let simple = matches!(callee.kind, K::Normal | K::Arrow | K::Method)
            && !callee.needs_args
            && callee.handlers.is_empty()
            && callee.instrs.len() <= MAX_INLINE_BYTECODES
            && (offset + callee.nregs + 1) as usize - self.f.nregs as usize <= crate::interp::INLINE_WINDOW_MAX
            && used + callee.instrs.len() <= MAX_INLINED_TOTAL
            && callee.feedback.calls.get() > 0
            && !callee.feedback.jit.no_inline.get()
            && callee.instrs.iter().all(|i| supported(i) && !matches!(i, Instr::LoopHeader { .. } | Instr::JumpLoop { .. }));
        let key = callee as *const FunctionCode as usize;
        if !simple || self.not_inlinable.borrow().contains(&key) {
            return None;
        }
        let snapshot = FeedbackSnapshot::take(callee);
        let widened = callee.feedback.jit.widened.borrow().clone();
        let sub_inp = Input { code: callee, fb: &snapshot, entry_pc: 0, widened: &widened, intrinsics: self.inp.intrinsics, inline_objects: self.inp.inline_objects, global: self.inp.global, inlining: true };
        // Everything below may be undone (a callee that needs a helper is not inlined).
        let saved_f = self.f.clone();
        let saved_merge = self.is_merge.clone();
        let parent_regs = self.state(pc).regs;
        // `this` is kept in the slot just above the frame's registers.
        let this_slot = offset + callee.nregs;
        let this_v = match this {
            Some(r) => self.regs[r as usize],
            None => self.undef,
        };
        self.f.inlines.push(InlineFrame { callee: t, code: code_ref, parent: self.inl.frame, call_pc: pc as u32, ret_dst: dst, argc, offset, this_slot, state_tail: parent_regs.len() as u32 + 1 });
        let frame = self.f.inlines.len() as u32;
        // The continuation: the call's result is its one parameter.
        let cont = self.new_block(pc as u32 + 1);
        self.f.blocks[cont.0 as usize].no_edge_guards = true;
        self.is_merge[cont.0 as usize] = true;
        let result = self.push_inst(cont, Inst::Param(dst), Ty::Boxed, false);
        self.f.blocks[cont.0 as usize].params.push(result);
        let plan = Plan::new(callee, 0);
        let n = callee.nregs as usize;
        let mut regs = vec![self.undef; n];
        for k in 0..(callee.nparams.min(argc) as usize) {
            regs[k] = self.regs[args as usize + k];
        }
        let mut sub = Builder {
            inp: &sub_inp,
            f: std::mem::take(&mut self.f),
            live: Liveness::compute(callee),
            block_of: HashMap::default(),
            incoming: HashMap::default(),
            is_merge: std::mem::take(&mut self.is_merge),
            cur: self.cur,
            regs,
            // The window's slots hold nothing of this frame yet: every live register is
            // written at a safepoint or exit.
            dirty: vec![true; n],
            merge_dirty: vec![true; n],
            undef: self.undef,
            not_inlinable: self.not_inlinable.clone(),
            inl: InlineCtx { frame, offset, parent_regs, ret: Some(cont), this: Some((this_v, this_slot)), depth: self.inl.depth + 1, refused: false },
        };
        sub.make_blocks(&plan);
        let first = sub.block_of[&0];
        let caller_block = sub.cur;
        let t0 = sub.edge(first);
        sub.f.blocks[caller_block.0 as usize].term = t0;
        let ok = sub.walk(&plan).is_ok();
        let (f, merge) = (sub.f, sub.is_merge);
        if !ok {
            self.f = saved_f;
            self.is_merge = saved_merge;
            self.not_inlinable.borrow_mut().push(key);
            return None;
        }
        self.f = f;
        self.is_merge = merge;
        let end = (this_slot + 1) - self.f.nregs;
        self.f.window = self.f.window.max(end);
        self.cur = cont;
        Some(result)
    }

    /// A call site that saw a few closure targets, all inlinable: a dispatch on the target
    /// (`BitEq` with each) into each one's inlined body, and for any other target the generic
    /// call — or, in an inlined frame (which cannot make one), an exit. `call` is the Call's
    /// (dst, argc, args, this register). None leaves it a `CallPoly`.
    fn inline_poly(&mut self, pc: usize, targets: &[JsValue], f: V, call: (u32, u32, u32, Option<u32>), fb: u32) -> Option<V> {
        let (dst, argc, args, this) = call;
        if !self.inp.inlining || self.inl.depth >= MAX_INLINE_DEPTH || targets.len() > 4 {
            return None;
        }
        let saved_f = self.f.clone();
        let saved_merge = self.is_merge.clone();
        let start = self.cur;
        let join = self.new_block(pc as u32 + 1);
        self.f.blocks[join.0 as usize].no_edge_guards = true;
        self.is_merge[join.0 as usize] = true;
        let result = self.push_inst(join, Inst::Param(dst), Ty::Boxed, false);
        self.f.blocks[join.0 as usize].params.push(result);
        for &t in targets {
            let k = self.emit(Inst::Const(t), Ty::Boxed);
            let c = self.emit(Inst::BitEq { a: f, b: k }, Ty::Bool);
            let (hit, next) = (self.new_block(pc as u32), self.new_block(pc as u32));
            self.f.blocks[self.cur.0 as usize].term = Term::Branch { cond: c, t: hit, targs: vec![], f: next, fargs: vec![] };
            self.cur = hit;
            let Some(v) = self.inline_call(pc, t, dst, argc, args, this) else {
                self.f = saved_f;
                self.is_merge = saved_merge;
                self.cur = start;
                return None;
            };
            self.f.blocks[self.cur.0 as usize].term = Term::Jump(join, vec![v]);
            self.cur = next;
        }
        if self.inl.frame == 0 {
            let r = self.helper(Helper::Call, vec![f], pc);
            self.f.blocks[self.cur.0 as usize].term = Term::Jump(join, vec![r]);
        } else {
            let exit = self.exit(pc, DeoptReason::WrongCallTarget, "GuardValue", Some(f), Some(fb));
            self.emit(Inst::Deopt { exit }, Ty::None);
            self.f.blocks[self.cur.0 as usize].term = Term::Unreachable;
        }
        self.cur = join;
        Some(result)
    }

    /// Whether an element site only saw in-bounds, non-hole accesses to arrays.
    /// Whether an element access compiles inline: it has feedback, on arrays only, and (for
    /// loads) never outside the dense elements; stores that filled holes or grew the array
    /// become `StoreElem { grow }`.
    fn elem_fast(&self, fb: u32, store: bool) -> bool {
        use crate::interp::feedback::{F_GROW, F_HOLE, F_NON_ARRAY, F_OOB};
        let flags = self.inp.fb.flags[fb as usize];
        let bad = if store { F_NON_ARRAY } else { F_OOB | F_HOLE | F_NON_ARRAY | F_GROW };
        self.inp.inline_objects && self.inp.fb.types[fb as usize] != 0 && flags & bad == 0 && !self.inp.widened.contains(&fb)
    }

    /// A property load from the site's inline cache: shape-dispatched slot loads, or an
    /// array's length. None = use the generic helper.
    fn named_load(&mut self, pc: usize, o: V, k: u32, fb: u32) -> Result<Option<V>, Term> {
        use crate::interp::feedback::{Ic, T_OBJECT};
        if self.inp.widened.contains(&fb) || !self.inp.inline_objects {
            return Ok(None);
        }
        let t = self.inp.fb.types[fb as usize];
        let ic = &self.inp.fb.ics[fb as usize];
        if t == 0 && matches!(ic, Ic::Uninit) {
            return Err(self.no_feedback(pc, fb).unwrap());
        }
        let entries = ic.entries();
        if !entries.is_empty() && t & !T_OBJECT == 0 {
            let Some(cases) = load_cases(entries) else { return Ok(None) };
            let ob = self.boxed(o);
            let exit = self.exit(pc, DeoptReason::NotAnObject, "GuardObject", Some(ob), Some(fb));
            self.emit(Inst::GuardObject { v: ob, exit }, Ty::None);
            let exit = self.exit(pc, DeoptReason::WrongShape, "GetProp", Some(ob), Some(fb));
            return Ok(Some(self.emit(Inst::GetProp { obj: ob, cases, exit }, Ty::Boxed)));
        }
        let is_length = self.inp.code.consts[k as usize].as_string().atom_cache.get() == crate::runtime::string::atoms::LENGTH.0;
        if is_length && matches!(ic, Ic::Uninit) && t == T_OBJECT {
            let ob = self.boxed(o);
            let exit = self.exit(pc, DeoptReason::NotAnObject, "GuardObject", Some(ob), Some(fb));
            self.emit(Inst::GuardObject { v: ob, exit }, Ty::None);
            let exit = self.exit(pc, DeoptReason::NotArray, "ArrayLength", Some(ob), Some(fb));
            return Ok(Some(self.emit(Inst::ArrayLength { obj: ob, exit }, Ty::I32)));
        }
        Ok(None)
    }

    /// Exits unless `o` is an object (a separate guard, so that repeated checks of one value
    /// are eliminated).
    fn guard_object(&mut self, o: V, pc: usize, fb: u32) {
        let exit = self.exit(pc, DeoptReason::NotAnObject, "GuardObject", Some(o), Some(fb));
        self.emit(Inst::GuardObject { v: o, exit }, Ty::None);
    }

    /// A global variable load through the site's cache (keyed on the global object's shape):
    /// a shape-guarded `GetProp` of the global object, a constant. None = helper (no cache
    /// yet, an accessor, a dictionary-mode global object).
    fn global_load(&mut self, pc: usize, fb: u32) -> Option<V> {
        if self.inp.widened.contains(&fb) || !self.inp.inline_objects {
            return None;
        }
        let entries = self.inp.fb.ics[fb as usize].entries();
        if entries.is_empty() {
            return None;
        }
        let cases = load_cases(entries)?;
        let g = self.emit(Inst::Const(self.inp.global), Ty::Boxed);
        let exit = self.exit(pc, DeoptReason::WrongShape, "GetProp", Some(g), Some(fb));
        Some(self.emit(Inst::GetProp { obj: g, cases, exit }, Ty::Boxed))
    }

    /// A store to an existing own property through the site's cache (false = helper).
    fn named_store(&mut self, pc: usize, o: V, v: V, fb: u32) -> bool {
        use crate::interp::feedback::{IcEntry, T_OBJECT};
        if self.inp.widened.contains(&fb) || self.inp.fb.types[fb as usize] & !T_OBJECT != 0 || !self.inp.inline_objects {
            return false;
        }
        let entries = self.inp.fb.ics[fb as usize].entries();
        if entries.is_empty() {
            return false;
        }
        let mut cases = Vec::new();
        for en in entries {
            match en {
                IcEntry::Own { shape, slot } => cases.push((shape.addr(), *slot)),
                _ => return false,
            }
        }
        let ob = self.boxed(o);
        let vb = self.boxed(v);
        let exit = self.exit(pc, DeoptReason::NotAnObject, "GuardObject", Some(ob), Some(fb));
        self.emit(Inst::GuardObject { v: ob, exit }, Ty::None);
        let exit = self.exit(pc, DeoptReason::WrongShape, "SetPropOwn", Some(ob), Some(fb));
        self.emit(Inst::SetPropOwn { obj: ob, cases, v: vb, exit }, Ty::None);
        true
    }

    /// `a.push(v)` at a site that saw only Array.prototype.push: guard the target, then
    /// append as `a[a.length] = v` compiles (ArrayLength, an appendable-array guard, a growing
    /// StoreElem at the length) — what the builtin's dense fast path does. The result is the
    /// new length. Every exit comes before the store, so resuming at the call repeats nothing.
    fn array_push(&mut self, pc: usize, f: V, argc: u32, args: u32, this: crate::frontend::bytecode::Reg, fb: u32) -> Option<V> {
        use crate::interp::feedback::{Ic, IcEntry};
        if argc != 1 || this == crate::frontend::compiler::NO_THIS || !self.inp.inline_objects || self.inp.widened.contains(&fb) {
            return None;
        }
        let Some(Ic::Mono(IcEntry::Target(t))) = self.inp.fb.ics.get(fb as usize) else { return None };
        let t = *t;
        let is_push = t.is_object() && matches!(t.as_object().function(), Some(crate::runtime::object::FunctionKind::Native { f, .. }) if *f as usize == crate::runtime::builtins::array::push as *const () as usize);
        if !is_push {
            return None;
        }
        let fbox = self.boxed(f);
        let exit = self.exit(pc, DeoptReason::WrongCallTarget, "GuardValue", Some(fbox), Some(fb));
        self.emit(Inst::GuardValue { v: fbox, expect: t, exit }, Ty::None);
        let o = self.regs[this.0 as usize];
        let o = self.boxed(o);
        self.guard_object(o, pc, fb);
        let exit = self.exit(pc, DeoptReason::NotArray, "ArrayLength", Some(o), Some(fb));
        let len = self.emit(Inst::ArrayLength { obj: o, exit }, Ty::I32);
        let v = self.regs[args as usize];
        let v = self.boxed(v);
        self.elem_store(pc, o, len, v, true, fb);
        // The store succeeded, so the length was below the elements' capacity: no overflow.
        let one = self.emit(Inst::ConstI32(1), Ty::I32);
        Some(self.emit(Inst::IBin { op: IOp::Add, a: len, b: one, exit: None, wrap: false }, Ty::I32))
    }

    fn intrinsic(&self, target: JsValue) -> Option<FUn> {
        if !target.is_object() {
            return None;
        }
        if let Some(crate::runtime::object::FunctionKind::Native { f, .. }) = target.as_object().function() {
            let addr = *f as usize;
            return self.inp.intrinsics.list.iter().find(|(a, _)| *a == addr).map(|(_, op)| *op);
        }
        None
    }
}
