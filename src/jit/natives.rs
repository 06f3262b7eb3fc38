//! `$tierjs` (with `--allow-natives`): deterministic JIT tests in the style of V8's mjsunit
//! natives (`%PrepareFunctionForOptimization`, `%OptimizeFunctionOnNextCall`, …), as an object
//! because standard parsers cannot read `%` calls.
//!
//! `$tierjs.jitEnabled` is false under `--jit=off`, so one test file can assert tier facts
//! only where a tier exists and still print the same output in every mode.

use crate::frontend::bytecode::FunctionCode;
use crate::runtime::object::{Args, FunctionKind, JsResult};
use crate::runtime::value::Value;
use crate::runtime::Engine;
use std::rc::Rc;

pub fn install(e: &mut Engine) {
    let o = e.new_object();
    e.define_native(o, "prepareForOptimization", 1, prepare_for_optimization);
    e.define_native(o, "optimizeOnNextCall", 1, optimize_on_next_call);
    e.define_native(o, "neverOptimize", 1, never_optimize);
    e.define_native(o, "isOptimized", 1, is_optimized);
    e.define_native(o, "deoptimizeNow", 0, deoptimize_now);
    e.define_native(o, "deoptCount", 1, deopt_count);
    e.define_native(o, "tier", 1, tier);
    e.define_native(o, "osrEntries", 1, osr_entries);
    e.define_native(o, "versions", 1, versions);
    e.define_native(o, "inlinedCalls", 1, inlined_calls);
    let on = Value::bool(e.options.jit);
    crate::runtime::builtins::define_value(e, o, "jitEnabled", on);
    let stress = Value::bool(e.options.stress_deopt_every > 0);
    crate::runtime::builtins::define_value(e, o, "stressDeopt", stress);
    // Tier facts are reproducible only with default tiering: not under --jit=off, forced deopts
    // or eager thresholds (where functions compile before they have feedback).
    let det = Value::bool(e.options.jit && e.options.stress_deopt_every == 0 && e.options.jit_threshold > 1 && e.options.osr_threshold > 1 && e.options.inlining);
    crate::runtime::builtins::define_value(e, o, "deterministic", det);
    let g = e.realm.global;
    crate::runtime::builtins::define_value(e, g, "$tierjs", o);
}

fn code_of(e: &mut Engine, a: &Args) -> JsResult<Rc<FunctionCode>> {
    let f = a.args.first().copied().unwrap_or(Value::UNDEFINED);
    if f.is_object() {
        if let Some(FunctionKind::Closure { code, .. }) = f.as_object().function() {
            return Ok(code.clone());
        }
    }
    let d = e.describe(f);
    Err(e.type_error(&format!("$tierjs: {} is not a JavaScript function", d)))
}

/// Feedback is always collected here; this only checks the argument (as V8 requires the call).
fn prepare_for_optimization(e: &mut Engine, a: &Args) -> JsResult<Value> {
    code_of(e, a)?;
    Ok(Value::UNDEFINED)
}

fn optimize_on_next_call(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let c = code_of(e, a)?;
    // The current code (if any) is replaced: the next call compiles from today's feedback.
    c.feedback.jit.clear_entries();
    c.feedback.jit.optimize_next.set(true);
    Ok(Value::UNDEFINED)
}

fn never_optimize(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let c = code_of(e, a)?;
    c.feedback.jit.never.set(true);
    c.feedback.jit.clear_entries();
    Ok(Value::UNDEFINED)
}

fn is_optimized(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let c = code_of(e, a)?;
    Ok(Value::bool(c.feedback.jit.entry(0).is_some()))
}

/// Asks the compiled frame that called this to continue in the interpreter after the call.
fn deoptimize_now(e: &mut Engine, _a: &Args) -> JsResult<Value> {
    // Only a call made directly by compiled code (natives push no frame: its frame is on top).
    if e.jit.jit_caller_depth == e.frames.len() {
        e.jit.deopt_requested = true;
    }
    Ok(Value::UNDEFINED)
}

fn deopt_count(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let c = code_of(e, a)?;
    Ok(Value::int(c.feedback.jit.total_deopts.get() as i32))
}

fn tier(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let c = code_of(e, a)?;
    let t = if c.feedback.jit.entry(0).is_some() { "jit" } else { "interp" };
    Ok(e.intern_value(t))
}

fn osr_entries(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let c = code_of(e, a)?;
    Ok(Value::int(c.feedback.jit.osr_entries.get() as i32))
}

fn versions(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let c = code_of(e, a)?;
    Ok(Value::int(c.feedback.jit.versions.get() as i32))
}

/// Calls inlined into the function's latest compiled version (0 when it has none).
fn inlined_calls(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let c = code_of(e, a)?;
    let n = if c.feedback.jit.is_optimized() { c.feedback.jit.inlined.get() } else { 0 };
    Ok(Value::int(n as i32))
}
