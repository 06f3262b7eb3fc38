//! Object constructor and Object.prototype (§20.1).

use crate::runtime::object::{Args, JsResult, ObjClass};
use crate::runtime::shape::{ACCESSOR, CONFIGURABLE, DEFAULT_ATTRS, ENUMERABLE, WRITABLE};
use crate::runtime::string::{atoms, PropKey};
use crate::runtime::value::Value;
use crate::runtime::Engine;

pub fn init(e: &mut Engine) {
    let op = e.realm.object_proto;
    let c = super::install_ctor(e, "Object", 1, object_ctor, op);
    e.realm.object_ctor = c;
    e.define_native(c, "keys", 1, keys);
    e.define_native(c, "values", 1, values);
    e.define_native(c, "entries", 1, entries);
    e.define_native(c, "assign", 2, assign);
    e.define_native(c, "create", 2, create);
    e.define_native(c, "getPrototypeOf", 1, get_prototype_of);
    e.define_native(c, "setPrototypeOf", 2, set_prototype_of);
    e.define_native(c, "defineProperty", 3, define_property);
    e.define_native(c, "defineProperties", 2, define_properties);
    e.define_native(c, "getOwnPropertyNames", 1, get_own_property_names);
    e.define_native(c, "getOwnPropertyDescriptor", 2, get_own_property_descriptor);
    e.define_native(c, "freeze", 1, freeze);
    e.define_native(c, "isFrozen", 1, is_frozen);
    e.define_native(c, "seal", 1, seal);
    e.define_native(c, "isSealed", 1, is_sealed);
    e.define_native(c, "preventExtensions", 1, prevent_extensions);
    e.define_native(c, "isExtensible", 1, is_extensible);
    e.define_native(c, "is", 2, is);
    e.define_native(c, "fromEntries", 1, from_entries);
    e.define_native(op, "hasOwnProperty", 1, has_own_property);
    e.define_native(op, "toString", 0, to_string);
    e.define_native(op, "toLocaleString", 0, to_locale_string);
    e.define_native(op, "valueOf", 0, value_of);
    e.define_native(op, "isPrototypeOf", 1, is_prototype_of);
    e.define_native(op, "propertyIsEnumerable", 1, property_is_enumerable);
    let g = e.native_function("get __proto__", 0, proto_get, false);
    let s = e.native_function("set __proto__", 1, proto_set, false);
    let pa = e.proto_atom;
    e.define_accessor(op.as_object(), PropKey::Atom(pa), Some(g), Some(s), CONFIGURABLE);
}

/// Object(value) (§20.1.1.1).
fn object_ctor(e: &mut Engine, a: &Args) -> JsResult<Value> {
    if a.new_target.is_object() && a.new_target != e.realm.object_ctor {
        return crate::interp::ordinary_create_from_constructor(e, a.new_target);
    }
    let v = a.get(0);
    if v.is_nullish() {
        return Ok(e.new_object());
    }
    e.to_object(v)
}

fn to_obj(e: &mut Engine, v: Value) -> JsResult<Value> {
    e.to_object(v)
}

/// Object.keys (§20.1.2.18).
fn keys(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let o = to_obj(e, a.get(0))?;
    let ks = e.own_enumerable_keys(o.as_object());
    let vals: Vec<Value> = ks.into_iter().map(|k| e.key_to_value(k)).collect();
    Ok(e.new_array(vals))
}

/// Object.values (§20.1.2.23).
fn values(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let o = to_obj(e, a.get(0))?;
    let ks = e.own_enumerable_keys(o.as_object());
    let mut out = Vec::with_capacity(ks.len());
    for k in ks {
        out.push(e.get(o, k)?);
    }
    Ok(e.new_array(out))
}

/// Object.entries (§20.1.2.5).
fn entries(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let o = to_obj(e, a.get(0))?;
    let ks = e.own_enumerable_keys(o.as_object());
    let mut out = Vec::with_capacity(ks.len());
    for k in ks {
        let v = e.get(o, k)?;
        let kv = e.key_to_value(k);
        let pair = e.new_array(vec![kv, v]);
        out.push(pair);
    }
    Ok(e.new_array(out))
}

/// Object.fromEntries (§20.1.2.7).
fn from_entries(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let items = crate::interp::iterate_to_vec(e, a.get(0))?;
    let o = e.new_object();
    for it in items {
        let k = e.get(it, PropKey::Index(0))?;
        let v = e.get(it, PropKey::Index(1))?;
        let key = e.to_property_key(k)?;
        e.define_data(o.as_object(), key, v, DEFAULT_ATTRS);
    }
    Ok(o)
}

/// Object.assign (§20.1.2.1).
fn assign(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let target = to_obj(e, a.get(0))?;
    for &src in a.args.iter().skip(1) {
        if src.is_nullish() {
            continue;
        }
        let s = e.to_object(src)?;
        for k in e.own_enumerable_keys(s.as_object()) {
            let v = e.get(s, k)?;
            e.set(target, k, v, true)?;
        }
    }
    Ok(target)
}

/// Object.create (§20.1.2.2).
fn create(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let p = a.get(0);
    if !p.is_object() && !p.is_null() {
        return Err(e.type_error("Object prototype may only be an Object or null"));
    }
    let o = e.new_object_with_proto(p, ObjClass::Ordinary);
    let props = a.get(1);
    if !props.is_undefined() {
        define_properties_from(e, o, props)?;
    }
    Ok(o)
}

/// Object.getPrototypeOf (§20.1.2.12).
fn get_prototype_of(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let o = to_obj(e, a.get(0))?;
    Ok(o.as_object().proto())
}

/// Object.setPrototypeOf (§20.1.2.22).
fn set_prototype_of(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let o = a.get(0);
    let p = a.get(1);
    if o.is_nullish() {
        return Err(e.type_error("Object.setPrototypeOf called on null or undefined"));
    }
    if !p.is_object() && !p.is_null() {
        return Err(e.type_error("Object prototype may only be an Object or null"));
    }
    if o.is_object() && !e.set_proto(o.as_object(), p) {
        return Err(e.type_error("Cyclic __proto__ value or non-extensible object"));
    }
    Ok(o)
}

/// ToPropertyDescriptor (§6.2.6.5) + DefinePropertyOrThrow (§7.3.8) with ValidateAndApply
/// for the cases the subset needs.
pub fn define_from_descriptor(e: &mut Engine, o: Value, key: PropKey, desc: Value) -> JsResult<()> {
    if !desc.is_object() {
        return Err(e.type_error("Property description must be an object"));
    }
    let d = desc.as_object();
    let has = |e: &mut Engine, a| e.has_property(d, PropKey::Atom(a));
    let getter = if has(e, atoms::GET) { Some(e.get(desc, PropKey::Atom(atoms::GET))?) } else { None };
    let setter = if has(e, atoms::SET) { Some(e.get(desc, PropKey::Atom(atoms::SET))?) } else { None };
    let value = if has(e, atoms::VALUE) { Some(e.get(desc, PropKey::Atom(atoms::VALUE))?) } else { None };
    let writable = if has(e, atoms::WRITABLE) { Some(e.get(desc, PropKey::Atom(atoms::WRITABLE))?.truthy()) } else { None };
    let enumerable = if has(e, atoms::ENUMERABLE) { Some(e.get(desc, PropKey::Atom(atoms::ENUMERABLE))?.truthy()) } else { None };
    let configurable = if has(e, atoms::CONFIGURABLE) { Some(e.get(desc, PropKey::Atom(atoms::CONFIGURABLE))?.truthy()) } else { None };
    for f in [getter, setter].into_iter().flatten() {
        if !f.is_undefined() && !e.is_callable(f) {
            return Err(e.type_error("Getter must be a function"));
        }
    }
    if (getter.is_some() || setter.is_some()) && (value.is_some() || writable.is_some()) {
        return Err(e.type_error("Invalid property descriptor. Cannot both specify accessors and a value or writable attribute"));
    }
    let ob = o.as_object();
    let cur = e.get_own_property(ob, key);
    if let Some(c) = cur {
        if c.attrs & CONFIGURABLE == 0 {
            // Non-configurable: only a writable data property's value (or writable→false) may change.
            let changes_kind = (getter.is_some() || setter.is_some()) != c.is_accessor() && (getter.is_some() || setter.is_some() || value.is_some());
            let bad = configurable == Some(true)
                || enumerable.is_some_and(|en| en != (c.attrs & ENUMERABLE != 0))
                || changes_kind
                || (!c.is_accessor() && c.attrs & WRITABLE == 0 && (writable == Some(true) || value.is_some_and(|v| !e.same_value(v, c.value))));
            if bad {
                let k = e.key_to_rust(key);
                return Err(e.type_error(&format!("Cannot redefine property: {}", k)));
            }
        }
    } else if !ob.is_extensible() {
        let k = e.key_to_rust(key);
        return Err(e.type_error(&format!("Cannot define property {}, object is not extensible", k)));
    }
    let old_attrs = cur.map(|c| c.attrs).unwrap_or(0);
    let mut attrs = 0;
    if enumerable.unwrap_or(old_attrs & ENUMERABLE != 0) {
        attrs |= ENUMERABLE;
    }
    if configurable.unwrap_or(old_attrs & CONFIGURABLE != 0) {
        attrs |= CONFIGURABLE;
    }
    if getter.is_some() || setter.is_some() {
        e.define_accessor(ob, key, getter, setter, attrs);
    } else if cur.is_some_and(|c| c.is_accessor()) && value.is_none() && writable.is_none() {
        // Only attributes of an accessor change.
        let acc = cur.unwrap().accessor();
        e.define_accessor(ob, key, Some(acc.getter), Some(acc.setter), attrs);
    } else {
        let old_writable = cur.is_some_and(|c| !c.is_accessor() && c.attrs & WRITABLE != 0);
        if writable.unwrap_or(old_writable) {
            attrs |= WRITABLE;
        }
        let v = value.unwrap_or_else(|| cur.filter(|c| c.attrs & ACCESSOR == 0).map(|c| c.value).unwrap_or(Value::UNDEFINED));
        if ob.is_array() && key == PropKey::Atom(atoms::LENGTH) {
            let len = e.to_uint32(v)?;
            if !ob.get_mut().set_array_len(len) {
                return Err(e.type_error(&format!("Cannot redefine property: length (element {} is not configurable)", ob.array_len - 1)));
            }
            if attrs & WRITABLE == 0 {
                ob.get_mut().flags |= crate::runtime::object::ELEMS_FROZEN;
            }
            return Ok(());
        }
        e.define_data(ob, key, v, attrs);
    }
    Ok(())
}

/// Object.defineProperty (§20.1.2.4).
fn define_property(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let o = a.get(0);
    if !o.is_object() {
        return Err(e.type_error("Object.defineProperty called on non-object"));
    }
    let key = e.to_property_key(a.get(1))?;
    define_from_descriptor(e, o, key, a.get(2))?;
    Ok(o)
}

fn define_properties_from(e: &mut Engine, o: Value, props: Value) -> JsResult<()> {
    let p = e.to_object(props)?;
    for k in e.own_enumerable_keys(p.as_object()) {
        let d = e.get(p, k)?;
        define_from_descriptor(e, o, k, d)?;
    }
    Ok(())
}

/// Object.defineProperties (§20.1.2.3).
fn define_properties(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let o = a.get(0);
    if !o.is_object() {
        return Err(e.type_error("Object.defineProperties called on non-object"));
    }
    define_properties_from(e, o, a.get(1))?;
    Ok(o)
}

/// Object.getOwnPropertyNames (§20.1.2.10).
fn get_own_property_names(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let o = to_obj(e, a.get(0))?;
    let ks = e.own_keys(o.as_object());
    let vals: Vec<Value> = ks.into_iter().map(|k| e.key_to_value(k)).collect();
    Ok(e.new_array(vals))
}

/// Object.getOwnPropertyDescriptor (§20.1.2.8).
fn get_own_property_descriptor(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let o = to_obj(e, a.get(0))?;
    let key = e.to_property_key(a.get(1))?;
    let d = match e.get_own_property(o.as_object(), key) {
        Some(d) => d,
        None => return Ok(Value::UNDEFINED),
    };
    let r = e.new_object();
    let ro = r.as_object();
    if d.is_accessor() {
        let acc = d.accessor();
        e.define_data(ro, PropKey::Atom(atoms::GET), acc.getter, DEFAULT_ATTRS);
        e.define_data(ro, PropKey::Atom(atoms::SET), acc.setter, DEFAULT_ATTRS);
    } else {
        e.define_data(ro, PropKey::Atom(atoms::VALUE), d.value, DEFAULT_ATTRS);
        e.define_data(ro, PropKey::Atom(atoms::WRITABLE), Value::bool(d.attrs & WRITABLE != 0), DEFAULT_ATTRS);
    }
    e.define_data(ro, PropKey::Atom(atoms::ENUMERABLE), Value::bool(d.attrs & ENUMERABLE != 0), DEFAULT_ATTRS);
    e.define_data(ro, PropKey::Atom(atoms::CONFIGURABLE), Value::bool(d.attrs & CONFIGURABLE != 0), DEFAULT_ATTRS);
    Ok(r)
}

/// Object.freeze (§20.1.2.6).
fn freeze(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let o = a.get(0);
    if o.is_object() {
        e.freeze(o.as_object());
    }
    Ok(o)
}

/// Object.seal (§20.1.2.20).
fn seal(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let o = a.get(0);
    if o.is_object() {
        e.seal(o.as_object());
    }
    Ok(o)
}

/// Object.isSealed (§20.1.2.14).
fn is_sealed(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let o = a.get(0);
    Ok(Value::bool(!o.is_object() || e.is_sealed(o.as_object())))
}

/// Object.isFrozen (§20.1.2.13).
fn is_frozen(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let o = a.get(0);
    Ok(Value::bool(!o.is_object() || e.is_frozen(o.as_object())))
}

/// Object.preventExtensions (§20.1.2.19).
fn prevent_extensions(_e: &mut Engine, a: &Args) -> JsResult<Value> {
    let o = a.get(0);
    if o.is_object() {
        o.as_object().get_mut().flags &= !crate::runtime::object::EXTENSIBLE;
    }
    Ok(o)
}

/// Object.isExtensible (§20.1.2.14).
fn is_extensible(_e: &mut Engine, a: &Args) -> JsResult<Value> {
    let o = a.get(0);
    Ok(Value::bool(o.is_object() && o.as_object().is_extensible()))
}

/// Object.is (§20.1.2.15).
fn is(e: &mut Engine, a: &Args) -> JsResult<Value> {
    Ok(Value::bool(e.same_value(a.get(0), a.get(1))))
}

/// Object.prototype.hasOwnProperty (§20.1.3.2).
fn has_own_property(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let key = e.to_property_key(a.get(0))?;
    let o = e.to_object(a.this)?;
    Ok(Value::bool(e.get_own_property(o.as_object(), key).is_some()))
}

/// Object.prototype.propertyIsEnumerable (§20.1.3.4).
fn property_is_enumerable(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let key = e.to_property_key(a.get(0))?;
    let o = e.to_object(a.this)?;
    Ok(Value::bool(e.get_own_property(o.as_object(), key).is_some_and(|d| d.attrs & ENUMERABLE != 0)))
}

/// Object.prototype.isPrototypeOf (§20.1.3.3).
fn is_prototype_of(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let v = a.get(0);
    if !v.is_object() {
        return Ok(Value::FALSE);
    }
    let o = e.to_object(a.this)?;
    let mut p = v.as_object().proto();
    while p.is_object() {
        if p == o {
            return Ok(Value::TRUE);
        }
        p = p.as_object().proto();
    }
    Ok(Value::FALSE)
}

/// Object.prototype.toString (§20.1.3.6).
pub fn to_string(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let t = a.this;
    let tag = if t.is_undefined() {
        "Undefined"
    } else if t.is_null() {
        "Null"
    } else {
        let o = e.to_object(t)?.as_object();
        match &o.class {
            ObjClass::Array => "Array",
            ObjClass::Function(_) => "Function",
            ObjClass::Error => "Error",
            ObjClass::Arguments => "Arguments",
            ObjClass::Primitive(p) if p.is_bool() => "Boolean",
            ObjClass::Primitive(p) if p.is_number() => "Number",
            ObjClass::Primitive(_) => "String",
            ObjClass::Map(_) => "Map",
            ObjClass::Set(_) => "Set",
            _ => "Object",
        }
    };
    Ok(e.str(&format!("[object {}]", tag)))
}

/// Object.prototype.toLocaleString (§20.1.3.5): Invoke(this, "toString").
fn to_locale_string(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let f = e.get(a.this, PropKey::Atom(atoms::TO_STRING))?;
    e.call(f, a.this, &[])
}

/// Object.prototype.valueOf (§20.1.3.7).
fn value_of(e: &mut Engine, a: &Args) -> JsResult<Value> {
    e.to_object(a.this)
}

/// Object.prototype.__proto__ getter (Annex B §B.2.2.1.1).
fn proto_get(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let o = e.to_object(a.this)?;
    Ok(o.as_object().proto())
}

/// Object.prototype.__proto__ setter (Annex B §B.2.2.1.2).
fn proto_set(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let p = a.get(0);
    if a.this.is_object() && (p.is_object() || p.is_null()) && !e.set_proto(a.this.as_object(), p) {
        return Err(e.type_error("Cyclic __proto__ value"));
    }
    Ok(Value::UNDEFINED)
}
