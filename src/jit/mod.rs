//! The optimizing tier: bytecode + frozen feedback → IR (`build`) → passes (`opt`) → CLIF
//! (`lower`) → Cranelift → native code, entered from the interpreter at function entry or at a
//! loop header (OSR). See docs/ARCHITECTURE.md ("The optimizing tier").

pub mod build;
pub mod helpers;
pub mod ir;
pub mod loops;
pub mod trampolines;
pub mod lower;
pub mod natives;
pub mod opt;

use crate::deopt::{ExitSite, MAX_VERSIONS};
use crate::frontend::bytecode::FunctionCode;
use crate::options::TraceFormat;
use crate::profiler::FeedbackSnapshot;
use crate::runtime::value::Value;
use crate::runtime::Engine;
use cranelift_codegen::settings::{self, Configurable};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::Module;
use std::cell::{Cell, RefCell};
use std::time::Instant;

/// Compiled code: `(engine, frame registers) -> result | DEOPT_MARKER | THROW_MARKER`.
pub type JitFn = unsafe extern "C" fn(*mut Engine, *mut Value) -> u64;

/// What happened when compiled code ran.
pub enum Outcome {
    Returned(Value),
    /// The frame continues in the interpreter at the pc the exit stored.
    Deopted,
    /// An exception (the frame's pc names the throwing instruction).
    Threw(Value),
}

/// Per-function tier state (lives in the function's FeedbackVector).
#[derive(Default)]
pub struct JitSlot {
    /// Compiled entry points of the current version: (entry pc, code). pc 0 = function entry.
    entries: RefCell<Vec<(u32, JitFn)>>,
    /// The function-entry code's address, or 0 (read by compiled callers' inline calls).
    entry0: Cell<usize>,
    /// Never compile again (compile failure, deopt loop, `$tierjs.neverOptimize`).
    pub never: Cell<bool>,
    /// Compilations so far (versions).
    pub versions: Cell<u32>,
    /// Versions dropped after too many deopts (deopt-loop protection counts these).
    pub drops: Cell<u32>,
    /// A guard hoisted out of a loop failed: compile without loop-invariant code motion.
    pub no_licm: Cell<bool>,
    /// A call inside one of its inlined bodies needed its slow path: compile it without
    /// inlining.
    pub no_inline: Cell<bool>,
    /// Calls inlined into the latest version.
    pub inlined: Cell<u32>,
    /// Deopts of the current version; all deopts.
    pub deopts: Cell<u32>,
    pub total_deopts: Cell<u32>,
    /// Feedback slots whose speculation failed (compiled one step more generic).
    pub widened: RefCell<Vec<u32>>,
    /// Heap values compiled code compares against (kept alive by the collector).
    pub refs: RefCell<Vec<Value>>,
    /// `$tierjs.optimizeOnNextCall`.
    pub optimize_next: Cell<bool>,
    pub osr_entries: Cell<u32>,
    /// A loop header pc whose OSR compile was attempted (not retried every back edge).
    pub osr_tried: RefCell<Vec<u32>>,
    /// The function's call count when its current version's first OSR code was installed
    /// (`osr_calls_due`).
    osr_installed_at: Cell<Option<u32>>,
    /// The contexts the function's closures were made over (`note_closure`).
    pub env_seen: Cell<EnvSeen>,
}

/// The contexts a function's closures were made over, as pointer words (0 = none). While all
/// share one, compiled code takes it as a constant instead of loading it from its frame;
/// a closure over another context drops such code (`note_closure`).
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub enum EnvSeen {
    #[default]
    NoClosure,
    One(usize),
    Many,
}

impl JitSlot {
    #[inline(always)]
    pub fn may_compile(&self) -> bool {
        !self.never.get()
    }
    pub fn entry(&self, pc: u32) -> Option<JitFn> {
        self.entries.borrow().iter().find(|(p, _)| *p == pc).map(|(_, f)| *f)
    }
    pub fn is_optimized(&self) -> bool {
        !self.entries.borrow().is_empty()
    }
    /// `outermost`: `pc` is a loop header not inside another loop (`osr_calls_due`).
    fn install(&self, pc: u32, f: JitFn, calls: u32, outermost: bool) {
        self.entries.borrow_mut().push((pc, f));
        if pc == 0 {
            self.entry0.set(f as usize);
        } else if outermost && self.osr_installed_at.get().is_none() {
            self.osr_installed_at.set(Some(calls));
        }
    }
    pub fn clear_entries(&self) {
        self.entries.borrow_mut().clear();
        self.entry0.set(0);
        self.osr_installed_at.set(None);
    }
    /// Whether a hot function that so far only has OSR code still waits for its function
    /// entry. Its calls then run up to the first back edge of a loop in the interpreter and
    /// enter the OSR code there. That costs each call about a microsecond; a compilation costs
    /// about a millisecond. So the entry is compiled once `threshold / 2` calls (500 by default)
    /// have paid that since the OSR code came: a function called a few times whose work is in
    /// its loops (array_sum's sums) is compiled once instead of twice, and one called often
    /// pays for at most as many slow entries as a compilation costs (rent-or-buy: at worst
    /// twice the better choice). Only OSR code entered at an outermost loop counts: entered at
    /// an inner loop, the enclosing loop has two ways in, and neither loop gets a preheader for
    /// invariant code motion (int_loops.js ran 7% slower on such code).
    fn osr_calls_due(&self, calls: u32, threshold: u32) -> bool {
        match self.osr_installed_at.get() {
            Some(at) => calls.saturating_sub(at) >= threshold / 2,
            None => true,
        }
    }
    /// Where compiled code finds the function-entry code (0 = none).
    pub fn entry0_addr(&self) -> usize {
        self.entry0.as_ptr() as usize
    }
}

/// Engine-wide JIT state.
pub struct JitEngine {
    pub(crate) module: Option<JITModule>,
    pub pending_exception: Value,
    /// `--stress-deopt-every`: guards left until the next forced failure (read by compiled code).
    pub stress_counter: i32,
    /// Every exit site of every compiled version (compiled code points into these boxes).
    pub sites: Vec<Box<ExitSite>>,
    pub deopt_stats: crate::deopt::DeoptStats,
    pub compiled: u64,
    pub osr_compiles: u64,
    pub osr_entries: u64,
    pub failures: std::collections::BTreeMap<String, u64>,
    pub compile_time: std::time::Duration,
    /// Bytecodes compiled (inlined functions' included), and calls inlined.
    pub compiled_bytecodes: u64,
    pub inlined_calls: u64,
    pub code_bytes: u64,
    /// Per compile: (function name, µs, bytecode count).
    pub compile_log: Vec<(String, f64, usize)>,
    pub intrinsics: build::Intrinsics,
    pub layout: Option<lower::Layout>,
    /// CallDirect: registers of the frame `rt_push_frame` just pushed (read by compiled code).
    pub callee_regs: *mut Value,
    /// `$tierjs.deoptimizeNow()`: the frame depth of the compiled caller of the running native
    /// call (0 = none), and whether that caller asked to deopt.
    pub jit_caller_depth: usize,
    pub deopt_requested: bool,
    /// When set, `--print-ir` text goes here instead of stderr (snapshot tests).
    pub ir_sink: Option<Vec<String>>,
    /// Slow-path calls that preserve every register (None: call the helpers directly).
    pub trampolines: Option<trampolines::Trampolines>,
    /// Cranelift's contexts, kept between compilations (their buffers are reused).
    pub(crate) ctx: Option<cranelift_codegen::Context>,
    pub(crate) fctx: Option<cranelift_frontend::FunctionBuilderContext>,
    /// Where compiled code leaves a trampolined helper's arguments, and the trampoline its
    /// result.
    pub tramp_args: [u64; trampolines::MAX_ARGS],
    pub tramp_result: u64,
}

impl Default for JitEngine {
    fn default() -> Self {
        JitEngine {
            module: None,
            pending_exception: Value::UNDEFINED,
            stress_counter: 0,
            sites: Vec::new(),
            deopt_stats: Default::default(),
            compiled: 0,
            osr_compiles: 0,
            osr_entries: 0,
            failures: Default::default(),
            compile_time: Default::default(),
            compiled_bytecodes: 0,
            inlined_calls: 0,
            code_bytes: 0,
            compile_log: Vec::new(),
            intrinsics: build::Intrinsics { list: Vec::new() },
            layout: None,
            callee_regs: std::ptr::null_mut(),
            jit_caller_depth: 0,
            deopt_requested: false,
            ir_sink: None,
            trampolines: None,
            ctx: None,
            fctx: None,
            tramp_args: [0; trampolines::MAX_ARGS],
            tramp_result: 0,
        }
    }
}

fn new_module() -> Result<JITModule, String> {
    let mut flags = settings::builder();
    flags.set("use_colocated_libcalls", "false").map_err(|e| e.to_string())?;
    flags.set("is_pic", "false").map_err(|e| e.to_string())?;
    flags.set("opt_level", "speed").map_err(|e| e.to_string())?;
    // The verifier checks our lowering; it costs about a third of compile time, so only debug builds run it.
    flags.set("enable_verifier", if cfg!(debug_assertions) { "true" } else { "false" }).map_err(|e| e.to_string())?;
    let isa = cranelift_native::builder().map_err(|e| e.to_string())?.finish(settings::Flags::new(flags)).map_err(|e| e.to_string())?;
    let jb = JITBuilder::with_isa(isa, cranelift_module::default_libcall_names());
    Ok(JITModule::new(jb))
}

/// A function is about to run on a fresh frame (on top): run compiled code if it has some,
/// compiling it first when it is hot. None = interpret.
#[inline]
pub fn on_call(e: &mut Engine) -> Option<Outcome> {
    let code_ptr = e.frames.last().unwrap().code.as_ptr();
    // SAFETY: Engine::codes keeps every FunctionCode for the engine's life (CodeRef).
    let code: &FunctionCode = unsafe { &*code_ptr };
    let entry = entry_for_call(e, code)?;
    Some(enter(e, entry))
}

/// The function-entry code of `code`, compiling it first when it is hot (or marked by
/// `$tierjs.optimizeOnNextCall`); None = interpret.
pub fn entry_for_call(e: &mut Engine, code: &FunctionCode) -> Option<JitFn> {
    let jit = &code.feedback.jit;
    if let Some(f) = jit.entry(0) {
        return Some(f);
    }
    let hot = crate::profiler::is_hot(code, e.options.jit_threshold) && jit.osr_calls_due(code.feedback.calls.get(), e.options.jit_threshold);
    if !jit.may_compile() || !(jit.optimize_next.get() || hot) {
        return None;
    }
    jit.optimize_next.set(false);
    // "reopt" when an earlier version was dropped; a function that only has OSR code so far
    // gets its function entry as a plain tier-up.
    compile(e, code, 0, if jit.versions.get() > 0 && !jit.is_optimized() { "reopt" } else { "hot" })
}

/// A loop back edge in the interpreter reached the OSR threshold; the frame's pc is the loop
/// header. Enter (compiling first if needed) compiled code there.
pub fn on_back_edge(e: &mut Engine, header: u32) -> Option<Outcome> {
    let code_ptr = e.frames.last().unwrap().code.as_ptr();
    // SAFETY: as in on_call.
    let code: &FunctionCode = unsafe { &*code_ptr };
    let jit = &code.feedback.jit;
    let entry = match jit.entry(header) {
        Some(f) => f,
        None => {
            if jit.osr_tried.borrow().contains(&header) && jit.deopts.get() == 0 {
                return None;
            }
            jit.osr_tried.borrow_mut().push(header);
            compile(e, code, header, "osr")?
        }
    };
    e.jit.osr_entries += 1;
    jit.osr_entries.set(jit.osr_entries.get() + 1);
    if e.options.trace_tier != TraceFormat::Off {
        let line = tier_line(e, code, "osr-enter", &format!("pc={}", header), None);
        e.trace_line(&line);
    }
    Some(enter(e, entry))
}

fn enter(e: &mut Engine, f: JitFn) -> Outcome {
    let base = e.frames.last().unwrap().base;
    let regs = e.stack.at(base);
    // SAFETY: `f` was compiled by this engine for the code of the top frame, whose registers
    // start at `regs` (JitFn contract in lower.rs).
    let r = unsafe { f(e as *mut Engine, regs) };
    if r == lower::DEOPT_MARKER {
        Outcome::Deopted
    } else if r == lower::THROW_MARKER {
        Outcome::Threw(std::mem::replace(&mut e.jit.pending_exception, Value::UNDEFINED))
    } else {
        Outcome::Returned(Value(r))
    }
}

/// Whether the loop whose header is at `header` is inside no other loop. Loops are laid out
/// in bytecode as `[header, back edge]` ranges that nest.
fn is_outermost_loop(code: &FunctionCode, header: u32) -> bool {
    let loops: Vec<(u32, u32)> = code.instrs.iter().enumerate().filter_map(|(pc, i)| match i {
        crate::frontend::bytecode::Instr::JumpLoop { t, .. } => Some((t.0 as u32, pc as u32)),
        _ => None,
    }).collect();
    let Some(end) = loops.iter().filter(|(h, _)| *h == header).map(|(_, j)| *j).max() else { return false };
    !loops.iter().any(|&(h, j)| h < header && j > end)
}

/// Why compiled code is dropped.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Invalidation {
    /// `--max-deopts` exits of one version: its speculation keeps failing.
    TooManyDeopts,
    /// An exit for an instruction that never ran was taken again: the interpreter has
    /// collected feedback for it since, so a new version will know more.
    StaleFeedback,
    /// A guard hoisted out of a loop failed (recompiled without hoisting).
    HoistedGuard,
    /// A closure over a second context was made; the code took the first as a constant.
    SecondContext,
    /// A call inside an inlined body took its slow path (recompiled without inlining).
    InlinedCallSlowPath,
}

impl Invalidation {
    fn text(self) -> &'static str {
        match self {
            Invalidation::TooManyDeopts => "too many deopts",
            Invalidation::StaleFeedback => "stale feedback",
            Invalidation::HoistedGuard => "hoisted guard failed",
            Invalidation::InlinedCallSlowPath => "inlined call took its slow path",
            Invalidation::SecondContext => "closure over a second context",
        }
    }
}

/// A closure of `code` over the context `env_word` was made. The first context seen, or the
/// same one again, keeps compiled code that took it as a constant; another drops that code
/// (any code there is was compiled while there was one context, so it took it; activations
/// running it are over the old context, which stays right for them).
pub fn note_closure(e: &mut Engine, code: &FunctionCode, env_word: usize) {
    let jit = &code.feedback.jit;
    match jit.env_seen.get() {
        EnvSeen::NoClosure => jit.env_seen.set(EnvSeen::One(env_word)),
        EnvSeen::One(w) if w == env_word => {}
        EnvSeen::One(_) => {
            jit.env_seen.set(EnvSeen::Many);
            if jit.is_optimized() {
                invalidate(e, code, Invalidation::SecondContext);
            }
        }
        EnvSeen::Many => {}
    }
}

/// Drops the function's compiled code (running activations finish in it); the next tier-up
/// compiles a new version. After `MAX_VERSIONS` drops for too many deopts, or
/// `MAX_COMPILATIONS` versions in all, the function stays in the interpreter.
pub fn invalidate(e: &mut Engine, code: &FunctionCode, why: Invalidation) {
    let jit = &code.feedback.jit;
    jit.clear_entries();
    jit.osr_tried.borrow_mut().clear();
    jit.deopts.set(0);
    e.jit.deopt_stats.invalidations += 1;
    if why == Invalidation::TooManyDeopts {
        jit.drops.set(jit.drops.get() + 1);
    }
    let why = why.text();
    let give_up = jit.drops.get() >= MAX_VERSIONS || jit.versions.get() >= crate::deopt::MAX_COMPILATIONS;
    if give_up {
        jit.never.set(true);
    }
    if e.options.trace_tier != TraceFormat::Off {
        let extra = if give_up { format!("reason=\"{}\" versions={} stays=interp", why, jit.versions.get()) } else { format!("reason=\"{}\" versions={}", why, jit.versions.get()) };
        let line = tier_line(e, code, "invalidate", &extra, None);
        e.trace_line(&line);
    }
}

fn init_intrinsics(e: &mut Engine) {
    use ir::FUn;
    let g = e.realm.global.as_object();
    let key = crate::runtime::string::PropKey::Atom(e.intern("Math"));
    let Some(m) = e.get_own_property(g, key).filter(|d| !d.is_accessor()).map(|d| d.value) else { return };
    if !m.is_object() {
        return;
    }
    for (name, op) in [("sqrt", FUn::Sqrt), ("floor", FUn::Floor), ("ceil", FUn::Ceil), ("abs", FUn::Abs), ("round", FUn::Round), ("trunc", FUn::Trunc)] {
        let key = crate::runtime::string::PropKey::Atom(e.intern(name));
        if let Some(f) = e.get_own_property(m.as_object(), key).filter(|d| !d.is_accessor()).map(|d| d.value).filter(|v| v.is_object()) {
            if let Some(crate::runtime::object::FunctionKind::Native { f, .. }) = f.as_object().function() {
                let addr = *f as usize;
                e.jit.intrinsics.list.push((addr, op));
            }
        }
    }
}

/// Compiles `code` entered at `entry_pc`; None when the tier cannot (the function then stays
/// in the interpreter, with the reason counted and traced).
pub fn compile(e: &mut Engine, code: &FunctionCode, entry_pc: u32, why: &str) -> Option<JitFn> {
    let t0 = Instant::now();
    if e.jit.module.is_none() {
        match new_module() {
            Ok(m) => e.jit.module = Some(m),
            Err(err) => {
                code.feedback.jit.never.set(true);
                *e.jit.failures.entry(format!("no native code generator: {}", err)).or_default() += 1;
                return None;
            }
        }
        init_intrinsics(e);
        e.jit.layout = lower::Layout::probe(&e.frames);
        let args = std::mem::offset_of!(Engine, jit.tramp_args) as i32;
        let res = std::mem::offset_of!(Engine, jit.tramp_result) as i32;
        e.jit.trampolines = trampolines::define(e.jit.module.as_mut().unwrap(), args, res).ok();
    }
    let snapshot = FeedbackSnapshot::take(code);
    let widened = code.feedback.jit.widened.borrow().clone();
    // Compiled code pushes callee frames itself (and so may inline) when the frame layout is known.
    let inline_calls = e.jit.layout.is_some_and(|l| l.frames.is_some());
    let input = build::Input { code, fb: &snapshot, entry_pc, widened: &widened, intrinsics: &e.jit.intrinsics, inline_objects: e.jit.layout.is_some(), global: e.realm.global, inlining: e.options.inlining && inline_calls && !code.feedback.jit.no_inline.get() };
    // A bug in the builder must not take the program down: it becomes a counted bailout.
    let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| build::build(&input))).unwrap_or_else(|_| Err("internal error in the IR builder".to_string()));
    let mut f = match built {
        Ok(f) => f,
        Err(reason) => {
            code.feedback.jit.never.set(true);
            *e.jit.failures.entry(reason.clone()).or_default() += 1;
            if e.options.trace_tier != TraceFormat::Off {
                let line = tier_line(e, code, "bailout", &format!("reason=\"{}\"", reason), None);
                e.trace_line(&line);
            }
            return None;
        }
    };
    if e.options.print_ir || e.jit.ir_sink.is_some() {
        let text = format!("--- IR {} (before optimization) ---\n{}", display_name(e, code), f.print(&|v| konst_text(e, v)));
        emit_ir(e, text);
    }
    if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| opt::optimize(&mut f, !widened.contains(&opt::PHI_SLOT), !code.feedback.jit.no_licm.get()))).is_err() {
        return compile_error(e, code, "internal error in an IR pass".to_string());
    }
    if e.options.print_ir || e.jit.ir_sink.is_some() {
        let text = format!("--- IR {} (optimized) ---\n{}", display_name(e, code), f.print(&|v| konst_text(e, v)));
        emit_ir(e, text);
    }
    let version = code.feedback.jit.versions.get() + 1;
    // Exit sites (owned by the engine; compiled code points at them).
    let mut site_ptrs = Vec::with_capacity(f.exits.len());
    for x in &f.exits {
        let unboxed = x
            .state
            .regs
            .iter()
            .filter_map(|&(r, v)| match f.ty(v) {
                ir::Ty::I32 => Some((r, crate::deopt::Unboxed::I32)),
                ir::Ty::F64 => Some((r, crate::deopt::Unboxed::F64)),
                ir::Ty::Bool => Some((r, crate::deopt::Unboxed::Bool)),
                _ => None,
            })
            .collect();
        let frames = inlined_frames(&f, x.state.frame);
        // Registers of the inlined frames the state does not write: dead, and possibly stale.
        let clear = frames.iter().flat_map(|fr| fr.offset..fr.offset + fr.code.nregs).filter(|r| !x.state.regs.iter().any(|(s, _)| s == r)).collect();
        let s = Box::new(ExitSite { code: code as *const FunctionCode, pc: x.state.pc, reason: x.reason, guard: x.guard, fb: x.fb, hoisted_from: x.hoisted_from, has_value: x.value.is_some(), count: Cell::new(0), version, unboxed, frames, clear, gc_slots: Vec::new() });
        site_ptrs.push(&*s as *const ExitSite);
        e.jit.sites.push(s);
    }
    // Heap constants the code compares against stay alive with the function (a freed shape
    // whose address is reused would otherwise pass a shape check).
    {
        let cell = |a: usize| Value(crate::runtime::value::TAG_CELL | a as u64);
        let mut refs = code.feedback.jit.refs.borrow_mut();
        // Call targets compiled code compares against (polymorphic sites have no GuardValue).
        refs.extend(f.direct_targets.iter().map(|&(_, _, t)| t));
        refs.extend(f.inlines.iter().map(|i| i.callee));
        for (inst, _) in &f.insts {
            match inst {
                ir::Inst::GuardValue { expect, .. } if expect.is_heap() => refs.push(*expect),
                ir::Inst::GetProp { cases, .. } => {
                    for c in cases {
                        refs.push(cell(c.shape));
                        if let Some(h) = c.holder {
                            refs.push(cell(h));
                        }
                        for &(o, s) in &c.chain {
                            refs.push(cell(o));
                            refs.push(cell(s));
                        }
                    }
                }
                ir::Inst::SetPropOwn { cases, .. } => refs.extend(cases.iter().map(|&(s, _)| cell(s))),
                ir::Inst::GuardShape { shape, .. } => refs.push(cell(*shape)),
                _ => {}
            }
        }
    }
    // The Cranelift contexts of the last compilation are reused: their buffers are already
    // allocated (and their memory touched).
    let mut ctx = e.jit.ctx.take().unwrap_or_else(|| e.jit.module.as_mut().unwrap().make_context());
    let mut fctx = e.jit.fctx.take().unwrap_or_default();
    let module = e.jit.module.as_mut().unwrap();
    ctx.set_disasm(false);
    let ptr = module.target_config().pointer_type();
    ctx.func.signature.params.push(cranelift_codegen::ir::AbiParam::new(ptr));
    ctx.func.signature.params.push(cranelift_codegen::ir::AbiParam::new(ptr));
    ctx.func.signature.returns.push(cranelift_codegen::ir::AbiParam::new(cranelift_codegen::ir::types::I64));
    let stress = if e.options.stress_deopt_every > 0 { Some((std::mem::offset_of!(Engine, jit.stress_counter) as i32, e.options.stress_deopt_every)) } else { None };
    let direct: Vec<((u32, u32), lower::DirectCallee)> = f.direct_targets.iter().filter(|_| inline_calls).filter_map(|&(k, pc, t)| direct_callee(t).map(|d| ((k, pc), d))).collect();
    let frames: Vec<lower::InlinedCode> = f.inlines.iter().map(|i| lower::InlinedCode { instrs: &i.code.instrs, env_word: direct_callee(i.callee).map_or(0, |d| d.env_word) }).collect();
    let entry_env = match code.feedback.jit.env_seen.get() {
        EnvSeen::One(w) => Some(w),
        _ => None,
    };
    let lin = lower::LowerInput {
        f: &f,
        layout: e.jit.layout.unwrap_or_default(),
        nregs: code.nregs,
        direct: &direct,
        protos: (e.realm.array_proto, e.realm.object_proto),
        coerce_this: !(code.strict || code.kind == crate::frontend::bytecode::FunctionKind::Arrow),
        inline_ctx: e.jit.layout.is_some(),
        entry_env,
        instrs: &code.instrs,
        inlined: &frames,
        sites: &site_ptrs,
        call_conv: module.target_config().default_call_conv,
        gc_flag_offset: (std::mem::offset_of!(Engine, heap) + crate::runtime::heap::Heap::gc_requested_offset()) as i32,
        callee_regs_offset: std::mem::offset_of!(Engine, jit.callee_regs) as i32,
        trampolines: e.jit.trampolines,
        tramp_result_offset: std::mem::offset_of!(Engine, jit.tramp_result) as i32,
        tramp_args_offset: std::mem::offset_of!(Engine, jit.tramp_args) as i32,
        stress_offset: stress,
        gc_stress: e.options.gc_stress,
    };
    let frontend = module.target_config();
    let gc_slots = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| lower::lower(&lin, &mut ctx.func, &mut fctx, frontend))) {
        Ok(g) => g,
        Err(_) => return compile_error(e, code, "internal error in lowering".to_string()),
    };
    // SAFETY: the sites were created above for this code, which has not run yet; nothing
    // else refers to them.
    for (x, slots) in gc_slots {
        let site = site_ptrs[x as usize] as *mut ExitSite;
        unsafe { (*site).gc_slots = slots };
    }
    if e.options.print_clif {
        eprintln!("--- CLIF {} ---\n{}", display_name(e, code), ctx.func.display());
    }
    if e.options.print_asm {
        ctx.set_disasm(true);
    }
    // The name is what `perf report` shows for the code: cranelift-jit writes each function's
    // range and name to /tmp/perf-PID.map when run under `perf record` (PERF_BUILDID_DIR set).
    // The compilation count keeps names unique within the module.
    let entry_name = if entry_pc == 0 { String::new() } else { format!(" osr@{}", entry_pc) };
    let symbol = format!("js:{} v{}{} #{}", display_name(e, code), version, entry_name, e.jit.compiled);
    let module = e.jit.module.as_mut().unwrap();
    let id = match module.declare_function(&symbol, cranelift_module::Linkage::Local, &ctx.func.signature) {
        Ok(id) => id,
        Err(err) => return compile_error(e, code, format!("declare: {}", err)),
    };
    if let Err(err) = module.define_function(id, &mut ctx) {
        return compile_error(e, code, format!("cranelift: {:?}", err));
    }
    let size = ctx.compiled_code().map(|c| c.code_buffer().len()).unwrap_or(0);
    let asm = if e.options.print_asm { ctx.compiled_code().and_then(|c| c.vcode.clone()) } else { None };
    module.clear_context(&mut ctx);
    e.jit.ctx = Some(ctx);
    e.jit.fctx = Some(fctx);
    let module = e.jit.module.as_mut().unwrap();
    if let Err(err) = module.finalize_definitions() {
        return compile_error(e, code, format!("finalize: {}", err));
    }
    let ptr = module.get_finalized_function(id);
    // SAFETY: the function was defined with the JitFn signature above and is now executable.
    let jf: JitFn = unsafe { std::mem::transmute::<*const u8, JitFn>(ptr) };
    let jit = &code.feedback.jit;
    jit.versions.set(version);
    jit.inlined.set(f.inlines.len() as u32);
    jit.install(entry_pc, jf, code.feedback.calls.get(), entry_pc != 0 && is_outermost_loop(code, entry_pc));
    let dt = t0.elapsed();
    e.jit.compile_time += dt;
    e.jit.compiled += 1;
    if entry_pc != 0 {
        e.jit.osr_compiles += 1;
    }
    // Inlined functions' bytecodes are compiled too.
    let inlined_bytecodes: usize = f.inlines.iter().map(|i| i.code.instrs.len()).sum();
    e.jit.compiled_bytecodes += (code.instrs.len() + inlined_bytecodes) as u64;
    e.jit.inlined_calls += f.inlines.len() as u64;
    e.jit.code_bytes += size as u64;
    e.jit.compile_log.push((display_name(e, code), dt.as_secs_f64() * 1e6, code.instrs.len() + inlined_bytecodes));
    if let Some(a) = asm {
        eprintln!("--- ASM {} ({} bytes) ---\n{}", display_name(e, code), size, a);
    }
    if e.options.trace_tier != TraceFormat::Off {
        let extra = format!(
            "reason={} entry={} calls={} loops={} time={:.2}ms size={}B bytecodes={} inlined={} version={}",
            why,
            if entry_pc == 0 { "function".to_string() } else { format!("osr@{}", entry_pc) },
            code.feedback.calls.get(),
            code.feedback.back_edges.iter().map(|c| c.get() as u64).sum::<u64>(),
            dt.as_secs_f64() * 1e3,
            size,
            code.instrs.len(),
            f.inlines.len(),
            version
        );
        let line = tier_line(e, code, "compile", &extra, Some((dt, size, entry_pc, why, f.inlines.len())));
        e.trace_line(&line);
    }
    Some(jf)
}

/// The interpreter frames a deopt in inlined frame `k` builds, outermost first.
fn inlined_frames(f: &ir::Function, mut k: u32) -> Vec<crate::deopt::InlinedFrame> {
    let mut out = Vec::new();
    while k != 0 {
        let i = &f.inlines[k as usize - 1];
        let o = i.callee.as_object();
        let Some(crate::runtime::object::FunctionKind::Closure { env, .. }) = o.function() else { unreachable!("inlined callee is a closure") };
        out.push(crate::deopt::InlinedFrame { code: i.code, env: *env, callee: i.callee, call_pc: i.call_pc, ret_dst: i.ret_dst, argc: i.argc, offset: i.offset, this_slot: i.this_slot });
        k = i.parent;
    }
    out.reverse();
    out
}

/// Whether compiled code can push the frame of a call to the closure `t` itself.
pub fn pushable_inline(t: Value) -> bool {
    direct_callee(t).is_some()
}

/// What an inline call to the closure `t` needs (None: the call keeps the helper path, e.g.
/// for a callee that needs its full argument list or has very many registers).
fn direct_callee(t: Value) -> Option<lower::DirectCallee> {
    if !t.is_object() {
        return None;
    }
    match t.as_object().function() {
        Some(crate::runtime::object::FunctionKind::Closure { code, env, .. }) if !code.needs_args && code.nregs <= 256 => {
            // The context as frames store it (an Option<Gc> is one word, 0 for None: checked
            // by Layout::probe before any inline call is lowered); the closure, kept alive by
            // the compiled code's refs, owns it.
            let code_word = crate::frontend::bytecode::CodeRef::new(code).addr();
            let env_word = env.map_or(0, |c| c.addr());
            Some(lower::DirectCallee {
                callee: t,
                code_word,
                env_word,
                nparams: code.nparams,
                nregs: code.nregs,
                entry_addr: code.feedback.jit.entry0_addr(),
            })
        }
        _ => None,
    }
}

fn emit_ir(e: &mut Engine, text: String) {
    match &mut e.jit.ir_sink {
        Some(sink) => sink.push(text),
        None => eprintln!("{}", text),
    }
}

fn compile_error(e: &mut Engine, code: &FunctionCode, reason: String) -> Option<JitFn> {
    code.feedback.jit.never.set(true);
    *e.jit.failures.entry(reason.clone()).or_default() += 1;
    if e.options.trace_tier != TraceFormat::Off {
        let line = tier_line(e, code, "bailout", &format!("reason=\"{}\"", reason), None);
        e.trace_line(&line);
    }
    None
}

pub fn display_name(e: &Engine, code: &FunctionCode) -> String {
    let file = &e.files[code.file as usize];
    let (l, c) = file.line_col(code.start);
    let name = if code.name.is_empty() { "<anonymous>" } else { &code.name };
    format!("{}@{}:{}:{}", name, file.path, l, c)
}

fn tier_line(e: &Engine, code: &FunctionCode, event: &str, extra: &str, compile: Option<(std::time::Duration, usize, u32, &str, usize)>) -> String {
    if e.options.trace_tier == TraceFormat::Json {
        let file = &e.files[code.file as usize];
        let (l, c) = file.line_col(code.start);
        let mut s = format!(
            "{{\"v\":1,\"event\":\"{}\",\"function\":{},\"file\":{},\"line\":{},\"col\":{},\"calls\":{},\"versions\":{}",
            event,
            json_str(if code.name.is_empty() { "<anonymous>" } else { &code.name }),
            json_str(&file.path),
            l,
            c,
            code.feedback.calls.get(),
            code.feedback.jit.versions.get()
        );
        if let Some((dt, size, entry, why, inlined)) = compile {
            s.push_str(&format!(",\"reason\":\"{}\",\"entry_pc\":{},\"time_us\":{:.1},\"size\":{},\"bytecodes\":{},\"inlined\":{}", why, entry, dt.as_secs_f64() * 1e6, size, code.instrs.len(), inlined));
        } else {
            s.push_str(&format!(",\"detail\":{}", json_str(extra)));
        }
        s.push('}');
        s
    } else {
        format!("[tier] {} {} {}", event, display_name(e, code), extra)
    }
}

pub fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A short rendering of a value for traces (no getters run).
pub fn value_text(e: &Engine, v: Value) -> String {
    if v.is_string() {
        let s = v.as_string().to_rust_string();
        let s: String = s.chars().take(24).collect();
        return format!("{:?}", s);
    }
    if v.is_number() {
        return crate::runtime::conv::number_to_string(v.as_number());
    }
    if v.is_object() {
        return if v.as_object().is_callable() { "function".into() } else { "object".into() };
    }
    konst_text(e, v)
}

fn konst_text(e: &Engine, v: Value) -> String {
    if v == Value::UNDEFINED {
        "undefined".into()
    } else if v == Value::NULL {
        "null".into()
    } else if v == Value::TRUE {
        "true".into()
    } else if v == Value::FALSE {
        "false".into()
    } else if v == Value::EMPTY {
        "<empty>".into()
    } else if v.is_number() {
        crate::runtime::conv::number_to_string(v.as_number())
    } else if v.is_string() {
        format!("{:?}", v.as_string().to_rust_string())
    } else if v.is_object() {
        if let Some(crate::runtime::object::FunctionKind::Closure { code, .. }) = v.as_object().function() {
            format!("<function {}>", if code.name.is_empty() { "<anonymous>" } else { &code.name })
        } else if v.as_object().is_callable() {
            let o = v.as_object();
            let name = o.find(crate::runtime::string::atoms::NAME).map(|(slot, _)| o.slots[slot as usize]).filter(|n| n.is_string());
            match name {
                Some(n) => format!("<native function {}>", n.as_string().to_rust_string()),
                None => "<native function>".into(),
            }
        } else if v == e.realm.global {
            "<global object>".into()
        } else {
            "<object>".into()
        }
    } else {
        "<cell>".into()
    }
}

/// The optimizing tier's part of `--stats` (text).
pub fn stats_text(e: &Engine, run_ms: f64) -> String {
    let j = &e.jit;
    let compile_ms = j.compile_time.as_secs_f64() * 1e3;
    let per_fn = if j.compiled > 0 { compile_ms * 1e3 / j.compiled as f64 } else { 0.0 };
    let per_bc = if j.compiled_bytecodes > 0 { compile_ms * 1e3 / j.compiled_bytecodes as f64 } else { 0.0 };
    let mut out = format!(
        "\n[stats] jit: {} compilations ({} OSR), {} OSR entries, {} calls inlined, {} bytes of code\n[stats] jit: compile time {:.2} ms ({:.1} µs per compilation, {:.2} µs per bytecode), {:.1}% of run time\n[stats] deopts: {} total, {} code versions dropped",
        j.compiled,
        j.osr_compiles,
        j.osr_entries,
        j.inlined_calls,
        j.code_bytes,
        compile_ms,
        per_fn,
        per_bc,
        if run_ms > 0.0 { compile_ms * 100.0 / run_ms } else { 0.0 },
        j.deopt_stats.total,
        j.deopt_stats.invalidations
    );
    for (r, n) in &j.deopt_stats.by_reason {
        out.push_str(&format!("\n[stats] deopts: {} {}", n, r));
    }
    for (r, n) in &j.failures {
        out.push_str(&format!("\n[stats] not compiled: {} × {}", n, r));
    }
    out
}

/// The optimizing tier's part of `--stats=json`.
pub fn stats_json(e: &Engine, run_ms: f64) -> String {
    let j = &e.jit;
    let compile_ms = j.compile_time.as_secs_f64() * 1e3;
    let reasons: Vec<String> = j.deopt_stats.by_reason.iter().map(|(r, n)| format!("{}:{}", json_str(r), n)).collect();
    let fails: Vec<String> = j.failures.iter().map(|(r, n)| format!("{}:{}", json_str(r), n)).collect();
    format!(
        "{{\"compilations\":{},\"osr_compilations\":{},\"osr_entries\":{},\"inlined_calls\":{},\"code_bytes\":{},\"compile_ms\":{:.3},\"compiled_bytecodes\":{},\"compile_share\":{:.4},\"deopts\":{},\"deopts_by_reason\":{{{}}},\"versions_dropped\":{},\"not_compiled\":{{{}}}}}",
        j.compiled,
        j.osr_compiles,
        j.osr_entries,
        j.inlined_calls,
        j.code_bytes,
        compile_ms,
        j.compiled_bytecodes,
        if run_ms > 0.0 { compile_ms / run_ms } else { 0.0 },
        j.deopt_stats.total,
        reasons.join(","),
        j.deopt_stats.invalidations,
        fails.join(",")
    )
}
