//! Map (§24.1) and Set (§24.2): insertion-ordered, SameValueZero keys, live iteration.

use super::{define_getter, require_callable};
use crate::interp::{iterate_to_vec, new_iterator};
use crate::runtime::object::{Args, IterKind, IterState, JsResult, ObjClass, OrderedMap};
use crate::runtime::string::{atoms, PropKey};
use crate::runtime::value::Value;
use crate::runtime::Engine;

pub fn init(e: &mut Engine) {
    let mp = e.realm.map_proto;
    super::install_ctor(e, "Map", 0, map_ctor, mp);
    e.define_native(mp, "get", 1, map_get);
    e.define_native(mp, "set", 2, map_set);
    e.define_native(mp, "has", 1, map_has);
    e.define_native(mp, "delete", 1, map_delete);
    e.define_native(mp, "clear", 0, map_clear);
    let f = e.define_native(mp, "forEach", 1, map_for_each);
    e.mark_gc_safe(f);
    e.define_native(mp, "keys", 0, map_keys);
    e.define_native(mp, "values", 0, map_values);
    e.define_native(mp, "entries", 0, map_entries);
    define_getter(e, mp, "size", map_size);

    let sp = e.realm.set_proto;
    super::install_ctor(e, "Set", 0, set_ctor, sp);
    e.define_native(sp, "add", 1, set_add);
    e.define_native(sp, "has", 1, map_has_set);
    e.define_native(sp, "delete", 1, map_delete_set);
    e.define_native(sp, "clear", 0, map_clear_set);
    let f = e.define_native(sp, "forEach", 1, set_for_each);
    e.mark_gc_safe(f);
    e.define_native(sp, "values", 0, set_values);
    e.define_native(sp, "keys", 0, set_values);
    e.define_native(sp, "entries", 0, set_entries);
    define_getter(e, sp, "size", set_size);
}

fn proto_from_new_target(e: &mut Engine, nt: Value, default: Value) -> JsResult<Value> {
    let p = e.get(nt, PropKey::Atom(atoms::PROTOTYPE))?;
    Ok(if p.is_object() { p } else { default })
}

/// new Map([iterable]) (§24.1.1.1).
fn map_ctor(e: &mut Engine, a: &Args) -> JsResult<Value> {
    if a.new_target.is_undefined() {
        return Err(e.type_error("Constructor Map requires 'new'"));
    }
    let dp = e.realm.map_proto;
    let proto = proto_from_new_target(e, a.new_target, dp)?;
    let m = e.new_object_with_proto(proto, ObjClass::Map(Box::default()));
    let init = a.get(0);
    if !init.is_nullish() {
        e.handles.push(m);
        let r = (|| {
            let items = iterate_to_vec(e, init)?;
            for it in items {
                if !it.is_object() {
                    let d = e.describe(it);
                    return Err(e.type_error(&format!("Iterator value {} is not an entry object", d)));
                }
                let k = e.get(it, PropKey::Index(0))?;
                let v = e.get(it, PropKey::Index(1))?;
                map_data(e, m, "set")?.set(k, v);
            }
            Ok(())
        })();
        e.handles.pop();
        r?;
    }
    Ok(m)
}

/// new Set([iterable]) (§24.2.1.1).
fn set_ctor(e: &mut Engine, a: &Args) -> JsResult<Value> {
    if a.new_target.is_undefined() {
        return Err(e.type_error("Constructor Set requires 'new'"));
    }
    let dp = e.realm.set_proto;
    let proto = proto_from_new_target(e, a.new_target, dp)?;
    let s = e.new_object_with_proto(proto, ObjClass::Set(Box::default()));
    let init = a.get(0);
    if !init.is_nullish() {
        let items = iterate_to_vec(e, init)?;
        let d = set_data(e, s, "add")?;
        for it in items {
            d.set(it, Value::UNDEFINED);
        }
    }
    Ok(s)
}

fn map_data(e: &mut Engine, v: Value, method: &str) -> JsResult<&'static mut OrderedMap> {
    if v.is_object() {
        if let ObjClass::Map(m) = &mut v.as_object().get_mut().class {
            return Ok(m);
        }
    }
    Err(e.type_error(&format!("Method Map.prototype.{} called on incompatible receiver", method)))
}

fn set_data(e: &mut Engine, v: Value, method: &str) -> JsResult<&'static mut OrderedMap> {
    if v.is_object() {
        if let ObjClass::Set(m) = &mut v.as_object().get_mut().class {
            return Ok(m);
        }
    }
    Err(e.type_error(&format!("Method Set.prototype.{} called on incompatible receiver", method)))
}

/// Map.prototype.get (§24.1.3.6).
fn map_get(e: &mut Engine, a: &Args) -> JsResult<Value> {
    Ok(map_data(e, a.this, "get")?.get(a.get(0)).unwrap_or(Value::UNDEFINED))
}
/// Map.prototype.set (§24.1.3.9).
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
    Ok(Value::int(map_data(e, a.this, "size")?.live as i32))
}
/// Set.prototype.add (§24.2.3.1).
fn set_add(e: &mut Engine, a: &Args) -> JsResult<Value> {
    set_data(e, a.this, "add")?.set(a.get(0), Value::UNDEFINED);
    e.heap.note_allocation(32);
    Ok(a.this)
}
/// Set.prototype.has (§24.2.3.7).
fn map_has_set(e: &mut Engine, a: &Args) -> JsResult<Value> {
    Ok(Value::bool(set_data(e, a.this, "has")?.has(a.get(0))))
}
/// Set.prototype.delete (§24.2.3.4).
fn map_delete_set(e: &mut Engine, a: &Args) -> JsResult<Value> {
    Ok(Value::bool(set_data(e, a.this, "delete")?.delete(a.get(0))))
}
/// Set.prototype.clear (§24.2.3.2).
fn map_clear_set(e: &mut Engine, a: &Args) -> JsResult<Value> {
    set_data(e, a.this, "clear")?.clear();
    Ok(Value::UNDEFINED)
}
/// get Set.prototype.size (§24.2.3.9).
fn set_size(e: &mut Engine, a: &Args) -> JsResult<Value> {
    Ok(Value::int(set_data(e, a.this, "size")?.live as i32))
}

/// forEach over live entries: entries added during the walk are visited, deleted ones skipped.
fn for_each_entry(e: &mut Engine, a: &Args, is_set: bool) -> JsResult<Value> {
    if is_set {
        set_data(e, a.this, "forEach")?;
    } else {
        map_data(e, a.this, "forEach")?;
    }
    let f = require_callable(e, a.get(0), if is_set { "Set.prototype.forEach" } else { "Map.prototype.forEach" })?;
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
            e.call(f, a.get(1), &[v, k, a.this])?;
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
/// Map.prototype.entries (§24.1.3.4).
fn map_entries(e: &mut Engine, a: &Args) -> JsResult<Value> {
    map_iter(e, a, IterKind::Entries, "entries")
}
/// Set.prototype.values (§24.2.3.10) — also keys.
fn set_values(e: &mut Engine, a: &Args) -> JsResult<Value> {
    set_data(e, a.this, "values")?;
    Ok(new_iterator(e, IterState::Set { set: a.this, next: 0, kind: IterKind::Values }))
}
/// Set.prototype.entries (§24.2.3.5).
fn set_entries(e: &mut Engine, a: &Args) -> JsResult<Value> {
    set_data(e, a.this, "entries")?;
    Ok(new_iterator(e, IterState::Set { set: a.this, next: 0, kind: IterKind::Entries }))
}
