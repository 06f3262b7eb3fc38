//! IR → CLIF (through `cranelift-frontend`).
//!
//! The compiled function is `extern "C" fn(engine, regs) -> u64`: `regs` points at the frame's
//! r0 in the VM register stack. It returns the function's result (a boxed value), or one of
//! two markers that no JS value uses: `DEOPT` (the interpreter continues this frame at the pc an
//! exit stored) and `THROW` (the exception waits in `Engine::jit.pending_exception`, the frame's
//! pc names the throwing instruction).
//!
//! Boxed values are i64, int32 i32, doubles f64, booleans i8. Helpers are called by absolute
//! address (`call_indirect`), so nothing needs symbol resolution.

use super::helpers;
use super::ir::{self, Cc, FOp, FUn, Helper, IOp, Inst, Term, Ty, B, V};
use crate::deopt::ExitSite;
use crate::runtime::value::{Value as JsValue, TAG_INT, TAG_OBJ};
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{types, AbiParam, AliasRegionData, InstBuilder, MemFlagsData, Signature, TrapCode, Value};
use cranelift_codegen::isa::CallConv;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use rustc_hash::FxHashMap as HashMap;

pub const DEOPT_MARKER: u64 = JsValue::UNDEFINED.0 | 0x100;
pub const THROW_MARKER: u64 = JsValue::UNDEFINED.0 | 0x101;
const CANONICAL_NAN: u64 = 0x7FF8_0000_0000_0000;

/// Where compiled code finds object fields (probed at startup: see `Layout::probe`).
#[derive(Clone, Copy, Debug, Default)]
pub struct Layout {
    /// From a Value's payload (the GcBox address) to each JsObject field.
    pub shape: i32,
    pub slots_ptr: i32,
    pub elems_ptr: i32,
    pub elems_len: i32,
    pub flags: i32,
    pub array_len: i32,
    /// Engine::frames (the Vec's pointer and length words), the size of a Frame and the
    /// offset of its context; Context's parent and slots pointer (from the GcBox address).
    pub frames_ptr: i32,
    pub frames_len: i32,
    pub frame_size: i32,
    pub frame_ctx: i32,
    pub ctx_parent: i32,
    pub ctx_slots_ptr: i32,
    /// Inline frame push/pop for direct calls (None when the probe cannot vouch for it).
    pub frames: Option<FrameLayout>,
    /// Inline appends and hole fills: the elements' capacity word, the sparse map's pointer
    /// word (0 = none) and, from a shape's GcBox address, its prototype (None: helper only).
    pub grow: Option<GrowLayout>,
}

#[derive(Clone, Copy, Debug)]
pub struct GrowLayout {
    pub elems_cap: i32,
    pub sparse: i32,
    pub shape_proto: i32,
}


/// What an inline call needs to push and pop an interpreter `Frame` (see `Lower::call_inline`).
#[derive(Clone, Copy, Debug)]
pub struct FrameLayout {
    /// Engine::stack.cap.
    pub stack_cap: i32,
    /// Frame fields.
    pub code: i32,
    pub callee: i32,
    pub this: i32,
    pub new_target: i32,
    pub base: i32,
    pub args_base: i32,
    pub argc: i32,
    pub pc: i32,
    pub ret_dst: i32,
    pub inline_site: i32,
    pub kind: i32,
    /// The byte `FrameKind::Entry` is stored as.
    pub kind_entry: u8,
}

impl Layout {
    /// Offsets of the JsObject fields compiled code reads. `Vec`'s field order is not part of
    /// Rust's ABI, so the pointer and length words of a `Vec<Value>` are found by looking at a
    /// vector with known contents; if that fails, inline property and element access is off.
    pub fn probe(frames: &Vec<crate::interp::Frame>) -> Option<Layout> {
        use crate::runtime::heap::GcBox;
        use crate::runtime::object::JsObject;
        use std::mem::{offset_of, size_of};
        if size_of::<Vec<JsValue>>() != 3 * size_of::<usize>() {
            return None;
        }
        let mut v: Vec<JsValue> = Vec::with_capacity(7);
        v.push(JsValue::UNDEFINED);
        v.push(JsValue::UNDEFINED);
        v.push(JsValue::UNDEFINED);
        // SAFETY: Vec<Value> is three words (checked above); reading them as integers is sound.
        let words: [usize; 3] = unsafe { std::mem::transmute_copy(&v) };
        let ptr_word = words.iter().position(|&w| w == v.as_ptr() as usize)?;
        let len_word = words.iter().position(|&w| w == 3)?;
        if words.iter().filter(|&&w| w == 7).count() != 1 {
            return None;
        }
        // The frames vector, probed on the engine's own (non-empty) vector.
        if frames.is_empty() || frames.len() == frames.capacity() || size_of::<Vec<crate::interp::Frame>>() != 3 * size_of::<usize>() {
            return None;
        }
        // SAFETY: a Vec is three words (checked); reading them as integers is sound.
        let fw: [usize; 3] = unsafe { std::mem::transmute_copy(frames) };
        let fptr = fw.iter().position(|&w| w == frames.as_ptr() as usize)?;
        let flen = fw.iter().position(|&w| w == frames.len())?;
        let engine_frames = offset_of!(crate::runtime::Engine, frames);
        let cbase = offset_of!(GcBox<crate::runtime::object::Context>, value);
        let base = offset_of!(GcBox<JsObject>, value);
        let slots = base + offset_of!(JsObject, slots);
        let elems = base + offset_of!(JsObject, elements);
        let frame_layout = Self::probe_frames(frames, 3 - fptr - flen);
        let sparse_none: Option<Box<std::collections::BTreeMap<u32, crate::runtime::object::SparseElem>>> = None;
        let grow = if size_of::<Option<Box<std::collections::BTreeMap<u32, crate::runtime::object::SparseElem>>>>() == 8
            // SAFETY: checked to be one word.
            && unsafe { std::mem::transmute_copy::<_, usize>(&sparse_none) } == 0
        {
            let cap_word = words.iter().position(|&w| w == 7)?;
            Some(GrowLayout {
                elems_cap: (elems + cap_word * 8) as i32,
                sparse: (base + offset_of!(JsObject, sparse)) as i32,
                shape_proto: (offset_of!(GcBox<crate::runtime::shape::Shape>, value) + offset_of!(crate::runtime::shape::Shape, proto)) as i32,
            })
        } else {
            None
        };
        Some(Layout {
            frames: frame_layout,
            grow,
            shape: (base + offset_of!(JsObject, shape)) as i32,
            slots_ptr: (slots + ptr_word * 8) as i32,
            elems_ptr: (elems + ptr_word * 8) as i32,
            elems_len: (elems + len_word * 8) as i32,
            flags: (base + offset_of!(JsObject, flags)) as i32,
            array_len: (base + offset_of!(JsObject, array_len)) as i32,
            frames_ptr: (engine_frames + fptr * 8) as i32,
            frames_len: (engine_frames + flen * 8) as i32,
            frame_size: size_of::<crate::interp::Frame>() as i32,
            frame_ctx: offset_of!(crate::interp::Frame, ctx) as i32,
            ctx_parent: (cbase + offset_of!(crate::runtime::object::Context, parent)) as i32,
            ctx_slots_ptr: (cbase + offset_of!(crate::runtime::object::Context, slots) + ptr_word * 8) as i32,
        })
    }

    /// The frame layout for inline calls, given the frames vector's capacity word. A `Frame`'s
    /// code is an `Rc` (one pointer word; compiled code bumps its strong count, which std keeps
    /// at a fixed offset from that pointer — found here by watching a clone change it), its
    /// context an `Option<Gc>` (one word, 0 = None), its kind one byte.
    fn probe_frames(frames: &Vec<crate::interp::Frame>, cap_word: usize) -> Option<FrameLayout> {
        use crate::interp::{Frame, FrameKind};
        use crate::runtime::heap::Gc;
        use crate::runtime::object::Context;
        use std::mem::{offset_of, size_of};
        if size_of::<usize>() != 8 || size_of::<crate::frontend::bytecode::CodeRef>() != 8 || size_of::<Option<Gc<Context>>>() != 8 || size_of::<FrameKind>() != 1 {
            return None;
        }
        // SAFETY: a Vec is three words; reading them as integers is sound.
        let fw: [usize; 3] = unsafe { std::mem::transmute_copy(frames) };
        if fw[cap_word] != frames.capacity() || frames.capacity() <= crate::interp::MAX_FRAMES + 2 {
            return None;
        }
        let none: Option<Gc<Context>> = None;
        // SAFETY: checked to be one word above.
        if unsafe { std::mem::transmute_copy::<Option<Gc<Context>>, usize>(&none) } != 0 {
            return None;
        }
        // SAFETY: FrameKind is one byte (checked above).
        let kind_entry: u8 = unsafe { std::mem::transmute_copy(&FrameKind::Entry) };
        let code = frames.first()?.code;
        // SAFETY: a CodeRef is one pointer word (checked above).
        if unsafe { std::mem::transmute_copy::<crate::frontend::bytecode::CodeRef, usize>(&code) } != code.addr() {
            return None;
        }
        let engine_stack = offset_of!(crate::runtime::Engine, stack);
        Some(FrameLayout {
            stack_cap: (engine_stack + offset_of!(crate::interp::RegisterStack, cap)) as i32,
            code: offset_of!(Frame, code) as i32,
            callee: offset_of!(Frame, callee) as i32,
            this: offset_of!(Frame, this) as i32,
            new_target: offset_of!(Frame, new_target) as i32,
            base: offset_of!(Frame, base) as i32,
            args_base: offset_of!(Frame, args_base) as i32,
            argc: offset_of!(Frame, argc) as i32,
            pc: offset_of!(Frame, pc) as i32,
            ret_dst: offset_of!(Frame, ret_dst) as i32,
            inline_site: offset_of!(Frame, inline_site) as i32,
            kind: offset_of!(Frame, kind) as i32,
            kind_entry,
        })
    }
}

/// A direct call's target, known when compiling (its identity is guarded).
#[derive(Clone, Copy, Debug)]
pub struct DirectCallee {
    /// The closure (stored as the frame's callee).
    pub callee: JsValue,
    /// Its code (`CodeRef::addr`), and the pointer word of its context (0 = none).
    pub code_word: usize,
    pub env_word: usize,
    pub nparams: u32,
    pub nregs: u32,
    /// Its function-entry code cell.
    pub entry_addr: usize,
}

pub struct LowerInput<'a> {
    pub f: &'a ir::Function,
    pub layout: Layout,
    /// One site per IR exit (same index), owned by the engine.
    pub sites: &'a [*const ExitSite],
    pub call_conv: CallConv,
    pub gc_flag_offset: i32,
    pub callee_regs_offset: i32,
    /// Context slots are accessed inline (layout probed).
    pub inline_ctx: bool,
    /// The context every closure of the function was made over, while there is one
    /// (`jit::note_closure`): the frame's context is then this constant.
    pub entry_env: Option<usize>,
    /// The function's bytecode (operands of helper sites lowered inline).
    pub instrs: &'a [crate::frontend::bytecode::Instr],
    pub stress_offset: Option<(i32, u32)>,
    pub gc_stress: bool,
    /// The compiled function's register count (a callee's frame starts above them).
    pub nregs: u32,
    /// Direct-call targets by frame (0, or an inlined frame) and bytecode pc.
    pub direct: &'a [((u32, u32), DirectCallee)],
    /// The code of each inlined frame (frame k is `inlined[k - 1]`).
    pub inlined: &'a [InlinedCode<'a>],
    /// The realm's Array.prototype and Object.prototype (inline element appends).
    pub protos: (JsValue, JsValue),
    /// The function is sloppy and not an arrow: LoadThis coerces a non-object `this`.
    pub coerce_this: bool,
    /// Register-preserving slow-path calls, and where they leave results.
    pub trampolines: Option<super::trampolines::Trampolines>,
    pub tramp_result_offset: i32,
    pub tramp_args_offset: i32,
}

/// What lowering needs of an inlined frame's function.
pub struct InlinedCode<'a> {
    pub instrs: &'a [crate::frontend::bytecode::Instr],
    /// Its closure's context (pointer word, 0 = none): fixed, the callee being guarded.
    pub env_word: usize,
}

impl LowerInput<'_> {
    /// Instruction `pc` of frame `frame`'s code.
    fn frame_instr(&self, frame: u32, pc: u32) -> crate::frontend::bytecode::Instr {
        if frame == 0 { self.instrs[pc as usize] } else { self.inlined[frame as usize - 1].instrs[pc as usize] }
    }
    /// The direct-call target of the Call at `pc` of frame `frame`, if it is pushed inline.
    fn direct_at(&self, frame: u32, pc: u32) -> Option<DirectCallee> {
        self.direct.iter().find(|(p, _)| *p == (frame, pc)).map(|(_, d)| *d)
    }
    /// Frame `frame`'s r0, in registers from the compiled frame's r0.
    fn frame_offset(&self, frame: u32) -> u32 {
        if frame == 0 { 0 } else { self.f.inlines[frame as usize - 1].offset }
    }
    /// The compiled function's Call that (through its inlined callees) frame `frame` runs in.
    fn outer_call_pc(&self, mut frame: u32, pc: u32) -> u32 {
        let mut at = pc;
        while frame != 0 {
            let i = &self.f.inlines[frame as usize - 1];
            at = i.call_pc;
            frame = i.parent;
        }
        at
    }
}

fn clif_ty(t: Ty) -> types::Type {
    match t {
        Ty::Boxed => types::I64,
        Ty::I32 => types::I32,
        Ty::F64 => types::F64,
        Ty::Bool => types::I8,
        Ty::Word => types::I64,
        Ty::None => types::I8,
    }
}

/// Exits with the same frame, pc and written values share one exit block (pc `u32::MAX`: an
/// inlined frame's shared tail block, see `exit_tail_block`; `u32::MAX - 1`: its throw path's,
/// `throw_tail_block`).
type ExitKey = (u32, u32, Vec<(u32, V)>);

struct Lower<'a, 'b> {
    inp: &'a LowerInput<'a>,
    b: FunctionBuilder<'b>,
    vals: HashMap<V, Value>,
    blocks: HashMap<B, cranelift_codegen::ir::Block>,
    exit_blocks: HashMap<ExitKey, cranelift_codegen::ir::Block>,
    engine: Value,
    regs: Value,
    throw_block: Option<cranelift_codegen::ir::Block>,
    /// While a direct call is lowered: its throw path (writes the rest of its frame state and
    /// builds any inlined frames, then leaves like `throw_block`).
    inlined_throw: Option<cranelift_codegen::ir::Block>,
    /// A call from an inlined frame just pushed: where it goes when the callee has no
    /// compiled code.
    uncompiled_callee: Option<cranelift_codegen::ir::Block>,
    /// Values a `GuardValue` checked against a constant, and the IR block of the guard; the
    /// dominator tree; the IR block being lowered.
    guarded_const: HashMap<V, B>,
    /// See `lower`'s result.
    gc_slots: HashMap<u32, Vec<u32>>,
    dom: Option<super::loops::Dominators>,
    cur_ir_block: B,
    /// The frame's context, read once at entry when no instruction of the function replaces
    /// it (no block scope with captured bindings): context slot accesses start from it.
    entry_ctx: Option<Value>,
    /// Memory flags of object header fields (shape, flags, slot and element buffer addresses,
    /// lengths) and shape fields: Cranelift's alias analysis may reuse such a load across
    /// stores of the `heap` region — slot and element values, which live in separate buffers.
    /// Every other store (frame write-backs, the header updates of an append) has no region
    /// and orders everything, as calls do.
    hdr: MemFlagsData,
    /// Slot and element values.
    heap: MemFlagsData,
    /// See `deopt_tail`.
    deopt_tail: Option<cranelift_codegen::ir::Block>,
    /// Read once at entry (see `OwnFrame`).
    own_frame: Option<OwnFrame>,
}

/// The compiled function's own interpreter frame, read once at entry. While the code runs, the
/// frame stays where it is (`Engine::frames` never reallocates: the layout probe checks its
/// capacity, and pushes stop at MAX_FRAMES) and it is the top frame whenever the code runs: a
/// callee's frame is popped before the call returns to it, whether it returned, finished in
/// the interpreter or threw. So a call's frame push needs no loads of the frame vector.
#[derive(Clone, Copy)]
struct OwnFrame {
    /// The `Frame`'s address, and the frame count with it on top.
    addr: Value,
    len: Value,
    /// Where frames this code pushes start their registers: above the function's own and its
    /// inlined frames' window.
    callee_base: Value,
}

/// Lowers the function; returns, per exit whose frame state a call inside an inlined frame
/// writes back, the inlined frames' registers that write-back holds for the collector
/// (`ExitSite::gc_slots`).
pub fn lower(inp: &LowerInput, func: &mut cranelift_codegen::ir::Function, fctx: &mut FunctionBuilderContext, frontend: cranelift_codegen::isa::TargetFrontendConfig) -> HashMap<u32, Vec<u32>> {
    let b = FunctionBuilder::new(func, fctx);
    let mut l = Lower { inp, b, vals: HashMap::default(), blocks: HashMap::default(), exit_blocks: HashMap::default(), engine: Value::from_u32(0), regs: Value::from_u32(0), throw_block: None, inlined_throw: None, uncompiled_callee: None, guarded_const: HashMap::default(), dom: None, cur_ir_block: B(0), entry_ctx: None, hdr: MemFlagsData::trusted(), heap: MemFlagsData::trusted(), deopt_tail: None, gc_slots: HashMap::default(), own_frame: None };
    let hdr_region = l.b.func.dfg.alias_regions.insert(AliasRegionData { user_id: 1, description: "object headers".into() });
    let heap_region = l.b.func.dfg.alias_regions.insert(AliasRegionData { user_id: 2, description: "slot and element values".into() });
    l.hdr = MemFlagsData::trusted().with_alias_region(Some(hdr_region));
    l.heap = MemFlagsData::trusted().with_alias_region(Some(heap_region));
    let f = inp.f;
    let reachable = super::opt::reachable(f);
    for (bi, blk) in f.blocks.iter().enumerate() {
        if !reachable[bi] {
            continue;
        }
        let cb = l.b.create_block();
        for &p in &blk.params {
            let v = l.b.append_block_param(cb, clif_ty(f.ty(p)));
            l.vals.insert(p, v);
        }
        l.blocks.insert(B(bi as u32), cb);
    }
    let entry = l.blocks[&B(0)];
    l.b.append_block_params_for_function_params(entry);
    l.engine = l.b.block_params(entry)[0];
    l.regs = l.b.block_params(entry)[1];
    // Reverse postorder: a block's dominators (which define what it uses) come first.
    l.dom = Some(super::loops::Dominators::compute(f));
    for b in l.dom.as_ref().unwrap().rpo.clone() {
        let bi = b.0 as usize;
        l.cur_ir_block = b;
        let blk = &f.blocks[bi];
        let cb = l.blocks[&b];
        l.b.switch_to_block(cb);
        if bi == 0 {
            if let Some(fl) = inp.layout.frames {
                let (addr, len) = l.read_top_frame();
                let base = l.b.ins().load(types::I64, MemFlagsData::trusted(), addr, fl.base);
                let callee_base = l.b.ins().iadd_imm_s(base, (inp.nregs + f.window) as i64);
                l.own_frame = Some(OwnFrame { addr, len, callee_base });
            }
        }
        if bi == 0 && inp.inline_ctx && inp.layout.frames.is_some() {
            use crate::frontend::bytecode::Instr;
            let fixed = !inp.instrs.iter().any(|i| matches!(i, Instr::PushContext { .. } | Instr::PopContext {} | Instr::CloneContext {} | Instr::RestoreContext { .. }));
            let uses = inp.instrs.iter().any(|i| matches!(i, Instr::LoadCtx { .. } | Instr::StoreCtx { .. }));
            if fixed && uses {
                l.entry_ctx = Some(match inp.entry_env {
                    Some(w) => l.iconst64(w as u64),
                    None => {
                        let frame = l.top_frame();
                        l.b.ins().load(types::I64, MemFlagsData::trusted(), frame, inp.layout.frame_ctx)
                    }
                });
            }
        }
        let mut dead = false;
        for &i in &blk.insts {
            if dead {
                break;
            }
            dead = l.inst(i);
        }
        if dead {
            // The block already ended with a jump to an exit or the throw path.
            continue;
        }
        l.term(&blk.term);
    }
    l.b.seal_all_blocks();
    l.b.finalize(frontend);
    l.gc_slots
}

impl<'a, 'b> Lower<'a, 'b> {
    fn v(&self, v: V) -> Value {
        *self.vals.get(&v).unwrap_or_else(|| panic!("IR value v{} used before definition", v.0))
    }
    fn iconst64(&mut self, x: u64) -> Value {
        self.b.ins().iconst(types::I64, x as i64)
    }

    fn box_value(&mut self, v: V) -> Value {
        let x = self.v(v);
        match self.inp.f.ty(v) {
            Ty::Boxed => x,
            Ty::I32 => self.box_i32(x),
            Ty::F64 => self.box_f64(x),
            Ty::Bool => self.box_bool(x),
            Ty::None | Ty::Word => unreachable!("not a JS value"),
        }
    }
    fn box_i32(&mut self, x: Value) -> Value {
        let w = self.b.ins().uextend(types::I64, x);
        let tag = self.iconst64(TAG_INT);
        self.b.ins().bor(w, tag)
    }
    fn box_bool(&mut self, x: Value) -> Value {
        let t = self.iconst64(JsValue::TRUE.0);
        let f = self.iconst64(JsValue::FALSE.0);
        self.b.ins().select(x, t, f)
    }
    /// Value::number: integral doubles (not -0) become int32s, NaN is canonical. A fraction
    /// (what double arithmetic mostly yields) is told apart by one rounding and compare; only
    /// integral values pay for the conversion to int32 and back.
    fn box_f64(&mut self, x: Value) -> Value {
        let bits = self.b.ins().bitcast(types::I64, MemFlagsData::new(), x);
        let isnan = self.b.ins().fcmp(FloatCC::Unordered, x, x);
        let canon = self.iconst64(CANONICAL_NAN);
        let dbl = self.b.ins().select(isnan, canon, bits);
        let t = self.b.ins().trunc(x);
        let integral = self.b.ins().fcmp(FloatCC::Equal, t, x);
        let int_blk = self.b.create_block();
        let join = self.b.create_block();
        let out = self.b.append_block_param(join, types::I64);
        self.b.ins().brif(integral, int_blk, &[], join, &[dbl.into()]);
        self.b.switch_to_block(int_blk);
        // Integral (so not NaN): an int32 unless out of range or -0.
        let i = self.b.ins().fcvt_to_sint_sat(types::I32, x);
        let back = self.b.ins().fcvt_from_sint(types::F64, i);
        let exact = self.b.ins().fcmp(FloatCC::Equal, back, x);
        let negzero = self.b.ins().icmp_imm_s(IntCC::Equal, bits, 0x8000_0000_0000_0000u64 as i64);
        let notneg = self.b.ins().bxor_imm_s(negzero, 1);
        let isint = self.b.ins().band(exact, notneg);
        let ib = self.box_i32(i);
        let r = self.b.ins().select(isint, ib, bits);
        self.b.ins().jump(join, &[r.into()]);
        self.b.switch_to_block(join);
        out
    }

    fn helper_sig(&mut self, params: &[types::Type], ret: Option<types::Type>) -> cranelift_codegen::ir::SigRef {
        let mut sig = Signature::new(self.inp.call_conv);
        for &p in params {
            sig.params.push(AbiParam::new(p));
        }
        if let Some(r) = ret {
            sig.returns.push(AbiParam::new(r));
        }
        self.b.import_signature(sig)
    }
    fn call_addr(&mut self, addr: usize, params: &[types::Type], ret: Option<types::Type>, args: &[Value]) -> Option<Value> {
        let sig = self.helper_sig(params, ret);
        let callee = self.iconst64(addr as u64);
        let c = self.b.ins().call_indirect(sig, callee, args);
        self.b.inst_results(c).first().copied()
    }

    /// A slow-path helper call through its register-preserving trampoline when there is one
    /// (`pick` chooses it), else a plain call. `takes_engine`: the helper's first parameter is
    /// the engine (the trampoline always takes it first).
    fn slow_call(&mut self, pick: fn(&super::trampolines::Trampolines) -> usize, helper: usize, takes_engine: bool, params: &[types::Type], ret: types::Type, args: &[Value]) -> Value {
        match self.inp.trampolines {
            Some(t) => {
                let sig = self.b.import_signature(super::trampolines::signature());
                for (k, &a) in args.iter().enumerate() {
                    self.b.ins().store(MemFlagsData::trusted(), a, self.engine, self.inp.tramp_args_offset + 8 * k as i32);
                }
                let callee = self.iconst64(pick(&t) as u64);
                self.b.ins().call_indirect(sig, callee, &[self.engine]);
                let r = self.b.ins().load(types::I64, MemFlagsData::trusted(), self.engine, self.inp.tramp_result_offset);
                if ret == types::I64 { r } else { self.b.ins().ireduce(ret, r) }
            }
            None => {
                let mut ps = Vec::new();
                let mut all = Vec::new();
                if takes_engine {
                    ps.push(types::I64);
                    all.push(self.engine);
                }
                ps.extend_from_slice(params);
                all.extend_from_slice(args);
                self.call_addr(helper, &ps, Some(ret), &all).unwrap()
            }
        }
    }

    fn call_indirect_value(&mut self, callee: Value, params: &[types::Type], ret: types::Type, args: &[Value]) -> Value {
        let sig = self.helper_sig(params, Some(ret));
        let c = self.b.ins().call_indirect(sig, callee, args);
        self.b.inst_results(c)[0]
    }

    /// Stores the frame state's values into their frame slots (boxing unboxed ones). Frame
    /// states list only registers whose slot may be stale (see build.rs).
    fn write_back(&mut self, exit: ir::ExitId) {
        self.write_back_state(exit, |_, _, _| true);
    }

    /// Writes back the values of the frame state that `which` (given the slot and value)
    /// selects.
    fn write_back_state(&mut self, exit: ir::ExitId, which: impl FnMut(&Self, u32, V) -> bool) {
        let f = self.inp.f;
        self.write_back_part(&f.exits[exit.0 as usize].state.regs, which);
    }

    /// Writes back (boxed) the entries of `regs` that `which` selects.
    fn write_back_part(&mut self, regs: &[(u32, V)], mut which: impl FnMut(&Self, u32, V) -> bool) {
        for &(r, v) in regs {
            if !which(self, r, v) {
                continue;
            }
            let bx = self.box_value(v);
            self.b.ins().store(MemFlagsData::trusted(), bx, self.regs, (r as i32) * 8);
        }
    }

    /// Whether the collector needs to see `v` in the frame during a call: a boxed value that
    /// may be a heap reference the code does not otherwise keep alive (not a number, not a
    /// constant, not a value guarded equal to a constant by a dominating guard).
    fn gc_visible(&self, v: V) -> bool {
        let f = self.inp.f;
        if f.ty(v) != Ty::Boxed || matches!(f.inst(v), Inst::Const(_) | Inst::BoxI32(_) | Inst::BoxF64(_) | Inst::BoxBool(_)) {
            return false;
        }
        match (self.guarded_const.get(&v), &self.dom) {
            (Some(&gb), Some(dom)) => !dom.dominates(gb, self.cur_ir_block),
            _ => true,
        }
    }

    /// Before a direct call inside an inlined frame: what the collector needs (`gc_visible`),
    /// and the window registers it may scan. The rest is read only on the paths that leave
    /// compiled code (the call's exit, and its throw path, which writes it). A call from the
    /// function's own frame writes its whole state (`helper_call`).
    fn write_back_gc(&mut self, exit: ir::ExitId) {
        let mut window = Vec::new();
        let nregs = self.inp.nregs;
        self.write_back_state(exit, |l, r, v| {
            let visible = l.gc_visible(v);
            if visible && r >= nregs {
                window.push(r);
            }
            visible
        });
        self.gc_slots.insert(exit.0, window);
    }

    /// `write_back` for an exit: unboxed values are stored raw (their site lists them, and
    /// `deopt::on_exit` boxes them before anything reads the frame).
    fn write_back_raw(&mut self, regs: &[(u32, V)]) {
        let f = self.inp.f;
        for &(r, v) in regs {
            let x = self.v(v);
            let raw = match f.ty(v) {
                Ty::Boxed => x,
                Ty::I32 | Ty::Bool => self.b.ins().uextend(types::I64, x),
                Ty::F64 => self.b.ins().bitcast(types::I64, MemFlagsData::new(), x),
                Ty::None | Ty::Word => unreachable!("not a JS value"),
            };
            self.b.ins().store(MemFlagsData::trusted(), raw, self.regs, (r as i32) * 8);
        }
    }

    /// How many entries at the end of a frame state in `frame` belong to its callers.
    fn state_tail(&self, frame: u32) -> usize {
        if frame == 0 { 0 } else { self.inp.f.inlines[frame as usize - 1].state_tail as usize }
    }

    /// The cold block of an exit: write back, report, return DEOPT. Exits whose frame states
    /// are identical share one block (parameters: stress flag, site, failing value, has-value),
    /// which keeps code size and compile time down (guards of one instruction share a state).
    /// The block writes only the exit's own frame; the callers' part of the state (the same
    /// for every exit of an inlined frame) is written by `exit_tail_block`'s chain.
    fn exit_block(&mut self, exit: ir::ExitId) -> cranelift_codegen::ir::Block {
        let f = self.inp.f;
        let st = &f.exits[exit.0 as usize].state;
        self.exit_write_block(st.frame, st.pc, st.frame, &st.regs)
    }

    /// Where an exit of inlined `frame` goes after writing its own registers: a block shared by
    /// the frame's exits that writes `tail` (the call's `this` and the calling frame's
    /// registers at the call), then goes on to the calling frame's tail block; for the
    /// compiled function's own frame, `deopt_tail`. A deep inlined body's exits thus write
    /// each caller's state once instead of once per exit.
    fn exit_tail_block(&mut self, frame: u32, tail: &[(u32, V)]) -> cranelift_codegen::ir::Block {
        if frame == 0 {
            debug_assert!(tail.is_empty());
            return self.deopt_tail();
        }
        let parent = self.inp.f.inlines[frame as usize - 1].parent;
        self.exit_write_block(frame, u32::MAX, parent, tail)
    }

    /// The cold block (cached under `(frame, pc, regs)`) that writes `regs` raw up to the part
    /// that `next_frame`'s states end with, then jumps to `next_frame`'s tail block for that
    /// part.
    fn exit_write_block(&mut self, frame: u32, pc: u32, next_frame: u32, regs: &[(u32, V)]) -> cranelift_codegen::ir::Block {
        let key = (frame, pc, regs.to_vec());
        if let Some(b) = self.exit_blocks.get(&key) {
            return *b;
        }
        let own = regs.len() - self.state_tail(next_frame);
        // (Blocks are made before this one: the builder may not leave a block half filled.)
        let next = self.exit_tail_block(next_frame, &regs[own..]);
        let cur = self.b.current_block().unwrap();
        let (blk, args) = self.exit_args_block();
        self.write_back_raw(&regs[..own]);
        self.b.ins().jump(next, &args.map(Into::into));
        self.b.switch_to_block(cur);
        self.exit_blocks.insert(key, blk);
        blk
    }

    /// The throw path of calls made in inlined `frame`, after the call's own frame is written:
    /// a block shared by the frame's calls (parameter: the call's exit site) that writes
    /// `tail` boxed, then goes on to the calling frame's; the last one builds the inlined
    /// frames (`rt_materialize`) and leaves with THROW. (The tail's values the collector needed
    /// were written before the call already; writing them again is harmless.)
    fn throw_tail_block(&mut self, frame: u32, tail: &[(u32, V)]) -> cranelift_codegen::ir::Block {
        let key = (frame, u32::MAX - 1, tail.to_vec());
        if let Some(b) = self.exit_blocks.get(&key) {
            return *b;
        }
        let next = if frame == 0 {
            debug_assert!(tail.is_empty());
            None
        } else {
            let parent = self.inp.f.inlines[frame as usize - 1].parent;
            let own = tail.len() - self.state_tail(parent);
            Some((own, self.throw_tail_block(parent, &tail[own..])))
        };
        let cur = self.b.current_block().unwrap();
        let blk = self.b.create_block();
        let site = self.b.append_block_param(blk, types::I64);
        self.b.set_cold_block(blk);
        self.b.switch_to_block(blk);
        match next {
            None => {
                self.call_addr(helpers::rt_materialize as *const () as usize, &[types::I64, types::I64], None, &[self.engine, site]);
                let m = self.iconst64(THROW_MARKER);
                self.b.ins().return_(&[m]);
            }
            Some((own, next)) => {
                self.write_back_part(&tail[..own], |_, _, _| true);
                self.b.ins().jump(next, &[site.into()]);
            }
        }
        self.b.switch_to_block(cur);
        self.exit_blocks.insert(key, blk);
        blk
    }

    /// A new cold block taking an exit's arguments, switched to: the site word (the
    /// `ExitSite`'s address, plus 1 for an exit forced by --stress-deopt-every) and the value
    /// whose check failed (anything when the site has none).
    fn exit_args_block(&mut self) -> (cranelift_codegen::ir::Block, [Value; 2]) {
        let blk = self.b.create_block();
        let psite = self.b.append_block_param(blk, types::I64);
        let pvalue = self.b.append_block_param(blk, types::I64);
        self.b.set_cold_block(blk);
        self.b.switch_to_block(blk);
        (blk, [psite, pvalue])
    }

    /// The function's one call of `rt_deopt` (every exit block jumps here after its
    /// write-back): one call site instead of one per frame state keeps exits cheap to compile.
    fn deopt_tail(&mut self) -> cranelift_codegen::ir::Block {
        if let Some(b) = self.deopt_tail {
            return b;
        }
        let cur = self.b.current_block().unwrap();
        let (blk, [psite, pvalue]) = self.exit_args_block();
        let r = self.call_addr(helpers::rt_deopt as *const () as usize, &[types::I64, types::I64, types::I64], Some(types::I64), &[self.engine, psite, pvalue]).unwrap();
        self.b.ins().return_(&[r]);
        self.b.switch_to_block(cur);
        self.deopt_tail = Some(blk);
        blk
    }

    /// Jumps (from the current block) to the shared exit block with this exit's arguments;
    /// `stressed` marks a failure forced by --stress-deopt-every.
    fn enter_exit(&mut self, exit: ir::ExitId, stressed: bool) {
        let xb = self.exit_block(exit);
        let x = &self.inp.f.exits[exit.0 as usize];
        const _: () = assert!(align_of::<ExitSite>() >= 2);
        let site = self.iconst64(self.inp.sites[exit.0 as usize] as u64 | stressed as u64);
        let value = match x.value {
            Some(v) => self.box_value(v),
            None => site,
        };
        self.b.ins().jump(xb, &[site.into(), value.into()]);
    }

    /// A cold block that enters the exit: a guard branches there without arguments, so the
    /// exit's arguments are only materialized on the failing path.
    fn exit_edge(&mut self, exit: ir::ExitId, stressed: bool) -> cranelift_codegen::ir::Block {
        let cur = self.b.current_block().unwrap();
        let t = self.b.create_block();
        self.b.set_cold_block(t);
        self.b.switch_to_block(t);
        self.enter_exit(exit, stressed);
        self.b.switch_to_block(cur);
        t
    }

    /// Jumps to an exit unconditionally (a real failure).
    fn jump_exit(&mut self, exit: ir::ExitId) {
        self.enter_exit(exit, false);
    }

    /// Branches to the exit unless `ok`; under --stress-deopt-every, also every Nth time.
    fn guard(&mut self, ok: Value, exit: ir::ExitId) {
        self.guard_nostress(ok, exit);
        self.stress_check(exit);
    }

    /// Branches to the exit when `bad` (e.g. an overflow flag: no negation on the hot path).
    fn guard_bad(&mut self, bad: Value, exit: ir::ExitId) {
        let xe = self.exit_edge(exit, false);
        let cont = self.b.create_block();
        self.b.ins().brif(bad, xe, &[], cont, &[]);
        self.b.switch_to_block(cont);
        self.stress_check(exit);
    }

    /// Under --stress-deopt-every, the counter that forces every Nth guard to fail.
    fn stress_check(&mut self, exit: ir::ExitId) {
        if let Some((off, n)) = self.inp.stress_offset {
            let c = self.b.ins().load(types::I32, MemFlagsData::trusted(), self.engine, off);
            let c1 = self.b.ins().iadd_imm_s(c, -1);
            let fire = self.b.ins().icmp_imm_s(IntCC::SignedLessThanOrEqual, c1, 0);
            let nv = self.b.ins().iconst(types::I32, n as i64);
            let stored = self.b.ins().select(fire, nv, c1);
            self.b.ins().store(MemFlagsData::trusted(), stored, self.engine, off);
            let xe = self.exit_edge(exit, true);
            let cont2 = self.b.create_block();
            self.b.ins().brif(fire, xe, &[], cont2, &[]);
            self.b.switch_to_block(cont2);
        }
    }

    /// `guard` without the stress counter (checks inside one dispatch).
    fn guard_nostress(&mut self, ok: Value, exit: ir::ExitId) {
        let xe = self.exit_edge(exit, false);
        let cont = self.b.create_block();
        self.b.ins().brif(ok, cont, &[], xe, &[]);
        self.b.switch_to_block(cont);
    }

    /// Continues in a fresh block unless `v` is the THROW marker (then the throw path).
    fn throw_if_marker(&mut self, v: Value) {
        let tb = self.throw_block();
        let cont = self.b.create_block();
        let is_throw = self.b.ins().icmp_imm_s(IntCC::Equal, v, THROW_MARKER as i64);
        self.b.ins().brif(is_throw, tb, &[], cont, &[]);
        self.b.switch_to_block(cont);
    }

    /// After a generic call: `$tierjs.deoptimizeNow()` made the helper return DEOPT (it stored
    /// the result and the pc; the rest of the frame was written back before the call), so this
    /// frame leaves compiled code.
    fn leave_if_deopt(&mut self, v: Value) {
        let is_deopt = self.b.ins().icmp_imm_s(IntCC::Equal, v, DEOPT_MARKER as i64);
        let leave = self.b.create_block();
        let cont = self.b.create_block();
        self.b.set_cold_block(leave);
        self.b.ins().brif(is_deopt, leave, &[], cont, &[]);
        self.b.switch_to_block(leave);
        self.b.ins().return_(&[v]);
        self.b.switch_to_block(cont);
    }

    /// The address of the top interpreter `Frame` (the compiled function's own).
    fn top_frame(&mut self) -> Value {
        match self.own_frame {
            Some(o) => o.addr,
            None => self.read_top_frame().0,
        }
    }

    /// Loads the top frame's address and the frame count from the engine.
    fn read_top_frame(&mut self) -> (Value, Value) {
        let l = self.inp.layout;
        let t = MemFlagsData::trusted();
        let fp = self.b.ins().load(types::I64, t, self.engine, l.frames_ptr);
        let len = self.b.ins().load(types::I64, t, self.engine, l.frames_len);
        let idx = self.b.ins().iadd_imm_s(len, -1);
        let off = self.b.ins().imul_imm_s(idx, l.frame_size as i64);
        (self.b.ins().iadd(fp, off), len)
    }

    fn throw_block(&mut self) -> cranelift_codegen::ir::Block {
        if let Some(b) = self.inlined_throw {
            return b;
        }
        if let Some(b) = self.throw_block {
            return b;
        }
        let cur = self.b.current_block().unwrap();
        let blk = self.b.create_block();
        self.b.set_cold_block(blk);
        self.b.switch_to_block(blk);
        let m = self.iconst64(THROW_MARKER);
        self.b.ins().return_(&[m]);
        self.b.switch_to_block(cur);
        self.throw_block = Some(blk);
        blk
    }

    fn icc(cc: Cc) -> IntCC {
        match cc {
            Cc::Lt => IntCC::SignedLessThan,
            Cc::Le => IntCC::SignedLessThanOrEqual,
            Cc::Gt => IntCC::SignedGreaterThan,
            Cc::Ge => IntCC::SignedGreaterThanOrEqual,
            Cc::Eq => IntCC::Equal,
            Cc::Ne => IntCC::NotEqual,
        }
    }
    fn fcc(cc: Cc) -> FloatCC {
        match cc {
            Cc::Lt => FloatCC::LessThan,
            Cc::Le => FloatCC::LessThanOrEqual,
            Cc::Gt => FloatCC::GreaterThan,
            Cc::Ge => FloatCC::GreaterThanOrEqual,
            Cc::Eq => FloatCC::Equal,
            Cc::Ne => FloatCC::NotEqual,
        }
    }

    /// Lowers one instruction; returns true when control never continues past it.
    fn inst(&mut self, i: V) -> bool {
        let f = self.inp.f;
        let (inst, ty) = f.insts[i.0 as usize].clone();
        let val = match inst {
            Inst::Const(k) => Some(self.iconst64(k.0)),
            Inst::ConstI32(x) => Some(self.b.ins().iconst(types::I32, x as i64)),
            Inst::ConstF64(x) => Some(self.b.ins().f64const(x)),
            Inst::ConstBool(x) => Some(self.b.ins().iconst(types::I8, x as i64)),
            Inst::LoadReg(r) => Some(self.b.ins().load(types::I64, MemFlagsData::trusted(), self.regs, (r as i32) * 8)),
            Inst::Param(_) => unreachable!("params are block parameters"),
            Inst::GuardInt32 { v, exit } => {
                let x = self.v(v);
                let ok = self.has_tag(x, TAG_INT);
                self.guard(ok, exit);
                Some(self.b.ins().ireduce(types::I32, x))
            }
            Inst::GuardNumber { v, exit } => {
                let x = self.v(v);
                let is_dbl = self.b.ins().icmp_imm_s(IntCC::UnsignedLessThan, x, TAG_INT as i64);
                let dbl = self.b.create_block();
                let chk = self.b.create_block();
                let join = self.b.create_block();
                let out = self.b.append_block_param(join, types::F64);
                self.b.ins().brif(is_dbl, dbl, &[], chk, &[]);
                self.b.switch_to_block(chk);
                let ok = self.has_tag(x, TAG_INT);
                self.guard(ok, exit);
                let lo = self.b.ins().ireduce(types::I32, x);
                let fi = self.b.ins().fcvt_from_sint(types::F64, lo);
                self.b.ins().jump(join, &[fi.into()]);
                self.b.switch_to_block(dbl);
                let fd = self.b.ins().bitcast(types::F64, MemFlagsData::new(), x);
                self.b.ins().jump(join, &[fd.into()]);
                self.b.switch_to_block(join);
                Some(out)
            }
            Inst::GuardValue { v, expect, exit } => {
                let x = self.v(v);
                let k = self.iconst64(expect.0);
                let ok = self.b.ins().icmp(IntCC::Equal, x, k);
                self.guard(ok, exit);
                if expect.is_heap() {
                    // Kept alive by the code's refs: no need to show it to the collector.
                    self.guarded_const.entry(v).or_insert(self.cur_ir_block);
                }
                None
            }
            Inst::GuardI32Cmp { cc, a, b, exit } => {
                let (x, y) = (self.v(a), self.v(b));
                let ok = self.b.ins().icmp(Self::icc(cc), x, y);
                self.guard(ok, exit);
                None
            }
            Inst::GuardTrue { v, exit } => {
                let x = self.v(v);
                self.guard(x, exit);
                None
            }
            Inst::Deopt { exit } => {
                self.jump_exit(exit);
                return true;
            }
            Inst::BoxI32(v) => {
                let x = self.v(v);
                Some(self.box_i32(x))
            }
            Inst::BoxF64(v) => {
                let x = self.v(v);
                Some(self.box_f64(x))
            }
            Inst::BoxBool(v) => {
                let x = self.v(v);
                Some(self.box_bool(x))
            }
            Inst::I32ToF64(v) => {
                let x = self.v(v);
                Some(self.b.ins().fcvt_from_sint(types::F64, x))
            }
            Inst::F64ToI32(v) => {
                let x = self.v(v);
                Some(self.to_int32(x))
            }
            Inst::IBin { op, a, b, exit, .. } => {
                let (x, y) = (self.v(a), self.v(b));
                let r = match (op, exit) {
                    // With a constant operand, overflow is a compare of the other one against
                    // a bound before the operation (`cmp; jcc` fuse; a flag read costs three
                    // instructions).
                    (IOp::Add, Some(ex)) | (IOp::Sub, Some(ex)) if super::opt::const_i32(self.inp.f, b).is_some_and(|c| c != 0) || (op == IOp::Add && super::opt::const_i32(self.inp.f, a).is_some_and(|c| c != 0)) => {
                        let (c, xv) = match super::opt::const_i32(self.inp.f, b) {
                            Some(c) if c != 0 => (c, x),
                            _ => (super::opt::const_i32(self.inp.f, a).unwrap(), y),
                        };
                        // v + c overflows iff v > MAX - c (c > 0) or v < MIN - c (c < 0);
                        // v - c iff v < MIN + c (c > 0) or v > MAX + c (c < 0).
                        let c = c as i64;
                        let (cc, bound) = match (op, c > 0) {
                            (IOp::Add, true) => (IntCC::SignedGreaterThan, i32::MAX as i64 - c),
                            (IOp::Add, false) => (IntCC::SignedLessThan, i32::MIN as i64 - c),
                            (_, true) => (IntCC::SignedLessThan, i32::MIN as i64 + c),
                            (_, false) => (IntCC::SignedGreaterThan, i32::MAX as i64 + c),
                        };
                        let bad = self.b.ins().icmp_imm_s(cc, xv, bound);
                        self.guard_bad(bad, ex);
                        if op == IOp::Add { self.b.ins().iadd(x, y) } else { self.b.ins().isub(x, y) }
                    }
                    (IOp::Add, Some(ex)) | (IOp::Sub, Some(ex)) | (IOp::Mul, Some(ex)) => {
                        let (r, of) = match op {
                            IOp::Add => self.b.ins().sadd_overflow(x, y),
                            IOp::Sub => self.b.ins().ssub_overflow(x, y),
                            _ => self.b.ins().smul_overflow(x, y),
                        };
                        self.guard_bad(of, ex);
                        if op == IOp::Mul {
                            // 0 from a negative operand is -0: not an int32.
                            let either = self.b.ins().bor(x, y);
                            let neg = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, either, 0);
                            let zero = self.b.ins().icmp_imm_s(IntCC::Equal, r, 0);
                            let bad = self.b.ins().band(neg, zero);
                            self.guard_bad(bad, ex);
                        }
                        r
                    }
                    (IOp::Add, None) => self.b.ins().iadd(x, y),
                    (IOp::Sub, None) => self.b.ins().isub(x, y),
                    (IOp::Mul, None) => self.b.ins().imul(x, y),
                    (IOp::And, _) => self.b.ins().band(x, y),
                    (IOp::Or, _) => self.b.ins().bor(x, y),
                    (IOp::Xor, _) => self.b.ins().bxor(x, y),
                    (IOp::Shl, _) => self.b.ins().ishl(x, y),
                    (IOp::Sar, _) => self.b.ins().sshr(x, y),
                    (IOp::Mod, _) => self.b.ins().srem(x, y),
                };
                Some(r)
            }
            Inst::UShr { a, b } => {
                let (x, y) = (self.v(a), self.v(b));
                let r = self.b.ins().ushr(x, y);
                Some(self.b.ins().fcvt_from_uint(types::F64, r))
            }
            Inst::FBin { op, a, b } => {
                let (x, y) = (self.v(a), self.v(b));
                Some(match op {
                    FOp::Add => self.b.ins().fadd(x, y),
                    FOp::Sub => self.b.ins().fsub(x, y),
                    FOp::Mul => self.b.ins().fmul(x, y),
                    FOp::Div => self.b.ins().fdiv(x, y),
                    FOp::Mod => self.call_addr(helpers::rt_fmod as *const () as usize, &[types::F64, types::F64], Some(types::F64), &[x, y]).unwrap(),
                    FOp::Pow => self.call_addr(helpers::rt_pow as *const () as usize, &[types::F64, types::F64], Some(types::F64), &[x, y]).unwrap(),
                })
            }
            Inst::FUn { op, v } => {
                let x = self.v(v);
                Some(match op {
                    FUn::Neg => self.b.ins().fneg(x),
                    FUn::Sqrt => self.b.ins().sqrt(x),
                    FUn::Floor => self.b.ins().floor(x),
                    FUn::Ceil => self.b.ins().ceil(x),
                    FUn::Abs => self.b.ins().fabs(x),
                    FUn::Trunc => self.b.ins().trunc(x),
                    FUn::Round => {
                        // Math.round: floor(x), plus one when the fraction is >= 0.5; the sign of
                        // x is kept for results of zero (-0.4 → -0).
                        let fl = self.b.ins().floor(x);
                        let d = self.b.ins().fsub(x, fl);
                        let half = self.b.ins().f64const(0.5);
                        let up = self.b.ins().fcmp(FloatCC::GreaterThanOrEqual, d, half);
                        let one = self.b.ins().f64const(1.0);
                        let fl1 = self.b.ins().fadd(fl, one);
                        let r = self.b.ins().select(up, fl1, fl);
                        self.b.ins().fcopysign(r, x)
                    }
                })
            }
            Inst::ICmp { cc, a, b } => {
                let (x, y) = (self.v(a), self.v(b));
                Some(self.b.ins().icmp(Self::icc(cc), x, y))
            }
            Inst::FCmp { cc, a, b } => {
                let (x, y) = (self.v(a), self.v(b));
                Some(self.b.ins().fcmp(Self::fcc(cc), x, y))
            }
            Inst::BitEq { a, b } => {
                let (x, y) = (self.v(a), self.v(b));
                Some(self.b.ins().icmp(IntCC::Equal, x, y))
            }
            Inst::IsNullish(v) => {
                let x = self.v(v);
                let o = self.b.ins().bor_imm_s(x, 1);
                Some(self.b.ins().icmp_imm_s(IntCC::Equal, o, JsValue::NULL.0 as i64))
            }
            Inst::NotBool(v) => {
                let x = self.v(v);
                Some(self.b.ins().bxor_imm_s(x, 1))
            }
            Inst::Truthy(v) => {
                let x = self.v(v);
                // Booleans inline; everything else through the helper.
                let masked = self.b.ins().band_imm_s(x, !1i64);
                let is_bool = self.b.ins().icmp_imm_s(IntCC::Equal, masked, JsValue::FALSE.0 as i64);
                let fast = self.b.create_block();
                let slow = self.b.create_block();
                let join = self.b.create_block();
                let out = self.b.append_block_param(join, types::I8);
                self.b.ins().brif(is_bool, fast, &[], slow, &[]);
                self.b.switch_to_block(fast);
                let t = self.b.ins().icmp_imm_s(IntCC::Equal, x, JsValue::TRUE.0 as i64);
                self.b.ins().jump(join, &[t.into()]);
                self.b.switch_to_block(slow);
                let r = self.slow_call(|t| t.truthy, helpers::rt_truthy as *const () as usize, false, &[types::I64], types::I8, &[x]);
                self.b.ins().jump(join, &[r.into()]);
                self.b.switch_to_block(join);
                Some(out)
            }
            Inst::Call { helper, args, pc, state, frame } => {
                if frame != 0 {
                    return self.inlined_helper_call(i, helper, &args, frame, pc, state);
                }
                return self.helper_call(i, helper, &args, pc, state);
            }
            Inst::GuardObject { v, exit } => {
                let x = self.v(v);
                let ok = self.has_tag(x, TAG_OBJ);
                self.guard(ok, exit);
                None
            }
            Inst::GetProp { obj, cases, exit } => {
                let p = self.payload(obj);
                let shape = self.b.ins().load(types::I64, self.hdr, p, self.inp.layout.shape);
                let join = self.b.create_block();
                let out = self.b.append_block_param(join, types::I64);
                for c in &cases {
                    let hit = self.b.create_block();
                    let next = self.b.create_block();
                    let ok = self.b.ins().icmp_imm_s(IntCC::Equal, shape, c.shape as i64);
                    self.b.ins().brif(ok, hit, &[], next, &[]);
                    self.b.switch_to_block(hit);
                    for &(o, s) in &c.chain {
                        let oc = self.iconst64(o as u64);
                        let sh = self.b.ins().load(types::I64, self.hdr, oc, self.inp.layout.shape);
                        let ok = self.b.ins().icmp_imm_s(IntCC::Equal, sh, s as i64);
                        self.guard_nostress(ok, exit);
                    }
                    let base = match c.holder {
                        Some(h) => self.iconst64(h as u64),
                        None => p,
                    };
                    let slots = self.b.ins().load(types::I64, self.hdr, base, self.inp.layout.slots_ptr);
                    let v = self.b.ins().load(types::I64, self.heap, slots, (c.slot as i32) * 8);
                    self.b.ins().jump(join, &[v.into()]);
                    self.b.switch_to_block(next);
                }
                self.jump_exit(exit);
                self.b.switch_to_block(join);
                self.stress(exit);
                Some(out)
            }
            Inst::SetPropOwn { obj, cases, v, exit } => {
                let p = self.payload(obj);
                let val = self.box_value(v);
                let shape = self.b.ins().load(types::I64, self.hdr, p, self.inp.layout.shape);
                let join = self.b.create_block();
                for &(s, slot) in &cases {
                    let hit = self.b.create_block();
                    let next = self.b.create_block();
                    let ok = self.b.ins().icmp_imm_s(IntCC::Equal, shape, s as i64);
                    self.b.ins().brif(ok, hit, &[], next, &[]);
                    self.b.switch_to_block(hit);
                    let slots = self.b.ins().load(types::I64, self.hdr, p, self.inp.layout.slots_ptr);
                    self.b.ins().store(self.heap, val, slots, (slot as i32) * 8);
                    self.b.ins().jump(join, &[]);
                    self.b.switch_to_block(next);
                }
                self.jump_exit(exit);
                self.b.switch_to_block(join);
                self.stress(exit);
                None
            }
            Inst::GuardShape { obj, shape, exit } => {
                let p = self.payload(obj);
                let sh = self.b.ins().load(types::I64, self.hdr, p, self.inp.layout.shape);
                let ok = self.b.ins().icmp_imm_s(IntCC::Equal, sh, shape as i64);
                self.guard(ok, exit);
                None
            }
            Inst::StoreSlot { obj, slot, v } => {
                let p = self.payload(obj);
                let val = self.box_value(v);
                let slots = self.b.ins().load(types::I64, self.hdr, p, self.inp.layout.slots_ptr);
                self.b.ins().store(self.heap, val, slots, (slot as i32) * 8);
                None
            }
            Inst::LoadSlot { obj, slot, .. } => {
                let p = self.payload(obj);
                let slots = self.b.ins().load(types::I64, self.hdr, p, self.inp.layout.slots_ptr);
                Some(self.b.ins().load(types::I64, self.heap, slots, (slot as i32) * 8))
            }
            Inst::ArrayLength { obj, exit } => {
                let p = self.payload(obj);
                let fl = self.b.ins().load(types::I8, self.hdr, p, self.inp.layout.flags);
                let isarr = self.b.ins().band_imm_s(fl, crate::runtime::object::ARRAY_OBJ as i64);
                self.guard(isarr, exit);
                let len = self.b.ins().load(types::I32, self.hdr, p, self.inp.layout.array_len);
                let ok = self.b.ins().icmp_imm_s(IntCC::SignedGreaterThanOrEqual, len, 0);
                self.guard(ok, exit);
                Some(len)
            }
            // The builder put a GuardObject before every element access.
            Inst::ElemsPtr { obj } => {
                let p = self.payload(obj);
                Some(self.b.ins().load(types::I64, self.hdr, p, self.inp.layout.elems_ptr))
            }
            Inst::ElemsLen { obj } => {
                let p = self.payload(obj);
                Some(self.b.ins().load(types::I64, self.hdr, p, self.inp.layout.elems_len))
            }
            Inst::LoadElem { idx, ptr, len, exit, .. } => {
                let (_, v) = self.dense_element(ptr, len, idx, exit);
                Some(v)
            }
            Inst::GuardWritableElems { obj, append, exit } => {
                let p = self.payload(obj);
                let ok = match (append, self.inp.layout.grow) {
                    (true, Some(g)) => self.appendable(p, g),
                    _ => {
                        let fl = self.b.ins().load(types::I8, self.hdr, p, self.inp.layout.flags);
                        let frozen = self.b.ins().band_imm_s(fl, crate::runtime::object::ELEMS_FROZEN as i64);
                        self.b.ins().icmp_imm_s(IntCC::Equal, frozen, 0)
                    }
                };
                self.guard(ok, exit);
                None
            }
            // A GuardWritableElems of `obj` came first.
            Inst::StoreElem { idx, v, grow: false, ptr, len, exit, .. } => {
                let val = self.box_value(v);
                let (addr, _) = self.dense_element(ptr, len, idx, exit);
                self.b.ins().store(self.heap, val, addr, 0);
                None
            }
            Inst::StoreElem { obj, idx, v, grow: true, ptr, len, exit } => {
                // A forced exit comes before the store: an inline `push` resumes at its call,
                // which must not append twice.
                self.stress(exit);
                let (ptr, len) = (self.v(ptr), self.v(len));
                let p = self.payload(obj);
                let (ov, val, i) = (self.box_value(obj), self.box_value(v), self.v(idx));
                // An existing element is overwritten inline; holes and appends go to the leaf
                // helper (it neither allocates GC cells nor runs JS: no write-back needed).
                let iw = self.b.ins().sextend(types::I64, i);
                let inb = self.b.ins().icmp(IntCC::UnsignedLessThan, iw, len);
                let inside = self.b.create_block();
                let store = self.b.create_block();
                let slow = self.b.create_block();
                let done = self.b.create_block();
                self.b.set_cold_block(slow);
                self.b.ins().brif(inb, inside, &[], slow, &[]);
                self.b.switch_to_block(inside);
                let off = self.b.ins().ishl_imm_s(iw, 3);
                let addr = self.b.ins().iadd(ptr, off);
                let cur = self.b.ins().load(types::I64, self.heap, addr, 0);
                let nothole = self.b.ins().icmp_imm_s(IntCC::NotEqual, cur, JsValue::HOLE.0 as i64);
                self.b.ins().brif(nothole, store, &[], slow, &[]);
                self.b.switch_to_block(store);
                self.b.ins().store(self.heap, val, addr, 0);
                self.b.ins().jump(done, &[]);
                self.b.switch_to_block(slow);
                if let Some(g) = self.inp.layout.grow {
                    let helper = self.b.create_block();
                    self.grow_inline(p, iw, len, val, g, done, helper);
                    self.b.switch_to_block(helper);
                }
                let r = self.slow_call(|t| t.store_elem_grow, helpers::rt_store_elem_grow as *const () as usize, true, &[types::I64, types::I32, types::I64], types::I8, &[ov, i, val]);
                self.guard_nostress(r, exit);
                self.b.ins().jump(done, &[]);
                self.b.switch_to_block(done);
                None
            }
        };
        if let Some(x) = val {
            debug_assert!(ty != Ty::None);
            self.vals.insert(i, x);
        }
        false
    }

    /// LoadCtx/StoreCtx inline: the current frame's context (top of Engine::frames), `depth`
    /// parents up, slot `slot`. Returns the loaded value (or undefined for a store).
    fn context_slot(&mut self, frame: u32, pc: u32, helper: Helper, args: &[V]) -> Option<Value> {
        let (depth, slot) = match self.inp.frame_instr(frame, pc) {
            crate::frontend::bytecode::Instr::LoadCtx { depth, slot, .. } | crate::frontend::bytecode::Instr::StoreCtx { depth, slot, .. } => (depth.0, slot.0),
            _ => return None,
        };
        let l = self.inp.layout;
        let mut ctx = match self.entry_ctx {
            // An inlined frame's context is its (guarded) closure's.
            _ if frame != 0 => self.iconst64(self.inp.inlined[frame as usize - 1].env_word as u64),
            Some(c) => c,
            None => {
                let frame = self.top_frame();
                self.b.ins().load(types::I64, MemFlagsData::trusted(), frame, l.frame_ctx)
            }
        };
        for _ in 0..depth {
            ctx = self.b.ins().load(types::I64, MemFlagsData::trusted(), ctx, l.ctx_parent);
        }
        let slots = self.b.ins().load(types::I64, MemFlagsData::trusted(), ctx, l.ctx_slots_ptr);
        if helper == Helper::LoadCtx {
            Some(self.b.ins().load(types::I64, MemFlagsData::trusted(), slots, (slot as i32) * 8))
        } else {
            let v = self.box_value(args[0]);
            self.b.ins().store(MemFlagsData::trusted(), v, slots, (slot as i32) * 8);
            Some(self.iconst64(JsValue::UNDEFINED.0))
        }
    }

    /// The address and value of dense element `idx` of the object at `p`, exiting when the
    /// index is outside the dense elements or the element is a hole.
    fn dense_element(&mut self, ptr: V, len: V, idx: V, exit: ir::ExitId) -> (Value, Value) {
        let (i, ptr, len) = (self.v(idx), self.v(ptr), self.v(len));
        let iw = self.b.ins().sextend(types::I64, i);
        let inb = self.b.ins().icmp(IntCC::UnsignedLessThan, iw, len);
        self.guard(inb, exit);
        let off = self.b.ins().ishl_imm_s(iw, 3);
        let addr = self.b.ins().iadd(ptr, off);
        let v = self.b.ins().load(types::I64, self.heap, addr, 0);
        let nothole = self.b.ins().icmp_imm_s(IntCC::NotEqual, v, JsValue::HOLE.0 as i64);
        self.guard(nothole, exit);
        (addr, v)
    }

    /// Whether the boxed value `x` carries `tag` (TAG_INT, TAG_OBJ…) in its top 16 bits.
    fn has_tag(&mut self, x: Value, tag: u64) -> Value {
        let t = self.b.ins().ushr_imm_s(x, 48);
        self.b.ins().icmp_imm_s(IntCC::Equal, t, (tag >> 48) as i64)
    }

    /// The object address of a boxed object value.
    fn payload(&mut self, v: V) -> Value {
        let x = self.v(v);
        self.b.ins().band_imm_s(x, crate::runtime::value::PAYLOAD_MASK as i64)
    }
    /// Whether the array at `p` can grow in place (GuardWritableElems with `append`): an
    /// extensible array with unfrozen, dense elements whose prototype is the realm's
    /// Array.prototype, when neither it nor Object.prototype has indexed properties and
    /// Array.prototype's prototype is still Object.prototype (constants: independent loads,
    /// not a pointer chase) — what `ops::store_elem_fast` requires to append.
    fn appendable(&mut self, p: Value, g: GrowLayout) -> Value {
        use crate::runtime::object::{ARRAY_OBJ, ELEMS_FROZEN, EXTENSIBLE};
        let l = self.inp.layout;
        let fl = self.b.ins().load(types::I8, self.hdr, p, l.flags);
        let want = (ARRAY_OBJ | EXTENSIBLE | ELEMS_FROZEN) as i64;
        let masked = self.b.ins().band_imm_s(fl, want);
        let mut ok = self.b.ins().icmp_imm_s(IntCC::Equal, masked, (ARRAY_OBJ | EXTENSIBLE) as i64);
        let sp = self.b.ins().load(types::I64, self.hdr, p, g.sparse);
        let c = self.b.ins().icmp_imm_s(IntCC::Equal, sp, 0);
        ok = self.b.ins().band(ok, c);
        let shape = self.b.ins().load(types::I64, self.hdr, p, l.shape);
        let proto = self.b.ins().load(types::I64, self.hdr, shape, g.shape_proto);
        let c = self.b.ins().icmp_imm_s(IntCC::Equal, proto, self.inp.protos.0.0 as i64);
        ok = self.b.ins().band(ok, c);
        for (k, proto_of) in [(self.inp.protos.0, self.inp.protos.1), (self.inp.protos.1, JsValue::NULL)] {
            let o = self.iconst64(k.0 & crate::runtime::value::PAYLOAD_MASK);
            let n = self.b.ins().load(types::I64, self.hdr, o, l.elems_len);
            let c = self.b.ins().icmp_imm_s(IntCC::Equal, n, 0);
            ok = self.b.ins().band(ok, c);
            let sp = self.b.ins().load(types::I64, self.hdr, o, g.sparse);
            let c = self.b.ins().icmp_imm_s(IntCC::Equal, sp, 0);
            ok = self.b.ins().band(ok, c);
            let sh = self.b.ins().load(types::I64, self.hdr, o, l.shape);
            let pp = self.b.ins().load(types::I64, self.hdr, sh, g.shape_proto);
            let c = self.b.ins().icmp_imm_s(IntCC::Equal, pp, proto_of.0 as i64);
            ok = self.b.ins().band(ok, c);
        }
        ok
    }

    /// StoreElemGrow's inline append / hole fill (what `ops::store_elem_fast` does when the
    /// elements have room), after a GuardWritableElems with `append` established that the
    /// array can grow in place. A full buffer goes to `helper`. `iw` is the index as i64, `len`
    /// the elements' length.
    #[allow(clippy::too_many_arguments)]
    fn grow_inline(&mut self, p: Value, iw: Value, len: Value, val: Value, g: GrowLayout, done: cranelift_codegen::ir::Block, helper: cranelift_codegen::ir::Block) {
        let t = MemFlagsData::trusted();
        let l = self.inp.layout;
        // A hole inside the elements: store. Exactly at the end with room: append.
        let inside = self.b.ins().icmp(IntCC::UnsignedLessThan, iw, len);
        let fill = self.b.create_block();
        let at_end = self.b.create_block();
        self.b.ins().brif(inside, fill, &[], at_end, &[]);
        self.b.switch_to_block(fill);
        let ptr = self.b.ins().load(types::I64, t, p, l.elems_ptr);
        let off = self.b.ins().ishl_imm_s(iw, 3);
        let addr = self.b.ins().iadd(ptr, off);
        self.b.ins().store(t, val, addr, 0);
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(at_end);
        let cap = self.b.ins().load(types::I64, t, p, g.elems_cap);
        let is_end = self.b.ins().icmp(IntCC::Equal, iw, len);
        let room = self.b.ins().icmp(IntCC::UnsignedLessThan, len, cap);
        let can = self.b.ins().band(is_end, room);
        let append = self.b.create_block();
        self.b.ins().brif(can, append, &[], helper, &[]);
        self.b.switch_to_block(append);
        let ptr = self.b.ins().load(types::I64, t, p, l.elems_ptr);
        let off = self.b.ins().ishl_imm_s(iw, 3);
        let addr = self.b.ins().iadd(ptr, off);
        self.b.ins().store(t, val, addr, 0);
        let len1 = self.b.ins().iadd_imm_s(len, 1);
        self.b.ins().store(t, len1, p, l.elems_len);
        // length = max(length, idx + 1) (idx < 2^31 here: it came from an int32 ≥ 0).
        let alen = self.b.ins().load(types::I32, t, p, l.array_len);
        let alen64 = self.b.ins().uextend(types::I64, alen);
        let grows = self.b.ins().icmp(IntCC::UnsignedGreaterThanOrEqual, iw, alen64);
        let nl = self.b.ins().ireduce(types::I32, len1);
        let newlen = self.b.ins().select(grows, nl, alen);
        self.b.ins().store(t, newlen, p, l.array_len);
        self.b.ins().jump(done, &[]);
    }

    /// The --stress-deopt-every counter for checks lowered without `guard`.
    fn stress(&mut self, exit: ir::ExitId) {
        if self.inp.stress_offset.is_some() {
            let one = self.b.ins().iconst(types::I8, 1);
            self.guard(one, exit);
        }
    }

    /// JS ToInt32 of a double: exact through i64 for |x| < 2^63, the helper beyond.
    fn to_int32(&mut self, x: Value) -> Value {
        let ax = self.b.ins().fabs(x);
        let lim = self.b.ins().f64const(9.2e18);
        let small = self.b.ins().fcmp(FloatCC::LessThan, ax, lim);
        let fast = self.b.create_block();
        let slow = self.b.create_block();
        let join = self.b.create_block();
        let out = self.b.append_block_param(join, types::I32);
        // NaN compares false: it takes the slow path, which returns 0.
        self.b.ins().brif(small, fast, &[], slow, &[]);
        self.b.switch_to_block(fast);
        let w = self.b.ins().fcvt_to_sint_sat(types::I64, x);
        let r = self.b.ins().ireduce(types::I32, w);
        self.b.ins().jump(join, &[r.into()]);
        self.b.switch_to_block(slow);
        let r2 = self.call_addr(helpers::rt_to_int32 as *const () as usize, &[types::F64], Some(types::I32), &[x]).unwrap();
        self.b.ins().jump(join, &[r2.into()]);
        self.b.switch_to_block(join);
        out
    }

    fn helper_call(&mut self, i: V, helper: Helper, args: &[V], pc: u32, state: Option<ir::ExitId>) -> bool {
        if helper == Helper::Safepoint {
            // Fast path: one load and branch; the slow path writes back and collects.
            let flag = self.b.ins().load(types::I8, MemFlagsData::trusted(), self.engine, self.inp.gc_flag_offset);
            let slow = self.b.create_block();
            let cont = self.b.create_block();
            self.b.set_cold_block(slow);
            if self.inp.gc_stress {
                self.b.ins().jump(slow, &[]);
            } else {
                self.b.ins().brif(flag, slow, &[], cont, &[]);
            }
            self.b.switch_to_block(slow);
            if let Some(st) = state {
                self.write_back(st);
            }
            let pcv = self.b.ins().iconst(types::I32, pc as i64);
            let r = self.slow_call(|t| t.safepoint, helpers::rt_safepoint as *const () as usize, true, &[types::I32], types::I64, &[pcv]);
            let tb = self.throw_block();
            let is_throw = self.b.ins().icmp_imm_s(IntCC::Equal, r, THROW_MARKER as i64);
            self.b.ins().brif(is_throw, tb, &[], cont, &[]);
            self.b.switch_to_block(cont);
            let u = self.iconst64(JsValue::UNDEFINED.0);
            self.vals.insert(i, u);
            return false;
        }
        if matches!(helper, Helper::LoadCtx | Helper::StoreCtx) && self.inp.inline_ctx {
            if let Some(x) = self.context_slot(0, pc, helper, args) {
                self.vals.insert(i, x);
                return false;
            }
        }
        // `this` of a strict function or an arrow is the frame's value as is; sloppy code
        // coerces non-objects (the helper: it may allocate a wrapper).
        let mut this_join = None;
        if helper == Helper::LoadThis && self.inp.layout.frames.is_some() {
            let fl = self.inp.layout.frames.unwrap();
            let top = self.top_frame();
            let this = self.b.ins().load(types::I64, MemFlagsData::trusted(), top, fl.this);
            if !self.inp.coerce_this {
                self.vals.insert(i, this);
                return false;
            }
            let join = self.b.create_block();
            let out = self.b.append_block_param(join, types::I64);
            let slow = self.b.create_block();
            self.b.set_cold_block(slow);
            let is_obj = self.has_tag(this, TAG_OBJ);
            self.b.ins().brif(is_obj, join, &[this.into()], slow, &[]);
            self.b.switch_to_block(slow);
            this_join = Some((join, out));
        }
        if let Some(st) = state {
            // A direct call too writes all of it, on the hot path, though its callee reads only
            // what the collector needs: its slow path and a throw read the rest, and written only
            // there, each of those cold blocks would compute its values anew — Cranelift places
            // a pure value where it is used, so a chain of them (`t += f(i)` call after call) was
            // recomputed in full after every call (quadratic code).
            self.write_back(st);
        }
        if helper == Helper::CallPoly {
            let f = self.box_value(args[0]);
            self.call_poly(i, pc, f);
            return false;
        }
        // A direct call with a known target: push the frame inline when the callee has
        // compiled code; the helper below is its slow path (`slow_entry`).
        let slow_entry = if helper == Helper::CallDirect { self.call_inline_push(pc, state) } else { None };
        let mut a = [0u64; 3].map(|_| None::<Value>);
        for (k, v) in args.iter().enumerate().take(3) {
            a[k] = Some(self.box_value(*v));
        }
        let zero = self.iconst64(0);
        let pcv = self.b.ins().iconst(types::I32, pc as i64);
        let addr = helpers::address(helper);
        let r = self
            .call_addr(addr, &[types::I64, types::I32, types::I64, types::I64, types::I64], Some(types::I64), &[self.engine, pcv, a[0].unwrap_or(zero), a[1].unwrap_or(zero), a[2].unwrap_or(zero)])
            .unwrap();
        if helper == Helper::CallDirect {
            self.call_direct(i, r, slow_entry);
            return false;
        }
        if helper == Helper::Throw {
            let tb = self.throw_block();
            self.b.ins().jump(tb, &[]);
            return true;
        }
        if helper.is_safepoint() {
            self.throw_if_marker(r);
        }
        if let Some((join, out)) = this_join {
            self.b.ins().jump(join, &[r.into()]);
            self.b.switch_to_block(join);
            self.vals.insert(i, out);
            return false;
        }
        if helper == Helper::Call {
            self.leave_if_deopt(r);
        }
        self.vals.insert(i, r);
        false
    }

    /// The inline half of a direct call: when the callee (a known closure) has function-entry
    /// code and the frame fits, push its `Frame` here — exactly what `push_frame_env` does for
    /// an entry frame — and jump to the shared native-call block. Returns the slow block the
    /// caller fills with the helper call (the current block afterwards).
    fn call_inline_push(&mut self, pc: u32, state: Option<ir::ExitId>) -> Option<(cranelift_codegen::ir::Block, DirectCallee)> {
        let dc = self.inp.direct_at(0, pc)?;
        self.call_inline_push_to(0, pc, dc, state)
    }

    /// A helper call in an inlined frame: context slots (of the callee's closure), or a direct
    /// call whose frame is pushed inline above the whole register window, and which leaves
    /// compiled code (`InlinedCallSlowPath`) when it cannot be — the builder allows no other.
    fn inlined_helper_call(&mut self, i: V, helper: Helper, args: &[V], frame: u32, pc: u32, state: Option<ir::ExitId>) -> bool {
        if matches!(helper, Helper::LoadCtx | Helper::StoreCtx) && self.inp.inline_ctx {
            if let Some(x) = self.context_slot(frame, pc, helper, args) {
                self.vals.insert(i, x);
                return false;
            }
        }
        let st = state.expect("inlined calls have a frame state");
        let dc = self.inp.direct_at(frame, pc);
        let pushed = match (helper, dc) {
            (Helper::CallDirect, Some(dc)) => {
                self.write_back_gc(st);
                self.call_inline_push_to(frame, pc, dc, Some(st))
            }
            _ => None,
        };
        let Some(inline) = pushed else {
            // (The builder inlines no frame with such a call; should one get here, the call
            // leaves compiled code, and what follows it is unreachable.)
            self.jump_exit(st);
            let dead = self.b.create_block();
            self.b.switch_to_block(dead);
            let u = self.iconst64(JsValue::UNDEFINED.0);
            self.vals.insert(i, u);
            return false;
        };
        // The slow path (current block): leave at the call.
        self.jump_exit(st);
        // A throw out of the callee unwinds through the inlined frames, built first.
        let f = self.inp.f;
        let regs = &f.exits[st.0 as usize].state.regs;
        let own = regs.len() - self.state_tail(frame);
        let next = self.throw_tail_block(frame, &regs[own..]);
        let cur = self.b.current_block();
        let tb = self.b.create_block();
        self.b.set_cold_block(tb);
        self.b.switch_to_block(tb);
        self.write_back_part(&regs[..own], |l, _, v| !l.gc_visible(v));
        let site = self.iconst64(self.inp.sites[st.0 as usize] as u64);
        self.b.ins().jump(next, &[site.into()]);
        if let Some(c) = cur {
            self.b.switch_to_block(c);
        }
        self.inlined_throw = Some(tb);
        let out = self.call_direct_after_push(inline);
        self.inlined_throw = None;
        // The call is over: the frame's inline_site goes back to 0.
        let fl = self.inp.layout.frames.expect("inline calls need the frame layout");
        let top = self.top_frame();
        let zero = self.iconst64(0);
        self.b.ins().store(MemFlagsData::trusted(), zero, top, fl.inline_site);
        self.vals.insert(i, out);
        false
    }

    /// `state`: the call's frame state when only its `gc_visible` part was written back (the
    /// arguments and `this` then come from its values); None when all of it was.
    fn call_inline_push_to(&mut self, frame: u32, pc: u32, dc: DirectCallee, state: Option<ir::ExitId>) -> Option<(cranelift_codegen::ir::Block, DirectCallee)> {
        let fl = self.inp.layout.frames?;
        let (this_reg, args_reg, argc) = match self.inp.frame_instr(frame, pc) {
            crate::frontend::bytecode::Instr::Call { this, args, argc, .. } => (this, args.0, argc.0),
            _ => return None,
        };
        let l = self.inp.layout;
        let t = MemFlagsData::trusted();
        let call_blk = self.b.create_block();
        self.b.append_block_param(call_blk, types::I64); // entry
        self.b.append_block_param(call_blk, types::I64); // callee registers
        let slow = self.b.create_block();
        let chk = self.b.create_block();
        let push = self.b.create_block();
        let ea = self.iconst64(dc.entry_addr as u64);
        let entry = self.b.ins().load(types::I64, t, ea, 0);
        if frame == 0 {
            self.b.ins().brif(entry, chk, &[], slow, &[]);
        } else {
            // From an inlined frame the frame is pushed here also for a callee without
            // compiled code (`uncompiled_callee` then runs it).
            self.b.ins().jump(chk, &[]);
        }
        self.b.switch_to_block(chk);
        // Engine::frames has room for MAX_FRAMES frames and more (checked by the layout probe;
        // a Vec's capacity never shrinks), so the frame limit is the only check.
        let own = self.own_frame.expect("frames layout known");
        let len = own.len;
        let deep = self.b.ins().icmp_imm_s(IntCC::UnsignedGreaterThanOrEqual, len, crate::interp::MAX_FRAMES as i64);
        let newf = self.b.ins().iadd_imm_s(own.addr, l.frame_size as i64);
        let rbase = own.callee_base;
        let top = self.b.ins().iadd_imm_s(rbase, dc.nregs as i64);
        let scap = self.b.ins().load(types::I64, t, self.engine, fl.stack_cap);
        let over = self.b.ins().icmp(IntCC::UnsignedGreaterThanOrEqual, top, scap);
        let bad = self.b.ins().bor(deep, over);
        self.b.ins().brif(bad, slow, &[], push, &[]);
        self.b.switch_to_block(push);
        // The caller's pc names this call (stack traces, and the handler search when the
        // callee's exception unwinds into the caller), as the helper's `run` would set it.
        let pcv = self.iconst64(self.inp.outer_call_pc(frame, pc) as u64);
        self.b.ins().store(t, pcv, own.addr, fl.pc);
        if frame != 0 {
            // Stack traces taken during the call list the inlined frames it is made from.
            let st = state.expect("an inlined call has a frame state");
            let site = self.iconst64(self.inp.sites[st.0 as usize] as u64);
            self.b.ins().store(t, site, own.addr, fl.inline_site);
        }
        // The callee's call counter only drives its tier-up: a callee with compiled code is
        // not counted (one memory dependency less per call); one without is counted by
        // `rt_run_entry`.
        // The callee's registers: parameters from the caller's argument registers (written
        // back by the frame state), then undefined.
        let cregs = self.b.ins().iadd_imm_s(self.regs, (self.inp.nregs + self.inp.f.window) as i64 * 8);
        let ncopy = dc.nparams.min(argc);
        let off = self.inp.frame_offset(frame);
        let regs_of_state: Vec<(u32, V)> = state.map(|x| self.inp.f.exits[x.0 as usize].state.regs.clone()).unwrap_or_default();
        let reg_value = |l: &mut Self, slot: u32| -> Value {
            match regs_of_state.iter().find(|(r, _)| *r == slot) {
                Some(&(_, v)) => l.box_value(v),
                None => l.b.ins().load(types::I64, t, l.regs, (slot * 8) as i32),
            }
        };
        for k in 0..ncopy {
            let v = reg_value(self, off + args_reg + k);
            self.b.ins().store(t, v, cregs, (k * 8) as i32);
        }
        let undef = self.iconst64(JsValue::UNDEFINED.0);
        for k in ncopy..dc.nregs {
            self.b.ins().store(t, undef, cregs, (k * 8) as i32);
        }
        let thisv = if this_reg == crate::frontend::compiler::NO_THIS { undef } else { reg_value(self, off + this_reg.0) };
        // The Frame (every field).
        let cw = self.iconst64(dc.code_word as u64);
        self.b.ins().store(t, cw, newf, fl.code);
        let callee = self.iconst64(dc.callee.0);
        self.b.ins().store(t, callee, newf, fl.callee);
        self.b.ins().store(t, thisv, newf, fl.this);
        self.b.ins().store(t, undef, newf, fl.new_target);
        let env = self.iconst64(dc.env_word as u64);
        self.b.ins().store(t, env, newf, l.frame_ctx);
        self.b.ins().store(t, rbase, newf, fl.base);
        self.b.ins().store(t, rbase, newf, fl.args_base);
        let argcv = self.b.ins().iconst(types::I32, argc as i64);
        self.b.ins().store(t, argcv, newf, fl.argc);
        let zero = self.iconst64(0);
        self.b.ins().store(t, zero, newf, fl.pc);
        let zero32 = self.b.ins().iconst(types::I32, 0);
        self.b.ins().store(t, zero32, newf, fl.ret_dst);
        self.b.ins().store(t, zero, newf, fl.inline_site);
        let kind = self.b.ins().iconst(types::I8, fl.kind_entry as i64);
        self.b.ins().store(t, kind, newf, fl.kind);
        let len1 = self.b.ins().iadd_imm_s(len, 1);
        self.b.ins().store(t, len1, self.engine, l.frames_len);
        if frame == 0 {
            self.b.ins().jump(call_blk, &[entry.into(), cregs.into()]);
        } else {
            let unc = self.b.create_block();
            self.b.set_cold_block(unc);
            self.b.ins().brif(entry, call_blk, &[entry.into(), cregs.into()], unc, &[]);
            self.uncompiled_callee = Some(unc);
        }
        self.b.switch_to_block(slow);
        Some((call_blk, dc))
    }

    /// The rest of a direct call, after the helper `rt_push_frame` returned `r` (the callee's
    /// entry, 0 to interpret it, or THROW) on the slow path: call the compiled callee natively
    /// on its pushed frame and pop it (inline when the target is known), or finish the frame
    /// in the interpreter when the callee is interpreted or deopts, or unwind it when it throws.
    fn call_direct(&mut self, i: V, r: Value, inline: Option<(cranelift_codegen::ir::Block, DirectCallee)>) {
        let out = self.call_direct_value(r, inline);
        self.vals.insert(i, out);
    }

    /// `call_direct` up to the call's result, in the current block. A throw goes to the
    /// function's throw path from the cold paths, so the result is always a value; the hot
    /// path (the compiled callee returned) tests its result against both markers at once.
    fn call_direct_value(&mut self, r: Value, inline: Option<(cranelift_codegen::ir::Block, DirectCallee)>) -> Value {
        let t = MemFlagsData::trusted();
        self.throw_if_marker(r);
        let interp = self.b.create_block();
        let call_blk = match inline {
            Some((b, _)) => b,
            None => {
                let b = self.b.create_block();
                self.b.append_block_param(b, types::I64);
                self.b.append_block_param(b, types::I64);
                b
            }
        };
        let native_slow = self.b.create_block();
        self.b.ins().brif(r, native_slow, &[], interp, &[]);
        self.b.switch_to_block(native_slow);
        let cregs = self.b.ins().load(types::I64, t, self.engine, self.inp.callee_regs_offset);
        self.b.ins().jump(call_blk, &[r.into(), cregs.into()]);
        self.call_direct_native(call_blk, interp, inline)
    }

    /// A direct call whose frame was pushed inline (a call in an inlined frame: there is no
    /// other way to it).
    fn call_direct_after_push(&mut self, inline: (cranelift_codegen::ir::Block, DirectCallee)) -> Value {
        let interp = self.b.create_block();
        let unc = self.uncompiled_callee.take();
        let out = self.call_direct_native(inline.0, interp, Some(inline));
        if let Some(unc) = unc {
            // The pushed frame of a callee without compiled code: run it as a call from Rust
            // would (compiling it first once it is hot).
            let join = self.b.current_block().unwrap();
            self.b.switch_to_block(unc);
            let r = self.call_addr(helpers::rt_run_entry as *const () as usize, &[types::I64], Some(types::I64), &[self.engine]).unwrap();
            self.throw_if_marker(r);
            self.b.ins().jump(join, &[r.into()]);
            self.b.switch_to_block(join);
        }
        out
    }

    /// The native call of a compiled callee on its pushed frame (`call_blk` takes the entry
    /// and the frame's registers), and what follows: the pop, or the interpreter (`interp`,
    /// also for a callee without compiled code), or the unwind of its exception.
    fn call_direct_native(&mut self, call_blk: cranelift_codegen::ir::Block, interp: cranelift_codegen::ir::Block, inline: Option<(cranelift_codegen::ir::Block, DirectCallee)>) -> Value {
        let t = MemFlagsData::trusted();
        let unwind = self.b.create_block();
        let join = self.b.create_block();
        let out = self.b.append_block_param(join, types::I64);
        // The compiled callee, called natively on the frame just pushed.
        self.b.switch_to_block(call_blk);
        let entry = self.b.block_params(call_blk)[0];
        let cregs = self.b.block_params(call_blk)[1];
        let res = self.call_indirect_value(entry, &[types::I64, types::I64], types::I64, &[self.engine, cregs]);
        // DEOPT_MARKER and THROW_MARKER differ in bit 0 only.
        const _: () = assert!(DEOPT_MARKER ^ THROW_MARKER == 1 && DEOPT_MARKER & 1 == 0);
        let marker = self.b.create_block();
        self.b.set_cold_block(marker);
        let masked = self.b.ins().band_imm_s(res, !1i64);
        let is_marker = self.b.ins().icmp_imm_s(IntCC::Equal, masked, DEOPT_MARKER as i64);
        let returned = self.b.create_block();
        self.b.ins().brif(is_marker, marker, &[], returned, &[]);
        self.b.switch_to_block(marker);
        let is_deopt = self.b.ins().icmp_imm_s(IntCC::Equal, res, DEOPT_MARKER as i64);
        self.b.ins().brif(is_deopt, interp, &[], unwind, &[]);
        self.b.switch_to_block(returned);
        match (inline, self.inp.layout.frames) {
            (Some(_), Some(_)) => {
                // Pop the entry frame: what `finish_return` does for it.
                let len = self.own_frame.expect("frames layout known").len;
                self.b.ins().store(t, len, self.engine, self.inp.layout.frames_len);
                self.b.ins().jump(join, &[res.into()]);
            }
            _ => {
                let popped = self.call_addr(helpers::rt_pop_frame as *const () as usize, &[types::I64, types::I64], Some(types::I64), &[self.engine, res]).unwrap();
                self.b.ins().jump(join, &[popped.into()]);
            }
        }
        // Threw: unwind from the callee's frame in the interpreter.
        self.b.switch_to_block(unwind);
        self.b.set_cold_block(unwind);
        let u = self.call_addr(helpers::rt_unwind_pushed as *const () as usize, &[types::I64], Some(types::I64), &[self.engine]).unwrap();
        self.throw_if_marker(u);
        self.b.ins().jump(join, &[u.into()]);
        // Interpreted callee (or one that deopted): finish it in the interpreter.
        self.b.switch_to_block(interp);
        self.b.set_cold_block(interp);
        let ir = self.call_addr(helpers::rt_run_pushed as *const () as usize, &[types::I64], Some(types::I64), &[self.engine]).unwrap();
        self.throw_if_marker(ir);
        self.b.ins().jump(join, &[ir.into()]);
        self.b.switch_to_block(join);
        out
    }

    /// A polymorphic call site: compare the callee with each known closure target and make a
    /// direct call to the one it is; any other callee takes the generic call (`rt_call`).
    /// The frame state was written back.
    fn call_poly(&mut self, i: V, pc: u32, f: Value) {
        let targets: Vec<DirectCallee> = self.inp.direct.iter().filter(|(p, _)| *p == (0, pc)).map(|(_, d)| *d).collect();
        let join = self.b.create_block();
        let out = self.b.append_block_param(join, types::I64);
        let zero = self.iconst64(0);
        let pcv = self.b.ins().iconst(types::I32, pc as i64);
        let sig = [types::I64, types::I32, types::I64, types::I64, types::I64];
        for dc in targets {
            let case = self.b.create_block();
            let next = self.b.create_block();
            let hit = self.b.ins().icmp_imm_s(IntCC::Equal, f, dc.callee.0 as i64);
            self.b.ins().brif(hit, case, &[], next, &[]);
            self.b.switch_to_block(case);
            let inline = self.call_inline_push_to(0, pc, dc, None);
            let r = self.call_addr(helpers::rt_push_frame as *const () as usize, &sig, Some(types::I64), &[self.engine, pcv, f, zero, zero]).unwrap();
            let v = self.call_direct_value(r, inline);
            self.b.ins().jump(join, &[v.into()]);
            self.b.switch_to_block(next);
        }
        let r = self.call_addr(helpers::rt_call as *const () as usize, &sig, Some(types::I64), &[self.engine, pcv, f, zero, zero]).unwrap();
        self.throw_if_marker(r);
        // `$tierjs.deoptimizeNow()` through the generic call.
        self.leave_if_deopt(r);
        self.b.ins().jump(join, &[r.into()]);
        self.b.switch_to_block(join);
        self.vals.insert(i, out);
    }

    fn args(&mut self, target: B, args: &[V]) -> Vec<cranelift_codegen::ir::BlockArg> {
        let _ = target;
        args.iter().map(|&a| self.v(a).into()).collect()
    }

    fn term(&mut self, t: &Term) {
        match t {
            Term::Jump(tb, args) => {
                let a = self.args(*tb, args);
                let b = self.blocks[tb];
                self.b.ins().jump(b, &a);
            }
            Term::Branch { cond, t, targs, f, fargs } => {
                let c = self.v(*cond);
                let ta = self.args(*t, targs);
                let fa = self.args(*f, fargs);
                let (tb, fb) = (self.blocks[t], self.blocks[f]);
                self.b.ins().brif(c, tb, &ta, fb, &fa);
            }
            Term::Return(v) => {
                let x = self.v(*v);
                self.b.ins().return_(&[x]);
            }
            Term::Unreachable => {
                self.b.ins().trap(TrapCode::user(1).unwrap());
            }
        }
    }
}
