//! The interpreter's dispatch loop: one `match` over `Instr`, with fast paths for int32/double
//! arithmetic, own-property access and dense array elements, and the generic ECMAScript
//! semantics behind them.

use super::{get_iterator, iterate_to_vec, iterator_step, ordinary_create_from_constructor, push_frame, push_frame_env, FrameKind, MAX_NATIVE_DEPTH};
use crate::frontend::bytecode::{FunctionCode, FunctionKind as CodeKind, Instr, Reg};
use crate::frontend::compiler::NO_THIS;
use crate::runtime::conv::to_int32;
use crate::runtime::object::{Args, Context, FunctionKind, JsResult, ObjClass, CLASS_CTOR, ELEMS_FROZEN, EXTENSIBLE, GC_SAFE_NATIVE};
use crate::runtime::shape::{DEFAULT_ATTRS, ENUMERABLE, METHOD_ATTRS, WRITABLE};
use crate::runtime::string::{atoms, PropKey};
use crate::runtime::value::Value;
use crate::runtime::Engine;

#[derive(Clone, Copy)]
pub enum ArithOp {
    Sub,
    Mul,
    Div,
    Mod,
    Exp,
    BitAnd,
    BitOr,
    BitXor,
    Shl,
    Shr,
    UShr,
}

pub fn arith_numbers(op: ArithOp, x: f64, y: f64) -> Value {
    match op {
        ArithOp::Sub => Value::number(x - y),
        ArithOp::Mul => Value::number(x * y),
        ArithOp::Div => Value::number(x / y),
        ArithOp::Mod => Value::number(js_mod(x, y)),
        ArithOp::Exp => Value::number(js_pow(x, y)),
        ArithOp::BitAnd => Value::int(to_int32(x) & to_int32(y)),
        ArithOp::BitOr => Value::int(to_int32(x) | to_int32(y)),
        ArithOp::BitXor => Value::int(to_int32(x) ^ to_int32(y)),
        ArithOp::Shl => Value::int(to_int32(x).wrapping_shl(to_int32(y) as u32 & 31)),
        ArithOp::Shr => Value::int(to_int32(x) >> (to_int32(y) as u32 & 31)),
        ArithOp::UShr => Value::number(((to_int32(x) as u32) >> (to_int32(y) as u32 & 31)) as f64),
    }
}

pub fn js_mod(x: f64, y: f64) -> f64 {
    if y.is_infinite() && x.is_finite() {
        return x;
    }
    x % y
}

/// Number::exponentiate (§6.1.6.1.3): differs from powf for NaN exponents and |base| = 1.
pub fn js_pow(x: f64, y: f64) -> f64 {
    if y.is_nan() {
        return f64::NAN;
    }
    if y == 0.0 {
        return 1.0;
    }
    if (x == 1.0 || x == -1.0) && y.is_infinite() {
        return f64::NAN;
    }
    x.powf(y)
}

#[inline(always)]
fn int_arith(op: ArithOp, a: i32, b: i32) -> Option<Value> {
    Some(match op {
        ArithOp::Sub => Value::int(a.checked_sub(b)?),
        ArithOp::Mul => {
            let r = a.checked_mul(b)?;
            if r == 0 && (a < 0 || b < 0) {
                return None;
            }
            Value::int(r)
        }
        ArithOp::Mod => {
            if b == 0 || a < 0 || b == -1 {
                return None;
            }
            Value::int(a % b)
        }
        ArithOp::BitAnd => Value::int(a & b),
        ArithOp::BitOr => Value::int(a | b),
        ArithOp::BitXor => Value::int(a ^ b),
        ArithOp::Shl => Value::int(a.wrapping_shl(b as u32 & 31)),
        ArithOp::Shr => Value::int(a >> (b as u32 & 31)),
        ArithOp::UShr => Value::number(((a as u32) >> (b as u32 & 31)) as f64),
        ArithOp::Div | ArithOp::Exp => return None,
    })
}

pub fn arith(e: &mut Engine, op: ArithOp, a: Value, b: Value) -> JsResult<Value> {
    if a.is_int() && b.is_int() {
        if let Some(v) = int_arith(op, a.as_int(), b.as_int()) {
            return Ok(v);
        }
    }
    let x = e.to_number(a)?;
    let y = e.to_number(b)?;
    Ok(arith_numbers(op, x, y))
}

#[inline(always)]
pub fn add(e: &mut Engine, a: Value, b: Value) -> JsResult<Value> {
    if a.is_int() && b.is_int() {
        return Ok(match a.as_int().checked_add(b.as_int()) {
            Some(r) => Value::int(r),
            None => Value::double(a.as_int() as f64 + b.as_int() as f64),
        });
    }
    if a.is_number() && b.is_number() {
        return Ok(Value::number(a.as_number() + b.as_number()));
    }
    if a.is_string() && b.is_string() {
        return e.concat(a, b);
    }
    e.add_slow(a, b)
}

#[derive(Clone, Copy)]
pub enum CmpOp {
    Lt,
    Le,
    Gt,
    Ge,
}

#[inline(always)]
pub fn compare(e: &mut Engine, op: CmpOp, a: Value, b: Value) -> JsResult<bool> {
    if a.is_int() && b.is_int() {
        let (x, y) = (a.as_int(), b.as_int());
        return Ok(match op {
            CmpOp::Lt => x < y,
            CmpOp::Le => x <= y,
            CmpOp::Gt => x > y,
            CmpOp::Ge => x >= y,
        });
    }
    if a.is_number() && b.is_number() {
        let (x, y) = (a.as_number(), b.as_number());
        return Ok(match op {
            CmpOp::Lt => x < y,
            CmpOp::Le => x <= y,
            CmpOp::Gt => x > y,
            CmpOp::Ge => x >= y,
        });
    }
    Ok(match op {
        CmpOp::Lt => e.less_than(a, b, true)? == Some(true),
        CmpOp::Gt => e.less_than(b, a, false)? == Some(true),
        CmpOp::Le => e.less_than(b, a, false)? == Some(false),
        CmpOp::Ge => e.less_than(a, b, true)? == Some(false),
    })
}

/// obj[key] for any value.
#[inline(always)]
pub fn get_elem(e: &mut Engine, obj: Value, key: Value) -> JsResult<Value> {
    if obj.is_object() && key.is_int() {
        let o = obj.as_object();
        let i = key.as_int();
        if i >= 0 {
            if let Some(v) = o.elements.get(i as usize) {
                if *v != Value::HOLE {
                    return Ok(*v);
                }
            }
        }
    } else if obj.is_string() && key.is_int() {
        let s = obj.as_string();
        let i = key.as_int();
        if i >= 0 && (i as usize) < s.len() {
            let c = s.units()[i as usize];
            return Ok(e.char_string(c));
        }
    }
    if obj.is_nullish() {
        let k = e.to_property_key(key)?;
        return e.get(obj, k);
    }
    let k = e.to_property_key(key)?;
    e.get(obj, k)
}

#[inline(always)]
pub fn set_elem(e: &mut Engine, obj: Value, key: Value, v: Value, strict: bool) -> JsResult<()> {
    if obj.is_object() && key.is_int() && store_elem_fast(&mut e.heap, obj, key.as_int(), v) {
        return Ok(());
    }
    let k = e.to_property_key(key)?;
    e.set(obj, k, v, strict)
}

/// An array filled in order from index 0 (as after `new Array(n)`) grows its elements to its
/// `length` at once, up to this many values; beyond, and for other arrays, they double.
pub(crate) const GROW_TO_LENGTH_MAX: u32 = 1 << 24;

/// The element-store fast paths (shared by the interpreter and compiled code): overwrite an
/// existing element; or, on an extensible array without sparse elements whose prototypes have
/// no indexed properties (they could be setters), fill a hole or append right after the dense
/// elements — both an ordinary define. False: the caller takes the generic [[Set]]. Growth of
/// the element vector is accounted to `heap` (GC pacing; no collection happens here).
#[inline]
pub(crate) fn store_elem_fast(heap: &mut crate::runtime::heap::Heap, obj: Value, i: i32, v: Value) -> bool {
    let o = obj.as_object();
    if i < 0 || o.flags & ELEMS_FROZEN != 0 {
        return false;
    }
    let om = o.get_mut();
    let idx = i as usize;
    if idx < om.elements.len() && om.elements[idx] != Value::HOLE {
        om.elements[idx] = v;
        return true;
    }
    if idx > om.elements.len() || !om.is_array() || om.flags & EXTENSIBLE == 0 || om.sparse.is_some() || proto_has_elements(obj) {
        return false;
    }
    if idx < om.elements.len() {
        om.elements[idx] = v;
        return true;
    }
    // Appending. An array made with `new Array(n)` and filled in order grows to its length at
    // once (no doubling and copying on the way); others double.
    let cap = om.elements.capacity();
    if idx == cap {
        let want = if idx < om.array_len as usize && om.array_len <= GROW_TO_LENGTH_MAX { om.array_len as usize } else { (2 * cap).max(4) };
        heap.grow_elements(o, want);
    }
    om.elements.push(v);
    if i as u32 >= om.array_len {
        om.array_len = i as u32 + 1;
    }
    true
}

/// Whether any prototype of `obj` has indexed properties (which could be setters).
fn proto_has_elements(obj: Value) -> bool {
    let mut p = obj.as_object().proto();
    while p.is_object() {
        let o = p.as_object();
        if !o.elements.is_empty() || o.sparse.is_some() {
            return true;
        }
        p = o.proto();
    }
    false
}

/// The `this` a sloppy-mode function sees.
pub(crate) fn coerce_this(e: &mut Engine, code: &FunctionCode, this: Value) -> Value {
    if code.strict || code.kind == CodeKind::Arrow {
        return this;
    }
    if this.is_nullish() {
        return e.realm.global;
    }
    if !this.is_object() {
        return e.wrap_primitive(this);
    }
    this
}

pub fn instance_of(e: &mut Engine, v: Value, f: Value) -> JsResult<bool> {
    if !e.is_callable(f) {
        return Err(e.type_error("Right-hand side of 'instanceof' is not callable"));
    }
    if let Some(FunctionKind::Bound { target, .. }) = f.as_object().function() {
        let t = *target;
        return instance_of(e, v, t);
    }
    if !v.is_object() {
        return Ok(false);
    }
    let proto = e.get(f, PropKey::Atom(atoms::PROTOTYPE))?;
    if !proto.is_object() {
        return Err(e.type_error("Function has non-object prototype in instanceof check"));
    }
    let mut p = v.as_object().proto();
    while p.is_object() {
        if p == proto {
            return Ok(true);
        }
        p = p.as_object().proto();
    }
    Ok(false)
}

fn for_in_keys(e: &mut Engine, v: Value) -> Vec<Value> {
    let mut out = Vec::new();
    if v.is_nullish() {
        return out;
    }
    let obj = match e.to_object(v) {
        Ok(o) => o,
        Err(_) => return out,
    };
    let mut seen = std::collections::HashSet::new();
    let mut cur = obj;
    loop {
        let o = cur.as_object();
        for k in e.own_keys(o) {
            if !seen.insert(k) {
                continue;
            }
            if let Some(d) = e.get_own_property(o, k) {
                if d.attrs & ENUMERABLE != 0 {
                    let kv = e.key_to_value(k);
                    out.push(kv);
                }
            }
        }
        let p = o.proto();
        if !p.is_object() {
            break;
        }
        cur = p;
    }
    out
}

/// LoadGlobal: the inline cache, then the generic lookup (ReferenceError when missing).
pub(crate) fn load_global(e: &mut Engine, code: &FunctionCode, k: crate::frontend::bytecode::K, fb: crate::frontend::bytecode::Fb) -> JsResult<Value> {
    let name = code.consts[k.0 as usize];
    let atom = crate::runtime::string::Atom(name.as_string().atom_cache.get());
    if let Some(v) = super::ic::load_global(e, code.feedback.slot(fb.0), atom) {
        return Ok(v);
    }
    let key = e.key_from_string(name);
    let g = e.realm.global.as_object();
    match e.lookup(g, key) {
        Some((_, d)) if !d.is_accessor() => Ok(d.value),
        Some(_) => e.get_from(g, key, Value::from_object(g)),
        None => {
            let n = name.as_string().to_rust_string();
            Err(e.reference_error(&format!("{} is not defined", n)))
        }
    }
}

/// StoreGlobal: sloppy code creates the variable, strict code throws when it is missing.
pub(crate) fn store_global(e: &mut Engine, code: &FunctionCode, k: crate::frontend::bytecode::K, fb: crate::frontend::bytecode::Fb, v: Value) -> JsResult<()> {
    let name = code.consts[k.0 as usize];
    let key = e.key_from_string(name);
    let g = e.realm.global;
    if code.strict && !e.has_property(g.as_object(), key) {
        let n = name.as_string().to_rust_string();
        return Err(e.reference_error(&format!("{} is not defined", n)));
    }
    match key {
        PropKey::Atom(a) => super::ic::set_named(e, code.feedback.slot(fb.0), g, a, v, code.strict),
        _ => e.set(g, key, v, code.strict),
    }
}

/// The instructions that neither branch nor push frames, shared by the interpreter (their cold
/// arms) and compiled code (the `Generic` helper, with the frame's registers written back):
/// executes the instruction `ins` at `at` of frame `fi`.
pub(crate) fn exec_simple(e: &mut Engine, fi: usize, code: &FunctionCode, ins: Instr, at: usize) -> JsResult<()> {
    let strict = code.strict;
    let base = e.frames[fi].base;
    let regs = e.stack.at(base);
    let _ = (strict, base);
    #[allow(unused_variables)]
    let pc = at + 1;
    macro_rules! r {
        ($x:expr) => {
            unsafe { *regs.add($x.0 as usize) }
        };
    }
    macro_rules! w {
        ($x:expr, $v:expr) => {{
            let v = $v;
            unsafe { *regs.add($x.0 as usize) = v }
        }};
    }
    #[allow(unused_macros)]
    macro_rules! safepoint {
        () => {
            if e.heap.gc_requested || e.options.gc_stress {
                e.frames[fi].pc = at;
                e.safepoint()?;
            }
        };
    }
    macro_rules! t {
        ($x:expr) => {{
            e.frames[fi].pc = at;
            $x?
        }};
    }
    match ins {
                Instr::CheckThis { src } => {
                    if r!(src) == Value::EMPTY {
                        t!(Err(e.reference_error("Must call super constructor in derived class before accessing 'this' or returning from derived constructor")));
                    }
                }
                Instr::CheckThisUninit { src } => {
                    if r!(src) != Value::EMPTY {
                        t!(Err(e.reference_error("Super constructor may only be called once")));
                    }
                }
                Instr::LoadNewTarget { dst } => w!(dst, e.frames[fi].new_target),
                Instr::LoadCallee { dst } => w!(dst, e.frames[fi].callee),
                Instr::PushContext { n } => {
                    let parent = e.frames[fi].ctx;
                    let c = e.heap.alloc(Context { parent, slots: vec![Value::UNDEFINED; n.0 as usize] });
                    e.frames[fi].ctx = Some(c);
                }
                Instr::PopContext {} => {
                    let c = e.frames[fi].ctx.unwrap();
                    e.frames[fi].ctx = c.parent;
                }
                Instr::CloneContext {} => {
                    let c = e.frames[fi].ctx.unwrap();
                    let n = e.heap.alloc(Context { parent: c.parent, slots: c.slots.clone() });
                    e.frames[fi].ctx = Some(n);
                }
                Instr::SaveContext { dst } => {
                    let v = match e.frames[fi].ctx {
                        Some(c) => Value::from_cell(c),
                        None => Value::NULL,
                    };
                    w!(dst, v);
                }
                Instr::RestoreContext { src } => {
                    let v = r!(src);
                    e.frames[fi].ctx = if v.is_cell() { Some(v.as_cell::<Context>()) } else { None };
                }
                Instr::DeclareGlobalVar { k } => {
                    let key = e.key_from_string(code.consts[k.0 as usize]);
                    let g = e.realm.global.as_object();
                    if e.get_own_property(g, key).is_none() {
                        e.define_data(g, key, Value::UNDEFINED, WRITABLE | ENUMERABLE);
                    }
                }
                Instr::LoadGlobalOrUndef { dst, k } => {
                    let name = code.consts[k.0 as usize];
                    let key = e.key_from_string(name);
                    let g = e.realm.global;
                    let v = t!(e.get(g, key));
                    w!(dst, v);
                }
                Instr::DeleteElem { dst, obj, key } => {
                    let o = r!(obj);
                    if o.is_nullish() {
                        t!(Err(e.type_error("Cannot convert undefined or null to object")));
                    }
                    let k = t!(e.to_property_key(r!(key)));
                    let res = if o.is_object() { t!(e.delete(o.as_object(), k, strict)) } else { true };
                    w!(dst, Value::bool(res));
                }
                Instr::GetSuper { dst, func, key, this } => {
                    let home = home_of(r!(func));
                    let k = t!(e.to_property_key(r!(key)));
                    let v = if home.is_object() && home.as_object().proto().is_object() {
                        let p = home.as_object().proto().as_object();
                        t!(e.get_from(p, k, r!(this)))
                    } else {
                        Value::UNDEFINED
                    };
                    w!(dst, v);
                }
                Instr::SetSuper { func, key, this, src } => {
                    let home = home_of(r!(func));
                    let k = t!(e.to_property_key(r!(key)));
                    let thisv = r!(this);
                    // Setters on the parent run with `this`; otherwise the property lands on `this`.
                    let p = home.as_object().proto();
                    let setter = if p.is_object() { e.lookup(p.as_object(), k).filter(|(_, d)| d.is_accessor()).map(|(_, d)| d.accessor().setter) } else { None };
                    match setter {
                        Some(s) if !s.is_undefined() => {
                            t!(e.call(s, thisv, &[r!(src)]));
                        }
                        _ => t!(e.set(thisv, k, r!(src), true)),
                    }
                }
                Instr::DefineProp { obj, key, src, flags } => {
                    let k = t!(e.to_property_key(r!(key)));
                    let attrs = if flags.0 & 1 != 0 { DEFAULT_ATTRS } else { METHOD_ATTRS };
                    let o = r!(obj).as_object();
                    e.define_data(o, k, r!(src), attrs);
                    set_function_name_if_anonymous(e, r!(src), k, "");
                }
                Instr::DefineAccessor { obj, key, src, flags } => {
                    let k = t!(e.to_property_key(r!(key)));
                    let attrs = if flags.0 & 1 != 0 { DEFAULT_ATTRS } else { METHOD_ATTRS };
                    let f = r!(src);
                    let prefix = if flags.0 & 2 != 0 { "set" } else { "get" };
                    set_function_name_if_anonymous(e, f, k, prefix);
                    if flags.0 & 2 != 0 {
                        e.define_accessor(r!(obj).as_object(), k, None, Some(f), attrs);
                    } else {
                        e.define_accessor(r!(obj).as_object(), k, Some(f), None, attrs);
                    }
                }
                Instr::SetHome { src, obj } => {
                    let f = r!(src).as_object();
                    if let ObjClass::Function(FunctionKind::Closure { home, .. }) = &mut f.get_mut().class {
                        *home = r!(obj);
                    }
                }
                Instr::ToKey { dst, src } => {
                    let k = t!(e.to_property_key(r!(src)));
                    let v = e.key_to_value(k);
                    w!(dst, v);
                }
                Instr::ToString { dst, src } => {
                    let v = r!(src);
                    let s = if v.is_string() {
                        v
                    } else {
                        t!(e.to_string(v))
                    };
                    w!(dst, s);
                }
                Instr::ToNumeric { dst, src, fb } => {
                    code.feedback.slot(fb.0).record(super::feedback::type_bit(r!(src)));
                    let v = r!(src);
                    let n = if v.is_number() { v } else { t!(e.to_numeric(v)) };
                    w!(dst, n);
                }
                Instr::ArrayHole { arr } => {
                    let a = r!(arr).as_object().get_mut();
                    a.elements.push(Value::HOLE);
                    a.array_len += 1;
                }
                Instr::ArraySpread { arr, src } => {
                    let items = t!(iterate_to_vec(e, r!(src)));
                    let a = r!(arr).as_object().get_mut();
                    a.array_len += items.len() as u32;
                    a.elements.extend(items);
                }
                Instr::NewClass { dst, f, heritage, flags } => {
                    let child = code.children[f.0 as usize].clone();
                    let env = e.frames[fi].ctx;
                    let (proto_parent, ctor_parent) = if flags.0 & 1 != 0 {
                        let h = r!(heritage);
                        if h.is_null() {
                            (Value::NULL, e.realm.function_proto)
                        } else if !e.is_constructor(h) {
                            t!(Err(e.type_error("Class extends value is not a constructor or null")))
                        } else {
                            let pp = t!(e.get(h, PropKey::Atom(atoms::PROTOTYPE)));
                            if !pp.is_object() && !pp.is_null() {
                                t!(Err(e.type_error("Class extends value does not have valid prototype property")));
                            }
                            (pp, h)
                        }
                    } else {
                        (e.realm.object_proto, e.realm.function_proto)
                    };
                    let c = e.new_closure(child, env);
                    let co = c.as_object();
                    e.set_proto(co, ctor_parent);
                    let proto = e.new_object_with_proto(proto_parent, ObjClass::Ordinary);
                    e.define_data(proto.as_object(), PropKey::Atom(atoms::CONSTRUCTOR), c, METHOD_ATTRS);
                    e.define_data(co, PropKey::Atom(atoms::PROTOTYPE), proto, 0);
                    w!(dst, c);
                }
                Instr::SetFields { ctor, src } => {
                    let c = r!(ctor).as_object();
                    if let ObjClass::Function(FunctionKind::Closure { fields, .. }) = &mut c.get_mut().class {
                        *fields = r!(src);
                    }
                }
                Instr::InitFields { func, this } => {
                    t!(init_fields(e, r!(func), r!(this)));
                }
                Instr::CreateArguments { dst } => {
                    let f = &e.frames[fi];
                    let args = e.stack.slice(f.args_base, f.argc as usize).to_vec();
                    let p = e.realm.object_proto;
                    let a = e.new_object_with_proto(p, ObjClass::Arguments);
                    let ao = a.as_object();
                    let n = args.len();
                    ao.get_mut().elements = args;
                    e.define_data(ao, PropKey::Atom(atoms::LENGTH), Value::int(n as i32), METHOD_ATTRS);
                    w!(dst, a);
                }
                Instr::CreateRest { dst, from } => {
                    let f = &e.frames[fi];
                    let argc = f.argc as usize;
                    let from = (from.0 as usize).min(argc);
                    let args = e.stack.slice(f.args_base + from, argc - from).to_vec();
                    let a = e.new_array(args);
                    w!(dst, a);
                }
                Instr::CallSpread { dst, callee, this, arr, .. } => {
                    let args = t!(iterate_to_vec(e, r!(arr)));
                    let v = t!(e.call(r!(callee), r!(this), &args));
                    w!(dst, v);
                }
                Instr::NewSpread { dst, callee, arr, .. } => {
                    let args = t!(iterate_to_vec(e, r!(arr)));
                    let f = r!(callee);
                    let v = t!(e.construct(f, &args, f));
                    w!(dst, v);
                }
                Instr::SuperCall { dst, func, nt, args, argc } => {
                    let argv = e.stack.slice(base + args.0 as usize, argc.0 as usize).to_vec();
                    let v = t!(super_call(e, r!(func), r!(nt), &argv));
                    w!(dst, v);
                }
                Instr::SuperCallSpread { dst, func, nt, arr } => {
                    let argv = t!(iterate_to_vec(e, r!(arr)));
                    let v = t!(super_call(e, r!(func), r!(nt), &argv));
                    w!(dst, v);
                }
                Instr::RequireObjectCoercible { src } => {
                    let v = r!(src);
                    if v.is_nullish() {
                        let what = if v.is_undefined() { "undefined" } else { "null" };
                        t!(Err(e.type_error(&format!("Cannot destructure '{}' as it is {}.", what, what))));
                    }
                }
                Instr::GetIterator { dst, src } => {
                    let it = t!(get_iterator(e, r!(src)));
                    w!(dst, it);
                }
                Instr::IterNextOrUndef { dst, iter } => {
                    let v = t!(iterator_step(e, r!(iter))).unwrap_or(Value::UNDEFINED);
                    w!(dst, v);
                }
                Instr::IterRest { dst, iter } => {
                    let mut items = Vec::new();
                    while let Some(v) = t!(iterator_step(e, r!(iter))) {
                        items.push(v);
                    }
                    let a = e.new_array(items);
                    w!(dst, a);
                }
                Instr::ForInPrepare { dst, src } => {
                    let v = r!(src);
                    let keys = for_in_keys(e, v);
                    let p = e.realm.object_proto;
                    let it = e.new_object_with_proto(p, ObjClass::ForIn(Box::new(crate::runtime::object::ForInState { keys, next: 0, obj: v })));
                    w!(dst, it);
                }
        other => unreachable!("exec_simple on {}", other.name()),
    }
    Ok(())
}

/// The next for-in key of iterator `it` (keys deleted meanwhile are skipped), or None at the end.
pub(crate) fn for_in_next(e: &mut Engine, it: Value) -> Option<Value> {
    let it = it.as_object();
    loop {
        let (k, obj) = match &mut it.get_mut().class {
            ObjClass::ForIn(st) => {
                if st.next >= st.keys.len() {
                    (None, st.obj)
                } else {
                    st.next += 1;
                    (Some(st.keys[st.next - 1]), st.obj)
                }
            }
            _ => unreachable!(),
        };
        let k = k?;
        let key = e.key_from_string(k);
        if obj.is_object() && !e.has_property(obj.as_object(), key) {
            continue;
        }
        return Some(k);
    }
}

/// Executes from the top frame's pc until an entry frame returns.
pub fn execute(e: &mut Engine) -> JsResult<Value> {
    'frame: loop {
        // Safepoint on every call and return: all live values are in frames and registers.
        e.safepoint()?;
        let fi = e.frames.len() - 1;
        let (code_ptr, base, mut pc) = {
            let f = &e.frames[fi];
            (f.code.as_ptr(), f.base, f.pc)
        };
        // SAFETY: the frame owns an Rc of its code; the frame outlives every use of `code` below
        // (after a Return pops it, control goes straight to `continue 'frame`).
        let code: &FunctionCode = unsafe { &*code_ptr };
        let strict = code.strict;
        let regs = e.stack.at(base);
        macro_rules! r {
            ($x:expr) => {
                unsafe { *regs.add($x.0 as usize) }
            };
        }
        macro_rules! w {
            ($x:expr, $v:expr) => {{
                let v = $v;
                unsafe { *regs.add($x.0 as usize) = v }
            }};
        }
        // Runs a fallible operation with the frame's pc pointing at this instruction (for stack
        // traces and handler lookup).
        // An allocation safepoint inside the function (after the result is in its register).
        macro_rules! safepoint {
            () => {
                if e.heap.gc_requested || e.options.gc_stress {
                    e.frames[fi].pc = pc;
                    e.safepoint()?;
                }
            };
        }
        macro_rules! t {
            ($x:expr) => {{
                e.frames[fi].pc = pc - 1;
                $x?
            }};
        }
        loop {
            let ins = code.instrs[pc];
            pc += 1;
            match ins {
                Instr::Mov { dst, src } => w!(dst, r!(src)),
                Instr::LoadUndef { dst } => w!(dst, Value::UNDEFINED),
                Instr::LoadNull { dst } => w!(dst, Value::NULL),
                Instr::LoadTrue { dst } => w!(dst, Value::TRUE),
                Instr::LoadFalse { dst } => w!(dst, Value::FALSE),
                Instr::LoadInt { dst, imm } => w!(dst, Value::int(imm.0)),
                Instr::LoadConst { dst, k } => w!(dst, code.consts[k.0 as usize]),
                Instr::LoadEmpty { dst } => w!(dst, Value::EMPTY),
                Instr::CheckTdz { src, k } => {
                    if r!(src) == Value::EMPTY {
                        let name = code.consts[k.0 as usize].as_string().to_rust_string();
                        t!(Err(e.reference_error(&format!("Cannot access '{}' before initialization", name))));
                    }
                }
                Instr::CheckThis { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::CheckThisUninit { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::ThrowConstAssign { k } => {
                    let _ = k;
                    t!(Err(e.type_error("Assignment to constant variable.")));
                }
                Instr::LoadThis { dst } => {
                    let this = e.frames[fi].this;
                    let v = coerce_this(e, code, this);
                    w!(dst, v);
                }
                Instr::LoadNewTarget { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::LoadCallee { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::PushContext { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::PopContext { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::CloneContext { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::SaveContext { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::RestoreContext { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::LoadCtx { dst, depth, slot } => w!(dst, e.frames[fi].context(depth.0).slots[slot.0 as usize]),
                Instr::StoreCtx { src, depth, slot } => e.frames[fi].context(depth.0).get_mut().slots[slot.0 as usize] = r!(src),
                Instr::LoadGlobal { dst, k, fb } => {
                    let name = code.consts[k.0 as usize];
                    let atom = crate::runtime::string::Atom(name.as_string().atom_cache.get());
                    if let Some(v) = super::ic::load_global(e, code.feedback.slot(fb.0), atom) {
                        w!(dst, v);
                        continue;
                    }
                    let v = t!(load_global(e, code, k, fb));
                    w!(dst, v);
                }
                Instr::DeclareGlobalVar { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::LoadGlobalOrUndef { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::StoreGlobal { src, k, fb } => {
                    t!(store_global(e, code, k, fb, r!(src)));
                }
                Instr::GetNamed { dst, obj, k, fb } => {
                    let o = r!(obj);
                    let name = code.consts[k.0 as usize];
                    let a = crate::runtime::string::Atom(name.as_string().atom_cache.get());
                    let slot = code.feedback.slot(fb.0);
                    let v = t!(super::ic::get_named(e, slot, o, a));
                    w!(dst, v);
                }
                Instr::SetNamed { obj, k, src, fb } => {
                    let o = r!(obj);
                    let name = code.consts[k.0 as usize];
                    let a = crate::runtime::string::Atom(name.as_string().atom_cache.get());
                    let slot = code.feedback.slot(fb.0);
                    t!(super::ic::set_named(e, slot, o, a, r!(src), strict));
                }
                Instr::GetElem { dst, obj, key, fb } => {
                    let (o, k) = (r!(obj), r!(key));
                    let v = t!(get_elem(e, o, k));
                    elem_feedback(code.feedback.slot(fb.0), o, k, v, false);
                    w!(dst, v);
                }
                Instr::SetElem { obj, key, src, fb } => {
                    let (o, k, v) = (r!(obj), r!(key), r!(src));
                    elem_feedback(code.feedback.slot(fb.0), o, k, v, true);
                    t!(set_elem(e, o, k, v, strict));
                }
                Instr::DeleteElem { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::GetSuper { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::SetSuper { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::DefineProp { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::DefineNamed { obj, k, src } => {
                    let key = e.key_from_string(code.consts[k.0 as usize]);
                    e.define_data(r!(obj).as_object(), key, r!(src), DEFAULT_ATTRS);
                }
                Instr::DefineAccessor { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::SetHome { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::ToKey { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::ToString { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::ToNumeric { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::NewObject { dst, n } => {
                    let o = e.new_object();
                    if n.0 > 0 {
                        o.as_object().get_mut().slots.reserve_exact(n.0 as usize);
                    }
                    w!(dst, o);
                    safepoint!();
                }
                Instr::NewArray { dst, n } => {
                    let a = e.new_array(Vec::with_capacity(n.0 as usize));
                    w!(dst, a);
                    safepoint!();
                }
                Instr::ArrayPush { arr, src } => {
                    let a = r!(arr).as_object().get_mut();
                    a.elements.push(r!(src));
                    a.array_len += 1;
                }
                Instr::ArrayHole { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::ArraySpread { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::CopyProps { dst, src, excl, n } => {
                    let s = r!(src);
                    if !s.is_nullish() {
                        let so = t!(e.to_object(s));
                        let mut excluded = Vec::new();
                        for i in 0..n.0 {
                            let k = t!(e.to_property_key(r!(Reg(excl.0 + i))));
                            excluded.push(k);
                        }
                        let keys = e.own_enumerable_keys(so.as_object());
                        for k in keys {
                            if excluded.contains(&k) {
                                continue;
                            }
                            let v = t!(e.get(so, k));
                            e.define_data(r!(dst).as_object(), k, v, DEFAULT_ATTRS);
                        }
                    }
                }
                Instr::NewClosure { dst, f } => {
                    let child = code.children[f.0 as usize].clone();
                    let env = e.frames[fi].ctx;
                    let c = e.new_closure(child, env);
                    w!(dst, c);
                    safepoint!();
                }
                Instr::NewClass { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::SetFields { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::InitFields { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::CreateArguments { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::CreateRest { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::Call { dst, callee, this, args, argc, fb } => {
                    let f = r!(callee);
                    record_call(code, fb, f);
                    let thisv = if this == NO_THIS { Value::UNDEFINED } else { r!(this) };
                    let argv = e.stack.slice(base + args.0 as usize, argc.0 as usize);
                    if f.is_object() {
                        let fo = f.as_object();
                        match fo.function() {
                            Some(FunctionKind::Closure { code: c, env, .. }) if fo.flags & CLASS_CTOR == 0 => {
                                let c = crate::frontend::bytecode::CodeRef::new(c);
                                let env = *env;
                                e.frames[fi].pc = pc - 1;
                                let new_base = base + code.nregs as usize;
                                push_frame_env(e, c, env, f, thisv, Value::UNDEFINED, new_base, argv, FrameKind::Normal, dst.0)?;
                                if e.options.jit {
                                    match crate::jit::on_call(e) {
                                        Some(crate::jit::Outcome::Returned(v)) => {
                                            let v = super::finish_return(e, v);
                                            w!(dst, v);
                                            continue;
                                        }
                                        Some(crate::jit::Outcome::Threw(x)) => return Err(x),
                                        _ => {}
                                    }
                                }
                                continue 'frame;
                            }
                            Some(FunctionKind::Native { f: nf, .. }) => {
                                let nf = *nf;
                                e.frames[fi].pc = pc - 1;
                                if e.native_depth >= MAX_NATIVE_DEPTH {
                                    return Err(e.range_error("Maximum call stack size exceeded"));
                                }
                                e.native_depth += 1;
                                let block = (fo.flags & GC_SAFE_NATIVE == 0) as u32;
                                e.gc_blocked += block;
                                let res = nf(e, &Args { this: thisv, args: argv, new_target: Value::UNDEFINED, callee: f });
                                e.gc_blocked -= block;
                                e.native_depth -= 1;
                                w!(dst, res?);
                                continue;
                            }
                            _ => {}
                        }
                    }
                    let v = t!(e.call(f, thisv, argv));
                    w!(dst, v);
                }
                Instr::CallSpread { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::New { dst, callee, args, argc, fb } => {
                    let f = r!(callee);
                    record_call(code, fb, f);
                    let argv = e.stack.slice(base + args.0 as usize, argc.0 as usize);
                    if f.is_object() {
                        if let Some(FunctionKind::Closure { code: c, .. }) = f.as_object().function() {
                            if c.kind == CodeKind::Normal || c.kind == CodeKind::ClassConstructor || c.kind == CodeKind::DerivedConstructor {
                                let c = crate::frontend::bytecode::CodeRef::new(c);
                                e.frames[fi].pc = pc - 1;
                                let this = if c.kind == CodeKind::DerivedConstructor { Value::EMPTY } else { ordinary_create_from_constructor(e, f)? };
                                let new_base = base + code.nregs as usize;
                                push_frame(e, c, f, this, f, new_base, argv, FrameKind::Construct, dst.0)?;
                                if e.options.jit {
                                    match crate::jit::on_call(e) {
                                        Some(crate::jit::Outcome::Returned(v)) => {
                                            let v = super::finish_return(e, v);
                                            w!(dst, v);
                                            continue;
                                        }
                                        Some(crate::jit::Outcome::Threw(x)) => return Err(x),
                                        _ => {}
                                    }
                                }
                                continue 'frame;
                            }
                        }
                    }
                    let v = t!(e.construct(f, argv, f));
                    w!(dst, v);
                    // A native constructor may have made a collection due (`new Array(n)`:
                    // `Heap::expect_large_elements`).
                    safepoint!();
                }
                Instr::NewSpread { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::SuperCall { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::SuperCallSpread { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::Return { src } => {
                    match super::return_from_frame(e, r!(src)) {
                        Some(v) => return Ok(v),
                        None => continue 'frame,
                    }
                }
                Instr::CtorReturn { src, this } => {
                    let v = r!(src);
                    let v = if v.is_object() {
                        v
                    } else if !v.is_undefined() {
                        t!(Err(e.type_error("Derived constructors may only return object or undefined")))
                    } else {
                        let t = r!(this);
                        if t == Value::EMPTY {
                            t!(Err(e.reference_error("Must call super constructor in derived class before accessing 'this' or returning from derived constructor")));
                        }
                        t
                    };
                    // v is an object (or the bound `this`): the construct rule leaves it as is.
                    match super::return_from_frame(e, v) {
                        Some(v) => return Ok(v),
                        None => continue 'frame,
                    }
                }
                Instr::Throw { src } => {
                    e.frames[fi].pc = pc - 1;
                    return Err(r!(src));
                }
                Instr::ThrowTypeError { k } => {
                    let m = code.consts[k.0 as usize].as_string().to_rust_string();
                    t!(Err(e.type_error(&m)));
                }
                Instr::RequireObjectCoercible { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::Add { dst, lhs, rhs, fb } => {
                    record_binary(code, fb, r!(lhs), r!(rhs));
                    let (a, b) = (r!(lhs), r!(rhs));
                    if a.is_int() && b.is_int() {
                        if let Some(x) = a.as_int().checked_add(b.as_int()) {
                            w!(dst, Value::int(x));
                            continue;
                        }
                    }
                    let v = t!(add(e, a, b));
                    w!(dst, v);
                }
                Instr::Sub { dst, lhs, rhs, fb } => {
                    record_binary(code, fb, r!(lhs), r!(rhs));
                    let (a, b) = (r!(lhs), r!(rhs));
                    if a.is_int() && b.is_int() {
                        if let Some(x) = a.as_int().checked_sub(b.as_int()) {
                            w!(dst, Value::int(x));
                            continue;
                        }
                    }
                    let v = t!(arith(e, ArithOp::Sub, a, b));
                    w!(dst, v);
                }
                Instr::Mul { dst, lhs, rhs, fb } => {
                    record_binary(code, fb, r!(lhs), r!(rhs));
                    let v = t!(arith(e, ArithOp::Mul, r!(lhs), r!(rhs)));
                    w!(dst, v);
                }
                Instr::Div { dst, lhs, rhs, fb } => {
                    record_binary(code, fb, r!(lhs), r!(rhs));
                    let v = t!(arith(e, ArithOp::Div, r!(lhs), r!(rhs)));
                    w!(dst, v);
                }
                Instr::Mod { dst, lhs, rhs, fb } => {
                    record_binary(code, fb, r!(lhs), r!(rhs));
                    let v = t!(arith(e, ArithOp::Mod, r!(lhs), r!(rhs)));
                    w!(dst, v);
                }
                Instr::Exp { dst, lhs, rhs, fb } => {
                    record_binary(code, fb, r!(lhs), r!(rhs));
                    let v = t!(arith(e, ArithOp::Exp, r!(lhs), r!(rhs)));
                    w!(dst, v);
                }
                Instr::BitAnd { dst, lhs, rhs, fb } => {
                    record_binary(code, fb, r!(lhs), r!(rhs));
                    let v = t!(arith(e, ArithOp::BitAnd, r!(lhs), r!(rhs)));
                    w!(dst, v);
                }
                Instr::BitOr { dst, lhs, rhs, fb } => {
                    record_binary(code, fb, r!(lhs), r!(rhs));
                    let v = t!(arith(e, ArithOp::BitOr, r!(lhs), r!(rhs)));
                    w!(dst, v);
                }
                Instr::BitXor { dst, lhs, rhs, fb } => {
                    record_binary(code, fb, r!(lhs), r!(rhs));
                    let v = t!(arith(e, ArithOp::BitXor, r!(lhs), r!(rhs)));
                    w!(dst, v);
                }
                Instr::Shl { dst, lhs, rhs, fb } => {
                    record_binary(code, fb, r!(lhs), r!(rhs));
                    let v = t!(arith(e, ArithOp::Shl, r!(lhs), r!(rhs)));
                    w!(dst, v);
                }
                Instr::Shr { dst, lhs, rhs, fb } => {
                    record_binary(code, fb, r!(lhs), r!(rhs));
                    let v = t!(arith(e, ArithOp::Shr, r!(lhs), r!(rhs)));
                    w!(dst, v);
                }
                Instr::UShr { dst, lhs, rhs, fb } => {
                    record_binary(code, fb, r!(lhs), r!(rhs));
                    let v = t!(arith(e, ArithOp::UShr, r!(lhs), r!(rhs)));
                    w!(dst, v);
                }
                Instr::AddImm { dst, src, imm, fb } => {
                    code.feedback.slot(fb.0).record(super::feedback::type_bit(r!(src)));
                    let a = r!(src);
                    if a.is_int() {
                        if let Some(x) = a.as_int().checked_add(imm.0) {
                            w!(dst, Value::int(x));
                            continue;
                        }
                    }
                    let n = t!(e.to_number(a));
                    w!(dst, Value::number(n + imm.0 as f64));
                }
                Instr::Neg { dst, src, fb } => {
                    code.feedback.slot(fb.0).record(super::feedback::type_bit(r!(src)));
                    let a = r!(src);
                    let v = if a.is_int() && a.as_int() != 0 && a.as_int() != i32::MIN {
                        Value::int(-a.as_int())
                    } else {
                        Value::number(-t!(e.to_number(a)))
                    };
                    w!(dst, v);
                }
                Instr::BitNot { dst, src, fb } => {
                    code.feedback.slot(fb.0).record(super::feedback::type_bit(r!(src)));
                    let x = t!(e.to_int32(r!(src)));
                    w!(dst, Value::int(!x));
                }
                Instr::Not { dst, src } => w!(dst, Value::bool(!r!(src).truthy())),
                Instr::TypeOf { dst, src } => {
                    let a = e.type_of(r!(src));
                    w!(dst, e.atom_value(a));
                }
                Instr::Eq { dst, lhs, rhs, fb } => {
                    record_binary(code, fb, r!(lhs), r!(rhs));
                    let v = t!(e.loose_equals(r!(lhs), r!(rhs)));
                    w!(dst, Value::bool(v));
                }
                Instr::Ne { dst, lhs, rhs, fb } => {
                    record_binary(code, fb, r!(lhs), r!(rhs));
                    let v = t!(e.loose_equals(r!(lhs), r!(rhs)));
                    w!(dst, Value::bool(!v));
                }
                Instr::StrictEq { dst, lhs, rhs, fb } => {
                    record_binary(code, fb, r!(lhs), r!(rhs));
                    w!(dst, Value::bool(e.strict_equals(r!(lhs), r!(rhs))));
                }                Instr::StrictNe { dst, lhs, rhs, fb } => {
                    record_binary(code, fb, r!(lhs), r!(rhs));
                    w!(dst, Value::bool(!e.strict_equals(r!(lhs), r!(rhs))));
                }                Instr::Lt { dst, lhs, rhs, fb } => {
                    record_binary(code, fb, r!(lhs), r!(rhs));
                    let v = t!(compare(e, CmpOp::Lt, r!(lhs), r!(rhs)));
                    w!(dst, Value::bool(v));
                }
                Instr::Le { dst, lhs, rhs, fb } => {
                    record_binary(code, fb, r!(lhs), r!(rhs));
                    let v = t!(compare(e, CmpOp::Le, r!(lhs), r!(rhs)));
                    w!(dst, Value::bool(v));
                }
                Instr::Gt { dst, lhs, rhs, fb } => {
                    record_binary(code, fb, r!(lhs), r!(rhs));
                    let v = t!(compare(e, CmpOp::Gt, r!(lhs), r!(rhs)));
                    w!(dst, Value::bool(v));
                }
                Instr::Ge { dst, lhs, rhs, fb } => {
                    record_binary(code, fb, r!(lhs), r!(rhs));
                    let v = t!(compare(e, CmpOp::Ge, r!(lhs), r!(rhs)));
                    w!(dst, Value::bool(v));
                }
                Instr::InstanceOf { dst, lhs, rhs, fb } => {
                    record_binary(code, fb, r!(lhs), r!(rhs));
                    let v = t!(instance_of(e, r!(lhs), r!(rhs)));
                    w!(dst, Value::bool(v));
                }
                Instr::In { dst, lhs, rhs, fb } => {
                    record_binary(code, fb, r!(lhs), r!(rhs));
                    let o = r!(rhs);
                    if !o.is_object() {
                        let d = e.describe(r!(lhs));
                        let od = e.describe(o);
                        t!(Err(e.type_error(&format!("Cannot use 'in' operator to search for '{}' in {}", d, od))));
                    }
                    let k = t!(e.to_property_key(r!(lhs)));
                    let v = e.has_property(o.as_object(), k);
                    w!(dst, Value::bool(v));
                }
                Instr::Jump { t } => pc = t.0 as usize,
                Instr::JumpLoop { t, id } => {
                    let c = &code.feedback.back_edges[id.0 as usize];
                    c.set(c.get().saturating_add(1));
                    pc = t.0 as usize;
                    safepoint!();
                    if c.get() >= e.options.osr_threshold && e.options.jit && code.feedback.jit.may_compile() {
                        // On-stack replacement: continue this activation in compiled code
                        // entered at the loop header (the frame is already in memory).
                        e.frames[fi].pc = pc;
                        match crate::jit::on_back_edge(e, pc as u32) {
                            Some(crate::jit::Outcome::Returned(v)) => match super::return_from_frame(e, v) {
                                Some(v) => return Ok(v),
                                None => continue 'frame,
                            },
                            Some(crate::jit::Outcome::Deopted) => continue 'frame,
                            Some(crate::jit::Outcome::Threw(x)) => return Err(x),
                            None => {}
                        }
                    }
                }
                Instr::LoopHeader { .. } => {}
                Instr::JumpIfTrue { src, t } => {
                    if r!(src).truthy() {
                        pc = t.0 as usize;
                    }
                }
                Instr::JumpIfFalse { src, t } => {
                    if !r!(src).truthy() {
                        pc = t.0 as usize;
                    }
                }
                Instr::JumpIfNullish { src, t } => {
                    if r!(src).is_nullish() {
                        pc = t.0 as usize;
                    }
                }
                Instr::JumpIfNotNullish { src, t } => {
                    if !r!(src).is_nullish() {
                        pc = t.0 as usize;
                    }
                }
                Instr::JumpIfUndefined { src, t } => {
                    if r!(src).is_undefined() {
                        pc = t.0 as usize;
                    }
                }
                Instr::JumpIfNotUndefined { src, t } => {
                    if !r!(src).is_undefined() {
                        pc = t.0 as usize;
                    }
                }
                Instr::JumpIfLt { lhs, rhs, t, fb } => {
                    record_binary(code, fb, r!(lhs), r!(rhs));
                    let (a, b) = (r!(lhs), r!(rhs));
                    let lt = if a.is_int() && b.is_int() { a.as_int() < b.as_int() } else { t!(compare(e, CmpOp::Lt, a, b)) };
                    if lt {
                        pc = t.0 as usize;
                    }
                }
                Instr::JumpIfNotLt { lhs, rhs, t, fb } => {
                    record_binary(code, fb, r!(lhs), r!(rhs));
                    let (a, b) = (r!(lhs), r!(rhs));
                    let lt = if a.is_int() && b.is_int() { a.as_int() < b.as_int() } else { t!(compare(e, CmpOp::Lt, a, b)) };
                    if !lt {
                        pc = t.0 as usize;
                    }
                }
                Instr::JumpIfStrictEq { lhs, rhs, t, fb } => {
                    record_binary(code, fb, r!(lhs), r!(rhs));
                    if e.strict_equals(r!(lhs), r!(rhs)) {
                        pc = t.0 as usize;
                    }
                }
                Instr::GetIterator { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::IterNext { dst, iter, t } => {
                    let it = r!(iter);
                    // Fast path: dense arrays.
                    if let ObjClass::Iterator(crate::runtime::object::IterState::Array { obj, next, kind: crate::runtime::object::IterKind::Values }) = &mut it.as_object().get_mut().class {
                        let o = obj.as_object();
                        if o.is_array() {
                            let i = *next as usize;
                            if i >= o.array_len as usize {
                                pc = t.0 as usize;
                                continue;
                            }
                            if let Some(v) = o.elements.get(i) {
                                if *v != Value::HOLE {
                                    *next += 1;
                                    w!(dst, *v);
                                    continue;
                                }
                            }
                        }
                    }
                    match t!(iterator_step(e, it)) {
                        Some(v) => w!(dst, v),
                        None => pc = t.0 as usize,
                    }
                }
                Instr::IterNextOrUndef { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::IterRest { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::ForInPrepare { .. } => exec_simple(e, fi, code, ins, pc - 1)?,
                Instr::ForInNext { dst, iter, t } => match for_in_next(e, r!(iter)) {
                    Some(k) => w!(dst, k),
                    None => pc = t.0 as usize,
                },
                Instr::Nop {} => {}
            }
        }
    }
}

#[inline(always)]
pub(crate) fn record_binary(code: &FunctionCode, fb: crate::frontend::bytecode::Fb, a: Value, b: Value) {
    // Both int32 is by far the common case: one check instead of two classifications.
    let bits = if a.is_int() && b.is_int() { super::feedback::T_INT32 } else { super::feedback::type_bit(a) | super::feedback::type_bit(b) };
    code.feedback.slot(fb.0).record(bits);
}

#[inline(always)]
pub(crate) fn record_call(code: &FunctionCode, fb: crate::frontend::bytecode::Fb, f: Value) {
    let slot = code.feedback.slot(fb.0);
    let mut ic = slot.ic.borrow_mut();
    match &*ic {
        super::feedback::Ic::Mono(super::feedback::IcEntry::Target(t)) if *t == f => {}
        super::feedback::Ic::Mega => {}
        _ => ic.add(super::feedback::IcEntry::Target(f)),
    }
}

/// Element-site feedback: value kinds, holes, out-of-bounds reads and growing writes.
#[inline(always)]
pub(crate) fn elem_feedback(slot: &super::feedback::FeedbackSlot, o: Value, k: Value, v: Value, store: bool) {
    use super::feedback::*;
    slot.record(type_bit(v));
    if !o.is_object() || !o.as_object().is_array() {
        slot.flag(F_NON_ARRAY);
        return;
    }
    let ob = o.as_object();
    if k.is_int() {
        let i = k.as_int();
        if i < 0 || i as u32 >= ob.array_len {
            slot.flag(if store { F_GROW } else { F_OOB });
        } else if ob.elements.get(i as usize).is_none_or(|x| *x == Value::HOLE) {
            slot.flag(F_HOLE);
        }
    }
}

fn home_of(f: Value) -> Value {
    match f.as_object().function() {
        Some(FunctionKind::Closure { home, .. }) => *home,
        _ => Value::UNDEFINED,
    }
}

/// Runs the instance field initializer of class constructor `func` on `this`.
pub fn init_fields(e: &mut Engine, func: Value, this: Value) -> JsResult<()> {
    let fields = match func.as_object().function() {
        Some(FunctionKind::Closure { fields, .. }) => *fields,
        _ => Value::UNDEFINED,
    };
    if fields.is_object() {
        e.call(fields, this, &[])?;
    }
    Ok(())
}

/// super(...args) in the constructor `func`, with the constructor's new.target.
fn super_call(e: &mut Engine, func: Value, nt: Value, args: &[Value]) -> JsResult<Value> {
    let parent = func.as_object().proto();
    if !e.is_constructor(parent) {
        return Err(e.type_error("Super constructor is not a constructor"));
    }
    let this = e.construct(parent, args, nt)?;
    init_fields(e, func, this)?;
    Ok(this)
}

/// Gives an anonymous function the name of the property it is stored in.
fn set_function_name_if_anonymous(e: &mut Engine, f: Value, key: PropKey, prefix: &str) {
    if !f.is_object() || !f.as_object().is_callable() {
        return;
    }
    let o = f.as_object();
    if let Some((slot, _)) = o.find(atoms::NAME) {
        let cur = o.slots[slot as usize];
        if cur.is_string() && cur.as_string().is_empty() {
            let k = e.key_to_rust(key);
            let n = if prefix.is_empty() { k } else { format!("{} {}", prefix, k) };
            let v = e.intern_value(&n);
            o.get_mut().slots[slot as usize] = v;
        }
    }
    let _ = WRITABLE;
}
