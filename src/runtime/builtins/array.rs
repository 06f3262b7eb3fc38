//! Array constructor and Array.prototype (§23.1), plus the `next()` of built-in iterators.
//!
//! Methods are generic over array-likes as the spec says (`this_array_like` + Get/Set by index);
//! plain dense arrays take fast paths where no user code can observe the difference.

use super::{relative_index, require_callable, this_array_like};
use crate::interp::{iterate_to_vec, iterator_step, new_iterator};
use crate::runtime::object::{Args, IterKind, IterState, JsResult, ObjClass, ELEMS_FROZEN, ELEMS_SEALED};
use crate::runtime::shape::DEFAULT_ATTRS;
use crate::runtime::string::{atoms, PropKey};
use crate::runtime::value::Value;
use crate::runtime::Engine;

/// Largest array index + 1.
const MAX_LEN: f64 = 4294967295.0;

pub fn init(e: &mut Engine) {
    let ap = e.realm.array_proto;
    let c = super::install_ctor(e, "Array", 1, array_ctor, ap);
    e.realm.array_ctor = c;
    e.define_native(c, "isArray", 1, is_array);
    e.define_native(c, "of", 0, of);
    e.define_native(c, "from", 1, from);
    for (name, len, f) in [
        ("push", 1, push as crate::runtime::object::NativeFn),
        ("pop", 0, pop),
        ("shift", 0, shift),
        ("unshift", 1, unshift),
        ("slice", 2, slice),
        ("splice", 2, splice),
        ("concat", 1, concat),
        ("join", 1, join),
        ("reverse", 0, reverse),
        ("indexOf", 1, index_of),
        ("lastIndexOf", 1, last_index_of),
        ("includes", 1, includes),
        ("find", 1, find),
        ("findIndex", 1, find_index),
        ("findLast", 1, find_last),
        ("findLastIndex", 1, find_last_index),
        ("filter", 1, filter),
        ("map", 1, map),
        ("forEach", 1, for_each),
        ("reduce", 1, reduce),
        ("reduceRight", 1, reduce_right),
        ("some", 1, some),
        ("every", 1, every),
        ("sort", 1, sort),
        ("fill", 1, fill),
        ("keys", 0, keys),
        ("values", 0, values),
        ("entries", 0, entries),
        ("flat", 0, flat),
        ("flatMap", 1, flat_map),
        ("at", 1, at),
        ("toString", 0, to_string),
        ("toLocaleString", 0, to_string),
    ] {
        let f = e.define_native(ap, name, len, f);
        // Callback-taking methods keep their intermediate results on the handle stack, so
        // collection may run inside their callbacks.
        if matches!(name, "forEach" | "map" | "filter" | "reduce" | "reduceRight" | "some" | "every" | "find" | "findIndex" | "findLast" | "findLastIndex" | "sort") {
            e.mark_gc_safe(f);
        }
    }
    let ip = e.realm.iterator_proto;
    e.define_native(ip, "next", 0, iterator_next);
}

/// Array(…) / new Array(…) (§23.1.1.1).
fn array_ctor(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let arr = if a.len() == 1 {
        let l = a.get(0);
        if l.is_number() {
            let n = l.as_number();
            if n < 0.0 || n > MAX_LEN || n.fract() != 0.0 {
                return Err(e.range_error("Invalid array length"));
            }
            let arr = e.new_array(Vec::new());
            let o = arr.as_object().get_mut();
            o.array_len = n as u32;
            if n <= 1024.0 {
                o.elements = vec![Value::HOLE; n as usize];
            }
            arr
        } else {
            e.new_array(vec![l])
        }
    } else {
        e.new_array(a.args.to_vec())
    };
    if a.new_target.is_object() && a.new_target != e.realm.array_ctor {
        let p = e.get(a.new_target, PropKey::Atom(atoms::PROTOTYPE))?;
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

/// Array.of (§23.1.2.3).
fn of(e: &mut Engine, a: &Args) -> JsResult<Value> {
    Ok(e.new_array(a.args.to_vec()))
}

/// Array.from (§23.1.2.1): iterables (arrays, strings, Map, Set, iterators) and array-likes.
fn from(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let src = a.get(0);
    let mapfn = a.get(1);
    if !mapfn.is_undefined() {
        require_callable(e, mapfn, "Array.from")?;
    }
    if src.is_nullish() {
        return Err(e.type_error("Array.from requires an array-like or iterable object"));
    }
    let iterable = src.is_string()
        || (src.is_object() && matches!(src.as_object().class, ObjClass::Array | ObjClass::Arguments | ObjClass::Map(_) | ObjClass::Set(_) | ObjClass::Iterator(_)))
        || (src.is_object() && matches!(src.as_object().class, ObjClass::Primitive(p) if p.is_string()));
    let items = if iterable {
        iterate_to_vec(e, src)?
    } else {
        let (o, len) = this_array_like(e, src)?;
        if len > MAX_LEN as u64 {
            return Err(e.range_error("Invalid array length"));
        }
        let mut v = Vec::with_capacity(len.min(1 << 20) as usize);
        for i in 0..len {
            v.push(e.get(o, PropKey::Index(i as u32))?);
        }
        v
    };
    let result = e.new_array(items);
    if !mapfn.is_undefined() {
        e.handles.push(result);
        let r = (|| {
            let n = result.as_object().array_len;
            for i in 0..n {
                let v = result.as_object().elements[i as usize];
                let m = e.call(mapfn, a.get(2), &[v, Value::int(i as i32)])?;
                result.as_object().get_mut().elements[i as usize] = m;
            }
            Ok(())
        })();
        e.handles.pop();
        r?;
    }
    Ok(result)
}

fn idx(i: u64) -> PropKey {
    PropKey::Index(i as u32)
}

fn num(n: u64) -> Value {
    Value::number(n as f64)
}

/// Whether `o` is a plain, writable, dense array whose elements can be edited directly.
fn dense_array(v: Value) -> bool {
    if !v.is_object() {
        return false;
    }
    let o = v.as_object();
    o.is_array() && o.sparse.is_none() && o.flags & (ELEMS_FROZEN | ELEMS_SEALED) == 0 && o.is_extensible() && o.elements.len() == o.array_len as usize
}

fn set_length(e: &mut Engine, o: Value, len: u64) -> JsResult<()> {
    e.set(o, PropKey::Atom(atoms::LENGTH), num(len), true)
}

/// Array.prototype.push (§23.1.3.23).
fn push(e: &mut Engine, a: &Args) -> JsResult<Value> {
    if dense_array(a.this) {
        let o = a.this.as_object().get_mut();
        if o.array_len as u64 + a.len() as u64 > MAX_LEN as u64 {
            return Err(e.type_error("Pushing items would exceed the maximum array length"));
        }
        o.elements.extend_from_slice(a.args);
        o.array_len += a.len() as u32;
        let n = o.array_len;
        e.heap.note_allocation(8 * a.len() as u64);
        return Ok(num(n as u64));
    }
    let (o, len) = this_array_like(e, a.this)?;
    if len + a.len() as u64 > 9007199254740991 {
        return Err(e.type_error("Pushing items would exceed the maximum array length"));
    }
    for (i, &v) in a.args.iter().enumerate() {
        e.set(o, idx(len + i as u64), v, true)?;
    }
    let n = len + a.len() as u64;
    set_length(e, o, n)?;
    Ok(num(n))
}

/// Array.prototype.pop (§23.1.3.22).
fn pop(e: &mut Engine, a: &Args) -> JsResult<Value> {
    if dense_array(a.this) {
        let o = a.this.as_object().get_mut();
        return Ok(match o.elements.pop() {
            Some(v) => {
                o.array_len -= 1;
                if v == Value::HOLE { Value::UNDEFINED } else { v }
            }
            None => Value::UNDEFINED,
        });
    }
    let (o, len) = this_array_like(e, a.this)?;
    if len == 0 {
        set_length(e, o, 0)?;
        return Ok(Value::UNDEFINED);
    }
    let v = e.get(o, idx(len - 1))?;
    e.delete(o.as_object(), idx(len - 1), true)?;
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
        if !o.elements.contains(&Value::HOLE) {
            let v = o.elements.remove(0);
            o.array_len -= 1;
            return Ok(v);
        }
    }
    let (o, len) = this_array_like(e, a.this)?;
    if len == 0 {
        set_length(e, o, 0)?;
        return Ok(Value::UNDEFINED);
    }
    let first = e.get(o, idx(0))?;
    for k in 1..len {
        move_element(e, o, k, k - 1)?;
    }
    e.delete(o.as_object(), idx(len - 1), true)?;
    set_length(e, o, len - 1)?;
    Ok(first)
}

/// Copies element `from` to `to`, deleting `to` when `from` is a hole.
fn move_element(e: &mut Engine, o: Value, from: u64, to: u64) -> JsResult<()> {
    if e.has_property(o.as_object(), idx(from)) {
        let v = e.get(o, idx(from))?;
        e.set(o, idx(to), v, true)
    } else {
        e.delete(o.as_object(), idx(to), true).map(|_| ())
    }
}

/// Array.prototype.unshift (§23.1.3.32).
fn unshift(e: &mut Engine, a: &Args) -> JsResult<Value> {
    if dense_array(a.this) && !a.this.as_object().elements.contains(&Value::HOLE) {
        let o = a.this.as_object().get_mut();
        let tail = std::mem::take(&mut o.elements);
        o.elements = a.args.to_vec();
        o.elements.extend(tail);
        o.array_len = o.elements.len() as u32;
        return Ok(num(o.array_len as u64));
    }
    let (o, len) = this_array_like(e, a.this)?;
    let n = a.len() as u64;
    if n > 0 {
        for k in (0..len).rev() {
            move_element(e, o, k, k + n)?;
        }
        for (j, &v) in a.args.iter().enumerate() {
            e.set(o, idx(j as u64), v, true)?;
        }
    }
    set_length(e, o, len + n)?;
    Ok(num(len + n))
}

/// Array.prototype.slice (§23.1.3.28).
fn slice(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let (o, len) = this_array_like(e, a.this)?;
    let start = relative_index(e, a.get(0), len, 0)?;
    let end = relative_index(e, a.get(1), len, len)?;
    let count = end.saturating_sub(start);
    if dense_array(o) && !o.as_object().elements[start as usize..(start + count) as usize].contains(&Value::HOLE) {
        let v = o.as_object().elements[start as usize..(start + count) as usize].to_vec();
        return Ok(e.new_array(v));
    }
    let r = e.new_array(Vec::new());
    e.handles.push(r);
    let res = (|| {
        for (n, k) in (start..end).enumerate() {
            if e.has_property(o.as_object(), idx(k)) {
                let v = e.get(o, idx(k))?;
                e.define_data(r.as_object(), idx(n as u64), v, DEFAULT_ATTRS);
            }
        }
        r.as_object().get_mut().set_array_len(count as u32);
        Ok(r)
    })();
    e.handles.pop();
    res
}

/// Array.prototype.splice (§23.1.3.31).
fn splice(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let (o, len) = this_array_like(e, a.this)?;
    let start = relative_index(e, a.get(0), len, 0)?;
    let delete_count = if a.is_empty() {
        0
    } else if a.len() == 1 {
        len - start
    } else {
        let dc = e.to_integer(a.get(1))?;
        (dc.max(0.0) as u64).min(len - start)
    };
    let items: Vec<Value> = if a.len() > 2 { a.args[2..].to_vec() } else { Vec::new() };
    if dense_array(o) && !o.as_object().elements.contains(&Value::HOLE) {
        let ob = o.as_object().get_mut();
        let removed: Vec<Value> = ob.elements.splice(start as usize..(start + delete_count) as usize, items).collect();
        ob.array_len = ob.elements.len() as u32;
        return Ok(e.new_array(removed));
    }
    let removed = e.new_array(Vec::new());
    e.handles.push(removed);
    let res = (|| {
        for k in 0..delete_count {
            if e.has_property(o.as_object(), idx(start + k)) {
                let v = e.get(o, idx(start + k))?;
                e.define_data(removed.as_object(), idx(k), v, DEFAULT_ATTRS);
            }
        }
        removed.as_object().get_mut().set_array_len(delete_count as u32);
        let ic = items.len() as u64;
        if ic < delete_count {
            for k in start..len - delete_count {
                move_element(e, o, k + delete_count, k + ic)?;
            }
            for k in (len - delete_count + ic..len).rev() {
                e.delete(o.as_object(), idx(k), true)?;
            }
        } else if ic > delete_count {
            for k in (start..len - delete_count).rev() {
                move_element(e, o, k + delete_count, k + ic)?;
            }
        }
        for (j, &v) in items.iter().enumerate() {
            e.set(o, idx(start + j as u64), v, true)?;
        }
        set_length(e, o, len - delete_count + ic)?;
        Ok(removed)
    })();
    e.handles.pop();
    res
}

/// Array.prototype.concat (§23.1.3.2).
fn concat(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let this = e.to_object(a.this)?;
    let mut out: Vec<Value> = Vec::new();
    let mut n: u64 = 0;
    let mut sparse_tail = false;
    for item in std::iter::once(this).chain(a.args.iter().copied()) {
        if item.is_object() && item.as_object().is_array() {
            let (o, len) = this_array_like(e, item)?;
            for k in 0..len {
                let v = if e.has_property(o.as_object(), idx(k)) { e.get(o, idx(k))? } else { Value::HOLE };
                out.push(v);
            }
            n += len;
            sparse_tail = len > 0 && out.last() == Some(&Value::HOLE);
        } else {
            out.push(item);
            n += 1;
            sparse_tail = false;
        }
    }
    let _ = sparse_tail;
    let r = e.new_array(out);
    r.as_object().get_mut().array_len = n as u32;
    Ok(r)
}

/// Array.prototype.join (§23.1.3.18).
fn join(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let (o, len) = this_array_like(e, a.this)?;
    let sep: Vec<u16> = if a.get(0).is_undefined() { vec![b',' as u16] } else { e.to_string(a.get(0))?.as_string().units().to_vec() };
    if e.join_stack.contains(&o) {
        return Ok(e.str(""));
    }
    e.join_stack.push(o);
    let r = (|| {
        let mut out: Vec<u16> = Vec::new();
        for k in 0..len {
            if k > 0 {
                out.extend_from_slice(&sep);
            }
            let v = e.get(o, idx(k))?;
            if !v.is_nullish() {
                let s = e.to_string(v)?;
                out.extend_from_slice(s.as_string().units());
                if out.len() > crate::runtime::string::MAX_STRING_LEN {
                    return Err(e.range_error("Invalid string length"));
                }
            }
        }
        Ok(e.str_units(out))
    })();
    e.join_stack.pop();
    r
}

/// Array.prototype.toString (§23.1.3.36).
fn to_string(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let o = e.to_object(a.this)?;
    let join_atom = e.intern("join");
    let j = e.get(o, PropKey::Atom(join_atom))?;
    if e.is_callable(j) {
        return e.call(j, o, &[]);
    }
    crate::runtime::builtins::object::to_string(e, a)
}

/// Array.prototype.reverse (§23.1.3.26).
fn reverse(e: &mut Engine, a: &Args) -> JsResult<Value> {
    if dense_array(a.this) {
        a.this.as_object().get_mut().elements.reverse();
        return Ok(a.this);
    }
    let (o, len) = this_array_like(e, a.this)?;
    let (mut lo, mut hi) = (0u64, len);
    while hi > lo + 1 {
        hi -= 1;
        let lo_exists = e.has_property(o.as_object(), idx(lo));
        let hi_exists = e.has_property(o.as_object(), idx(hi));
        let lv = if lo_exists { e.get(o, idx(lo))? } else { Value::UNDEFINED };
        let hv = if hi_exists { e.get(o, idx(hi))? } else { Value::UNDEFINED };
        if hi_exists {
            e.set(o, idx(lo), hv, true)?;
        } else {
            e.delete(o.as_object(), idx(lo), true)?;
        }
        if lo_exists {
            e.set(o, idx(hi), lv, true)?;
        } else {
            e.delete(o.as_object(), idx(hi), true)?;
        }
        lo += 1;
    }
    Ok(o)
}

/// Array.prototype.indexOf (§23.1.3.17).
fn index_of(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let (o, len) = this_array_like(e, a.this)?;
    if len == 0 {
        return Ok(Value::int(-1));
    }
    let start = relative_index(e, a.get(1), len, 0)?;
    let target = a.get(0);
    for k in start..len {
        if e.has_property(o.as_object(), idx(k)) {
            let v = e.get(o, idx(k))?;
            if e.strict_equals(v, target) {
                return Ok(num(k));
            }
        }
    }
    Ok(Value::int(-1))
}

/// Array.prototype.lastIndexOf (§23.1.3.20).
fn last_index_of(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let (o, len) = this_array_like(e, a.this)?;
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
            (n as u64).min(len - 1)
        }
    } else {
        len - 1
    };
    let target = a.get(0);
    for k in (0..=from).rev() {
        if e.has_property(o.as_object(), idx(k)) {
            let v = e.get(o, idx(k))?;
            if e.strict_equals(v, target) {
                return Ok(num(k));
            }
        }
    }
    Ok(Value::int(-1))
}

/// Array.prototype.includes (§23.1.3.16): SameValueZero, holes read as undefined.
fn includes(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let (o, len) = this_array_like(e, a.this)?;
    if len == 0 {
        return Ok(Value::FALSE);
    }
    let start = relative_index(e, a.get(1), len, 0)?;
    let target = a.get(0);
    for k in start..len {
        let v = e.get(o, idx(k))?;
        if e.same_value_zero(v, target) {
            return Ok(Value::TRUE);
        }
    }
    Ok(Value::FALSE)
}

/// The shared loop of find/findIndex/findLast/findLastIndex (§23.1.3.9–12): visits holes.
fn find_generic(e: &mut Engine, a: &Args, reverse: bool, want_index: bool, name: &str) -> JsResult<Value> {
    let (o, len) = this_array_like(e, a.this)?;
    let f = require_callable(e, a.get(0), name)?;
    let this_arg = a.get(1);
    let order: Box<dyn Iterator<Item = u64>> = if reverse { Box::new((0..len).rev()) } else { Box::new(0..len) };
    for k in order {
        let v = e.get(o, idx(k))?;
        let r = e.call(f, this_arg, &[v, num(k), o])?;
        if r.truthy() {
            return Ok(if want_index { num(k) } else { v });
        }
    }
    Ok(if want_index { Value::int(-1) } else { Value::UNDEFINED })
}

fn find(e: &mut Engine, a: &Args) -> JsResult<Value> {
    find_generic(e, a, false, false, "Array.prototype.find")
}
fn find_index(e: &mut Engine, a: &Args) -> JsResult<Value> {
    find_generic(e, a, false, true, "Array.prototype.findIndex")
}
fn find_last(e: &mut Engine, a: &Args) -> JsResult<Value> {
    find_generic(e, a, true, false, "Array.prototype.findLast")
}
fn find_last_index(e: &mut Engine, a: &Args) -> JsResult<Value> {
    find_generic(e, a, true, true, "Array.prototype.findLastIndex")
}

/// Calls `f(value, index, array)` for every present element in order (length read once);
/// `visit` gets (index, value, callback result) and returns false to stop.
fn each_present(e: &mut Engine, a: &Args, name: &str, mut visit: impl FnMut(&mut Engine, u64, Value, Value) -> JsResult<bool>) -> JsResult<()> {
    let (o, len) = this_array_like(e, a.this)?;
    let f = require_callable(e, a.get(0), name)?;
    let this_arg = a.get(1);
    e.handles.push(o);
    let r = (|| {
        for k in 0..len {
            if !e.has_property(o.as_object(), idx(k)) {
                continue;
            }
            let v = e.get(o, idx(k))?;
            let r = e.call(f, this_arg, &[v, num(k), o])?;
            if !visit(e, k, v, r)? {
                break;
            }
        }
        Ok(())
    })();
    e.handles.pop();
    r
}

/// Array.prototype.forEach (§23.1.3.15).
fn for_each(e: &mut Engine, a: &Args) -> JsResult<Value> {
    each_present(e, a, "Array.prototype.forEach", |_, _, _, _| Ok(true))?;
    Ok(Value::UNDEFINED)
}

/// Array.prototype.map (§23.1.3.21).
fn map(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let (_, len) = this_array_like(e, a.this)?;
    if len > MAX_LEN as u64 {
        return Err(e.range_error("Invalid array length"));
    }
    let r = e.new_array(Vec::new());
    r.as_object().get_mut().array_len = len as u32;
    if len <= 1 << 24 {
        r.as_object().get_mut().elements = vec![Value::HOLE; len as usize];
    }
    e.handles.push(r);
    let res = each_present(e, a, "Array.prototype.map", |e, k, _, v| {
        e.define_data(r.as_object(), idx(k), v, DEFAULT_ATTRS);
        Ok(true)
    });
    e.handles.pop();
    res?;
    Ok(r)
}

/// Array.prototype.filter (§23.1.3.8).
fn filter(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let r = e.new_array(Vec::new());
    e.handles.push(r);
    let res = each_present(e, a, "Array.prototype.filter", |_, _, v, keep| {
        if keep.truthy() {
            let o = r.as_object().get_mut();
            o.elements.push(v);
            o.array_len += 1;
        }
        Ok(true)
    });
    e.handles.pop();
    res?;
    Ok(r)
}

/// Array.prototype.some (§23.1.3.29).
fn some(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let mut found = false;
    each_present(e, a, "Array.prototype.some", |_, _, _, r| {
        found = r.truthy();
        Ok(!found)
    })?;
    Ok(Value::bool(found))
}

/// Array.prototype.every (§23.1.3.6).
fn every(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let mut all = true;
    each_present(e, a, "Array.prototype.every", |_, _, _, r| {
        all = r.truthy();
        Ok(all)
    })?;
    Ok(Value::bool(all))
}

/// reduce / reduceRight (§23.1.3.24–25).
fn reduce_generic(e: &mut Engine, a: &Args, right: bool, name: &str) -> JsResult<Value> {
    let (o, len) = this_array_like(e, a.this)?;
    let f = require_callable(e, a.get(0), name)?;
    let order: Vec<u64> = if right { (0..len).rev().collect() } else { (0..len).collect() };
    let mut it = order.into_iter();
    let mut acc = if a.len() >= 2 {
        a.get(1)
    } else {
        loop {
            match it.next() {
                Some(k) if e.has_property(o.as_object(), idx(k)) => break e.get(o, idx(k))?,
                Some(_) => continue,
                None => return Err(e.type_error("Reduce of empty array with no initial value")),
            }
        }
    };
    // The accumulator lives in a handle slot between callbacks.
    let slot = e.handles.len();
    e.handles.push(acc);
    e.handles.push(o);
    let r = (|| {
        for k in it {
            if !e.has_property(o.as_object(), idx(k)) {
                continue;
            }
            let v = e.get(o, idx(k))?;
            acc = e.call(f, Value::UNDEFINED, &[acc, v, num(k), o])?;
            e.handles[slot] = acc;
        }
        Ok(acc)
    })();
    e.handles.truncate(slot);
    r
}

fn reduce(e: &mut Engine, a: &Args) -> JsResult<Value> {
    reduce_generic(e, a, false, "Array.prototype.reduce")
}
fn reduce_right(e: &mut Engine, a: &Args) -> JsResult<Value> {
    reduce_generic(e, a, true, "Array.prototype.reduceRight")
}

/// SortCompare (§23.1.3.30.2): undefined last; comparator or ToString code-unit order.
fn sort_compare(e: &mut Engine, cmp: Value, x: Value, y: Value) -> JsResult<std::cmp::Ordering> {
    use std::cmp::Ordering::*;
    if x.is_undefined() && y.is_undefined() {
        return Ok(Equal);
    }
    if x.is_undefined() {
        return Ok(Greater);
    }
    if y.is_undefined() {
        return Ok(Less);
    }
    if !cmp.is_undefined() {
        let r = e.call(cmp, Value::UNDEFINED, &[x, y])?;
        let n = e.to_number(r)?;
        return Ok(if n < 0.0 { Less } else if n > 0.0 { Greater } else { Equal });
    }
    if x.is_int() && y.is_int() {
        // Same order as comparing their decimal strings.
        let (a, b) = (x.as_int(), y.as_int());
        if (a >= 0) == (b >= 0) && a.abs().to_string().len() == b.abs().to_string().len() {
            return Ok(if a >= 0 { a.cmp(&b) } else { b.cmp(&a) });
        }
    }
    let xs = e.to_string(x)?;
    e.handles.push(xs);
    let ys = e.to_string(y);
    e.handles.pop();
    let ys = ys?;
    Ok(xs.as_string().units().cmp(ys.as_string().units()))
}

/// Stable merge sort with a fallible comparator.
fn merge_sort(e: &mut Engine, cmp: Value, v: &mut Vec<Value>) -> JsResult<()> {
    let n = v.len();
    if n < 2 {
        return Ok(());
    }
    let mut buf = v.clone();
    let mut width = 1;
    // Insertion sort runs of 8 first (fewer comparator calls on short runs).
    let run = 8;
    for start in (0..n).step_by(run) {
        let end = (start + run).min(n);
        for i in start + 1..end {
            let mut j = i;
            while j > start && sort_compare(e, cmp, v[j - 1], v[j])? == std::cmp::Ordering::Greater {
                v.swap(j - 1, j);
                j -= 1;
            }
        }
    }
    width = width.max(run);
    while width < n {
        let mut i = 0;
        while i < n {
            let mid = (i + width).min(n);
            let hi = (i + 2 * width).min(n);
            let (mut l, mut r, mut k) = (i, mid, i);
            while l < mid && r < hi {
                if sort_compare(e, cmp, v[r], v[l])? == std::cmp::Ordering::Less {
                    buf[k] = v[r];
                    r += 1;
                } else {
                    buf[k] = v[l];
                    l += 1;
                }
                k += 1;
            }
            buf[k..k + mid - l].copy_from_slice(&v[l..mid]);
            k += mid - l;
            buf[k..k + hi - r].copy_from_slice(&v[r..hi]);
            i = hi;
        }
        std::mem::swap(v, &mut buf);
        width *= 2;
    }
    Ok(())
}

/// Array.prototype.sort (§23.1.3.30).
fn sort(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let cmp = a.get(0);
    if !cmp.is_undefined() && !e.is_callable(cmp) {
        return Err(e.type_error("The comparison function must be either a function or undefined"));
    }
    let (o, len) = this_array_like(e, a.this)?;
    let mut items = Vec::new();
    for k in 0..len {
        if e.has_property(o.as_object(), idx(k)) {
            items.push(e.get(o, idx(k))?);
        }
    }
    // The items being sorted stay rooted while the comparator runs.
    let base = e.handles.len();
    e.handles.extend_from_slice(&items);
    let r = merge_sort(e, cmp, &mut items);
    e.handles.truncate(base);
    r?;
    let n = items.len() as u64;
    for (k, v) in items.into_iter().enumerate() {
        e.set(o, idx(k as u64), v, true)?;
    }
    for k in n..len {
        e.delete(o.as_object(), idx(k), true)?;
    }
    Ok(o)
}

/// Array.prototype.fill (§23.1.3.7).
fn fill(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let (o, len) = this_array_like(e, a.this)?;
    let start = relative_index(e, a.get(1), len, 0)?;
    let end = relative_index(e, a.get(2), len, len)?;
    let v = a.get(0);
    if dense_array(o) {
        let ob = o.as_object().get_mut();
        for k in start..end {
            ob.elements[k as usize] = v;
        }
        return Ok(o);
    }
    for k in start..end {
        e.set(o, idx(k), v, true)?;
    }
    Ok(o)
}

fn array_iterator(e: &mut Engine, this: Value, kind: IterKind) -> JsResult<Value> {
    let o = e.to_object(this)?;
    Ok(new_iterator(e, IterState::Array { obj: o, next: 0, kind }))
}

/// Array.prototype.keys (§23.1.3.19).
fn keys(e: &mut Engine, a: &Args) -> JsResult<Value> {
    array_iterator(e, a.this, IterKind::Keys)
}
/// Array.prototype.values (§23.1.3.35).
fn values(e: &mut Engine, a: &Args) -> JsResult<Value> {
    array_iterator(e, a.this, IterKind::Values)
}
/// Array.prototype.entries (§23.1.3.5).
fn entries(e: &mut Engine, a: &Args) -> JsResult<Value> {
    array_iterator(e, a.this, IterKind::Entries)
}

/// FlattenIntoArray (§23.1.3.13.1).
fn flatten_into(e: &mut Engine, out: &mut Vec<Value>, src: Value, len: u64, depth: f64, mapper: Option<(Value, Value)>) -> JsResult<()> {
    for k in 0..len {
        if !e.has_property(src.as_object(), idx(k)) {
            continue;
        }
        let mut v = e.get(src, idx(k))?;
        if let Some((f, t)) = mapper {
            v = e.call(f, t, &[v, num(k), src])?;
        }
        if depth > 0.0 && v.is_object() && v.as_object().is_array() {
            if out.len() > 1 << 26 {
                return Err(e.range_error("Invalid array length"));
            }
            let (o, l) = this_array_like(e, v)?;
            flatten_into(e, out, o, l, depth - 1.0, None)?;
        } else {
            out.push(v);
        }
    }
    Ok(())
}

/// Array.prototype.flat (§23.1.3.13).
fn flat(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let (o, len) = this_array_like(e, a.this)?;
    let depth = if a.get(0).is_undefined() { 1.0 } else { e.to_integer(a.get(0))?.max(0.0) };
    let mut out = Vec::new();
    flatten_into(e, &mut out, o, len, depth.min(10000.0), None)?;
    Ok(e.new_array(out))
}

/// Array.prototype.flatMap (§23.1.3.14).
fn flat_map(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let (o, len) = this_array_like(e, a.this)?;
    let f = require_callable(e, a.get(0), "Array.prototype.flatMap")?;
    let mut out = Vec::new();
    flatten_into(e, &mut out, o, len, 1.0, Some((f, a.get(1))))?;
    Ok(e.new_array(out))
}

/// Array.prototype.at (§23.1.3.1).
fn at(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let (o, len) = this_array_like(e, a.this)?;
    let r = e.to_integer(a.get(0))?;
    let k = if r < 0.0 { len as f64 + r } else { r };
    if k < 0.0 || k >= len as f64 {
        return Ok(Value::UNDEFINED);
    }
    e.get(o, idx(k as u64))
}

/// %ArrayIteratorPrototype%.next and friends (§23.1.5.2.1): `{ value, done }`.
fn iterator_next(e: &mut Engine, a: &Args) -> JsResult<Value> {
    if !a.this.is_object() || !matches!(a.this.as_object().class, ObjClass::Iterator(_)) {
        return Err(e.type_error("next method called on incompatible receiver"));
    }
    let r = iterator_step(e, a.this)?;
    let res = e.new_object();
    let (v, done) = match r {
        Some(v) => (v, false),
        None => (Value::UNDEFINED, true),
    };
    e.define_data(res.as_object(), PropKey::Atom(atoms::VALUE), v, DEFAULT_ATTRS);
    e.define_data(res.as_object(), PropKey::Atom(atoms::DONE), Value::bool(done), DEFAULT_ATTRS);
    Ok(res)
}
