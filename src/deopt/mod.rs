//! Deoptimization: the reasons (one list, with the messages people read in traces), the exit
//! sites of compiled code, and what happens when an exit is taken.
//!
//! A guard's cold path in compiled code stores the live values of its frame state into the
//! interpreter frame (boxing unboxed ones) and calls `rt_deopt` (jit/helpers.rs) with its
//! `ExitSite`. That counts the exit, traces it (`--trace-deopt[=json]`), points the frame's pc
//! at the guarded instruction and returns; the interpreter then re-executes that instruction
//! generically. After `--max-deopts` exits the function's code is dropped, the failed
//! feedback slots are widened, and the next tier-up compiles without that speculation; after
//! `MAX_VERSIONS` compilations the function stays in the interpreter (deopt-loop protection).

use crate::frontend::bytecode::FunctionCode;
use crate::runtime::value::Value;
use crate::runtime::Engine;
use std::cell::Cell;

macro_rules! deopt_reasons {
    ($( $name:ident => $slug:literal, $msg:literal; )*) => {
        /// Why compiled code gave up (V8's deoptimize-reason.h, for this tier).
        #[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
        pub enum DeoptReason { $( $name, )* }
        impl DeoptReason {
            pub const ALL: &'static [DeoptReason] = &[$( DeoptReason::$name, )*];
            /// Stable identifier used in traces and stats (`not-int32`).
            pub fn name(self) -> &'static str {
                match self { $( DeoptReason::$name => $slug, )* }
            }
            /// The human message.
            pub fn message(self) -> &'static str {
                match self { $( DeoptReason::$name => $msg, )* }
            }
        }
    };
}

deopt_reasons! {
    NotInt32 => "not-int32", "value is not an int32";
    NotNumber => "not-number", "value is not a number";
    Overflow => "overflow", "int32 arithmetic overflowed";
    OverflowOrMinusZero => "overflow-or-minus-zero", "int32 result overflowed or is -0";
    NegativeOrZeroModulus => "modulus-operand", "int32 modulus with a negative dividend or a divisor <= 0";
    WrongCallTarget => "wrong-call-target", "call target differs from the one seen";
    NotAnObject => "not-object", "value is not an object";
    WrongShape => "wrong-shape", "object shape (hidden class) not seen at this site, or its prototype chain changed";
    NotArray => "not-array", "object is not an array, or its length exceeds int32";
    OutOfBounds => "out-of-bounds", "index outside the dense elements";
    Hole => "hole", "element is a hole";
    FrozenElements => "frozen-elements", "elements are frozen";
    NotAppendable => "not-appendable", "array cannot grow in place: frozen, not extensible or sparse, or a prototype has indexed properties";
    InlinedCallSlowPath => "inlined-call-slow-path", "a call inside an inlined function reached the frame or register stack limit (made again by the interpreter, which raises the RangeError)";
    NoFeedback => "no-feedback", "instruction never ran in the interpreter (insufficient type feedback)";
    Tdz => "tdz", "binding is uninitialized (temporal dead zone)";
    Safepoint => "safepoint", "frame state of a runtime call (not an exit)";
    StressDeopt => "stress", "forced by --stress-deopt-every";
    Requested => "requested", "forced by $tierjs.deoptimizeNow()";
}

/// A function whose code was dropped this many times for too many deopts stays interpreted.
pub const MAX_VERSIONS: u32 = 4;
/// A function stays interpreted after this many compilations, whatever dropped them.
pub const MAX_COMPILATIONS: u32 = 12;

/// One exit of compiled code. Lives as long as the engine (compiled code points at it).
pub struct ExitSite {
    pub code: *const FunctionCode,
    pub pc: u32,
    pub reason: DeoptReason,
    pub guard: &'static str,
    pub fb: Option<u32>,
    /// A guard hoisted out of a loop: the pc it came from (`pc` is the loop's entry).
    pub hoisted_from: Option<u32>,
    /// Whether compiled code passes the value whose check failed (for --trace-deopt).
    pub has_value: bool,
    /// Times this exit was taken.
    pub count: Cell<u32>,
    /// The code version this exit belongs to (exits of dropped versions still count).
    pub version: u32,
    /// Registers the exit stored unboxed (raw int32, double bits or bool), boxed by `on_exit`
    /// before anything reads the frame: boxing in Rust keeps the exit stubs short. Counted from
    /// the compiled frame's r0 (inlined frames' registers lie above its own).
    pub unboxed: Vec<(u32, Unboxed)>,
    /// For an exit inside inlined calls: the interpreter frames to build, outermost first
    /// (`pc` is then in the last one's code), and their registers the frame state does not
    /// write (dead; set to undefined, as they may hold stale values).
    pub frames: Vec<InlinedFrame>,
    pub clear: Vec<u32>,
    /// For a call made from an inlined frame: the inlined frames' registers that hold values
    /// the collector must see while the call runs (the write-back before the call stores only
    /// those). The collector scans no other register above the compiled frame's own.
    pub gc_slots: Vec<u32>,
}

/// An inlined call's interpreter frame, built when compiled code leaves from inside it.
pub struct InlinedFrame {
    pub code: crate::frontend::bytecode::CodeRef,
    pub env: Option<crate::runtime::heap::Gc<crate::runtime::object::Context>>,
    pub callee: Value,
    /// The Call in the calling frame it returns to, that Call's destination register and
    /// argument count.
    pub call_pc: u32,
    pub ret_dst: u32,
    pub argc: u32,
    /// Its r0, in registers from the compiled frame's r0 (where compiled code keeps its
    /// registers: nothing is copied), and the slot its `this` was written to.
    pub offset: u32,
    pub this_slot: u32,
}

impl ExitSite {
    /// The function whose instruction `pc` names (the innermost inlined one, or the compiled
    /// function).
    pub fn frame_code(&self) -> &FunctionCode {
        match self.frames.last() {
            Some(f) => &f.code,
            // SAFETY: FunctionCode objects live as long as the engine (Engine::codes keeps them).
            None => unsafe { &*self.code },
        }
    }
}

/// Builds the interpreter frames of the inlined calls that compiled code running in the top
/// frame leaves at `site` (an exit, or a call whose exception unwinds): each returns into its
/// caller's Call, whose pc its caller's frame then names. Their registers already hold the
/// frame state; the others are cleared.
pub fn materialize(e: &mut Engine, site: &ExitSite) {
    let Some(top) = e.frames.last_mut() else { return };
    top.inline_site = 0;
    let base = top.base;
    for &r in &site.clear {
        // SAFETY: inlined frames' registers lie within the stack's room above the frame.
        unsafe { *e.stack.at(base + r as usize) = Value::UNDEFINED };
    }
    for fr in &site.frames {
        e.frames.last_mut().unwrap().pc = fr.call_pc as usize;
        let b = base + fr.offset as usize;
        // SAFETY: the slot is in the stack's room above the frame (see `clear`).
        let this = unsafe { *e.stack.at(base + fr.this_slot as usize) };
        e.frames.push(crate::interp::Frame {
            code: fr.code,
            callee: fr.callee,
            this,
            new_target: Value::UNDEFINED,
            ctx: fr.env,
            base: b,
            args_base: b,
            argc: fr.argc,
            pc: 0,
            ret_dst: fr.ret_dst,
            kind: crate::interp::FrameKind::Normal,
            inline_site: 0,
        });
    }
}

/// How an exit stored an unboxed register value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unboxed {
    /// The low 32 bits are an int32.
    I32,
    /// The 64 bits of a double.
    F64,
    /// Bit 0 is a boolean.
    Bool,
}

/// Boxes the raw values an exit stored into the top frame's registers (first thing at an exit:
/// until then the frame holds bits that are not Values, and nothing may read or collect it).
fn box_unboxed(e: &mut Engine, site: &ExitSite) {
    let Some(f) = e.frames.last() else { return };
    let base = f.base;
    for &(r, k) in &site.unboxed {
        let p = e.stack.at(base + r as usize);
        // SAFETY: the exit stored register `r` of this (compiled) frame, inside the stack.
        let raw = unsafe { (*p).0 };
        let v = match k {
            Unboxed::I32 => Value::int(raw as u32 as i32),
            Unboxed::F64 => Value::number(f64::from_bits(raw)),
            Unboxed::Bool => Value::bool(raw & 1 != 0),
        };
        unsafe { *p = v };
    }
}

/// Per-engine deopt statistics.
#[derive(Default)]
pub struct DeoptStats {
    pub total: u64,
    pub by_reason: std::collections::BTreeMap<&'static str, u64>,
    pub invalidations: u64,
}

/// The type word used in traces for the failing value.
pub fn value_type(v: Value) -> &'static str {
    if v.is_int() {
        "int32"
    } else if v.is_double() {
        "double"
    } else if v.is_string() {
        "string"
    } else if v.is_bool() {
        "boolean"
    } else if v.is_undefined() {
        "undefined"
    } else if v.is_null() {
        "null"
    } else if v == Value::EMPTY {
        "hole"
    } else if v.is_object() {
        if v.as_object().is_callable() { "function" } else { "object" }
    } else {
        "other"
    }
}

/// Handles an exit taken by compiled code: counts, traces, widens and invalidates. The frame's
/// registers already hold the frame state; this points its pc at the exit.
pub fn on_exit(e: &mut Engine, site: &ExitSite, value: Option<Value>, stressed: bool) {
    let reason = if stressed { DeoptReason::StressDeopt } else { site.reason };
    // SAFETY: FunctionCode objects live as long as the engine (Engine::codes keeps them).
    let code: &FunctionCode = unsafe { &*site.code };
    box_unboxed(e, site);
    materialize(e, site);
    site.count.set(site.count.get() + 1);
    if let Some(f) = e.frames.last_mut() {
        f.pc = site.pc as usize;
    }
    let frame_code = site.frame_code();
    let jit = &code.feedback.jit;
    jit.deopts.set(jit.deopts.get() + 1);
    jit.total_deopts.set(jit.total_deopts.get() + 1);
    e.jit.deopt_stats.total += 1;
    *e.jit.deopt_stats.by_reason.entry(reason.name()).or_default() += 1;
    if let Some(fb) = site.fb {
        if reason != DeoptReason::StressDeopt && reason != DeoptReason::Requested && reason != DeoptReason::NoFeedback {
            // The slot is the inlined function's when the guard was in an inlined frame.
            let mut w = frame_code.feedback.jit.widened.borrow_mut();
            if !w.contains(&fb) {
                w.push(fb);
            }
        }
    }
    if e.options.trace_deopt != crate::options::TraceFormat::Off {
        trace(e, code, site, reason, value);
    }
    if site.version != jit.versions.get() || !jit.is_optimized() {
        return;
    }
    use crate::jit::Invalidation;
    if reason == DeoptReason::InlinedCallSlowPath {
        jit.no_inline.set(true);
        crate::jit::invalidate(e, code, Invalidation::InlinedCallSlowPath);
    } else if site.hoisted_from.is_some() && !stressed && reason != DeoptReason::Requested {
        // The check may fail only because it now runs before the loop: compile without LICM.
        jit.no_licm.set(true);
        crate::jit::invalidate(e, code, Invalidation::HoistedGuard);
    } else if reason == DeoptReason::NoFeedback && site.count.get() >= 2 {
        // Code re-entered (e.g. by OSR) keeps leaving where it knew nothing; the interpreter
        // has run the instruction since.
        crate::jit::invalidate(e, code, Invalidation::StaleFeedback);
    } else if jit.deopts.get() >= e.options.max_deopts {
        crate::jit::invalidate(e, code, Invalidation::TooManyDeopts);
    }
}

/// `$tierjs.deoptimizeNow()` made the compiled frame of `code` continue at `pc` in the
/// interpreter (a lazy deopt requested by the program).
pub fn on_requested(e: &mut Engine, code: &FunctionCode, pc: u32) {
    let site = ExitSite { code: code as *const FunctionCode, pc, reason: DeoptReason::Requested, guard: "deoptimizeNow", fb: None, hoisted_from: None, has_value: false, count: Cell::new(0), version: code.feedback.jit.versions.get(), unboxed: Vec::new(), frames: Vec::new(), clear: Vec::new(), gc_slots: Vec::new() };
    on_exit(e, &site, None, false);
}

fn trace(e: &mut Engine, compiled: &FunctionCode, site: &ExitSite, reason: DeoptReason, value: Option<Value>) {
    let code = site.frame_code();
    // The source position is the guard's own, also for one hoisted out of a loop (it resumes at
    // the loop's entry, `pc`).
    let at = site.hoisted_from.unwrap_or(site.pc);
    let pos = code.positions.get(at as usize).copied().unwrap_or(code.start);
    let file = &e.files[code.file as usize];
    let (l, c) = file.line_col(pos);
    let fname = file.path.clone();
    let name = if code.name.is_empty() { "<anonymous>" } else { &code.name };
    let (vt, vtext) = match value {
        Some(v) => (value_type(v), crate::jit::value_text(e, v)),
        None => ("none", String::new()),
    };
    let count = compiled.feedback.jit.total_deopts.get();
    let inlined_into = if site.frames.is_empty() { None } else { Some(if compiled.name.is_empty() { "<anonymous>" } else { compiled.name.as_str() }) };
    let line = if e.options.trace_deopt == crate::options::TraceFormat::Json {
        format!(
            "{{\"v\":1,\"event\":\"deopt\",\"function\":{},\"inlined_into\":{},\"file\":{},\"line\":{},\"col\":{},\"pc\":{},\"reason\":\"{}\",\"message\":\"{}\",\"guard\":\"{}\",\"hoisted_from\":{},\"value_type\":\"{}\",\"value\":{},\"site_count\":{},\"count\":{},\"version\":{}}}",
            crate::jit::json_str(name),
            inlined_into.map_or("null".to_string(), crate::jit::json_str),
            crate::jit::json_str(&fname),
            l,
            c,
            site.pc,
            reason.name(),
            reason.message(),
            site.guard,
            site.hoisted_from.map_or("null".to_string(), |p| p.to_string()),
            vt,
            crate::jit::json_str(&vtext),
            site.count.get(),
            count,
            site.version
        )
    } else {
        let v = if vtext.is_empty() { String::new() } else { format!(" value={}({})", vt, vtext) };
        let hoisted = match site.hoisted_from {
            Some(p) => format!(" hoisted-from={}", p),
            None => String::new(),
        };
        let inl = match inlined_into {
            Some(n) => format!(" inlined-into={}", n),
            None => String::new(),
        };
        format!("[deopt] {}@{}:{}:{}{} pc={} reason={} guard={}{}{} site_count={} count={} ({})", name, fname, l, c, inl, site.pc, reason.name(), site.guard, hoisted, v, site.count.get(), count, reason.message())
    };
    e.trace_line(&line);
}
