//! Array constructor and Array.prototype (§23.1; section numbers are ECMAScript 2024's), plus
//! the `next()` of built-in iterators.
//!
//! Methods are generic over array-likes as the spec says (`this_array_like` + Get/Set by index);
//! plain dense arrays take fast paths where no user code can observe the difference.
//!
//! GC: the callback-taking methods are marked GC-safe, so collection may run inside their
//! callbacks; they keep every heap value they still need (the receiver, the result, values
//! read before a call and used after it) on `e.handles`.

use super::{relative_index, this_array_like};
use crate::interp::{get_iterator, iterator_step, new_iterator};
use crate::runtime::object::{Args, FunctionKind, IterKind, IterState, JsResult, NativeFn, ObjClass, ELEMS_FROZEN, ELEMS_SEALED};
use crate::runtime::shape::{CONFIGURABLE, DEFAULT_ATTRS};
use crate::runtime::string::{atoms, PropKey, MAX_STRING_LEN};
use crate::runtime::value::Value;
use crate::runtime::Engine;
use std::cmp::Ordering;

/// Largest array length (2^32 - 1).
const MAX_LEN: u64 = 4294967295;
/// Largest length of an array-like (2^53 - 1).
const MAX_SAFE: u64 = 9007199254740991;
/// Longest array the copying methods (toReversed, toSorted, toSpliced, with) build.
const MAX_COPY: u64 = 1 << 27;
/// Deepest nesting `flat` descends into (each level is one Rust frame).
const MAX_FLATTEN_NESTING: u32 = 100_000;

pub fn init(e: &mut Engine) {
    let ap = e.realm.array_proto;
    let c = super::install_ctor(e, "Array", 1, array_ctor, ap);
    e.realm.array_ctor = c;
    e.define_native(c, "isArray", 1, is_array);
    let f = e.define_native(c, "from", 1, from);
    e.mark_gc_safe(f);
    e.define_native(c, "of", 0, of);
    // In V8's order, so property listings match.
    for (name, len, f) in [
        ("at", 1, at as NativeFn),
        ("concat", 1, concat),
        ("copyWithin", 2, copy_within),
        ("fill", 1, fill),
        ("find", 1, find),
        ("findIndex", 1, find_index),
        ("findLast", 1, find_last),
        ("findLastIndex", 1, find_last_index),
        ("lastIndexOf", 1, last_index_of),
        ("pop", 0, pop),
        ("push", 1, push),
        ("reverse", 0, reverse),
        ("shift", 0, shift),
        ("unshift", 1, unshift),
        ("slice", 2, slice),
        ("sort", 1, sort),
        ("splice", 2, splice),
        ("includes", 1, includes),
        ("indexOf", 1, index_of),
        ("join", 1, join),
        ("keys", 0, keys),
        ("entries", 0, entries),
        ("values", 0, values),
        ("forEach", 1, for_each),
        ("filter", 1, filter),
        ("flat", 0, flat),
        ("flatMap", 1, flat_map),
        ("map", 1, map),
        ("every", 1, every),
        ("some", 1, some),
        ("reduce", 1, reduce),
        ("reduceRight", 1, reduce_right),
        ("toLocaleString", 0, to_locale_string),
        ("toString", 0, to_string),
        ("toReversed", 0, to_reversed),
        ("toSorted", 1, to_sorted),
        ("toSpliced", 2, to_spliced),
        ("with", 2, with),
    ] {
        let f = e.define_native(ap, name, len, f);
        if matches!(name, "forEach" | "map" | "filter" | "reduce" | "reduceRight" | "some" | "every" | "find" | "findIndex" | "findLast" | "findLastIndex" | "sort" | "toSorted" | "flatMap") {
            e.mark_gc_safe(f);
        }
    }
    let ip = e.realm.iterator_proto;
    e.define_native(ip, "next", 0, iterator_next);
}

// ------------------------------------------------------------------------------------ helpers

/// The property key of index `k`; from 2^32 - 1 up an index is an ordinary string key.
fn key(e: &mut Engine, k: u64) -> PropKey {
    if k < u32::MAX as u64 {
        PropKey::Index(k as u32)
    } else {
        let s = k.to_string();
        PropKey::Atom(e.intern(&s))
    }
}

fn num(n: u64) -> Value {
    Value::number(n as f64)
}

/// A value as V8 prints it in "x is not a function" and "incompatible receiver" messages:
/// primitives as their string (strings unquoted), arrays as `[object Array]`, functions by name,
/// other objects as `#<Constructor>` — found through own data `constructor` properties only,
/// so no user code runs — or `[object Object]` when there is none.
pub(crate) fn describe_value(e: &mut Engine, v: Value) -> String {
    if !v.is_object() {
        return e.to_rust_string(v).unwrap_or_default();
    }
    if e.is_callable(v) || v.as_object().is_array() {
        return e.describe(v);
    }
    let mut p = v.as_object().proto();
    for _ in 0..10_000 {
        if !p.is_object() {
            break;
        }
        if let Some(d) = e.get_own_property(p.as_object(), PropKey::Atom(atoms::CONSTRUCTOR)) {
            if !d.is_accessor() && e.is_callable(d.value) {
                if let Some(n) = e.get_own_property(d.value.as_object(), PropKey::Atom(atoms::NAME)) {
                    if !n.is_accessor() && n.value.is_string() && !n.value.as_string().is_empty() {
                        return format!("#<{}>", n.value.as_string().to_rust_string());
                    }
                }
            }
            break;
        }
        p = p.as_object().proto();
    }
    "[object Object]".into()
}

/// A value as V8 prints it in some messages (Map/Set callbacks, "is not iterable"): its type,
/// then the value for primitives (`number 5`, `string "abc"`, `object null`, `object`).
pub(crate) fn describe_typed(e: &mut Engine, v: Value) -> String {
    if v.is_undefined() {
        return "undefined".into();
    }
    if v.is_null() {
        return "object null".into();
    }
    if v.is_object() {
        return if e.is_callable(v) { "function".into() } else { "object".into() };
    }
    let t = e.type_of(v);
    let t = e.atom_value(t).as_string().to_rust_string();
    if v.is_string() {
        return format!("{} \"{}\"", t, v.as_string().to_rust_string());
    }
    let s = e.to_rust_string(v).unwrap_or_default();
    format!("{} {}", t, s)
}

/// The callback argument of a callback-taking method, or V8's TypeError "x is not a function".
fn callback(e: &mut Engine, f: Value) -> JsResult<Value> {
    if e.is_callable(f) {
        return Ok(f);
    }
    let d = describe_value(e, f);
    Err(e.type_error(&format!("{} is not a function", d)))
}

/// ToObject(this) and LengthOfArrayLike (§7.3.18), with V8's message for null/undefined.
fn this_len(e: &mut Engine, this: Value, name: &str) -> JsResult<(Value, u64)> {
    if this.is_nullish() {
        return Err(e.type_error(&format!("Array.prototype.{} called on null or undefined", name)));
    }
    object_len(e, this)
}

/// ToObject(v) and LengthOfArrayLike; a fresh wrapper object stays rooted while a `length`
/// getter runs.
fn object_len(e: &mut Engine, v: Value) -> JsResult<(Value, u64)> {
    let o = e.to_object(v)?;
    if o.as_object().is_array() {
        return Ok((o, o.as_object().array_len as u64));
    }
    e.handles.push(o);
    let r = this_array_like(e, o);
    e.handles.pop();
    r
}

/// Whether `v` is a plain, writable, extensible array whose `elements` hold all of it, so its
/// elements can be edited directly.
fn dense_array(v: Value) -> bool {
    if !v.is_object() {
        return false;
    }
    let o = v.as_object();
    o.is_array() && o.sparse.is_none() && o.flags & (ELEMS_FROZEN | ELEMS_SEALED) == 0 && o.is_extensible() && o.elements.len() == o.array_len as usize
}

/// Whether indexed lookups on `o` can only find its own elements: no object on its prototype
/// chain has indexed properties, and it is not a String wrapper. Then a hole in `o` reads as
/// undefined without running code, and HasProperty is false for it.
fn own_indices_only(o: Value) -> bool {
    let ob = o.as_object();
    if matches!(ob.class, ObjClass::Primitive(_)) {
        return false;
    }
    let mut p = ob.proto();
    while p.is_object() {
        let po = p.as_object();
        if po.sparse.is_some() || po.elements.iter().any(|v| *v != Value::HOLE) {
            return false;
        }
        if let ObjClass::Primitive(s) = po.class {
            if s.is_string() && !s.as_string().is_empty() {
                return false;
            }
        }
        p = po.proto();
    }
    true
}

/// The first index in [k, len) that `o` may have a property at. Skips the gaps of sparse arrays
/// in one step when only own elements matter; otherwise it is `k` itself.
fn next_index(o: Value, k: u64, len: u64) -> u64 {
    if k >= len || k >= u32::MAX as u64 || !own_indices_only(o) {
        return k;
    }
    let ob = o.as_object();
    let dl = (ob.elements.len() as u64).min(len);
    let dense = (k..dl).find(|&i| ob.elements[i as usize] != Value::HOLE).unwrap_or(u64::MAX);
    let sparse = ob.sparse.as_ref().and_then(|m| m.range(k as u32..).next().map(|(&j, _)| j as u64)).unwrap_or(u64::MAX);
    // Keys from 2^32 - 1 up are named properties: never skipped.
    dense.min(sparse).min(u32::MAX as u64).min(len)
}

/// The last index in [0, k] that `o` may have a property at (see `next_index`); `None` when
/// there is none.
fn prev_index(o: Value, k: u64) -> Option<u64> {
    if k >= u32::MAX as u64 || !own_indices_only(o) {
        return Some(k);
    }
    let ob = o.as_object();
    let top = (k + 1).min(ob.elements.len() as u64);
    let dense = (0..top).rev().find(|&i| ob.elements[i as usize] != Value::HOLE);
    let sparse = ob.sparse.as_ref().and_then(|m| m.range(..=k as u32).next_back().map(|(&j, _)| j as u64));
    match (dense, sparse) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// The inline elements of `o` when they are all of its indexed properties below `len` and
/// nothing else can answer an indexed lookup (no sparse part, no indexed properties on the
/// prototype chain, `len` within array indices): then a HOLE, or an index past the end, is an
/// absent property, and scanning them runs no code.
fn plain_elements(o: Value, len: u64) -> Option<&'static [Value]> {
    let ob = o.as_object();
    if len > MAX_LEN || ob.sparse.is_some() || !matches!(ob.class, ObjClass::Array | ObjClass::Ordinary | ObjClass::Arguments) || !own_indices_only(o) {
        return None;
    }
    // SAFETY of the 'static: callers use the slice only until they next touch the engine.
    let els: &[Value] = &o.as_object().get_mut().elements;
    Some(unsafe { std::slice::from_raw_parts(els.as_ptr(), els.len()) })
}

/// HasProperty(O, k) then Get(O, k): `None` when absent. Elements held inline are plain data
/// properties and are read directly.
fn get_present(e: &mut Engine, o: Value, k: u64) -> JsResult<Option<Value>> {
    let ob = o.as_object();
    if let Some(&v) = ob.elements.get(k as usize) {
        if v != Value::HOLE && !matches!(ob.class, ObjClass::Primitive(_)) {
            return Ok(Some(v));
        }
    }
    let pk = key(e, k);
    if !e.has_property(o.as_object(), pk) {
        return Ok(None);
    }
    e.get(o, pk).map(Some)
}

/// Get(O, k) with the inline-element fast path.
fn get_index(e: &mut Engine, o: Value, k: u64) -> JsResult<Value> {
    let ob = o.as_object();
    if let Some(&v) = ob.elements.get(k as usize) {
        if v != Value::HOLE && !matches!(ob.class, ObjClass::Primitive(_)) {
            return Ok(v);
        }
    }
    let pk = key(e, k);
    e.get(o, pk)
}

fn set_index(e: &mut Engine, o: Value, k: u64, v: Value) -> JsResult<()> {
    let pk = key(e, k);
    e.set(o, pk, v, true)
}

fn delete_index(e: &mut Engine, o: Value, k: u64) -> JsResult<()> {
    let pk = key(e, k);
    e.delete(o.as_object(), pk, true).map(|_| ())
}

fn set_length(e: &mut Engine, o: Value, len: u64) -> JsResult<()> {
    e.set(o, PropKey::Atom(atoms::LENGTH), num(len), true)
}

/// CreateDataPropertyOrThrow(A, k, v) (§7.3.7).
fn create_data(e: &mut Engine, target: Value, k: u64, v: Value) -> JsResult<()> {
    let o = target.as_object();
    let pk = key(e, k);
    match e.get_own_property(o, pk) {
        Some(d) if d.attrs & CONFIGURABLE == 0 => {
            return Err(e.type_error(&format!("Cannot redefine property: {}", k)));
        }
        None if !o.is_extensible() => {
            return Err(e.type_error(&format!("Cannot add property {}, object is not extensible", k)));
        }
        _ => {}
    }
    e.define_data(o, pk, v, DEFAULT_ATTRS);
    Ok(())
}

/// A fresh plain array of `len` holes (elements allocated only for moderate lengths).
fn new_array_len(e: &mut Engine, len: u64) -> Value {
    let arr = e.new_array(Vec::new());
    let o = arr.as_object().get_mut();
    o.array_len = len as u32;
    if len <= 1 << 24 {
        o.elements = vec![Value::HOLE; len as usize];
        e.heap.note_allocation(8 * len);
    }
    arr
}

/// A plain array holding `v`.
fn array_of_vec(e: &mut Engine, v: Vec<Value>) -> Value {
    e.heap.note_allocation(8 * v.len() as u64);
    e.new_array(v)
}

/// ArraySpeciesCreate's constructor (§10.4.2.3) for the subset, which has no Symbol.species:
/// the built-in `get [Symbol.species]` returns `this`, so an array's `constructor` is its species
/// exactly when it inherits from %Array% (a subclass). `None` means a plain Array.
fn species_ctor(e: &mut Engine, original: Value) -> JsResult<Option<Value>> {
    if !original.is_object() || !original.as_object().is_array() {
        return Ok(None);
    }
    let c = e.get(original, PropKey::Atom(atoms::CONSTRUCTOR))?;
    let ac = e.realm.array_ctor;
    if c == ac || c.is_undefined() {
        return Ok(None);
    }
    if !c.is_object() {
        return Err(e.type_error("object.constructor[Symbol.species] is not a constructor"));
    }
    let mut p = c.as_object().proto();
    for _ in 0..10_000 {
        if !p.is_object() {
            break;
        }
        if p == ac {
            if !e.is_constructor(c) {
                return Err(e.type_error("object.constructor[Symbol.species] is not a constructor"));
            }
            return Ok(Some(c));
        }
        p = p.as_object().proto();
    }
    Ok(None)
}

/// ArraySpeciesCreate(original, len) (§10.4.2.3): (the new object, whether it is a plain Array).
fn species_create(e: &mut Engine, original: Value, len: u64) -> JsResult<(Value, bool)> {
    match species_ctor(e, original)? {
        None => {
            if len > MAX_LEN {
                return Err(e.range_error("Invalid array length"));
            }
            Ok((new_array_len(e, len), true))
        }
        Some(c) => Ok((e.construct(c, &[num(len)], c)?, false)),
    }
}

/// Appends `v` at index `n` of a result built by a method: directly for plain arrays,
/// CreateDataPropertyOrThrow otherwise.
fn append(e: &mut Engine, target: Value, plain: bool, n: u64, v: Value) -> JsResult<()> {
    if plain && n < u32::MAX as u64 {
        let o = target.as_object().get_mut();
        if o.elements.len() as u64 == n && o.sparse.is_none() {
            o.elements.push(v);
            if o.array_len as u64 <= n {
                o.array_len = n as u32 + 1;
            }
            return Ok(());
        }
    }
    create_data(e, target, n, v)
}

/// Runs `f` with the handle stack restored to its current height afterwards.
fn rooted<T>(e: &mut Engine, f: impl FnOnce(&mut Engine) -> JsResult<T>) -> JsResult<T> {
    let base = e.handles.len();
    let r = f(e);
    e.handles.truncate(base);
    r
}

// -------------------------------------------------------------------------------- constructor

/// Array(…) / new Array(…) (§23.1.1.1).
fn array_ctor(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let arr = if a.len() == 1 {
        let l = a.get(0);
        if l.is_number() {
            let n = l.as_number();
            if !(0.0..=MAX_LEN as f64).contains(&n) || n.fract() != 0.0 {
                return Err(e.range_error("Invalid array length"));
            }
            let arr = e.new_array(Vec::new());
            let o = arr.as_object().get_mut();
            o.array_len = n as u32;
            // Large lengths stay holes beyond `elements` (no 4G allocation for new Array(2**32-1)).
            if n <= 1024.0 {
                o.elements = vec![Value::HOLE; n as usize];
            } else if n <= crate::interp::ops::GROW_TO_LENGTH_MAX as f64 {
                // Filled in order, it grows to `n` at once (`store_elem_fast`).
                e.heap.expect_large_elements(n as usize);
            }
            arr
        } else {
            e.new_array(vec![l])
        }
    } else {
        array_of_vec(e, a.args.to_vec())
    };
    if a.new_target.is_object() && a.new_target != e.realm.array_ctor {
        e.handles.push(arr);
        let p = e.get(a.new_target, PropKey::Atom(atoms::PROTOTYPE));
        e.handles.pop();
        let p = p?;
        if p.is_object() {
            e.set_proto(arr.as_object(), p);
        }
    }
    Ok(arr)
}

/// Array.isArray (§23.1.2.2).
fn is_array(_e: &mut Engine, a: &Args) -> JsResult<Value> {
    let v = a.get(0);
    Ok(Value::bool(v.is_object() && v.as_object().is_array()))
}

/// The `this` of Array.of / Array.from when it is a constructor other than %Array% (a subclass
/// or any constructor the method was borrowed by).
fn custom_ctor(e: &Engine, this: Value) -> Option<Value> {
    (this.is_object() && this != e.realm.array_ctor && e.is_constructor(this)).then_some(this)
}

/// Array.of (§23.1.2.3).
fn of(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let Some(c) = custom_ctor(e, a.this) else {
        return Ok(array_of_vec(e, a.args.to_vec()));
    };
    let n = a.len() as u64;
    let r = e.construct(c, &[num(n)], c)?;
    rooted(e, |e| {
        e.handles.push(r);
        for (k, &v) in a.args.iter().enumerate() {
            create_data(e, r, k as u64, v)?;
        }
        set_length(e, r, n)?;
        Ok(r)
    })
}

/// Whether Array.from treats `v` as an iterable (the iterables of the subset: arrays, strings,
/// `arguments`, Map, Set and built-in iterators).
fn is_iterable(v: Value) -> bool {
    v.is_string()
        || (v.is_object()
            && match &v.as_object().class {
                ObjClass::Array | ObjClass::Arguments | ObjClass::Map(_) | ObjClass::Set(_) | ObjClass::Iterator(_) => true,
                ObjClass::Primitive(p) => p.is_string(),
                _ => false,
            })
}

/// Array.from (§23.1.2.1): iterables (arrays, strings, Map, Set, iterators) and array-likes,
/// with an optional map function and its `this`.
fn from(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let src = a.get(0);
    let mapfn = a.get(1);
    let this_arg = a.get(2);
    if !mapfn.is_undefined() {
        callback(e, mapfn)?;
    }
    let ctor = custom_ctor(e, a.this);
    // A plain copy of a plain array: its iterator would read exactly its elements (holes as
    // undefined), and no user code runs.
    if ctor.is_none() && mapfn.is_undefined() && src.is_object() && src.as_object().is_array() {
        let so = src.as_object();
        if so.sparse.is_none() && so.elements.len() == so.array_len as usize && (!so.elements.contains(&Value::HOLE) || own_indices_only(src)) {
            let v: Vec<Value> = so.elements.iter().map(|&x| if x == Value::HOLE { Value::UNDEFINED } else { x }).collect();
            return Ok(array_of_vec(e, v));
        }
    }
    rooted(e, |e| {
        if is_iterable(src) {
            let r = match ctor {
                Some(c) => e.construct(c, &[], c)?,
                None => e.new_array(Vec::new()),
            };
            e.handles.push(r);
            let plain = ctor.is_none();
            let it = get_iterator(e, src)?;
            e.handles.push(it);
            let mut k: u64 = 0;
            while let Some(v) = iterator_step(e, it)? {
                let v = if mapfn.is_undefined() {
                    v
                } else {
                    e.handles.push(v);
                    let m = e.call(mapfn, this_arg, &[v, num(k)]);
                    e.handles.pop();
                    m?
                };
                if k >= MAX_SAFE {
                    return Err(e.type_error("Invalid array length"));
                }
                append(e, r, plain, k, v)?;
                k += 1;
            }
            if !plain {
                set_length(e, r, k)?;
            }
            return Ok(r);
        }
        if src.is_nullish() {
            let d = describe_typed(e, src);
            return Err(e.type_error(&format!("{} is not iterable (cannot read property Symbol(Symbol.iterator))", d)));
        }
        let (o, len) = object_len(e, src)?;
        e.handles.push(o);
        let (r, plain) = match ctor {
            Some(c) => (e.construct(c, &[num(len)], c)?, false),
            None => {
                if len > MAX_LEN {
                    return Err(e.range_error("Invalid array length"));
                }
                (new_array_len(e, len), true)
            }
        };
        e.handles.push(r);
        for k in 0..len {
            let v = get_index(e, o, k)?;
            let v = if mapfn.is_undefined() {
                v
            } else {
                e.handles.push(v);
                let m = e.call(mapfn, this_arg, &[v, num(k)]);
                e.handles.pop();
                m?
            };
            if plain {
                e.define_data(r.as_object(), PropKey::Index(k as u32), v, DEFAULT_ATTRS);
            } else {
                create_data(e, r, k, v)?;
            }
        }
        if !plain {
            set_length(e, r, len)?;
        }
        Ok(r)
    })
}

// ------------------------------------------------------------------------- stack and queue ops

/// Array.prototype.push (§23.1.3.23). (Compiled code appends inline when a call site saw only
/// this function: `jit/build.rs`, `array_push`.)
pub(crate) fn push(e: &mut Engine, a: &Args) -> JsResult<Value> {
    // New indices would reach setters on the prototype chain: only without indexed prototypes.
    if dense_array(a.this) && own_indices_only(a.this) {
        let o = a.this.as_object().get_mut();
        if o.array_len as u64 + a.len() as u64 <= MAX_LEN {
            let (len, cap) = (o.elements.len(), o.elements.capacity());
            if len + a.len() > cap {
                e.heap.grow_elements(a.this.as_object(), (len + a.len()).max(2 * cap));
            }
            o.elements.extend_from_slice(a.args);
            o.array_len += a.len() as u32;
            return Ok(num(o.array_len as u64));
        }
    }
    let (o, len) = this_len(e, a.this, "push")?;
    let n = a.len() as u64;
    if len + n > MAX_SAFE {
        return Err(e.type_error(&format!("Pushing {} elements on an array-like of length {} is disallowed, as the total surpasses 2**53-1", n, len)));
    }
    for (i, &v) in a.args.iter().enumerate() {
        set_index(e, o, len + i as u64, v)?;
    }
    set_length(e, o, len + n)?;
    Ok(num(len + n))
}

/// Array.prototype.pop (§23.1.3.22).
fn pop(e: &mut Engine, a: &Args) -> JsResult<Value> {
    if dense_array(a.this) {
        let o = a.this.as_object().get_mut();
        match o.elements.last() {
            None => return Ok(Value::UNDEFINED),
            Some(&v) if v != Value::HOLE => {
                o.elements.pop();
                o.array_len -= 1;
                return Ok(v);
            }
            // A trailing hole may read through to the prototype: the general path.
            _ => {}
        }
    }
    let (o, len) = this_len(e, a.this, "pop")?;
    if len == 0 {
        set_length(e, o, 0)?;
        return Ok(Value::UNDEFINED);
    }
    let v = get_index(e, o, len - 1)?;
    delete_index(e, o, len - 1)?;
    set_length(e, o, len - 1)?;
    Ok(v)
}

/// Array.prototype.shift (§23.1.3.27).
fn shift(e: &mut Engine, a: &Args) -> JsResult<Value> {
    if dense_array(a.this) {
        let o = a.this.as_object().get_mut();
        if o.elements.is_empty() {
            return Ok(Value::UNDEFINED);
        }
        // With no indexed prototype properties, holes simply move down one place too.
        if own_indices_only(a.this) || !o.elements.contains(&Value::HOLE) {
            let v = o.elements.remove(0);
            o.array_len -= 1;
            return Ok(if v == Value::HOLE { Value::UNDEFINED } else { v });
        }
    }
    let (o, len) = this_len(e, a.this, "shift")?;
    if len == 0 {
        set_length(e, o, 0)?;
        return Ok(Value::UNDEFINED);
    }
    let first = get_index(e, o, 0)?;
    for k in 1..len {
        move_element(e, o, k, k - 1)?;
    }
    delete_index(e, o, len - 1)?;
    set_length(e, o, len - 1)?;
    Ok(first)
}

/// Copies element `from` to `to`, deleting `to` when `from` is absent (the loop bodies of
/// shift, unshift, splice and copyWithin).
fn move_element(e: &mut Engine, o: Value, from: u64, to: u64) -> JsResult<()> {
    match get_present(e, o, from)? {
        Some(v) => set_index(e, o, to, v),
        None => delete_index(e, o, to),
    }
}

/// Array.prototype.unshift (§23.1.3.37).
fn unshift(e: &mut Engine, a: &Args) -> JsResult<Value> {
    if dense_array(a.this) && a.this.as_object().array_len as u64 + a.len() as u64 <= MAX_LEN && own_indices_only(a.this) {
        let o = a.this.as_object().get_mut();
        o.elements.splice(0..0, a.args.iter().copied());
        o.array_len = o.elements.len() as u32;
        e.heap.note_allocation(8 * a.len() as u64);
        return Ok(num(o.array_len as u64));
    }
    let (o, len) = this_len(e, a.this, "unshift")?;
    let n = a.len() as u64;
    if n > 0 {
        if len + n > MAX_SAFE {
            return Err(e.type_error("Invalid array length"));
        }
        for k in (0..len).rev() {
            move_element(e, o, k, k + n)?;
        }
        for (j, &v) in a.args.iter().enumerate() {
            set_index(e, o, j as u64, v)?;
        }
    }
    set_length(e, o, len + n)?;
    Ok(num(len + n))
}

// ------------------------------------------------------------------------ copying and splicing

/// Array.prototype.slice (§23.1.3.28).
fn slice(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let (o, len) = this_len(e, a.this, "slice")?;
    let start = relative_index(e, a.get(0), len, 0)?;
    let end = relative_index(e, a.get(1), len, len)?;
    let count = end.saturating_sub(start);
    let species = species_ctor(e, o)?;
    if species.is_none() && o.as_object().is_array() && o.as_object().sparse.is_none() && o.as_object().elements.len() as u64 >= end {
        let part = &o.as_object().elements[start as usize..(start + count) as usize];
        if !part.contains(&Value::HOLE) || own_indices_only(o) {
            let v = part.to_vec();
            return Ok(array_of_vec(e, v));
        }
    }
    rooted(e, |e| {
        e.handles.push(o);
        let (r, plain) = match species {
            None if count > MAX_LEN => return Err(e.range_error("Invalid array length")),
            None => (new_array_len(e, count), true),
            Some(c) => (e.construct(c, &[num(count)], c)?, false),
        };
        e.handles.push(r);
        let mut k = start;
        while k < end {
            match get_present(e, o, k)? {
                Some(v) => {
                    if plain {
                        e.define_data(r.as_object(), PropKey::Index((k - start) as u32), v, DEFAULT_ATTRS);
                    } else {
                        create_data(e, r, k - start, v)?;
                    }
                    k += 1;
                }
                None => k = next_index(o, k + 1, end),
            }
        }
        if plain {
            let _ = r.as_object().get_mut().set_array_len(count as u32);
        } else {
            set_length(e, r, count)?;
        }
        Ok(r)
    })
}

/// Array.prototype.splice (§23.1.3.31).
fn splice(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let (o, len) = this_len(e, a.this, "splice")?;
    let start = relative_index(e, a.get(0), len, 0)?;
    let delete_count = if a.is_empty() {
        0
    } else if a.len() == 1 {
        len - start
    } else {
        let dc = e.to_integer(a.get(1))?;
        (dc.max(0.0) as u64).min(len - start)
    };
    let items: &[Value] = if a.len() > 2 { &a.args[2..] } else { &[] };
    let ic = items.len() as u64;
    if len + ic - delete_count > MAX_SAFE {
        return Err(e.type_error("Invalid array length"));
    }
    let species = species_ctor(e, o)?;
    if species.is_none() && dense_array(o) && len + ic - delete_count <= MAX_LEN && own_indices_only(o) {
        let ob = o.as_object().get_mut();
        let removed: Vec<Value> = ob.elements.splice(start as usize..(start + delete_count) as usize, items.iter().copied()).collect();
        ob.array_len = ob.elements.len() as u32;
        e.heap.note_allocation(8 * ic);
        return Ok(array_of_vec(e, removed));
    }
    rooted(e, |e| {
        e.handles.push(o);
        let (removed, plain) = match species {
            None if delete_count > MAX_LEN => return Err(e.range_error("Invalid array length")),
            None => (new_array_len(e, delete_count), true),
            Some(c) => (e.construct(c, &[num(delete_count)], c)?, false),
        };
        e.handles.push(removed);
        for k in 0..delete_count {
            if let Some(v) = get_present(e, o, start + k)? {
                if plain {
                    e.define_data(removed.as_object(), PropKey::Index(k as u32), v, DEFAULT_ATTRS);
                } else {
                    create_data(e, removed, k, v)?;
                }
            }
        }
        if plain {
            let _ = removed.as_object().get_mut().set_array_len(delete_count as u32);
        } else {
            set_length(e, removed, delete_count)?;
        }
        if ic < delete_count {
            for k in start..len - delete_count {
                move_element(e, o, k + delete_count, k + ic)?;
            }
            let mut k = len;
            while k > len - delete_count + ic {
                delete_index(e, o, k - 1)?;
                k -= 1;
            }
        } else if ic > delete_count {
            for k in (start..len - delete_count).rev() {
                move_element(e, o, k + delete_count, k + ic)?;
            }
        }
        for (j, &v) in items.iter().enumerate() {
            set_index(e, o, start + j as u64, v)?;
        }
        set_length(e, o, len - delete_count + ic)?;
        Ok(removed)
    })
}

/// Array.prototype.concat (§23.1.3.2). Only arrays are spread (Symbol.isConcatSpreadable is
/// outside the subset).
fn concat(e: &mut Engine, a: &Args) -> JsResult<Value> {
    if a.this.is_nullish() {
        return Err(e.type_error("Array.prototype.concat called on null or undefined"));
    }
    let this = e.to_object(a.this)?;
    rooted(e, |e| {
        e.handles.push(this);
        let (r, plain) = species_create(e, this, 0)?;
        e.handles.push(r);
        let mut n: u64 = 0;
        for item in std::iter::once(this).chain(a.args.iter().copied()) {
            if item.is_object() && item.as_object().is_array() {
                let len = item.as_object().array_len as u64;
                if n + len > MAX_SAFE {
                    return Err(e.type_error("Invalid array length"));
                }
                let io = item.as_object();
                if plain && n == r.as_object().elements.len() as u64 && n + len <= MAX_LEN && io.sparse.is_none() && io.elements.len() as u64 == len && (!io.elements.contains(&Value::HOLE) || own_indices_only(item)) {
                    let ro = r.as_object().get_mut();
                    ro.elements.extend_from_slice(&io.elements);
                    ro.array_len = ro.elements.len() as u32;
                    e.heap.note_allocation(8 * len);
                } else {
                    let mut k = 0;
                    while k < len {
                        match get_present(e, item, k)? {
                            Some(v) => {
                                if plain && n + k < MAX_LEN {
                                    e.define_data(r.as_object(), PropKey::Index((n + k) as u32), v, DEFAULT_ATTRS);
                                } else {
                                    create_data(e, r, n + k, v)?;
                                }
                                k += 1;
                            }
                            None => k = next_index(item, k + 1, len),
                        }
                    }
                }
                n += len;
            } else {
                if n >= MAX_SAFE {
                    return Err(e.type_error("Invalid array length"));
                }
                append(e, r, plain, n, item)?;
                n += 1;
            }
        }
        if plain {
            if n > MAX_LEN {
                return Err(e.range_error("Invalid array length"));
            }
            let _ = r.as_object().get_mut().set_array_len(n as u32);
        } else {
            set_length(e, r, n)?;
        }
        Ok(r)
    })
}

/// Array.prototype.join (§23.1.3.18). Cyclic references join as the empty string, as in V8.
fn join(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let (o, len) = this_len(e, a.this, "join")?;
    let sep: Vec<u16> = if a.get(0).is_undefined() { vec![b',' as u16] } else { e.to_string(a.get(0))?.as_string().units().to_vec() };
    if e.join_stack.contains(&o) {
        return Ok(e.str(""));
    }
    e.join_stack.push(o);
    let r = (|| {
        let mut out: Vec<u16> = Vec::new();
        let too_long = |e: &mut Engine| Err(e.range_error("Invalid string length"));
        let mut k = 0;
        while k < len {
            if k > 0 {
                out.extend_from_slice(&sep);
            }
            let v = get_index(e, o, k)?;
            if !v.is_nullish() {
                let s = e.to_string(v)?;
                out.extend_from_slice(s.as_string().units());
            }
            if out.len() > MAX_STRING_LEN {
                return too_long(e);
            }
            k += 1;
            // A run of holes joins as separators alone.
            if k < len && v.is_undefined() {
                let next = next_index(o, k, len);
                if next > k {
                    if (next - k).saturating_mul(sep.len() as u64).saturating_add(out.len() as u64) > MAX_STRING_LEN as u64 {
                        return too_long(e);
                    }
                    if !sep.is_empty() {
                        for _ in k..next {
                            out.extend_from_slice(&sep);
                        }
                    }
                    k = next;
                }
            }
        }
        Ok(e.str_units(out))
    })();
    e.join_stack.pop();
    r
}

/// Array.prototype.toString (§23.1.3.36): `this.join()`, or Object.prototype.toString when
/// there is no callable `join`.
fn to_string(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let o = e.to_object(a.this)?;
    let join_atom = e.intern("join");
    let j = e.get(o, PropKey::Atom(join_atom))?;
    if e.is_callable(j) {
        return e.call(j, o, &[]);
    }
    crate::runtime::builtins::object::to_string(e, a)
}

/// Array.prototype.toLocaleString (§23.1.3.32): each element's own `toLocaleString()`,
/// joined with "," (the subset has no locales); cycles join as "" like `join`.
fn to_locale_string(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let (o, len) = this_len(e, a.this, "toLocaleString")?;
    if e.join_stack.contains(&o) {
        return Ok(e.str(""));
    }
    e.join_stack.push(o);
    let method = PropKey::Atom(e.intern("toLocaleString"));
    let r = (|| {
        let mut out: Vec<u16> = Vec::new();
        for k in 0..len {
            if k > 0 {
                out.push(b',' as u16);
            }
            let v = get_index(e, o, k)?;
            if !v.is_nullish() {
                let f = e.get(v, method)?;
                let f = callback(e, f)?;
                let s = e.call(f, v, &[])?;
                let s = e.to_string(s)?;
                out.extend_from_slice(s.as_string().units());
                if out.len() > MAX_STRING_LEN {
                    return Err(e.range_error("Invalid string length"));
                }
            }
        }
        Ok(e.str_units(out))
    })();
    e.join_stack.pop();
    r
}

/// Array.prototype.reverse (§23.1.3.26).
fn reverse(e: &mut Engine, a: &Args) -> JsResult<Value> {
    if dense_array(a.this) && (!a.this.as_object().elements.contains(&Value::HOLE) || own_indices_only(a.this)) {
        a.this.as_object().get_mut().elements.reverse();
        return Ok(a.this);
    }
    let (o, len) = this_len(e, a.this, "reverse")?;
    let (mut lo, mut hi) = (0u64, len);
    while hi > lo + 1 {
        hi -= 1;
        let lv = get_present(e, o, lo)?;
        let hv = get_present(e, o, hi)?;
        match hv {
            Some(v) => set_index(e, o, lo, v)?,
            None => delete_index(e, o, lo)?,
        }
        match lv {
            Some(v) => set_index(e, o, hi, v)?,
            None => delete_index(e, o, hi)?,
        }
        lo += 1;
    }
    Ok(o)
}

/// Array.prototype.fill (§23.1.3.7).
fn fill(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let (o, len) = this_len(e, a.this, "fill")?;
    let start = relative_index(e, a.get(1), len, 0)?;
    let end = relative_index(e, a.get(2), len, len)?;
    let v = a.get(0);
    let ob = o.as_object();
    // Plain arrays (holes included, e.g. new Array(n).fill(0)) are filled in place.
    if start < end && ob.is_array() && ob.sparse.is_none() && ob.flags & (ELEMS_FROZEN | ELEMS_SEALED) == 0 && ob.is_extensible() && end <= 1 << 26 && own_indices_only(o) {
        let ob = o.as_object().get_mut();
        if (ob.elements.len() as u64) < end {
            e.heap.note_allocation(8 * (end - ob.elements.len() as u64));
            ob.elements.resize(end as usize, Value::HOLE);
        }
        ob.elements[start as usize..end as usize].fill(v);
        return Ok(o);
    }
    for k in start..end {
        set_index(e, o, k, v)?;
    }
    Ok(o)
}

/// Array.prototype.copyWithin (§23.1.3.4).
fn copy_within(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let (o, len) = this_len(e, a.this, "copyWithin")?;
    let to = relative_index(e, a.get(0), len, 0)?;
    let from = relative_index(e, a.get(1), len, 0)?;
    let fin = relative_index(e, a.get(2), len, len)?;
    let count = fin.saturating_sub(from).min(len - to);
    if count == 0 {
        return Ok(o);
    }
    // Coercing the arguments may have shrunk the array: the fast path needs both ranges inside.
    let in_bounds = |o: Value| (from.max(to) + count) as usize <= o.as_object().elements.len();
    if dense_array(o) && in_bounds(o) && (!o.as_object().elements.contains(&Value::HOLE) || own_indices_only(o)) {
        let (from, to, count) = (from as usize, to as usize, count as usize);
        o.as_object().get_mut().elements.copy_within(from..from + count, to);
        return Ok(o);
    }
    // Overlapping ranges copy backwards when the target is above the source.
    for i in 0..count {
        let (f, t) = if from < to && to < from + count { (from + count - 1 - i, to + count - 1 - i) } else { (from + i, to + i) };
        move_element(e, o, f, t)?;
    }
    Ok(o)
}

/// The elements 0..len of `o` with holes read as undefined (the copying methods toReversed,
/// toSorted, toSpliced and with), rooted from `base` on the handle stack.
fn read_all(e: &mut Engine, o: Value, from: u64, to: u64) -> JsResult<()> {
    // Every index becomes a value here, so a huge sparse array cannot be copied.
    if to.saturating_sub(from) > MAX_COPY {
        return Err(e.range_error("Invalid array length"));
    }
    let ob = o.as_object();
    if ob.is_array() && ob.sparse.is_none() && ob.elements.len() as u64 >= to && (!ob.elements[from as usize..to as usize].contains(&Value::HOLE) || own_indices_only(o)) {
        let part: Vec<Value> = ob.elements[from as usize..to as usize].iter().map(|&v| if v == Value::HOLE { Value::UNDEFINED } else { v }).collect();
        e.handles.extend_from_slice(&part);
        return Ok(());
    }
    for k in from..to {
        let v = get_index(e, o, k)?;
        e.handles.push(v);
    }
    Ok(())
}

/// Array.prototype.toReversed (§23.1.3.33).
fn to_reversed(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let (o, len) = this_len(e, a.this, "toReversed")?;
    if len > MAX_LEN {
        return Err(e.range_error("Invalid array length"));
    }
    rooted(e, |e| {
        e.handles.push(o);
        let base = e.handles.len();
        read_all(e, o, 0, len)?;
        let mut v = e.handles[base..].to_vec();
        v.reverse();
        Ok(array_of_vec(e, v))
    })
}

/// Array.prototype.toSorted (§23.1.3.34): sort into a new array; holes read as undefined.
fn to_sorted(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let cmp = a.get(0);
    if !cmp.is_undefined() && !e.is_callable(cmp) {
        return Err(e.type_error("The comparison function must be either a function or undefined"));
    }
    let (o, len) = this_len(e, a.this, "toSorted")?;
    if len > MAX_LEN {
        return Err(e.range_error("Invalid array length"));
    }
    rooted(e, |e| {
        e.handles.push(o);
        let base = e.handles.len();
        read_all(e, o, 0, len)?;
        let all = e.handles[base..].to_vec();
        let mut items: Vec<Value> = all.iter().copied().filter(|v| !v.is_undefined()).collect();
        let undefineds = all.len() - items.len();
        tim_sort(e, cmp, &mut items)?;
        items.resize(items.len() + undefineds, Value::UNDEFINED);
        Ok(array_of_vec(e, items))
    })
}

/// Array.prototype.toSpliced (§23.1.3.35).
fn to_spliced(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let (o, len) = this_len(e, a.this, "toSpliced")?;
    let start = relative_index(e, a.get(0), len, 0)?;
    let skip = if a.is_empty() {
        0
    } else if a.len() == 1 {
        len - start
    } else {
        let dc = e.to_integer(a.get(1))?;
        (dc.max(0.0) as u64).min(len - start)
    };
    let items: &[Value] = if a.len() > 2 { &a.args[2..] } else { &[] };
    let new_len = len + items.len() as u64 - skip;
    if new_len > MAX_SAFE {
        return Err(e.type_error("Invalid array length"));
    }
    if new_len > MAX_LEN {
        return Err(e.range_error("Invalid array length"));
    }
    rooted(e, |e| {
        e.handles.push(o);
        let base = e.handles.len();
        read_all(e, o, 0, start)?;
        e.handles.extend_from_slice(items);
        read_all(e, o, start + skip, len)?;
        let v = e.handles[base..].to_vec();
        Ok(array_of_vec(e, v))
    })
}

/// Array.prototype.with (§23.1.3.39).
fn with(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let (o, len) = this_len(e, a.this, "with")?;
    let r = e.to_integer(a.get(0))?;
    let k = if r < 0.0 { len as f64 + r } else { r };
    if k < 0.0 || k >= len as f64 {
        let s = crate::runtime::conv::number_to_string(r);
        return Err(e.range_error(&format!("Invalid index : {}", s)));
    }
    if len > MAX_LEN {
        return Err(e.range_error("Invalid array length"));
    }
    let k = k as u64;
    rooted(e, |e| {
        e.handles.push(o);
        let base = e.handles.len();
        read_all(e, o, 0, k)?;
        e.handles.push(a.get(1));
        read_all(e, o, k + 1, len)?;
        let v = e.handles[base..].to_vec();
        Ok(array_of_vec(e, v))
    })
}

// ----------------------------------------------------------------------------------- searching

/// Array.prototype.indexOf (§23.1.3.17): strict equality, holes skipped.
fn index_of(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let (o, len) = this_len(e, a.this, "indexOf")?;
    if len == 0 {
        return Ok(Value::int(-1));
    }
    let mut k = relative_index(e, a.get(1), len, 0)?;
    let target = a.get(0);
    if let Some(els) = plain_elements(o, len) {
        let end = len.min(els.len() as u64) as usize;
        let found = (k as usize..end).find(|&i| els[i] != Value::HOLE && e.strict_equals(els[i], target));
        return Ok(found.map_or(Value::int(-1), |i| num(i as u64)));
    }
    while k < len {
        match get_present(e, o, k)? {
            Some(v) => {
                if e.strict_equals(v, target) {
                    return Ok(num(k));
                }
                k += 1;
            }
            None => k = next_index(o, k + 1, len),
        }
    }
    Ok(Value::int(-1))
}

/// Array.prototype.lastIndexOf (§23.1.3.20): strict equality, holes skipped, searching back
/// from fromIndex (negative counts from the end).
fn last_index_of(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let (o, len) = this_len(e, a.this, "lastIndexOf")?;
    if len == 0 {
        return Ok(Value::int(-1));
    }
    let from = if a.len() > 1 {
        let n = e.to_integer(a.get(1))?;
        if n < 0.0 {
            let k = len as f64 + n;
            if k < 0.0 {
                return Ok(Value::int(-1));
            }
            k as u64
        } else {
            (n.min(MAX_SAFE as f64) as u64).min(len - 1)
        }
    } else {
        len - 1
    };
    let target = a.get(0);
    if let Some(els) = plain_elements(o, len) {
        let top = (from + 1).min(els.len() as u64) as usize;
        let found = (0..top).rev().find(|&i| els[i] != Value::HOLE && e.strict_equals(els[i], target));
        return Ok(found.map_or(Value::int(-1), |i| num(i as u64)));
    }
    let mut k = Some(from);
    while let Some(i) = k {
        match get_present(e, o, i)? {
            Some(v) => {
                if e.strict_equals(v, target) {
                    return Ok(num(i));
                }
                k = i.checked_sub(1);
            }
            None => k = i.checked_sub(1).and_then(|j| prev_index(o, j)),
        }
    }
    Ok(Value::int(-1))
}

/// Array.prototype.includes (§23.1.3.16): SameValueZero, holes read as undefined.
fn includes(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let (o, len) = this_len(e, a.this, "includes")?;
    if len == 0 {
        return Ok(Value::FALSE);
    }
    let mut k = relative_index(e, a.get(1), len, 0)?;
    let target = a.get(0);
    if let Some(els) = plain_elements(o, len) {
        let end = len.min(els.len() as u64) as usize;
        let hit = |v: Value| if v == Value::HOLE { target.is_undefined() } else { e.same_value_zero(v, target) };
        // Indices past the inline elements are holes too.
        let found = (k as usize..end).any(|i| hit(els[i])) || (target.is_undefined() && (end as u64) < len && k < len);
        return Ok(Value::bool(found));
    }
    while k < len {
        let v = get_index(e, o, k)?;
        if e.same_value_zero(v, target) {
            return Ok(Value::TRUE);
        }
        k += 1;
        // A hole can only match undefined.
        if !target.is_undefined() {
            k = next_index(o, k, len);
        }
    }
    Ok(Value::FALSE)
}

/// The shared loop of find/findIndex/findLast/findLastIndex (§23.1.3.9–12): every index,
/// holes included (as undefined), length read once.
fn find_generic(e: &mut Engine, a: &Args, reverse: bool, want_index: bool, name: &str) -> JsResult<Value> {
    let (o, len) = this_len(e, a.this, name)?;
    let f = callback(e, a.get(0))?;
    let this_arg = a.get(1);
    rooted(e, |e| {
        e.handles.push(o);
        for i in 0..len {
            let k = if reverse { len - 1 - i } else { i };
            let v = get_index(e, o, k)?;
            e.handles.push(v);
            let r = e.call(f, this_arg, &[v, num(k), o])?;
            e.handles.pop();
            if r.truthy() {
                return Ok(if want_index { num(k) } else { v });
            }
        }
        Ok(if want_index { Value::int(-1) } else { Value::UNDEFINED })
    })
}

/// Array.prototype.find (§23.1.3.9).
fn find(e: &mut Engine, a: &Args) -> JsResult<Value> {
    find_generic(e, a, false, false, "find")
}
/// Array.prototype.findIndex (§23.1.3.10).
fn find_index(e: &mut Engine, a: &Args) -> JsResult<Value> {
    find_generic(e, a, false, true, "findIndex")
}
/// Array.prototype.findLast (§23.1.3.11).
fn find_last(e: &mut Engine, a: &Args) -> JsResult<Value> {
    find_generic(e, a, true, false, "findLast")
}
/// Array.prototype.findLastIndex (§23.1.3.12).
fn find_last_index(e: &mut Engine, a: &Args) -> JsResult<Value> {
    find_generic(e, a, true, true, "findLastIndex")
}

/// Array.prototype.at (§23.1.3.1).
fn at(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let (o, len) = this_len(e, a.this, "at")?;
    let r = e.to_integer(a.get(0))?;
    let k = if r < 0.0 { len as f64 + r } else { r };
    if k < 0.0 || k >= len as f64 {
        return Ok(Value::UNDEFINED);
    }
    get_index(e, o, k as u64)
}

// ---------------------------------------------------------------------------------- iteration

/// The loop of forEach/map/filter/some/every: calls `f(value, index, o)` for every index below
/// `len` (read once, before the loop) that is present when reached; `visit` gets (index,
/// value, callback result) and returns false to stop. The value stays rooted until `visit`
/// returns.
fn each_present(e: &mut Engine, o: Value, len: u64, f: Value, this_arg: Value, mut visit: impl FnMut(&mut Engine, u64, Value, Value) -> JsResult<bool>) -> JsResult<()> {
    rooted(e, |e| {
        e.handles.push(o);
        let mut k = 0;
        while k < len {
            let Some(v) = get_present(e, o, k)? else {
                k = next_index(o, k + 1, len);
                continue;
            };
            e.handles.push(v);
            let r = e.call(f, this_arg, &[v, num(k), o])?;
            let go = visit(e, k, v, r)?;
            e.handles.pop();
            if !go {
                break;
            }
            k += 1;
        }
        Ok(())
    })
}

/// Array.prototype.forEach (§23.1.3.15).
fn for_each(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let (o, len) = this_len(e, a.this, "forEach")?;
    let f = callback(e, a.get(0))?;
    each_present(e, o, len, f, a.get(1), |_, _, _, _| Ok(true))?;
    Ok(Value::UNDEFINED)
}

/// Array.prototype.map (§23.1.3.21).
fn map(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let (o, len) = this_len(e, a.this, "map")?;
    let f = callback(e, a.get(0))?;
    rooted(e, |e| {
        e.handles.push(o);
        let (r, plain) = species_create(e, o, len)?;
        e.handles.push(r);
        each_present(e, o, len, f, a.get(1), |e, k, _, v| {
            if plain {
                e.define_data(r.as_object(), PropKey::Index(k as u32), v, DEFAULT_ATTRS);
                Ok(true)
            } else {
                create_data(e, r, k, v).map(|_| true)
            }
        })?;
        Ok(r)
    })
}

/// Array.prototype.filter (§23.1.3.8).
fn filter(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let (o, len) = this_len(e, a.this, "filter")?;
    let f = callback(e, a.get(0))?;
    rooted(e, |e| {
        e.handles.push(o);
        let (r, plain) = species_create(e, o, 0)?;
        e.handles.push(r);
        let mut to = 0;
        each_present(e, o, len, f, a.get(1), |e, _, v, keep| {
            if keep.truthy() {
                append(e, r, plain, to, v)?;
                to += 1;
            }
            Ok(true)
        })?;
        Ok(r)
    })
}

/// Array.prototype.some (§23.1.3.29).
fn some(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let (o, len) = this_len(e, a.this, "some")?;
    let f = callback(e, a.get(0))?;
    let mut found = false;
    each_present(e, o, len, f, a.get(1), |_, _, _, r| {
        found = r.truthy();
        Ok(!found)
    })?;
    Ok(Value::bool(found))
}

/// Array.prototype.every (§23.1.3.6).
fn every(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let (o, len) = this_len(e, a.this, "every")?;
    let f = callback(e, a.get(0))?;
    let mut all = true;
    each_present(e, o, len, f, a.get(1), |_, _, _, r| {
        all = r.truthy();
        Ok(all)
    })?;
    Ok(Value::bool(all))
}

/// reduce / reduceRight (§23.1.3.24–25): holes skipped; without an initial value the first
/// present element starts the accumulator.
fn reduce_generic(e: &mut Engine, a: &Args, right: bool, name: &str) -> JsResult<Value> {
    let (o, len) = this_len(e, a.this, name)?;
    let f = callback(e, a.get(0))?;
    // The next index to visit, in visiting order; `None` when done.
    let step = |o: Value, k: u64| -> Option<u64> {
        if right {
            k.checked_sub(1).and_then(|j| prev_index(o, j))
        } else {
            let n = next_index(o, k + 1, len);
            (n < len).then_some(n)
        }
    };
    let first = if len == 0 {
        None
    } else if right {
        prev_index(o, len - 1)
    } else {
        let n = next_index(o, 0, len);
        (n < len).then_some(n)
    };
    rooted(e, |e| {
        e.handles.push(o);
        let slot = e.handles.len();
        e.handles.push(Value::UNDEFINED);
        let mut k = first;
        let mut acc = if a.len() >= 2 {
            a.get(1)
        } else {
            loop {
                let Some(i) = k else {
                    return Err(e.type_error("Reduce of empty array with no initial value"));
                };
                // A getter read here may add later elements: step after it.
                let present = get_present(e, o, i)?;
                k = step(o, i);
                if let Some(v) = present {
                    break v;
                }
            }
        };
        while let Some(i) = k {
            e.handles[slot] = acc;
            if let Some(v) = get_present(e, o, i)? {
                acc = e.call(f, Value::UNDEFINED, &[acc, v, num(i), o])?;
            }
            k = step(o, i);
        }
        Ok(acc)
    })
}

/// Array.prototype.reduce (§23.1.3.24).
fn reduce(e: &mut Engine, a: &Args) -> JsResult<Value> {
    reduce_generic(e, a, false, "reduce")
}
/// Array.prototype.reduceRight (§23.1.3.25).
fn reduce_right(e: &mut Engine, a: &Args) -> JsResult<Value> {
    reduce_generic(e, a, true, "reduceRight")
}

// --------------------------------------------------------------------------------------- sort

/// Writes the decimal digits of `i` into `buf`, returning the used tail.
fn int_digits(i: i32, buf: &mut [u8; 12]) -> &[u8] {
    let mut n = i.unsigned_abs();
    let mut p = buf.len();
    loop {
        p -= 1;
        buf[p] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if i < 0 {
        p -= 1;
        buf[p] = b'-';
    }
    &buf[p..]
}

/// SortCompare (§23.1.3.30.2) for two values that are not undefined: the comparator's result
/// (NaN counts as equal), or ToString code-unit order.
fn sort_compare(e: &mut Engine, cmp: Value, x: Value, y: Value) -> JsResult<Ordering> {
    if !cmp.is_undefined() {
        let r = e.call(cmp, Value::UNDEFINED, &[x, y])?;
        let n = if r.is_number() { r.as_number() } else { e.to_number(r)? };
        return Ok(if n < 0.0 {
            Ordering::Less
        } else if n > 0.0 {
            Ordering::Greater
        } else {
            Ordering::Equal
        });
    }
    if x.is_int() && y.is_int() {
        let (mut bx, mut by) = ([0u8; 12], [0u8; 12]);
        return Ok(int_digits(x.as_int(), &mut bx).cmp(int_digits(y.as_int(), &mut by)));
    }
    if x.is_string() && y.is_string() {
        return Ok(x.as_string().units().cmp(y.as_string().units()));
    }
    let xs = e.to_string(x)?;
    e.handles.push(xs);
    let ys = e.to_string(y);
    e.handles.pop();
    let ys = ys?;
    Ok(xs.as_string().units().cmp(ys.as_string().units()))
}

/// Sorts `v` stably with a fallible comparator, the way V8's TimSort does (§23.1.3.30 leaves the
/// algorithm to the implementation; matching V8 gives the same result for inconsistent
/// comparators like `(a, b) => a > b` on short arrays, and the same calls for short arrays):
/// natural runs (strictly descending ones reversed) extended to a minimum run length by binary
/// insertion, then merged pairwise with TimSort's run-stack invariants.
fn tim_sort(e: &mut Engine, cmp: Value, v: &mut [Value]) -> JsResult<()> {
    let n = v.len();
    if n < 2 {
        return Ok(());
    }
    let min_run = {
        let (mut m, mut r) = (n, 0);
        while m >= 64 {
            r |= m & 1;
            m >>= 1;
        }
        m + r
    };
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut buf: Vec<Value> = Vec::new();
    let mut low = 0;
    while low < n {
        let remaining = n - low;
        let mut run = count_and_make_run(e, cmp, v, low, n)?;
        if run < min_run {
            let forced = min_run.min(remaining);
            binary_insertion_sort(e, cmp, v, low, low + run, low + forced)?;
            run = forced;
        }
        runs.push((low, run));
        // MergeCollapse.
        while runs.len() > 1 {
            let mut i = runs.len() - 2;
            let len = |runs: &Vec<(usize, usize)>, j: usize| runs[j].1;
            let broken = |runs: &Vec<(usize, usize)>, j: usize| j >= 2 && len(runs, j - 2) <= len(runs, j - 1) + len(runs, j);
            if broken(&runs, i + 1) || broken(&runs, i) {
                if i > 0 && len(&runs, i - 1) < len(&runs, i + 1) {
                    i -= 1;
                }
            } else if len(&runs, i) > len(&runs, i + 1) {
                break;
            }
            merge_at(e, cmp, v, &mut runs, i, &mut buf)?;
        }
        low += run;
    }
    // MergeForceCollapse.
    while runs.len() > 1 {
        let mut i = runs.len() - 2;
        if i > 0 && runs[i - 1].1 < runs[i + 1].1 {
            i -= 1;
        }
        merge_at(e, cmp, v, &mut runs, i, &mut buf)?;
    }
    Ok(())
}

/// The run starting at `low`: ascending (`a[i] <= a[i+1]`) or strictly descending, which is
/// reversed in place. Returns its length.
fn count_and_make_run(e: &mut Engine, cmp: Value, v: &mut [Value], low: usize, high: usize) -> JsResult<usize> {
    if low + 1 == high {
        return Ok(1);
    }
    let mut run = 2;
    let descending = sort_compare(e, cmp, v[low + 1], v[low])? == Ordering::Less;
    let mut prev = v[low + 1];
    for &cur in &v[low + 2..high] {
        let order = sort_compare(e, cmp, cur, prev)?;
        if descending != (order == Ordering::Less) {
            break;
        }
        prev = cur;
        run += 1;
    }
    if descending {
        v[low..low + run].reverse();
    }
    Ok(run)
}

/// Binary insertion sort of `v[low..high]` where `v[low..start]` is already sorted (stable:
/// equal elements go after the ones already placed).
fn binary_insertion_sort(e: &mut Engine, cmp: Value, v: &mut [Value], low: usize, start: usize, high: usize) -> JsResult<()> {
    let start = if start == low { low + 1 } else { start };
    for s in start..high {
        let pivot = v[s];
        let (mut l, mut r) = (low, s);
        while l < r {
            let mid = l + ((r - l) >> 1);
            if sort_compare(e, cmp, pivot, v[mid])? == Ordering::Less {
                r = mid;
            } else {
                l = mid + 1;
            }
        }
        v.copy_within(l..s, l + 1);
        v[l] = pivot;
    }
    Ok(())
}

/// Merges runs `i` and `i + 1` of the run stack (stable: on ties the left run wins).
fn merge_at(e: &mut Engine, cmp: Value, v: &mut [Value], runs: &mut Vec<(usize, usize)>, i: usize, buf: &mut Vec<Value>) -> JsResult<()> {
    let (base_a, len_a) = runs[i];
    let (base_b, len_b) = runs[i + 1];
    runs[i] = (base_a, len_a + len_b);
    runs.remove(i + 1);
    buf.clear();
    buf.extend_from_slice(&v[base_a..base_b]);
    let (mut l, mut r, mut k) = (0, base_b, base_a);
    let end = base_b + len_b;
    while l < len_a && r < end {
        if sort_compare(e, cmp, v[r], buf[l])? == Ordering::Less {
            v[k] = v[r];
            r += 1;
        } else {
            v[k] = buf[l];
            l += 1;
        }
        k += 1;
    }
    v[k..k + len_a - l].copy_from_slice(&buf[l..len_a]);
    Ok(())
}

/// Array.prototype.sort (§23.1.3.30): holes removed to the end, undefined sorted last, the
/// rest sorted stably by the comparator or by ToString code units.
fn sort(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let cmp = a.get(0);
    if !cmp.is_undefined() && !e.is_callable(cmp) {
        return Err(e.type_error("The comparison function must be either a function or undefined"));
    }
    let (o, len) = this_len(e, a.this, "sort")?;
    rooted(e, |e| {
        e.handles.push(o);
        // The items stay rooted on the handle stack while the comparator runs.
        let base = e.handles.len();
        let mut undefineds: u64 = 0;
        let mut k = 0;
        while k < len {
            match get_present(e, o, k)? {
                Some(v) => {
                    if v.is_undefined() {
                        undefineds += 1;
                    } else {
                        e.handles.push(v);
                    }
                    k += 1;
                }
                None => k = next_index(o, k + 1, len),
            }
        }
        let mut items = e.handles[base..].to_vec();
        tim_sort(e, cmp, &mut items)?;
        let n = items.len() as u64;
        // Written back in place unless a prototype's indexed accessor must see the writes.
        if dense_array(o) && o.as_object().elements.len() as u64 == len && own_indices_only(o) {
            let ob = o.as_object().get_mut();
            ob.elements[..n as usize].copy_from_slice(&items);
            for k in n..n + undefineds {
                ob.elements[k as usize] = Value::UNDEFINED;
            }
            for k in n + undefineds..len {
                ob.elements[k as usize] = Value::HOLE;
            }
            return Ok(o);
        }
        for (k, &v) in items.iter().enumerate() {
            set_index(e, o, k as u64, v)?;
        }
        for k in n..n + undefineds {
            set_index(e, o, k, Value::UNDEFINED)?;
        }
        let mut k = n + undefineds;
        while k < len {
            delete_index(e, o, k)?;
            k = next_index(o, k + 1, len);
        }
        Ok(o)
    })
}

// ---------------------------------------------------------------------------------- iterators

fn array_iterator(e: &mut Engine, this: Value, kind: IterKind, name: &str) -> JsResult<Value> {
    if this.is_nullish() {
        return Err(e.type_error(&format!("Array.prototype.{} called on null or undefined", name)));
    }
    let o = e.to_object(this)?;
    Ok(new_iterator(e, IterState::Array { obj: o, next: 0, kind }))
}

/// Array.prototype.keys (§23.1.3.19).
fn keys(e: &mut Engine, a: &Args) -> JsResult<Value> {
    array_iterator(e, a.this, IterKind::Keys, "keys")
}
/// Array.prototype.values (§23.1.3.38).
fn values(e: &mut Engine, a: &Args) -> JsResult<Value> {
    array_iterator(e, a.this, IterKind::Values, "values")
}
/// Array.prototype.entries (§23.1.3.5).
fn entries(e: &mut Engine, a: &Args) -> JsResult<Value> {
    array_iterator(e, a.this, IterKind::Entries, "entries")
}

/// %ArrayIteratorPrototype%.next (§23.1.5.2.1), shared by every built-in iterator (Map, Set
/// and String iterators too): `{ value, done }`.
fn iterator_next(e: &mut Engine, a: &Args) -> JsResult<Value> {
    if !a.this.is_object() || !matches!(a.this.as_object().class, ObjClass::Iterator(_)) {
        let d = describe_value(e, a.this);
        return Err(e.type_error(&format!("Method next called on incompatible receiver {}", d)));
    }
    let r = iterator_step(e, a.this)?;
    let (v, done) = match r {
        Some(v) => (v, false),
        None => (Value::UNDEFINED, true),
    };
    let res = e.new_object();
    e.define_data(res.as_object(), PropKey::Atom(atoms::VALUE), v, DEFAULT_ATTRS);
    e.define_data(res.as_object(), PropKey::Atom(atoms::DONE), Value::bool(done), DEFAULT_ATTRS);
    Ok(res)
}

// ----------------------------------------------------------------------------------- flattening

/// FlattenIntoArray (§23.1.3.13.1): appends the present elements of `src[0..len]` to `target`
/// from index `*n`, descending into arrays while `depth` > 0; `mapper` (flatMap) is applied to
/// the top level only.
#[allow(clippy::too_many_arguments)]
fn flatten_into(e: &mut Engine, target: Value, plain: bool, n: &mut u64, src: Value, len: u64, depth: f64, mapper: Option<(Value, Value)>, level: u32) -> JsResult<()> {
    // A cyclic array flattened with depth Infinity ends here, as V8's ends with a stack overflow.
    if level > MAX_FLATTEN_NESTING {
        return Err(e.range_error("Maximum call stack size exceeded"));
    }
    let mut k = 0;
    while k < len {
        let Some(mut v) = get_present(e, src, k)? else {
            k = next_index(src, k + 1, len);
            continue;
        };
        if let Some((f, t)) = mapper {
            e.handles.push(v);
            let r = e.call(f, t, &[v, num(k), src]);
            e.handles.pop();
            v = r?;
        }
        if depth > 0.0 && v.is_object() && v.as_object().is_array() {
            e.handles.push(v);
            let l = v.as_object().array_len as u64;
            let r = flatten_into(e, target, plain, n, v, l, depth - 1.0, None, level + 1);
            e.handles.pop();
            r?;
        } else {
            if *n >= MAX_SAFE {
                return Err(e.type_error("Invalid array length"));
            }
            if plain && *n >= MAX_LEN {
                return Err(e.range_error("Invalid array length"));
            }
            append(e, target, plain, *n, v)?;
            *n += 1;
        }
        k += 1;
    }
    Ok(())
}

/// Array.prototype.flat (§23.1.3.13).
fn flat(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let (o, len) = this_len(e, a.this, "flat")?;
    let depth = if a.get(0).is_undefined() { 1.0 } else { e.to_integer(a.get(0))?.max(0.0) };
    rooted(e, |e| {
        e.handles.push(o);
        let (r, plain) = species_create(e, o, 0)?;
        e.handles.push(r);
        let mut n = 0;
        flatten_into(e, r, plain, &mut n, o, len, depth, None, 0)?;
        Ok(r)
    })
}

/// Array.prototype.flatMap (§23.1.3.14).
fn flat_map(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let (o, len) = this_len(e, a.this, "flatMap")?;
    let f = a.get(0);
    if !e.is_callable(f) {
        return Err(e.type_error("flatMap mapper function is not callable"));
    }
    rooted(e, |e| {
        e.handles.push(o);
        let (r, plain) = species_create(e, o, 0)?;
        e.handles.push(r);
        let mut n = 0;
        flatten_into(e, r, plain, &mut n, o, len, 1.0, Some((f, a.get(1))), 0)?;
        Ok(r)
    })
}

/// Whether `f` is the built-in native `which` (lets constructors skip a user-visible call when
/// a method was not overridden).
pub(crate) fn is_native(f: Value, which: NativeFn) -> bool {
    f.is_object() && matches!(f.as_object().function(), Some(FunctionKind::Native { f: nf, .. }) if std::ptr::fn_addr_eq(*nf, which))
}
