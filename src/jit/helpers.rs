//! Runtime helpers called from compiled code (`extern "C"`, by absolute address).
//!
//! Generic helpers share one signature, `(engine, pc, a, b, c) -> u64`: the bytecode
//! instruction at `pc` of the running (top) frame says what to do, `a..c` are its operand
//! values (boxed). They return the result (boxed) or `THROW_MARKER` with the exception in
//! `Engine::jit.pending_exception` and the frame's pc at the throwing instruction.
//!
//! Invariants (the unsafe contract of this file):
//! - compiled code only runs with its frame on top of `Engine::frames`, and `engine` is the
//!   engine that compiled it, valid and not otherwise borrowed while the helper runs;
//! - before any helper that may collect or throw, compiled code has written the live values
//!   of its frame state to the frame (so every heap value it still needs is a root);
//! - no panic may unwind into compiled code (there is no unwind info): each helper body runs
//!   under `catch_unwind`, and a panic becomes an internal error thrown as a JS exception.

use super::ir::Helper;
use super::lower::{DEOPT_MARKER, THROW_MARKER};
use crate::deopt::ExitSite;
use crate::frontend::bytecode::{FunctionCode, Instr};
use crate::frontend::compiler::NO_THIS;
use crate::interp::ops::{self, ArithOp, CmpOp};
use crate::runtime::object::JsResult;
use crate::runtime::string::{Atom, PropKey};
use crate::runtime::value::Value;
use crate::runtime::Engine;

type GenericHelper = unsafe extern "C" fn(*mut Engine, u32, u64, u64, u64) -> u64;

pub fn address(h: Helper) -> usize {
    let f: GenericHelper = match h {
        Helper::Binary => rt_binary,
        Helper::Unary => rt_unary,
        Helper::Compare => rt_compare,
        Helper::GetNamed => rt_get_named,
        Helper::SetNamed => rt_set_named,
        Helper::GetElem => rt_get_elem,
        Helper::SetElem => rt_set_elem,
        Helper::LoadGlobal => rt_load_global,
        Helper::StoreGlobal => rt_store_global,
        Helper::Call => rt_call,
        Helper::Construct => rt_construct,
        Helper::LoadCtx => rt_load_ctx,
        Helper::StoreCtx => rt_store_ctx,
        Helper::LoadThis => rt_load_this,
        Helper::NewObject => rt_new_object,
        Helper::NewArray => rt_new_array,
        Helper::ArrayPush => rt_array_push,
        Helper::DefineNamed => rt_define_named,
        Helper::NewClosure => rt_new_closure,
        Helper::Throw => rt_throw,
        Helper::Generic => rt_generic,
        Helper::IterNext => rt_iter_next,
        Helper::CtorReturn => rt_ctor_return,
        Helper::CallDirect => rt_push_frame,
        Helper::CallPoly => rt_call,
        Helper::Safepoint => unreachable!("the safepoint helper has its own signature"),
    };
    f as *const () as usize
}

/// Runs a helper body: sets the frame's pc, catches panics, turns errors into THROW.
#[inline(always)]
fn run(e: *mut Engine, pc: u32, body: impl FnOnce(&mut Engine, &FunctionCode, Instr) -> JsResult<Value>) -> u64 {
    // SAFETY: see the module invariants: `e` is the running engine, exclusively ours here.
    let e = unsafe { &mut *e };
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let f = e.frames.last_mut().expect("compiled frame");
        f.pc = pc as usize;
        let code_ptr = f.code.as_ptr();
        // SAFETY: Engine::codes keeps every FunctionCode for the engine's life (CodeRef).
        let code: &FunctionCode = unsafe { &*code_ptr };
        let ins = code.instrs[pc as usize];
        body(e, code, ins)
    }));
    match r {
        Ok(Ok(v)) => v.0,
        Ok(Err(x)) => {
            e.jit.pending_exception = x;
            THROW_MARKER
        }
        Err(_) => {
            let x = e.type_error("internal error: panic in a runtime helper");
            e.jit.pending_exception = x;
            THROW_MARKER
        }
    }
}

/// Collects if due, with `v` (a fresh allocation not yet in any register) rooted.
fn alloc_safepoint(e: &mut Engine, v: Value) -> JsResult<Value> {
    if e.heap.gc_requested || e.options.gc_stress {
        e.handles.push(v);
        let r = e.safepoint();
        e.handles.pop();
        r?;
    }
    Ok(v)
}

fn regs(e: &Engine) -> *mut Value {
    e.stack.at(e.frames.last().unwrap().base)
}

fn atom_of(code: &FunctionCode, k: u32) -> Atom {
    Atom(code.consts[k as usize].as_string().atom_cache.get())
}

pub unsafe extern "C" fn rt_binary(e: *mut Engine, pc: u32, a: u64, b: u64, _c: u64) -> u64 {
    run(e, pc, |e, code, ins| {
        let (a, b) = (Value(a), Value(b));
        let op = match ins {
            Instr::Add { fb, .. } => {
                ops::record_binary(code, fb, a, b);
                return ops::add(e, a, b);
            }
            Instr::Sub { .. } => ArithOp::Sub,
            Instr::Mul { .. } => ArithOp::Mul,
            Instr::Div { .. } => ArithOp::Div,
            Instr::Mod { .. } => ArithOp::Mod,
            Instr::Exp { .. } => ArithOp::Exp,
            Instr::BitAnd { .. } => ArithOp::BitAnd,
            Instr::BitOr { .. } => ArithOp::BitOr,
            Instr::BitXor { .. } => ArithOp::BitXor,
            Instr::Shl { .. } => ArithOp::Shl,
            Instr::Shr { .. } => ArithOp::Shr,
            Instr::UShr { .. } => ArithOp::UShr,
            Instr::AddImm { imm, fb, .. } => {
                // AddImm reaches here with a materialized immediate as `b`.
                code.feedback.slot(fb.0).record(crate::interp::feedback::type_bit(a));
                let n = e.to_number(a)?;
                return Ok(Value::number(n + imm.0 as f64));
            }
            other => unreachable!("rt_binary on {}", other.name()),
        };
        if let Some(fb) = binary_fb(&ins) {
            ops::record_binary(code, fb, a, b);
        }
        ops::arith(e, op, a, b)
    })
}

fn binary_fb(ins: &Instr) -> Option<crate::frontend::bytecode::Fb> {
    for (name, op) in ins.operands() {
        if let ("fb", crate::frontend::bytecode::Operand::Fb(f)) = (name, op) {
            return Some(crate::frontend::bytecode::Fb(f));
        }
    }
    None
}

pub unsafe extern "C" fn rt_unary(e: *mut Engine, pc: u32, a: u64, _b: u64, _c: u64) -> u64 {
    run(e, pc, |e, code, ins| {
        let a = Value(a);
        match ins {
            Instr::AddImm { imm, fb, .. } => {
                code.feedback.slot(fb.0).record(crate::interp::feedback::type_bit(a));
                if a.is_int() {
                    if let Some(x) = a.as_int().checked_add(imm.0) {
                        return Ok(Value::int(x));
                    }
                }
                let n = e.to_number(a)?;
                Ok(Value::number(n + imm.0 as f64))
            }
            Instr::Neg { fb, .. } => {
                code.feedback.slot(fb.0).record(crate::interp::feedback::type_bit(a));
                Ok(Value::number(-e.to_number(a)?))
            }
            Instr::BitNot { fb, .. } => {
                code.feedback.slot(fb.0).record(crate::interp::feedback::type_bit(a));
                Ok(Value::int(!e.to_int32(a)?))
            }
            Instr::TypeOf { .. } => {
                let t = e.type_of(a);
                Ok(e.atom_value(t))
            }
            other => unreachable!("rt_unary on {}", other.name()),
        }
    })
}

pub unsafe extern "C" fn rt_compare(e: *mut Engine, pc: u32, a: u64, b: u64, _c: u64) -> u64 {
    run(e, pc, |e, code, ins| {
        let (a, b) = (Value(a), Value(b));
        if let Some(fb) = binary_fb(&ins) {
            ops::record_binary(code, fb, a, b);
        }
        let r = match ins {
            Instr::Lt { .. } | Instr::JumpIfLt { .. } | Instr::JumpIfNotLt { .. } => ops::compare(e, CmpOp::Lt, a, b)?,
            Instr::Le { .. } => ops::compare(e, CmpOp::Le, a, b)?,
            Instr::Gt { .. } => ops::compare(e, CmpOp::Gt, a, b)?,
            Instr::Ge { .. } => ops::compare(e, CmpOp::Ge, a, b)?,
            Instr::Eq { .. } => e.loose_equals(a, b)?,
            Instr::Ne { .. } => !e.loose_equals(a, b)?,
            Instr::StrictEq { .. } | Instr::JumpIfStrictEq { .. } => e.strict_equals(a, b),
            Instr::StrictNe { .. } => !e.strict_equals(a, b),
            Instr::InstanceOf { .. } => ops::instance_of(e, a, b)?,
            Instr::In { .. } => {
                if !b.is_object() {
                    let d = e.describe(a);
                    let od = e.describe(b);
                    return Err(e.type_error(&format!("Cannot use 'in' operator to search for '{}' in {}", d, od)));
                }
                let k = e.to_property_key(a)?;
                e.has_property(b.as_object(), k)
            }
            other => unreachable!("rt_compare on {}", other.name()),
        };
        Ok(Value::bool(r))
    })
}

pub unsafe extern "C" fn rt_get_named(e: *mut Engine, pc: u32, o: u64, _b: u64, _c: u64) -> u64 {
    run(e, pc, |e, code, ins| match ins {
        Instr::GetNamed { k, fb, .. } => crate::interp::ic::get_named(e, code.feedback.slot(fb.0), Value(o), atom_of(code, k.0)),
        other => unreachable!("rt_get_named on {}", other.name()),
    })
}

pub unsafe extern "C" fn rt_set_named(e: *mut Engine, pc: u32, o: u64, v: u64, _c: u64) -> u64 {
    run(e, pc, |e, code, ins| match ins {
        Instr::SetNamed { k, fb, .. } => {
            crate::interp::ic::set_named(e, code.feedback.slot(fb.0), Value(o), atom_of(code, k.0), Value(v), code.strict)?;
            Ok(Value::UNDEFINED)
        }
        other => unreachable!("rt_set_named on {}", other.name()),
    })
}

pub unsafe extern "C" fn rt_define_named(e: *mut Engine, pc: u32, o: u64, v: u64, _c: u64) -> u64 {
    run(e, pc, |e, code, ins| match ins {
        Instr::DefineNamed { k, .. } => {
            let key = e.key_from_string(code.consts[k.0 as usize]);
            e.define_data(Value(o).as_object(), key, Value(v), crate::runtime::shape::DEFAULT_ATTRS);
            Ok(Value::UNDEFINED)
        }
        other => unreachable!("rt_define_named on {}", other.name()),
    })
}

pub unsafe extern "C" fn rt_get_elem(e: *mut Engine, pc: u32, o: u64, k: u64, _c: u64) -> u64 {
    run(e, pc, |e, code, ins| match ins {
        Instr::GetElem { fb, .. } => {
            let (o, k) = (Value(o), Value(k));
            let v = ops::get_elem(e, o, k)?;
            ops::elem_feedback(code.feedback.slot(fb.0), o, k, v, false);
            Ok(v)
        }
        other => unreachable!("rt_get_elem on {}", other.name()),
    })
}

pub unsafe extern "C" fn rt_set_elem(e: *mut Engine, pc: u32, o: u64, k: u64, v: u64) -> u64 {
    run(e, pc, |e, code, ins| match ins {
        Instr::SetElem { fb, .. } => {
            let (o, k, v) = (Value(o), Value(k), Value(v));
            ops::elem_feedback(code.feedback.slot(fb.0), o, k, v, true);
            ops::set_elem(e, o, k, v, code.strict)?;
            Ok(Value::UNDEFINED)
        }
        other => unreachable!("rt_set_elem on {}", other.name()),
    })
}

pub unsafe extern "C" fn rt_load_global(e: *mut Engine, pc: u32, _a: u64, _b: u64, _c: u64) -> u64 {
    run(e, pc, |e, code, ins| match ins {
        Instr::LoadGlobal { k, fb, .. } => ops::load_global(e, code, k, fb),
        other => unreachable!("rt_load_global on {}", other.name()),
    })
}

pub unsafe extern "C" fn rt_store_global(e: *mut Engine, pc: u32, v: u64, _b: u64, _c: u64) -> u64 {
    run(e, pc, |e, code, ins| match ins {
        Instr::StoreGlobal { k, fb, .. } => {
            ops::store_global(e, code, k, fb, Value(v))?;
            Ok(Value::UNDEFINED)
        }
        other => unreachable!("rt_store_global on {}", other.name()),
    })
}

pub unsafe extern "C" fn rt_call(e: *mut Engine, pc: u32, f: u64, _b: u64, _c: u64) -> u64 {
    run(e, pc, |e, code, ins| match ins {
        Instr::Call { this, args, argc, fb, .. } => {
            let f = Value(f);
            ops::record_call(code, fb, f);
            let r = regs(e);
            // SAFETY: the frame's registers were written back before this call.
            let thisv = if this == NO_THIS { Value::UNDEFINED } else { unsafe { *r.add(this.0 as usize) } };
            let base = e.frames.last().unwrap().base;
            let argv = e.stack.slice(base + args.0 as usize, argc.0 as usize);
            let saved = std::mem::replace(&mut e.jit.jit_caller_depth, e.frames.len());
            let r = crate::interp::call_from_jit(e, f, thisv, argv);
            e.jit.jit_caller_depth = saved;
            if e.jit.deopt_requested {
                e.jit.deopt_requested = false;
                let v = r?;
                // Continue after the call in the interpreter: the result goes to dst, and the
                // frame's other live registers were written back before the call.
                if let Instr::Call { dst, .. } = ins {
                    // SAFETY: dst is a register of the top (compiled) frame.
                    unsafe { *regs(e).add(dst.0 as usize) = v };
                }
                crate::deopt::on_requested(e, code, pc + 1);
                return Ok(Value(DEOPT_MARKER));
            }
            r
        }
        other => unreachable!("rt_call on {}", other.name()),
    })
}

pub unsafe extern "C" fn rt_construct(e: *mut Engine, pc: u32, f: u64, _b: u64, _c: u64) -> u64 {
    run(e, pc, |e, code, ins| match ins {
        Instr::New { args, argc, fb, .. } => {
            let f = Value(f);
            ops::record_call(code, fb, f);
            let base = e.frames.last().unwrap().base;
            let argv = e.stack.slice(base + args.0 as usize, argc.0 as usize);
            let v = crate::interp::construct_from_jit(e, f, argv)?;
            // As the interpreter's New: a native constructor may have made a collection due.
            alloc_safepoint(e, v)
        }
        other => unreachable!("rt_construct on {}", other.name()),
    })
}

pub unsafe extern "C" fn rt_load_ctx(e: *mut Engine, pc: u32, _a: u64, _b: u64, _c: u64) -> u64 {
    run(e, pc, |e, _code, ins| match ins {
        Instr::LoadCtx { depth, slot, .. } => Ok(e.frames.last().unwrap().context(depth.0).slots[slot.0 as usize]),
        other => unreachable!("rt_load_ctx on {}", other.name()),
    })
}

pub unsafe extern "C" fn rt_store_ctx(e: *mut Engine, pc: u32, v: u64, _b: u64, _c: u64) -> u64 {
    run(e, pc, |e, _code, ins| match ins {
        Instr::StoreCtx { depth, slot, .. } => {
            e.frames.last().unwrap().context(depth.0).get_mut().slots[slot.0 as usize] = Value(v);
            Ok(Value::UNDEFINED)
        }
        other => unreachable!("rt_store_ctx on {}", other.name()),
    })
}

pub unsafe extern "C" fn rt_load_this(e: *mut Engine, pc: u32, _a: u64, _b: u64, _c: u64) -> u64 {
    run(e, pc, |e, code, _ins| {
        let this = e.frames.last().unwrap().this;
        let v = ops::coerce_this(e, code, this);
        alloc_safepoint(e, v)
    })
}

pub unsafe extern "C" fn rt_new_object(e: *mut Engine, pc: u32, _a: u64, _b: u64, _c: u64) -> u64 {
    run(e, pc, |e, _code, ins| match ins {
        Instr::NewObject { n, .. } => {
            let o = e.new_object();
            if n.0 > 0 {
                o.as_object().get_mut().slots.reserve_exact(n.0 as usize);
            }
            alloc_safepoint(e, o)
        }
        other => unreachable!("rt_new_object on {}", other.name()),
    })
}

pub unsafe extern "C" fn rt_new_array(e: *mut Engine, pc: u32, _a: u64, _b: u64, _c: u64) -> u64 {
    run(e, pc, |e, _code, ins| match ins {
        Instr::NewArray { n, .. } => {
            let a = e.new_array(Vec::with_capacity(n.0 as usize));
            alloc_safepoint(e, a)
        }
        other => unreachable!("rt_new_array on {}", other.name()),
    })
}

pub unsafe extern "C" fn rt_array_push(e: *mut Engine, pc: u32, a: u64, v: u64, _c: u64) -> u64 {
    run(e, pc, |_e, _code, _ins| {
        let a = Value(a).as_object().get_mut();
        a.elements.push(Value(v));
        a.array_len += 1;
        Ok(Value::UNDEFINED)
    })
}

pub unsafe extern "C" fn rt_new_closure(e: *mut Engine, pc: u32, _a: u64, _b: u64, _c: u64) -> u64 {
    run(e, pc, |e, code, ins| match ins {
        Instr::NewClosure { f, .. } => {
            let child = code.children[f.0 as usize].clone();
            let env = e.frames.last().unwrap().ctx;
            let c = e.new_closure(child, env);
            alloc_safepoint(e, c)
        }
        other => unreachable!("rt_new_closure on {}", other.name()),
    })
}

pub unsafe extern "C" fn rt_throw(e: *mut Engine, pc: u32, a: u64, _b: u64, _c: u64) -> u64 {
    run(e, pc, |e, code, ins| match ins {
        Instr::Throw { .. } => Err(Value(a)),
        Instr::ThrowTypeError { k } => {
            let m = code.consts[k.0 as usize].as_string().to_rust_string();
            Err(e.type_error(&m))
        }
        Instr::ThrowConstAssign { .. } => Err(e.type_error("Assignment to constant variable.")),
        other => unreachable!("rt_throw on {}", other.name()),
    })
}

/// Any instruction of `ops::exec_simple` (operands and results in the written-back frame).
pub unsafe extern "C" fn rt_generic(e: *mut Engine, pc: u32, _a: u64, _b: u64, _c: u64) -> u64 {
    run(e, pc, |e, code, ins| {
        let fi = e.frames.len() - 1;
        ops::exec_simple(e, fi, code, ins, pc as usize)?;
        Ok(Value::UNDEFINED)
    })
}

/// IterNext / ForInNext: stores the next value in `dst` and returns true, or false when done.
pub unsafe extern "C" fn rt_iter_next(e: *mut Engine, pc: u32, it: u64, _b: u64, _c: u64) -> u64 {
    run(e, pc, |e, _code, ins| {
        let (dst, next) = match ins {
            Instr::IterNext { dst, .. } => (dst, crate::interp::iterator_step(e, Value(it))?),
            Instr::ForInNext { dst, .. } => (dst, ops::for_in_next(e, Value(it))),
            other => unreachable!("rt_iter_next on {}", other.name()),
        };
        Ok(match next {
            Some(v) => {
                // SAFETY: dst is a register of the top (compiled) frame.
                unsafe { *regs(e).add(dst.0 as usize) = v };
                Value::TRUE
            }
            None => Value::FALSE,
        })
    })
}

/// CtorReturn: the object returned, or `this` for undefined (checked), else a TypeError.
pub unsafe extern "C" fn rt_ctor_return(e: *mut Engine, pc: u32, v: u64, this: u64, _c: u64) -> u64 {
    run(e, pc, |e, _code, _ins| {
        let v = Value(v);
        if v.is_object() {
            Ok(v)
        } else if !v.is_undefined() {
            Err(e.type_error("Derived constructors may only return object or undefined"))
        } else if Value(this) == Value::EMPTY {
            Err(e.reference_error("Must call super constructor in derived class before accessing 'this' or returning from derived constructor"))
        } else {
            Ok(Value(this))
        }
    })
}

/// CallDirect, step 1: pushes the callee's frame (an entry frame) for the Call at `pc` and
/// returns its compiled code's address (compiling it when hot), or 0 to interpret it. The
/// new frame's registers are left in `Engine::jit.callee_regs`.
pub unsafe extern "C" fn rt_push_frame(e: *mut Engine, pc: u32, f: u64, _b: u64, _c: u64) -> u64 {
    run(e, pc, |e, code, ins| match ins {
        Instr::Call { this, args, argc, fb, .. } => {
            let f = Value(f);
            ops::record_call(code, fb, f);
            let r = regs(e);
            // SAFETY: the frame's registers were written back before this call.
            let thisv = if this == NO_THIS { Value::UNDEFINED } else { unsafe { *r.add(this.0 as usize) } };
            let caller = e.frames.last().unwrap();
            let base = caller.base;
            let new_base = caller.top();
            let argv = e.stack.slice(base + args.0 as usize, argc.0 as usize);
            let (callee, env) = match f.as_object().function() {
                Some(crate::runtime::object::FunctionKind::Closure { code, env, .. }) => (crate::frontend::bytecode::CodeRef::new(code), *env),
                _ => unreachable!("CallDirect target is a guarded closure"),
            };
            crate::interp::push_frame_env(e, callee, env, f, thisv, Value::UNDEFINED, new_base, argv, crate::interp::FrameKind::Entry, 0)?;
            let top = e.frames.last().unwrap();
            e.jit.callee_regs = e.stack.at(top.base);
            let code_ptr = top.code.as_ptr();
            // SAFETY: Engine::codes keeps every FunctionCode for the engine's life (CodeRef).
            let callee_code: &FunctionCode = unsafe { &*code_ptr };
            let entry = if e.options.jit { super::entry_for_call(e, callee_code) } else { None };
            Ok(Value(entry.map(|x| x as usize as u64).unwrap_or(0)))
        }
        other => unreachable!("rt_push_frame on {}", other.name()),
    })
}

/// Converts a run's result for compiled code.
fn to_jit(e: &mut Engine, r: JsResult<Value>) -> u64 {
    match r {
        Ok(v) => v.0,
        Err(x) => {
            e.jit.pending_exception = x;
            THROW_MARKER
        }
    }
}

/// Runs the frame a direct call pushed, for compiled code (a panic here cannot unwind into
/// compiled code, so it aborts).
fn run_pushed_with(e: *mut Engine, run: impl FnOnce(&mut Engine) -> JsResult<Value>) -> u64 {
    // SAFETY: module invariants.
    let e = unsafe { &mut *e };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(e))) {
        Ok(r) => to_jit(e, r),
        Err(_) => std::process::abort(),
    }
}

/// The pushed frame in the interpreter (unwinding `pending` first, if any).
fn run_pushed(e: *mut Engine, pending: Option<Value>) -> u64 {
    run_pushed_with(e, |e| crate::interp::run_from(e, pending))
}

/// CallDirect, slow step: the pushed frame (fresh, or left by a deopt) runs in the interpreter.
pub unsafe extern "C" fn rt_run_pushed(e: *mut Engine) -> u64 {
    run_pushed(e, None)
}

/// A call from an inlined frame pushed a frame for a callee without compiled code: count the
/// call (as `push_frame_env` does; compiled code counts no call, see `call_inline_push_to`)
/// and run it (`interp::run_entry`: compiled first when it is hot).
pub unsafe extern "C" fn rt_run_entry(e: *mut Engine) -> u64 {
    run_pushed_with(e, |e| {
        e.frames.last().expect("the pushed frame").code.feedback.count_call();
        crate::interp::run_entry(e)
    })
}

/// CallDirect: the callee's compiled code threw; unwind in the interpreter from its frame.
pub unsafe extern "C" fn rt_unwind_pushed(e: *mut Engine) -> u64 {
    // SAFETY: module invariants.
    let x = std::mem::replace(unsafe { &mut (*e).jit.pending_exception }, Value::UNDEFINED);
    run_pushed(e, Some(x))
}

/// CallDirect: the callee's compiled code returned `v`; pop its frame.
pub unsafe extern "C" fn rt_pop_frame(e: *mut Engine, v: u64) -> u64 {
    // SAFETY: module invariants.
    let e = unsafe { &mut *e };
    crate::interp::finish_return(e, Value(v)).0
}

/// The back-edge safepoint's slow path: collect (live values were written back).
pub unsafe extern "C" fn rt_safepoint(e: *mut Engine, pc: u32) -> u64 {
    run(e, pc, |e, _code, _ins| e.safepoint().map(|_| Value::UNDEFINED))
}

/// An exit: the frame state is in the frame; count, trace, and resume in the interpreter.
pub unsafe extern "C" fn rt_deopt(e: *mut Engine, site_word: u64, value: u64) -> u64 {
    // SAFETY: module invariants; `site_word` is the address of an ExitSite owned by the
    // engine (boxed, so at least 8-aligned), plus 1 when --stress-deopt-every forced the exit.
    let e = unsafe { &mut *e };
    let stress = site_word & 1 != 0;
    let site = unsafe { &*((site_word & !1) as *const ExitSite) };
    let v = if site.has_value { Some(Value(value)) } else { None };
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| crate::deopt::on_exit(e, site, v, stress)));
    if r.is_err() {
        std::process::abort();
    }
    DEOPT_MARKER
}

/// StoreElem { grow }: fills a hole or appends (`ops::store_elem_fast`); 0 = the store needs
/// the generic path (the site exits). A leaf: no JS, no GC allocation (growth only requests a
/// collection at the next safepoint), no throw.
pub extern "C" fn rt_store_elem_grow(e: &mut Engine, o: u64, i: i32, v: u64) -> u8 {
    ops::store_elem_fast(&mut e.heap, Value(o), i, Value(v)) as u8
}
pub extern "C" fn rt_truthy(v: u64) -> u8 {
    Value(v).truthy() as u8
}
pub extern "C" fn rt_fmod(a: f64, b: f64) -> f64 {
    ops::js_mod(a, b)
}
pub extern "C" fn rt_pow(a: f64, b: f64) -> f64 {
    ops::js_pow(a, b)
}
pub extern "C" fn rt_to_int32(x: f64) -> i32 {
    crate::runtime::conv::to_int32(x)
}

#[allow(dead_code)]
fn _key(_: PropKey) {}

/// A call in an inlined frame threw: build the inlined frames (their registers were written
/// back before the call; `site` is the call's frame state) so that the interpreter unwinds
/// through them, from the call.
pub unsafe extern "C" fn rt_materialize(e: *mut Engine, site: u64) {
    // SAFETY: module invariants; `site` points at an ExitSite owned by the engine.
    let e = unsafe { &mut *e };
    let site = unsafe { &*(site as *const ExitSite) };
    crate::deopt::materialize(e, site);
    if let Some(f) = e.frames.last_mut() {
        f.pc = site.pc as usize;
    }
}
