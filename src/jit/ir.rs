//! The optimizing tier's SSA IR (between bytecode and CLIF).
//!
//! A function is a list of blocks (`bb0` is the entry); every instruction defines at most one
//! value (`v12`), and a value is named by the index of the instruction that defines it. Block
//! parameters are the φ-nodes: one per bytecode register live into a merge point.
//!
//! Speculation is explicit: `Guard*` instructions (and the overflow-checked int32 ops) carry an
//! exit — an index into `Function::exits`, whose `FrameState` says where to resume in the
//! interpreter (bytecode pc) and which IR value every live register holds there. Helper calls
//! carry a frame state too: before them, compiled code writes those values back to the frame
//! (a safepoint), so the collector sees every live value and exceptions see the right pc.

use crate::runtime::value::Value as JsValue;
use std::fmt::Write;

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct V(pub u32);
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct B(pub u32);
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct ExitId(pub u32);

/// What kind of machine value an IR value is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Ty {
    /// A NaN-boxed JS value (64 bits).
    Boxed,
    I32,
    F64,
    Bool,
    /// A raw machine word (an element buffer's address or length): an operand only, never in
    /// a register of the interpreter frame.
    Word,
    /// Defines nothing (guards, stores).
    None,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum IOp {
    Add,
    Sub,
    Mul,
    And,
    Or,
    Xor,
    Shl,
    Sar,
    /// int32 % int32 where both are known non-negative and the divisor non-zero.
    Mod,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Cc {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

/// Unary float operations (Math intrinsics and conversions).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FUn {
    Neg,
    Sqrt,
    Floor,
    Ceil,
    Abs,
    Round,
    Trunc,
}

/// Runtime helpers: generic semantics for sites the tier does not specialize. Each one is an
/// `extern "C"` function in `helpers.rs`; `may_throw`/`safepoint` say what lowering must do.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Helper {
    /// Generic binary operator (the bytecode's, by pc).
    Binary,
    /// Generic unary operator (Neg, BitNot, AddImm, TypeOf, ToNumeric…), by pc.
    Unary,
    /// Generic compare (Lt/Le/Gt/Ge/Eq/Ne/StrictEq/StrictNe/InstanceOf/In), by pc → boolean value.
    Compare,
    GetNamed,
    SetNamed,
    GetElem,
    SetElem,
    LoadGlobal,
    StoreGlobal,
    /// Call/New: callee and arguments read from the (written-back) frame by pc.
    Call,
    Construct,
    LoadCtx,
    StoreCtx,
    LoadThis,
    NewObject,
    NewArray,
    ArrayPush,
    DefineNamed,
    NewClosure,
    /// Throws (Throw / ThrowTypeError / CheckTdz failure / ThrowConstAssign…), by pc.
    Throw,
    /// The back-edge safepoint slow path (collection requested).
    Safepoint,
    /// Any instruction `interp::ops::exec_simple` implements (registers in the frame).
    Generic,
    /// IterNext / ForInNext: next value into the frame's dst; returns whether one was produced.
    IterNext,
    /// A call whose target was guarded to be a closure: the frame is pushed by a helper and
    /// the callee's compiled code is called directly (the interpreter runs it otherwise).
    CallDirect,
    /// A call site that saw a few closure targets: lowered as a dispatch on the target
    /// (`Function::direct_targets`), a direct call per known target and the generic call
    /// (`Call`'s helper) for any other.
    CallPoly,
    /// A derived constructor's return value (or the TypeError/ReferenceError it throws).
    CtorReturn,
}

impl Helper {
    /// Whether the helper may run JS, allocate or throw (then live values are written back first).
    pub fn is_safepoint(self) -> bool {
        !matches!(self, Helper::LoadCtx | Helper::StoreCtx)
    }

    /// Whether the helper may change objects (run JS, change shapes, freeze, grow arrays): every
    /// safepoint but the back-edge GC poll, which only collects (the collector moves nothing).
    pub fn may_change_objects(self) -> bool {
        self.is_safepoint() && self != Helper::Safepoint
    }
}

#[derive(Clone, Debug)]
pub enum Inst {
    /// A boxed constant.
    Const(JsValue),
    ConstI32(i32),
    ConstF64(f64),
    ConstBool(bool),
    /// Register `r` read from the frame (entry block only).
    LoadReg(u32),
    /// A block parameter standing for register `r`.
    Param(u32),
    /// Unboxes an int32 or exits.
    GuardInt32 { v: V, exit: ExitId },
    /// Unboxes a number (int32 or double) to a double or exits.
    GuardNumber { v: V, exit: ExitId },
    /// Exits unless `v` is the given value (call targets, constants the code was specialized to).
    GuardValue { v: V, expect: JsValue, exit: ExitId },
    /// Exits unless the int32 condition holds (`a cc b`), e.g. bounds and non-negative checks.
    GuardI32Cmp { cc: Cc, a: V, b: V, exit: ExitId },
    /// Exits unless the boolean is true.
    GuardTrue { v: V, exit: ExitId },
    /// Unconditional exit (e.g. an instruction that has never run: no feedback).
    Deopt { exit: ExitId },
    BoxI32(V),
    BoxF64(V),
    BoxBool(V),
    I32ToF64(V),
    /// int32 arithmetic; with an exit, overflow (and a -0 result of Mul) deopts.
    /// `wrap`: truncation made it wrapping (it had an overflow check: `opt::wrap_truncated_arithmetic`).
    IBin { op: IOp, a: V, b: V, exit: Option<ExitId>, wrap: bool },
    /// Unsigned shift: the result may exceed int32, so it is a double.
    UShr { a: V, b: V },
    FBin { op: FOp, a: V, b: V },
    FUn { op: FUn, v: V },
    /// JS ToInt32 of a double.
    F64ToI32(V),
    ICmp { cc: Cc, a: V, b: V },
    FCmp { cc: Cc, a: V, b: V },
    /// Identity comparison of boxed values (valid when neither side can be a number or string).
    BitEq { a: V, b: V },
    Truthy(V),
    NotBool(V),
    /// `v` is undefined or null.
    IsNullish(V),
    /// Exits unless `v` is an object.
    GuardObject { v: V, exit: ExitId },
    /// A named property load dispatched on the object's shape (mono- or polymorphic, ≤4
    /// cases); an unknown shape (or a changed prototype chain) exits.
    GetProp { obj: V, cases: Vec<PropCase>, exit: ExitId },
    /// A store to an existing own data property, dispatched on the shape.
    SetPropOwn { obj: V, cases: Vec<(usize, u32)>, v: V, exit: ExitId },
    /// Exits unless the object has the shape (a monomorphic own-property access, split from
    /// its load so that the check can be hoisted or shared).
    GuardShape { obj: V, shape: usize, exit: ExitId },
    /// An own slot of an object whose shape (`shape`) an earlier guard established (no check).
    LoadSlot { obj: V, slot: u32, shape: usize },
    /// A store into an own slot of an object whose shape an earlier guard established.
    StoreSlot { obj: V, slot: u32, v: V },
    /// An array's length (exits for non-arrays and lengths above int32).
    ArrayLength { obj: V, exit: ExitId },
    /// Exits when an object's elements are frozen (before element stores; only a call can
    /// freeze them). With `append` (before stores that may append), also unless the object is
    /// an extensible array without sparse elements whose prototype is the realm's
    /// Array.prototype and neither it nor Object.prototype has indexed properties — what an
    /// in-place append needs, and again only a call can change it.
    GuardWritableElems { obj: V, append: bool, exit: ExitId },
    /// The address of an object's dense element buffer (a Word; moves when the array grows).
    ElemsPtr { obj: V },
    /// The number of an object's dense elements (a Word).
    ElemsLen { obj: V },
    /// obj.elements[idx], with the buffer's address and length from ElemsPtr/ElemsLen (exits
    /// when out of the dense range or a hole). Element accesses follow a GuardObject of `obj`.
    LoadElem { obj: V, idx: V, ptr: V, len: V, exit: ExitId },
    /// obj.elements[idx] = v over an existing element (exits when out of range, a hole, or
    /// frozen). With `grow`, a hole or the index just past the dense elements of an array is
    /// filled too (a leaf helper: `ops::store_elem_fast`), and only what it declines exits.
    /// `ptr` and `len` come from ElemsPtr/ElemsLen, read after a GuardWritableElems of `obj`.
    StoreElem { obj: V, idx: V, v: V, grow: bool, ptr: V, len: V, exit: ExitId },
    /// A runtime helper for the bytecode instruction at `pc` of frame `frame` (0: the compiled
    /// function; k: `Function::inlines[k - 1]`) with the given operands.
    Call { helper: Helper, args: Vec<V>, pc: u32, state: Option<ExitId>, frame: u32 },
}

/// One shape case of a property load: objects of `shape` find the value in `slot` of
/// themselves, or of `holder` (a prototype) while every `chain` object keeps its shape.
#[derive(Clone, Debug)]
pub struct PropCase {
    pub shape: usize,
    pub holder: Option<usize>,
    pub chain: Vec<(usize, usize)>,
    pub slot: u32,
}

#[derive(Clone, Debug)]
pub enum Term {
    Jump(B, Vec<V>),
    Branch { cond: V, t: B, targs: Vec<V>, f: B, fargs: Vec<V> },
    Return(V),
    /// Ends a block whose last instruction always exits or throws.
    Unreachable,
}

#[derive(Clone, Debug)]
pub struct Block {
    pub params: Vec<V>,
    pub insts: Vec<V>,
    pub term: Term,
    /// The bytecode pc the block starts at (for the printer).
    pub pc: u32,
    /// The frame whose code the block runs (0: the compiled function; k: an inlined call).
    pub frame: u32,
    /// Built for an inlined frame, or the continuation of an inlined call: its parameters are
    /// not the whole frame state, so no pass may put a guard on an edge into it.
    pub no_edge_guards: bool,
}

/// Where to resume in the interpreter, and what each live register holds there.
///
/// In an inlined frame (`frame` k > 0), `pc` is in the inlined function's code and `regs` name
/// slots of the compiled function's register window: the inlined frame's registers start at
/// `inlines[k - 1].offset`, and the states of its callers (at their calls) are included, so
/// one write-back covers every frame a deopt materializes.
#[derive(Clone, Debug)]
pub struct FrameState {
    pub pc: u32,
    pub regs: Vec<(u32, V)>,
    pub frame: u32,
}

/// A call inlined into the compiled function: the interpreter frame a deopt inside it builds.
#[derive(Clone, Debug)]
pub struct InlineFrame {
    /// The closure called (a guarded constant), and its code.
    pub callee: JsValue,
    pub code: crate::frontend::bytecode::CodeRef,
    /// The calling frame (0: the compiled function) and its Call instruction.
    pub parent: u32,
    pub call_pc: u32,
    /// The Call's destination register in the calling frame, and its argument count.
    pub ret_dst: u32,
    pub argc: u32,
    /// Where the frame's r0 is, counted in registers from the compiled function's r0.
    pub offset: u32,
    /// The window slot frame states keep the call's `this` in.
    pub this_slot: u32,
    /// How many entries at the end of every frame state inside this frame belong to its
    /// callers: the call's `this` and the calling frame's state at the call (its own tail
    /// included). They are the same for all of the frame's states, so their exits share the
    /// code that writes them.
    pub state_tail: u32,
}

#[derive(Clone, Debug)]
pub struct Exit {
    pub state: FrameState,
    pub reason: crate::deopt::DeoptReason,
    /// The guard's name for traces (`GuardInt32`…), or "safepoint" for helper frame states.
    pub guard: &'static str,
    /// The value whose check failed (reported by --trace-deopt), if any.
    pub value: Option<V>,
    /// The feedback slot whose speculation this guard relies on (widened after deopts).
    pub fb: Option<u32>,
    /// For a guard hoisted out of a loop (LICM): the pc it was at (its exit resumes at the
    /// loop's entry instead).
    pub hoisted_from: Option<u32>,
}

#[derive(Clone, Debug, Default)]
pub struct Function {
    pub insts: Vec<(Inst, Ty)>,
    pub blocks: Vec<Block>,
    pub exits: Vec<Exit>,
    pub name: String,
    pub entry_pc: u32,
    /// The guarded target of each `CallDirect` site, by frame and bytecode pc (lowering
    /// specializes the frame push to it).
    pub direct_targets: Vec<(u32, u32, JsValue)>,
    /// Inlined calls (frame k is `inlines[k - 1]`).
    pub inlines: Vec<InlineFrame>,
    /// The compiled function's register count, and the registers above them its inlined
    /// frames use (frames it pushes go above those).
    pub nregs: u32,
    pub window: u32,
}

impl Function {
    pub fn ty(&self, v: V) -> Ty {
        self.insts[v.0 as usize].1
    }
    pub fn inst(&self, v: V) -> &Inst {
        &self.insts[v.0 as usize].0
    }

    /// Values an instruction reads (frame-state values excluded).
    pub fn operands(inst: &Inst) -> Vec<V> {
        match inst {
            Inst::Const(_) | Inst::ConstI32(_) | Inst::ConstF64(_) | Inst::ConstBool(_) | Inst::LoadReg(_) | Inst::Param(_) | Inst::Deopt { .. } => vec![],
            Inst::GuardInt32 { v, .. } | Inst::GuardNumber { v, .. } | Inst::GuardValue { v, .. } | Inst::GuardTrue { v, .. } => vec![*v],
            Inst::GuardI32Cmp { a, b, .. } => vec![*a, *b],
            Inst::BoxI32(v) | Inst::BoxF64(v) | Inst::BoxBool(v) | Inst::I32ToF64(v) | Inst::F64ToI32(v) | Inst::Truthy(v) | Inst::NotBool(v) | Inst::IsNullish(v) => vec![*v],
            Inst::FUn { v, .. } => vec![*v],
            Inst::IBin { a, b, .. } | Inst::UShr { a, b } | Inst::FBin { a, b, .. } | Inst::ICmp { a, b, .. } | Inst::FCmp { a, b, .. } | Inst::BitEq { a, b } => vec![*a, *b],
            Inst::Call { args, .. } => args.clone(),
            Inst::GuardObject { v, .. } | Inst::ArrayLength { obj: v, .. } | Inst::GetProp { obj: v, .. } | Inst::LoadSlot { obj: v, .. } | Inst::GuardShape { obj: v, .. } => vec![*v],
            Inst::StoreSlot { obj, v, .. } => vec![*obj, *v],
            Inst::SetPropOwn { obj, v, .. } => vec![*obj, *v],
            Inst::ElemsPtr { obj } | Inst::ElemsLen { obj } | Inst::GuardWritableElems { obj, .. } => vec![*obj],
            Inst::LoadElem { obj, idx, ptr, len, .. } => vec![*obj, *idx, *ptr, *len],
            Inst::StoreElem { obj, idx, v, ptr, len, .. } => vec![*obj, *idx, *v, *ptr, *len],
        }
    }

    /// The exit an instruction may take (guards, checked arithmetic, helper frame states).
    pub fn exit_of(inst: &Inst) -> Option<ExitId> {
        match inst {
            Inst::GuardInt32 { exit, .. } | Inst::GuardNumber { exit, .. } | Inst::GuardValue { exit, .. } | Inst::GuardI32Cmp { exit, .. } | Inst::GuardTrue { exit, .. } | Inst::Deopt { exit } => Some(*exit),
            Inst::IBin { exit, .. } => *exit,
            Inst::Call { state, .. } => *state,
            Inst::GuardObject { exit, .. } | Inst::GetProp { exit, .. } | Inst::SetPropOwn { exit, .. } | Inst::ArrayLength { exit, .. } | Inst::LoadElem { exit, .. } | Inst::StoreElem { exit, .. } | Inst::GuardWritableElems { exit, .. } | Inst::GuardShape { exit, .. } => Some(*exit),
            _ => None,
        }
    }

    /// Whether removing the instruction (when its value is unused) changes nothing.
    pub fn is_pure(inst: &Inst) -> bool {
        !matches!(inst, Inst::GuardInt32 { .. } | Inst::GuardNumber { .. } | Inst::GuardValue { .. } | Inst::GuardI32Cmp { .. } | Inst::GuardTrue { .. } | Inst::Deopt { .. } | Inst::Call { .. } | Inst::IBin { exit: Some(_), .. } | Inst::GuardObject { .. } | Inst::SetPropOwn { .. } | Inst::StoreElem { .. } | Inst::LoadElem { .. } | Inst::GetProp { .. } | Inst::ArrayLength { .. } | Inst::GuardWritableElems { .. } | Inst::GuardShape { .. } | Inst::StoreSlot { .. })
    }

    /// Rewrites every use of a value through `map` (operands, block arguments, frame states).
    pub fn replace_uses(&mut self, map: &dyn Fn(V) -> V) {
        for (inst, _) in self.insts.iter_mut() {
            match inst {
                Inst::GuardInt32 { v, .. } | Inst::GuardNumber { v, .. } | Inst::GuardValue { v, .. } | Inst::GuardTrue { v, .. } => *v = map(*v),
                Inst::GuardI32Cmp { a, b, .. } => {
                    *a = map(*a);
                    *b = map(*b)
                }
                Inst::BoxI32(v) | Inst::BoxF64(v) | Inst::BoxBool(v) | Inst::I32ToF64(v) | Inst::F64ToI32(v) | Inst::Truthy(v) | Inst::NotBool(v) | Inst::IsNullish(v) => *v = map(*v),
                Inst::FUn { v, .. } => *v = map(*v),
                Inst::IBin { a, b, .. } | Inst::UShr { a, b } | Inst::FBin { a, b, .. } | Inst::ICmp { a, b, .. } | Inst::FCmp { a, b, .. } | Inst::BitEq { a, b } => {
                    *a = map(*a);
                    *b = map(*b)
                }
                Inst::Call { args, .. } => args.iter_mut().for_each(|a| *a = map(*a)),
                Inst::GuardObject { v, .. } | Inst::ArrayLength { obj: v, .. } | Inst::GetProp { obj: v, .. } | Inst::LoadSlot { obj: v, .. } | Inst::GuardShape { obj: v, .. } => *v = map(*v),
                Inst::StoreSlot { obj, v, .. } => {
                    *obj = map(*obj);
                    *v = map(*v)
                }
                Inst::SetPropOwn { obj, v, .. } => {
                    *obj = map(*obj);
                    *v = map(*v)
                }
                Inst::ElemsPtr { obj } | Inst::ElemsLen { obj } | Inst::GuardWritableElems { obj, .. } => *obj = map(*obj),
                Inst::LoadElem { obj, idx, ptr, len, .. } => {
                    *obj = map(*obj);
                    *idx = map(*idx);
                    *ptr = map(*ptr);
                    *len = map(*len)
                }
                Inst::StoreElem { obj, idx, v, ptr, len, .. } => {
                    *obj = map(*obj);
                    *idx = map(*idx);
                    *v = map(*v);
                    *ptr = map(*ptr);
                    *len = map(*len)
                }
                _ => {}
            }
        }
        for b in self.blocks.iter_mut() {
            match &mut b.term {
                Term::Jump(_, args) => args.iter_mut().for_each(|a| *a = map(*a)),
                Term::Branch { cond, targs, fargs, .. } => {
                    *cond = map(*cond);
                    targs.iter_mut().for_each(|a| *a = map(*a));
                    fargs.iter_mut().for_each(|a| *a = map(*a));
                }
                Term::Return(v) => *v = map(*v),
                Term::Unreachable => {}
            }
        }
        for x in self.exits.iter_mut() {
            x.state.regs.iter_mut().for_each(|(_, v)| *v = map(*v));
            if let Some(v) = &mut x.value {
                *v = map(*v);
            }
        }
    }

    /// The stable text form (`--print-ir`, snapshot tests): values and blocks renumbered in
    /// print order, constants rendered by `konst`, no addresses.
    pub fn print(&self, konst: &dyn Fn(JsValue) -> String) -> String {
        // Renumber values in the order they are printed so that passes do not shift names.
        let mut num = vec![u32::MAX; self.insts.len()];
        let mut next = 0u32;
        let mut name = |v: V, num: &mut Vec<u32>| {
            if num[v.0 as usize] == u32::MAX {
                num[v.0 as usize] = next;
                next += 1;
            }
        };
        for b in &self.blocks {
            for &p in &b.params {
                name(p, &mut num);
            }
            for &i in &b.insts {
                name(i, &mut num);
            }
        }
        let vn = |v: V| -> String {
            let n = num[v.0 as usize];
            if n == u32::MAX { format!("v?{}", v.0) } else { format!("v{}", n) }
        };
        let list = |vs: &[V]| vs.iter().map(|&v| vn(v)).collect::<Vec<_>>().join(", ");
        let mut out = String::new();
        let _ = writeln!(out, "fn {} entry=@{} exits={}", if self.name.is_empty() { "<anonymous>" } else { &self.name }, self.entry_pc, self.exits.len());
        for (k, inl) in self.inlines.iter().enumerate() {
            let parent = if inl.parent == 0 { String::new() } else { format!("f{}", inl.parent) };
            let _ = writeln!(out, "inline f{}: {} called at {}@{} (r{}), registers from r{}", k + 1, if inl.code.name.is_empty() { "<anonymous>" } else { &inl.code.name }, parent, inl.call_pc, inl.ret_dst, inl.offset);
        }
        let live = super::opt::reachable(self);
        for (bi, b) in self.blocks.iter().enumerate() {
            if !live[bi] {
                continue;
            }
            let params: Vec<String> = b.params.iter().map(|&p| {
                let r = match self.inst(p) {
                    Inst::Param(r) => format!(" r{}", r),
                    _ => String::new(),
                };
                format!("{}:{:?}{}", vn(p), self.ty(p), r)
            }).collect();
            let at = if b.frame == 0 { String::new() } else { format!("f{}", b.frame) };
            let _ = writeln!(out, "bb{}({}):  ; {}@{}", bi, params.join(", "), at, b.pc);
            for &i in &b.insts {
                let (inst, ty) = &self.insts[i.0 as usize];
                let body = match inst {
                    Inst::Const(k) => format!("Const {}", konst(*k)),
                    Inst::ConstI32(x) => format!("ConstI32 {}", x),
                    Inst::ConstF64(x) => format!("ConstF64 {:?}", x),
                    Inst::ConstBool(x) => format!("ConstBool {}", x),
                    Inst::LoadReg(r) => format!("LoadReg r{}", r),
                    Inst::Param(r) => format!("Param r{}", r),
                    Inst::GuardInt32 { v, exit } => format!("GuardInt32 {} {}", vn(*v), self.exit_text(*exit, &vn)),
                    Inst::GuardNumber { v, exit } => format!("GuardNumber {} {}", vn(*v), self.exit_text(*exit, &vn)),
                    Inst::GuardValue { v, expect, exit } => format!("GuardValue {} == {} {}", vn(*v), konst(*expect), self.exit_text(*exit, &vn)),
                    Inst::GuardI32Cmp { cc, a, b, exit } => format!("GuardI32Cmp {:?} {}, {} {}", cc, vn(*a), vn(*b), self.exit_text(*exit, &vn)),
                    Inst::GuardTrue { v, exit } => format!("GuardTrue {} {}", vn(*v), self.exit_text(*exit, &vn)),
                    Inst::Deopt { exit } => format!("Deopt {}", self.exit_text(*exit, &vn)),
                    Inst::BoxI32(v) => format!("BoxI32 {}", vn(*v)),
                    Inst::BoxF64(v) => format!("BoxF64 {}", vn(*v)),
                    Inst::BoxBool(v) => format!("BoxBool {}", vn(*v)),
                    Inst::I32ToF64(v) => format!("I32ToF64 {}", vn(*v)),
                    Inst::F64ToI32(v) => format!("F64ToI32 {}", vn(*v)),
                    Inst::IBin { op, a, b, exit, wrap } => match exit {
                        Some(x) => format!("{:?}I32Checked {}, {} {}", op, vn(*a), vn(*b), self.exit_text(*x, &vn)),
                        None if *wrap => format!("{:?}I32Wrap {}, {}", op, vn(*a), vn(*b)),
                        None => format!("{:?}I32 {}, {}", op, vn(*a), vn(*b)),
                    },
                    Inst::UShr { a, b } => format!("UShr {}, {}", vn(*a), vn(*b)),
                    Inst::FBin { op, a, b } => format!("{:?}F64 {}, {}", op, vn(*a), vn(*b)),
                    Inst::FUn { op, v } => format!("{:?}F64 {}", op, vn(*v)),
                    Inst::ICmp { cc, a, b } => format!("ICmp {:?} {}, {}", cc, vn(*a), vn(*b)),
                    Inst::FCmp { cc, a, b } => format!("FCmp {:?} {}, {}", cc, vn(*a), vn(*b)),
                    Inst::BitEq { a, b } => format!("BitEq {}, {}", vn(*a), vn(*b)),
                    Inst::Truthy(v) => format!("Truthy {}", vn(*v)),
                    Inst::NotBool(v) => format!("NotBool {}", vn(*v)),
                    Inst::IsNullish(v) => format!("IsNullish {}", vn(*v)),
                    Inst::GuardObject { v, exit } => format!("GuardObject {} {}", vn(*v), self.exit_text(*exit, &vn)),
                    Inst::GetProp { obj, cases, exit } => format!("GetProp {} [{}] {}", vn(*obj), cases.iter().map(|c| shape_name(c.shape) + &match c.holder { Some(_) => format!("->proto[{}]", c.slot), None => format!("->[{}]", c.slot) }).collect::<Vec<_>>().join(", "), self.exit_text(*exit, &vn)),
                    Inst::SetPropOwn { obj, cases, v, exit } => format!("SetPropOwn {} [{}] = {} {}", vn(*obj), cases.iter().map(|(s, i)| format!("{}->[{}]", shape_name(*s), i)).collect::<Vec<_>>().join(", "), vn(*v), self.exit_text(*exit, &vn)),
                    Inst::LoadSlot { obj, slot, .. } => format!("LoadSlot {}[{}]", vn(*obj), slot),
                    Inst::GuardShape { obj, shape, exit } => format!("GuardShape {} {} {}", vn(*obj), shape_name(*shape), self.exit_text(*exit, &vn)),
                    Inst::StoreSlot { obj, slot, v } => format!("StoreSlot {}[{}] = {}", vn(*obj), slot, vn(*v)),
                    Inst::ArrayLength { obj, exit } => format!("ArrayLength {} {}", vn(*obj), self.exit_text(*exit, &vn)),
                    Inst::ElemsPtr { obj } => format!("ElemsPtr {}", vn(*obj)),
                    Inst::GuardWritableElems { obj, append, exit } => format!("GuardWritableElems{} {} {}", if *append { "+append" } else { "" }, vn(*obj), self.exit_text(*exit, &vn)),
                    Inst::ElemsLen { obj } => format!("ElemsLen {}", vn(*obj)),
                    Inst::LoadElem { obj, idx, ptr, len, exit } => format!("LoadElem {}[{}] in ({}, {}) {}", vn(*obj), vn(*idx), vn(*ptr), vn(*len), self.exit_text(*exit, &vn)),
                    Inst::StoreElem { obj, idx, v, grow, ptr, len, exit } => format!("StoreElem{} {}[{}] in ({}, {}) = {} {}", if *grow { "Grow" } else { "" }, vn(*obj), vn(*idx), vn(*ptr), vn(*len), vn(*v), self.exit_text(*exit, &vn)),
                            Inst::Call { helper, args, pc, state, frame } => {
                        let st = match state {
                            Some(x) => format!(" {}", self.state_text(&self.exits[x.0 as usize].state, &vn)),
                            None => String::new(),
                        };
                        let at = if *frame == 0 { String::new() } else { format!("f{}", frame) };
                        format!("Call {:?}({}) {}@{}{}", helper, list(args), at, pc, st)
                    }
                };
                if *ty == Ty::None {
                    let _ = writeln!(out, "  {}", body);
                } else {
                    let _ = writeln!(out, "  {}:{:?} = {}", vn(i), ty, body);
                }
            }
            let t = match &b.term {
                Term::Jump(t, args) => format!("Jump bb{}({})", t.0, list(args)),
                Term::Branch { cond, t, targs, f, fargs } => format!("Branch {}, bb{}({}), bb{}({})", vn(*cond), t.0, list(targs), f.0, list(fargs)),
                Term::Return(v) => format!("Return {}", vn(*v)),
                Term::Unreachable => "Unreachable".to_string(),
            };
            let _ = writeln!(out, "  {}", t);
        }
        out
    }

    /// `[@pc r1=v2 …]`; in an inlined frame, its callers first: `[@6 r3=v4 | f1@2 r0=v7]`
    /// (frame f1's registers counted from its own r0).
    fn state_text(&self, s: &FrameState, vn: &dyn Fn(V) -> String) -> String {
        let mut chain = vec![(s.frame, s.pc)];
        let mut k = s.frame;
        while k != 0 {
            let inl = &self.inlines[k as usize - 1];
            chain.push((inl.parent, inl.call_pc));
            k = inl.parent;
        }
        chain.reverse();
        let parts: Vec<String> = chain
            .iter()
            .map(|&(k, pc)| {
                let (lo, hi) = if k == 0 { (0, self.nregs) } else { (self.inlines[k as usize - 1].offset, self.inlines[k as usize - 1].offset + self.inlines[k as usize - 1].code.nregs) };
                let mut regs: Vec<String> = s.regs.iter().filter(|(r, _)| *r >= lo && *r < hi).map(|(r, v)| format!("r{}={}", r - lo, vn(*v))).collect();
                if k != 0 {
                    let slot = self.inlines[k as usize - 1].this_slot;
                    regs.extend(s.regs.iter().filter(|(r, _)| *r == slot).map(|(_, v)| format!("this={}", vn(*v))));
                }
                let at = if k == 0 { String::new() } else { format!("f{}", k) };
                format!("{}@{} {}", at, pc, regs.join(" "))
            })
            .collect();
        format!("[{}]", parts.join(" | "))
    }

    fn exit_text(&self, x: ExitId, vn: &dyn Fn(V) -> String) -> String {
        let e = &self.exits[x.0 as usize];
        let hoisted = match e.hoisted_from {
            Some(pc) => format!(" hoisted-from=@{}", pc),
            None => String::new(),
        };
        format!("-> exit{} {}{} {}", x.0, e.reason.name(), hoisted, self.state_text(&e.state, vn))
    }
}

/// Shapes print by their property list (addresses are not stable across runs).
fn shape_name(addr: usize) -> String {
    // SAFETY: `addr` is a shape the compiled function keeps alive (JitSlot::refs).
    let s: crate::runtime::heap::Gc<crate::runtime::shape::Shape> = unsafe { crate::runtime::heap::Gc::from_addr(addr) };
    format!("shape({} props)", s.props.len())
}
