//! Map (§24.1) and Set (§24.2): insertion-ordered, SameValueZero keys, live iteration.
//! Section numbers are ECMAScript 2024's.
//!
//! The entries live in an `OrderedMap` inside the object (`ObjClass::Map` / `ObjClass::Set`);
//! deleted entries leave tombstones, so iterators and forEach (which walk entry positions) see
//! entries added during the walk and skip deleted ones, as the spec requires.

use super::array::{describe_typed, describe_value, is_native};
use super::define_getter;
use crate::interp::{get_iterator, iterator_step, new_iterator};
use crate::runtime::object::{Args, IterKind, IterState, JsResult, ObjClass, OrderedMap};
use crate::runtime::string::{atoms, PropKey};
use crate::runtime::value::Value;
use crate::runtime::Engine;

pub fn init(e: &mut Engine) {
    // Properties in V8's order, so listings match.
    let mp = e.realm.map_proto;
    let c = super::install_ctor(e, "Map", 0, map_ctor, mp);
    e.mark_gc_safe(c);
    e.define_native(mp, "get", 1, map_get);
    e.define_native(mp, "set", 2, map_set);
    e.define_native(mp, "has", 1, map_has);
    e.define_native(mp, "delete", 1, map_delete);
    e.define_native(mp, "clear", 0, map_clear);
    e.define_native(mp, "entries", 0, map_entries);
    let f = e.define_native(mp, "forEach", 1, map_for_each);
    e.mark_gc_safe(f);
    e.define_native(mp, "keys", 0, map_keys);
    define_getter(e, mp, "size", map_size);
    e.define_native(mp, "values", 0, map_values);

    let sp = e.realm.set_proto;
    let c = super::install_ctor(e, "Set", 0, set_ctor, sp);
    e.mark_gc_safe(c);
    e.define_native(sp, "has", 1, set_has);
    e.define_native(sp, "add", 1, set_add);
    e.define_native(sp, "delete", 1, set_delete);
    e.define_native(sp, "clear", 0, set_clear);
    e.define_native(sp, "entries", 0, set_entries);
    let f = e.define_native(sp, "forEach", 1, set_for_each);
    e.mark_gc_safe(f);
    define_getter(e, sp, "size", set_size);
    // Set.prototype.keys is the same function object as Set.prototype.values (§24.2.3.8).
    let values = e.define_native(sp, "values", 0, set_values);
    super::define_value(e, sp, "keys", values);
}

/// The prototype for a new Map/Set: `newTarget.prototype` when it is an object (subclasses),
/// else the intrinsic (§10.1.14 GetPrototypeFromConstructor).
fn proto_from_new_target(e: &mut Engine, nt: Value, default: Value) -> JsResult<Value> {
    let p = e.get(nt, PropKey::Atom(atoms::PROTOTYPE))?;
    Ok(if p.is_object() { p } else { default })
}

/// The iterables the subset's Map/Set constructors accept (everything for-of accepts).
fn is_iterable(v: Value) -> bool {
    v.is_string()
        || (v.is_object()
            && match &v.as_object().class {
                ObjClass::Array | ObjClass::Arguments | ObjClass::Map(_) | ObjClass::Set(_) | ObjClass::Iterator(_) => true,
                ObjClass::Primitive(p) => p.is_string(),
                _ => false,
            })
}

/// The shared part of `new Map(iterable)` / `new Set(iterable)`: looks up the adder (`set` /
/// `add`) on the new object, then steps the iterable calling it — directly on the OrderedMap
/// when it is the built-in (no user code can tell), through a call otherwise (subclasses
/// overriding `add`/`set`). Everything stays rooted: the constructors are GC-safe.
fn fill_from_iterable(e: &mut Engine, obj: Value, iterable: Value, is_map: bool) -> JsResult<()> {
    let base = e.handles.len();
    e.handles.push(obj);
    let r = (|| {
        let name = if is_map { "set" } else { "add" };
        let adder_key = PropKey::Atom(e.intern(name));
        let adder = e.get(obj, adder_key)?;
        if !e.is_callable(adder) {
            let d = describe_value(e, adder);
            let what = if is_map { "#<Map>" } else { "#<Set>" };
            return Err(e.type_error(&format!("'{}' returned for property '{}' of object '{}' is not a function", d, name, what)));
        }
        e.handles.push(adder);
        let builtin = if is_map { is_native(adder, map_set) } else { is_native(adder, set_add) };
        if !is_iterable(iterable) {
            let d = describe_typed(e, iterable);
            return Err(e.type_error(&format!("{} is not iterable (cannot read property Symbol(Symbol.iterator))", d)));
        }
        // A plain Set from a plain dense array: no user code can observe the steps.
        if builtin && !is_map && iterable.is_object() && iterable.as_object().is_array() {
            let src = iterable.as_object();
            if src.sparse.is_none() && src.elements.len() == src.array_len as usize && !src.elements.contains(&Value::HOLE) {
                let items = src.elements.clone();
                e.heap.note_allocation(32 * items.len() as u64);
                let d = set_data(e, obj, "add")?;
                for v in items {
                    d.set(v, Value::UNDEFINED);
                }
                return Ok(());
            }
        }
        let it = get_iterator(e, iterable)?;
        e.handles.push(it);
        let slot = e.handles.len();
        e.handles.push(Value::UNDEFINED);
        e.handles.push(Value::UNDEFINED);
        while let Some(item) = iterator_step(e, it)? {
            e.handles[slot] = item;
            if is_map {
                if !item.is_object() {
                    let d = describe_value(e, item);
                    return Err(e.type_error(&format!("Iterator value {} is not an entry object", d)));
                }
                let k = e.get(item, PropKey::Index(0))?;
                e.handles[slot + 1] = k;
                let v = e.get(item, PropKey::Index(1))?;
                if builtin {
                    map_data(e, obj, "set")?.set(k, v);
                    e.heap.note_allocation(32);
                } else {
                    e.call(adder, obj, &[k, v])?;
                }
            } else if builtin {
                set_data(e, obj, "add")?.set(item, Value::UNDEFINED);
                e.heap.note_allocation(32);
            } else {
                e.call(adder, obj, &[item])?;
            }
        }
        Ok(())
    })();
    e.handles.truncate(base);
    r
}

/// Map ( [ iterable ] ) (§24.1.1.1): requires `new`.
fn map_ctor(e: &mut Engine, a: &Args) -> JsResult<Value> {
    if a.new_target.is_undefined() {
        return Err(e.type_error("Constructor Map requires 'new'"));
    }
    let dp = e.realm.map_proto;
    let proto = proto_from_new_target(e, a.new_target, dp)?;
    let m = e.new_object_with_proto(proto, ObjClass::Map(Box::default()));
    let init = a.get(0);
    if !init.is_nullish() {
        fill_from_iterable(e, m, init, true)?;
    }
    Ok(m)
}

/// Set ( [ iterable ] ) (§24.2.1.1): requires `new`.
fn set_ctor(e: &mut Engine, a: &Args) -> JsResult<Value> {
    if a.new_target.is_undefined() {
        return Err(e.type_error("Constructor Set requires 'new'"));
    }
    let dp = e.realm.set_proto;
    let proto = proto_from_new_target(e, a.new_target, dp)?;
    let s = e.new_object_with_proto(proto, ObjClass::Set(Box::default()));
    let init = a.get(0);
    if !init.is_nullish() {
        fill_from_iterable(e, s, init, false)?;
    }
    Ok(s)
}

/// The entries of a Map receiver, or V8's TypeError
/// "Method Map.prototype.get called on incompatible receiver #<Object>".
fn map_data(e: &mut Engine, v: Value, method: &str) -> JsResult<&'static mut OrderedMap> {
    if v.is_object() {
        if let ObjClass::Map(m) = &mut v.as_object().get_mut().class {
            return Ok(m);
        }
    }
    Err(incompatible_receiver(e, "Map", method, v))
}

/// The entries of a Set receiver (see `map_data`).
fn set_data(e: &mut Engine, v: Value, method: &str) -> JsResult<&'static mut OrderedMap> {
    if v.is_object() {
        if let ObjClass::Set(m) = &mut v.as_object().get_mut().class {
            return Ok(m);
        }
    }
    Err(incompatible_receiver(e, "Set", method, v))
}

/// The TypeError for a Map/Set method called on something else, worded like V8's.
fn incompatible_receiver(e: &mut Engine, class: &str, method: &str, v: Value) -> Value {
    let name = if method == "size" { format!("get {}.prototype.size", class) } else { format!("{}.prototype.{}", class, method) };
    let d = describe_value(e, v);
    e.type_error(&format!("Method {} called on incompatible receiver {}", name, d))
}

/// Map.prototype.get (§24.1.3.6).
fn map_get(e: &mut Engine, a: &Args) -> JsResult<Value> {
    Ok(map_data(e, a.this, "get")?.get(a.get(0)).unwrap_or(Value::UNDEFINED))
}
/// Map.prototype.set (§24.1.3.9): returns the map; -0 keys are stored as +0.
fn map_set(e: &mut Engine, a: &Args) -> JsResult<Value> {
    map_data(e, a.this, "set")?.set(a.get(0), a.get(1));
    e.heap.note_allocation(32);
    Ok(a.this)
}
/// Map.prototype.has (§24.1.3.7).
fn map_has(e: &mut Engine, a: &Args) -> JsResult<Value> {
    Ok(Value::bool(map_data(e, a.this, "has")?.has(a.get(0))))
}
/// Map.prototype.delete (§24.1.3.3).
fn map_delete(e: &mut Engine, a: &Args) -> JsResult<Value> {
    Ok(Value::bool(map_data(e, a.this, "delete")?.delete(a.get(0))))
}
/// Map.prototype.clear (§24.1.3.1).
fn map_clear(e: &mut Engine, a: &Args) -> JsResult<Value> {
    map_data(e, a.this, "clear")?.clear();
    Ok(Value::UNDEFINED)
}
/// get Map.prototype.size (§24.1.3.10).
fn map_size(e: &mut Engine, a: &Args) -> JsResult<Value> {
    Ok(Value::number(map_data(e, a.this, "size")?.live as f64))
}
/// Set.prototype.add (§24.2.3.1): returns the set.
fn set_add(e: &mut Engine, a: &Args) -> JsResult<Value> {
    set_data(e, a.this, "add")?.set(a.get(0), Value::UNDEFINED);
    e.heap.note_allocation(32);
    Ok(a.this)
}
/// Set.prototype.has (§24.2.3.7).
fn set_has(e: &mut Engine, a: &Args) -> JsResult<Value> {
    Ok(Value::bool(set_data(e, a.this, "has")?.has(a.get(0))))
}
/// Set.prototype.delete (§24.2.3.4).
fn set_delete(e: &mut Engine, a: &Args) -> JsResult<Value> {
    Ok(Value::bool(set_data(e, a.this, "delete")?.delete(a.get(0))))
}
/// Set.prototype.clear (§24.2.3.2).
fn set_clear(e: &mut Engine, a: &Args) -> JsResult<Value> {
    set_data(e, a.this, "clear")?.clear();
    Ok(Value::UNDEFINED)
}
/// get Set.prototype.size (§24.2.3.9).
fn set_size(e: &mut Engine, a: &Args) -> JsResult<Value> {
    Ok(Value::number(set_data(e, a.this, "size")?.live as f64))
}

/// forEach over live entries by position: entries added during the walk are visited, deleted
/// ones skipped. Calls `f(value, key, collection)`; for a Set value and key are both the element.
fn for_each_entry(e: &mut Engine, a: &Args, is_set: bool) -> JsResult<Value> {
    if is_set {
        set_data(e, a.this, "forEach")?;
    } else {
        map_data(e, a.this, "forEach")?;
    }
    let f = a.get(0);
    if !e.is_callable(f) {
        let d = describe_typed(e, f);
        return Err(e.type_error(&format!("{} is not a function", d)));
    }
    let mut i = 0;
    loop {
        let entry = {
            let obj = a.this.as_object();
            let m = match &obj.class {
                ObjClass::Map(m) | ObjClass::Set(m) => m,
                _ => unreachable!(),
            };
            if i >= m.entries.len() {
                break;
            }
            m.entries[i]
        };
        i += 1;
        if let Some((k, v)) = entry {
            let v = if is_set { k } else { v };
            // Rooted: the callback may delete the entry while a native callee still uses them.
            e.handles.push(k);
            e.handles.push(v);
            let r = e.call(f, a.get(1), &[v, k, a.this]);
            e.handles.truncate(e.handles.len() - 2);
            r?;
        }
    }
    Ok(Value::UNDEFINED)
}

/// Map.prototype.forEach (§24.1.3.5).
fn map_for_each(e: &mut Engine, a: &Args) -> JsResult<Value> {
    for_each_entry(e, a, false)
}
/// Set.prototype.forEach (§24.2.3.6).
fn set_for_each(e: &mut Engine, a: &Args) -> JsResult<Value> {
    for_each_entry(e, a, true)
}

/// CreateMapIterator (§24.1.5.1).
fn map_iter(e: &mut Engine, a: &Args, kind: IterKind, name: &str) -> JsResult<Value> {
    map_data(e, a.this, name)?;
    Ok(new_iterator(e, IterState::Map { map: a.this, next: 0, kind }))
}
/// Map.prototype.keys (§24.1.3.8).
fn map_keys(e: &mut Engine, a: &Args) -> JsResult<Value> {
    map_iter(e, a, IterKind::Keys, "keys")
}
/// Map.prototype.values (§24.1.3.11).
fn map_values(e: &mut Engine, a: &Args) -> JsResult<Value> {
    map_iter(e, a, IterKind::Values, "values")
}
/// Map.prototype.entries (§24.1.3.4): `[key, value]` pairs (also what for-of on a Map uses).
fn map_entries(e: &mut Engine, a: &Args) -> JsResult<Value> {
    map_iter(e, a, IterKind::Entries, "entries")
}
/// Set.prototype.values (§24.2.3.10) — also Set.prototype.keys (§24.2.3.8).
fn set_values(e: &mut Engine, a: &Args) -> JsResult<Value> {
    set_data(e, a.this, "values")?;
    Ok(new_iterator(e, IterState::Set { set: a.this, next: 0, kind: IterKind::Values }))
}
/// Set.prototype.entries (§24.2.3.5): `[value, value]` pairs.
fn set_entries(e: &mut Engine, a: &Args) -> JsResult<Value> {
    set_data(e, a.this, "entries")?;
    Ok(new_iterator(e, IterState::Set { set: a.this, next: 0, kind: IterKind::Entries }))
}
