//! The register bytecode: one opcode table (`opcodes!`) generates the instruction enum, the
//! operand metadata used by the disassembler, and the documentation table (`--help-bytecode`
//! style docs in docs/BYTECODE.md are generated from `OPCODE_DOCS`).
//!
//! Instructions are three-address over frame registers (`r0..rN`). A program counter is an index
//! into `FunctionCode::instrs`. Every instruction that may later speculate carries an `Fb` operand:
//! its slot in the function's feedback vector.

use crate::runtime::value::Value;
use std::fmt::Write;
use std::rc::Rc;

/// A frame register.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub struct Reg(pub u32);
/// An index into the function's constant pool.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct K(pub u32);
/// A feedback slot.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Fb(pub u32);
/// A jump target (instruction index).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Label(pub u32);
/// A small immediate.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Imm(pub i32);
/// A count or index that is not a register (argument count, context depth, child function…).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct U(pub u32);

pub enum Operand {
    Reg(u32),
    K(u32),
    Fb(u32),
    Label(u32),
    Imm(i32),
    U(u32),
}
pub trait IntoOperand {
    fn into_operand(self) -> Operand;
}
impl IntoOperand for Reg {
    fn into_operand(self) -> Operand {
        Operand::Reg(self.0)
    }
}
impl IntoOperand for K {
    fn into_operand(self) -> Operand {
        Operand::K(self.0)
    }
}
impl IntoOperand for Fb {
    fn into_operand(self) -> Operand {
        Operand::Fb(self.0)
    }
}
impl IntoOperand for Label {
    fn into_operand(self) -> Operand {
        Operand::Label(self.0)
    }
}
impl IntoOperand for Imm {
    fn into_operand(self) -> Operand {
        Operand::Imm(self.0)
    }
}
impl IntoOperand for U {
    fn into_operand(self) -> Operand {
        Operand::U(self.0)
    }
}

macro_rules! opcodes {
    ($( #[doc = $doc:literal] $name:ident { $($field:ident : $kind:ident),* } )*) => {
        #[derive(Clone, Copy, Debug)]
        pub enum Instr {
            $( #[doc = $doc] $name { $($field: $kind),* }, )*
        }
        impl Instr {
            pub fn name(&self) -> &'static str {
                match self { $( Instr::$name { .. } => stringify!($name), )* }
            }
            pub fn operands(&self) -> Vec<(&'static str, Operand)> {
                match *self {
                    $( #[allow(unused_variables)] Instr::$name { $($field),* } => vec![$( (stringify!($field), $field.into_operand()) ),*], )*
                }
            }
        }
        /// (name, description, operand names) for every opcode.
        pub const OPCODE_DOCS: &[(&str, &str, &[&str])] = &[
            $( (stringify!($name), $doc, &[$(stringify!($field)),*]), )*
        ];
    };
}

opcodes! {
    /// dst = src
    Mov { dst: Reg, src: Reg }
    /// dst = undefined
    LoadUndef { dst: Reg }
    /// dst = null
    LoadNull { dst: Reg }
    /// dst = true
    LoadTrue { dst: Reg }
    /// dst = false
    LoadFalse { dst: Reg }
    /// dst = the int32 immediate
    LoadInt { dst: Reg, imm: Imm }
    /// dst = constant k (a number or a string)
    LoadConst { dst: Reg, k: K }
    /// dst = <empty> (an uninitialized let/const/class binding)
    LoadEmpty { dst: Reg }
    /// Throws ReferenceError naming constant k if src is <empty> (temporal dead zone)
    CheckTdz { src: Reg, k: K }
    /// Throws ReferenceError if `this` (src) is <empty>: `super()` not called yet
    CheckThis { src: Reg }
    /// Throws ReferenceError if `this` (src) is already bound: a second `super()` call
    CheckThisUninit { src: Reg }
    /// Throws TypeError "Assignment to constant variable." naming constant k
    ThrowConstAssign { k: K }
    /// dst = the frame's `this` (sloppy functions see the global object for undefined/null)
    LoadThis { dst: Reg }
    /// dst = new.target of the frame
    LoadNewTarget { dst: Reg }
    /// dst = the function object running in this frame
    LoadCallee { dst: Reg }
    /// Pushes a new context with n slots (undefined) whose parent is the current one
    PushContext { n: U }
    /// Pops the current context
    PopContext {}
    /// Replaces the current context with a copy (per-iteration `let` bindings of a for loop)
    CloneContext {}
    /// dst = the current context (as an internal value)
    SaveContext { dst: Reg }
    /// current context = src (restores after an exception unwinds scopes)
    RestoreContext { src: Reg }
    /// dst = slot of the context `depth` levels up
    LoadCtx { dst: Reg, depth: U, slot: U }
    /// slot of the context `depth` levels up = src
    StoreCtx { src: Reg, depth: U, slot: U }
    /// dst = global variable named k; ReferenceError if it does not exist
    LoadGlobal { dst: Reg, k: K, fb: Fb }
    /// Script top level: creates global variable k (undefined) unless the global object has it
    DeclareGlobalVar { k: K }
    /// dst = global variable named k, or undefined if it does not exist (typeof x)
    LoadGlobalOrUndef { dst: Reg, k: K }
    /// global variable named k = src (sloppy mode creates it; strict mode throws if missing)
    StoreGlobal { src: Reg, k: K, fb: Fb }
    /// dst = obj.name (name = constant k)
    GetNamed { dst: Reg, obj: Reg, k: K, fb: Fb }
    /// obj.name = src
    SetNamed { obj: Reg, k: K, src: Reg, fb: Fb }
    /// dst = obj[key]
    GetElem { dst: Reg, obj: Reg, key: Reg, fb: Fb }
    /// obj[key] = src
    SetElem { obj: Reg, key: Reg, src: Reg, fb: Fb }
    /// dst = delete obj[key]
    DeleteElem { dst: Reg, obj: Reg, key: Reg }
    /// dst = super[key] with receiver this (home object taken from function func)
    GetSuper { dst: Reg, func: Reg, key: Reg, this: Reg }
    /// super[key] = src with receiver this
    SetSuper { func: Reg, key: Reg, this: Reg, src: Reg }
    /// Defines own data property obj[key] = src (enumerable iff flags&1)
    DefineProp { obj: Reg, key: Reg, src: Reg, flags: U }
    /// Defines own data property obj.k = src (object literals)
    DefineNamed { obj: Reg, k: K, src: Reg }
    /// Defines getter (flags&2 = setter) src on obj[key]; enumerable iff flags&1
    DefineAccessor { obj: Reg, key: Reg, src: Reg, flags: U }
    /// Sets the home object (for `super`) of function src to obj
    SetHome { src: Reg, obj: Reg }
    /// dst = ToPropertyKey(src)
    ToKey { dst: Reg, src: Reg }
    /// dst = ToString(src) (template literals)
    ToString { dst: Reg, src: Reg }
    /// dst = ToNumeric(src)
    ToNumeric { dst: Reg, src: Reg, fb: Fb }
    /// dst = {} with room for n named properties
    NewObject { dst: Reg, n: U }
    /// dst = [] with room for n elements
    NewArray { dst: Reg, n: U }
    /// Appends src to array arr
    ArrayPush { arr: Reg, src: Reg }
    /// Appends a hole to array arr
    ArrayHole { arr: Reg }
    /// Appends every element of iterable src to array arr
    ArraySpread { arr: Reg, src: Reg }
    /// Copies own enumerable properties of src to dst, except the keys in registers excl..excl+n
    CopyProps { dst: Reg, src: Reg, excl: Reg, n: U }
    /// dst = a closure of child function f over the current context
    NewClosure { dst: Reg, f: U }
    /// dst = class constructor from child function f; heritage in r (flags&1 = has extends)
    NewClass { dst: Reg, f: U, heritage: Reg, flags: U }
    /// Sets the instance field initializer of class ctor to function src
    SetFields { ctor: Reg, src: Reg }
    /// Runs the instance field initializer of func on this (base constructors)
    InitFields { func: Reg, this: Reg }
    /// dst = unmapped arguments object of this frame
    CreateArguments { dst: Reg }
    /// dst = array of the arguments from index `from` on (rest parameter)
    CreateRest { dst: Reg, from: U }
    /// dst = callee(this, args in argc registers from args)
    Call { dst: Reg, callee: Reg, this: Reg, args: Reg, argc: U, fb: Fb }
    /// dst = callee(this, ...array arr)
    CallSpread { dst: Reg, callee: Reg, this: Reg, arr: Reg, fb: Fb }
    /// dst = new callee(args in argc registers from args)
    New { dst: Reg, callee: Reg, args: Reg, argc: U, fb: Fb }
    /// dst = new callee(...array arr)
    NewSpread { dst: Reg, callee: Reg, arr: Reg, fb: Fb }
    /// dst = super(args…): constructs the parent of func with new.target nt
    SuperCall { dst: Reg, func: Reg, nt: Reg, args: Reg, argc: U }
    /// dst = super(...array arr)
    SuperCallSpread { dst: Reg, func: Reg, nt: Reg, arr: Reg }
    /// Returns src
    Return { src: Reg }
    /// Derived-constructor return: src if it is an object, else this (checked), TypeError otherwise
    CtorReturn { src: Reg, this: Reg }
    /// Throws src
    Throw { src: Reg }
    /// Throws TypeError with message constant k
    ThrowTypeError { k: K }
    /// Throws TypeError if src is null or undefined (destructuring); k names the source
    RequireObjectCoercible { src: Reg }
    /// dst = lhs + rhs
    Add { dst: Reg, lhs: Reg, rhs: Reg, fb: Fb }
    /// dst = lhs - rhs
    Sub { dst: Reg, lhs: Reg, rhs: Reg, fb: Fb }
    /// dst = lhs * rhs
    Mul { dst: Reg, lhs: Reg, rhs: Reg, fb: Fb }
    /// dst = lhs / rhs
    Div { dst: Reg, lhs: Reg, rhs: Reg, fb: Fb }
    /// dst = lhs % rhs
    Mod { dst: Reg, lhs: Reg, rhs: Reg, fb: Fb }
    /// dst = lhs ** rhs
    Exp { dst: Reg, lhs: Reg, rhs: Reg, fb: Fb }
    /// dst = lhs & rhs
    BitAnd { dst: Reg, lhs: Reg, rhs: Reg, fb: Fb }
    /// dst = lhs | rhs
    BitOr { dst: Reg, lhs: Reg, rhs: Reg, fb: Fb }
    /// dst = lhs ^ rhs
    BitXor { dst: Reg, lhs: Reg, rhs: Reg, fb: Fb }
    /// dst = lhs << rhs
    Shl { dst: Reg, lhs: Reg, rhs: Reg, fb: Fb }
    /// dst = lhs >> rhs
    Shr { dst: Reg, lhs: Reg, rhs: Reg, fb: Fb }
    /// dst = lhs >>> rhs
    UShr { dst: Reg, lhs: Reg, rhs: Reg, fb: Fb }
    /// dst = lhs + imm (i++ and friends on numbers; generic otherwise)
    AddImm { dst: Reg, src: Reg, imm: Imm, fb: Fb }
    /// dst = -src
    Neg { dst: Reg, src: Reg, fb: Fb }
    /// dst = ~src
    BitNot { dst: Reg, src: Reg, fb: Fb }
    /// dst = !src
    Not { dst: Reg, src: Reg }
    /// dst = typeof src
    TypeOf { dst: Reg, src: Reg }
    /// dst = lhs == rhs
    Eq { dst: Reg, lhs: Reg, rhs: Reg, fb: Fb }
    /// dst = lhs != rhs
    Ne { dst: Reg, lhs: Reg, rhs: Reg, fb: Fb }
    /// dst = lhs === rhs
    StrictEq { dst: Reg, lhs: Reg, rhs: Reg, fb: Fb }
    /// dst = lhs !== rhs
    StrictNe { dst: Reg, lhs: Reg, rhs: Reg, fb: Fb }
    /// dst = lhs < rhs
    Lt { dst: Reg, lhs: Reg, rhs: Reg, fb: Fb }
    /// dst = lhs <= rhs
    Le { dst: Reg, lhs: Reg, rhs: Reg, fb: Fb }
    /// dst = lhs > rhs
    Gt { dst: Reg, lhs: Reg, rhs: Reg, fb: Fb }
    /// dst = lhs >= rhs
    Ge { dst: Reg, lhs: Reg, rhs: Reg, fb: Fb }
    /// dst = lhs instanceof rhs
    InstanceOf { dst: Reg, lhs: Reg, rhs: Reg, fb: Fb }
    /// dst = lhs in rhs
    In { dst: Reg, lhs: Reg, rhs: Reg, fb: Fb }
    /// Unconditional jump (forward)
    Jump { t: Label }
    /// Backward jump closing a loop: counts a back edge (tier-up / OSR hotness)
    JumpLoop { t: Label, id: U }
    /// Marks a loop header (OSR entry point)
    LoopHeader { id: U }
    /// Jump if ToBoolean(src)
    JumpIfTrue { src: Reg, t: Label }
    /// Jump if !ToBoolean(src)
    JumpIfFalse { src: Reg, t: Label }
    /// Jump if src is null or undefined
    JumpIfNullish { src: Reg, t: Label }
    /// Jump if src is neither null nor undefined
    JumpIfNotNullish { src: Reg, t: Label }
    /// Jump if src is undefined
    JumpIfUndefined { src: Reg, t: Label }
    /// Jump if src is not undefined
    JumpIfNotUndefined { src: Reg, t: Label }
    /// Jump if lhs < rhs (fused compare and branch)
    JumpIfLt { lhs: Reg, rhs: Reg, t: Label, fb: Fb }
    /// Jump if !(lhs < rhs)
    JumpIfNotLt { lhs: Reg, rhs: Reg, t: Label, fb: Fb }
    /// Jump if src === constant k (switch cases)
    JumpIfStrictEq { lhs: Reg, rhs: Reg, t: Label, fb: Fb }
    /// dst = iterator over src (arrays, strings, Map, Set, arguments, built-in iterators)
    GetIterator { dst: Reg, src: Reg }
    /// dst = next value of iterator iter, or jump to t when done
    IterNext { dst: Reg, iter: Reg, t: Label }
    /// dst = next value of iterator iter, or undefined when done (destructuring)
    IterNextOrUndef { dst: Reg, iter: Reg }
    /// dst = array of the remaining values of iterator iter
    IterRest { dst: Reg, iter: Reg }
    /// dst = for-in key iterator over src
    ForInPrepare { dst: Reg, src: Reg }
    /// dst = next for-in key (skipping keys deleted meanwhile), or jump to t when done
    ForInNext { dst: Reg, iter: Reg, t: Label }
    /// Does nothing (debugger statement)
    Nop {}
}

/// docs/BYTECODE.md, generated from the opcode table (a test keeps the file in sync).
pub fn opcode_reference() -> String {
    let mut out = String::from(
        "# tierjs bytecode reference\n\nGenerated from the opcode table in `src/frontend/bytecode.rs` \
         (`cargo test --test bytecode_docs` checks it; `TIERJS_BLESS=1` rewrites it).\n\n\
         Operands: `rN` registers, `\"…\"`/numbers constants, `@N` jump targets (instruction index), \
         `#N` immediates, `name=N` counts and indices, `[fb#N]` feedback slots.\n\n\
         | opcode | operands | meaning |\n| --- | --- | --- |\n",
    );
    for (name, doc, ops) in OPCODE_DOCS {
        let _ = writeln!(out, "| `{}` | {} | {} |", name, ops.join(", "), doc.trim());
    }
    out
}

/// An exception handler: an exception thrown at a pc in [start, end) jumps to `target` with the
/// exception value in register `exc`.
#[derive(Clone, Copy, Debug)]
pub struct Handler {
    pub start: u32,
    pub end: u32,
    pub target: u32,
    pub exc: Reg,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FunctionKind {
    Normal,
    Arrow,
    /// Object-literal or class method, getter or setter (not constructible).
    Method,
    ClassConstructor,
    DerivedConstructor,
    /// The top level of a script/module (a CommonJS wrapper function).
    Script,
}

/// A function's code as a frame refers to it: `Engine::codes` owns every `FunctionCode` for
/// the engine's whole life, so a frame needs no reference count (pushing and popping a frame,
/// in the interpreter or in compiled code, touches no counter).
#[derive(Clone, Copy)]
pub struct CodeRef(std::ptr::NonNull<FunctionCode>);

impl CodeRef {
    pub fn new(code: &std::rc::Rc<FunctionCode>) -> CodeRef {
        CodeRef(std::ptr::NonNull::from(&**code))
    }
    /// The address compiled code stores in a frame's `code` field.
    pub fn addr(self) -> usize {
        self.0.as_ptr() as usize
    }
    pub fn as_ptr(self) -> *const FunctionCode {
        self.0.as_ptr()
    }
}

impl std::fmt::Debug for CodeRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CodeRef({:?})", self.name)
    }
}

impl std::ops::Deref for CodeRef {
    type Target = FunctionCode;
    #[inline(always)]
    fn deref(&self) -> &FunctionCode {
        // SAFETY: every FunctionCode is kept in `Engine::codes` until the engine is dropped, and
        // frames do not outlive their engine.
        unsafe { self.0.as_ref() }
    }
}

/// A compiled function: everything the interpreter and the JIT need to run it.
pub struct FunctionCode {
    pub name: String,
    /// `name` interned (an atom of the engine that runs the code), once a closure needed it;
    /// u32::MAX before. Making a closure then costs no hashing of the name.
    pub name_atom: std::cell::Cell<u32>,
    pub kind: FunctionKind,
    pub strict: bool,
    pub instrs: Vec<Instr>,
    /// Source offset (byte, into the file) of each instruction.
    pub positions: Vec<u32>,
    pub consts: Vec<Value>,
    pub children: Vec<Rc<FunctionCode>>,
    pub handlers: Vec<Handler>,
    /// Registers in a frame: parameters first (r0..), then locals and temporaries.
    pub nregs: u32,
    /// Number of parameter registers.
    pub nparams: u32,
    /// The function's `length` (parameters before the first default or rest).
    pub length: u32,
    pub feedback_slots: u32,
    pub loops: u32,
    /// Source file id and the function's start offset.
    pub file: u32,
    pub start: u32,
    /// Whether the function needs the full argument list (arguments object or rest parameter).
    pub needs_args: bool,
    /// The source text of the function (for Function.prototype.toString).
    pub source_span: (u32, u32),
    /// Type feedback, inline caches and hotness counters, filled by the interpreter.
    pub feedback: crate::interp::feedback::FeedbackVector,
}

impl FunctionCode {
    /// Disassembles the function (and its children) into `out`; `pos` maps a source offset to
    /// (line, column) and `konst` renders a constant.
    pub fn disassemble(&self, out: &mut String, pos: &dyn Fn(u32, u32) -> (u32, u32), konst: &dyn Fn(Value) -> String) {
        let (l, c) = pos(self.file, self.start);
        let _ = writeln!(
            out,
            "function {} ({}:{}) params={} regs={} feedback_slots={} kind={:?}{}",
            if self.name.is_empty() { "<anonymous>" } else { &self.name },
            l,
            c,
            self.nparams,
            self.nregs,
            self.feedback_slots,
            self.kind,
            if self.strict { " strict" } else { "" }
        );
        let mut last_pos = (0, 0);
        for (pc, ins) in self.instrs.iter().enumerate() {
            let mut line = format!("  {:>4}  {}", pc, ins.name());
            let mut fb = None;
            let mut first = true;
            for (fname, op) in ins.operands() {
                let text = match op {
                    Operand::Reg(u32::MAX) => "undefined".to_string(),
                    Operand::Reg(r) => format!("r{}", r),
                    Operand::K(k) => konst(self.consts[k as usize]),
                    Operand::Fb(f) => {
                        fb = Some(f);
                        continue;
                    }
                    Operand::Label(t) => format!("@{}", t),
                    Operand::Imm(i) => format!("#{}", i),
                    Operand::U(u) => format!("{}={}", fname, u),
                };
                line.push_str(if first { " " } else { ", " });
                first = false;
                line.push_str(&text);
            }
            if let Some(f) = fb {
                let _ = write!(line, "  [fb#{}]", f);
            }
            let p = pos(self.file, self.positions[pc]);
            if p != last_pos {
                while line.len() < 48 {
                    line.push(' ');
                }
                let _ = write!(line, " ; {}:{}", p.0, p.1);
                last_pos = p;
            }
            out.push_str(&line);
            out.push('\n');
        }
        for h in &self.handlers {
            let _ = writeln!(out, "  handler [{}, {}) -> @{} exc=r{}", h.start, h.end, h.target, h.exc.0);
        }
        out.push('\n');
        for c in &self.children {
            c.disassemble(out, pos, konst);
        }
    }
}
