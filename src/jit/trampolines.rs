//! Slow-path helper calls that clobber no register.
//!
//! A call to a Rust helper (System V / AAPCS64) clobbers every caller-saved register, and on
//! x86-64 that is every vector register. A loop whose GC poll or element-store slow path is
//! such a call therefore keeps its doubles in stack slots, and most of its integers too: the
//! register allocator must assume the call happens every iteration. Compiled code instead calls
//! these trampolines, compiled once per engine with Cranelift's `preserve_all` convention: the
//! trampoline saves whatever it and the helper touch, calls the helper, and leaves the helper's
//! result in `JitEngine::tramp_result` (the convention has no return values). The hot path then
//! keeps its values in registers across the slow path. The helper's arguments travel in
//! `JitEngine::tramp_args` rather than in argument registers: a call whose only operand is the
//! engine pointer constrains the register allocator least. Invariant: no helper behind a
//! trampoline runs JS or compiled code (GC poll, truthiness, element append), so the one
//! argument/result area is never in use by two calls at once.

use super::helpers;
use cranelift_codegen::ir::{types, AbiParam, InstBuilder, MemFlagsData, Signature};
use cranelift_codegen::isa::CallConv;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::JITModule;
use cranelift_module::Module;

/// A helper behind a trampoline: its address, parameters (after the engine pointer the
/// trampoline always takes) and whether the helper itself takes the engine first.
struct Spec {
    /// The helper's name, for the trampoline's symbol.
    name: &'static str,
    addr: usize,
    params: &'static [types::Type],
    ret: types::Type,
    takes_engine: bool,
}

/// Entry addresses of the trampolines (each takes the engine pointer; the helper's own
/// arguments are in `JitEngine::tramp_args`, 8 bytes each, and its result is left in
/// `JitEngine::tramp_result`, zero-extended to 64 bits).
#[derive(Clone, Copy, Debug, Default)]
pub struct Trampolines {
    /// `rt_safepoint(engine, pc: i32)`.
    pub safepoint: usize,
    /// `rt_truthy(value)`.
    pub truthy: usize,
    /// `rt_store_elem_grow(engine, obj, index: i32, value)`.
    pub store_elem_grow: usize,
}

/// A trampoline's signature: the engine pointer only.
pub fn signature() -> Signature {
    let mut sig = Signature::new(CallConv::PreserveAll);
    sig.params.push(AbiParam::new(types::I64));
    sig
}

/// The most arguments a trampolined helper takes besides the engine.
pub const MAX_ARGS: usize = 3;

/// Compiles the trampolines into `module` (finalized before returning). `args_offset` and
/// `result_offset` locate `tramp_args` and `tramp_result` in the engine.
pub fn define(module: &mut JITModule, args_offset: i32, result_offset: i32) -> Result<Trampolines, String> {
    let specs = [
        Spec { name: "rt_safepoint", addr: helpers::rt_safepoint as *const () as usize, params: &[types::I32], ret: types::I64, takes_engine: true },
        Spec { name: "rt_truthy", addr: helpers::rt_truthy as *const () as usize, params: &[types::I64], ret: types::I8, takes_engine: false },
        Spec { name: "rt_store_elem_grow", addr: helpers::rt_store_elem_grow as *const () as usize, params: &[types::I64, types::I32, types::I64], ret: types::I8, takes_engine: true },
    ];
    let host = module.target_config().default_call_conv;
    let frontend = module.target_config();
    let mut ids = Vec::new();
    for s in &specs {
        let sig = signature();
        // Named for `perf report` (see `jit::compile`).
        let id = module.declare_function(&format!("tierjs:trampoline {}", s.name), cranelift_module::Linkage::Local, &sig).map_err(|e| e.to_string())?;
        let mut ctx = module.make_context();
        ctx.func.signature = sig;
        let mut fctx = FunctionBuilderContext::new();
        {
            let mut b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
            let entry = b.create_block();
            b.append_block_params_for_function_params(entry);
            b.switch_to_block(entry);
            let engine = b.block_params(entry)[0];
            let mut args = vec![engine];
            for (k, &p) in s.params.iter().enumerate() {
                let a = b.ins().load(p, MemFlagsData::trusted(), engine, args_offset + 8 * k as i32);
                args.push(a);
            }
            let mut hsig = Signature::new(host);
            let call_args: Vec<_> = if s.takes_engine { args.clone() } else { args[1..].to_vec() };
            if s.takes_engine {
                hsig.params.push(AbiParam::new(types::I64));
            }
            for &p in s.params {
                hsig.params.push(AbiParam::new(p));
            }
            hsig.returns.push(AbiParam::new(s.ret));
            let sref = b.import_signature(hsig);
            let callee = b.ins().iconst(types::I64, s.addr as i64);
            let call = b.ins().call_indirect(sref, callee, &call_args);
            let r = b.inst_results(call)[0];
            let r64 = if s.ret == types::I64 { r } else { b.ins().uextend(types::I64, r) };
            b.ins().store(MemFlagsData::trusted(), r64, engine, result_offset);
            b.ins().return_(&[]);
            b.seal_all_blocks();
            b.finalize(frontend);
        }
        module.define_function(id, &mut ctx).map_err(|e| format!("{:?}", e))?;
        module.clear_context(&mut ctx);
        ids.push(id);
    }
    module.finalize_definitions().map_err(|e| e.to_string())?;
    let addr = |i: usize| module.get_finalized_function(ids[i]) as usize;
    Ok(Trampolines { safepoint: addr(0), truthy: addr(1), store_elem_grow: addr(2) })
}
