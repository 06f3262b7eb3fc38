//! The built-in library. `init_realm` creates the intrinsic prototypes first (everything else
//! hangs off them), then each group installs its constructors and methods.
//!
//! Conventions for a built-in: `fn name(e: &mut Engine, a: &Args) -> JsResult<Value>`; `a.this`,
//! `a.get(i)` (undefined when missing), `a.new_target` (undefined unless called with `new`).
//! Each cites the ECMAScript section it implements.

pub mod array;
pub mod collections;
pub mod error;
pub mod function;
pub mod global;
pub mod json;
pub mod math;
pub mod number;
pub mod object;
pub mod string;

use crate::runtime::object::{FunctionKind, JsResult, ObjClass};
use crate::runtime::shape::METHOD_ATTRS;
use crate::runtime::string::{atoms, PropKey};
use crate::runtime::value::Value;
use crate::runtime::Engine;

pub fn init_realm(e: &mut Engine) {
    // Object.prototype has a null prototype; Function.prototype is itself a function.
    let object_proto = e.new_object_with_proto(Value::NULL, ObjClass::Ordinary);
    e.realm.object_proto = object_proto;
    let function_proto = e.new_object_with_proto(object_proto, ObjClass::Function(FunctionKind::Native { f: function::empty, ctor: false, data: Value::UNDEFINED }));
    e.realm.function_proto = function_proto;
    let mk = |e: &mut Engine, class: ObjClass| e.new_object_with_proto(object_proto, class);
    e.realm.array_proto = mk(e, ObjClass::Array);
    e.realm.string_proto = {
        let s = e.str("");
        mk(e, ObjClass::Primitive(s))
    };
    e.realm.number_proto = mk(e, ObjClass::Primitive(Value::int(0)));
    e.realm.boolean_proto = mk(e, ObjClass::Primitive(Value::FALSE));
    e.realm.error_proto = mk(e, ObjClass::Ordinary);
    e.realm.map_proto = mk(e, ObjClass::Ordinary);
    e.realm.set_proto = mk(e, ObjClass::Ordinary);
    e.realm.iterator_proto = mk(e, ObjClass::Ordinary);
    e.realm.global = mk(e, ObjClass::Ordinary);
    let ep = e.realm.error_proto;
    e.realm.type_error_proto = e.new_object_with_proto(ep, ObjClass::Ordinary);
    e.realm.range_error_proto = e.new_object_with_proto(ep, ObjClass::Ordinary);
    e.realm.reference_error_proto = e.new_object_with_proto(ep, ObjClass::Ordinary);
    e.realm.syntax_error_proto = e.new_object_with_proto(ep, ObjClass::Ordinary);

    let g = e.realm.global;
    define_value(e, g, "globalThis", g);
    object::init(e);
    function::init(e);
    error::init(e);
    array::init(e);
    string::init(e);
    number::init(e);
    math::init(e);
    json::init(e);
    collections::init(e);
    global::init(e);
}

/// Defines a non-enumerable data property by name.
pub fn define_value(e: &mut Engine, target: Value, name: &str, v: Value) {
    let a = e.intern(name);
    e.define_data(target.as_object(), PropKey::Atom(a), v, METHOD_ATTRS);
}

/// Installs a constructor: `name` on the global object, `prototype` and `prototype.constructor`.
pub fn install_ctor(e: &mut Engine, name: &str, length: u32, f: crate::runtime::object::NativeFn, proto: Value) -> Value {
    let c = e.native_function(name, length, f, true);
    e.define_data(c.as_object(), PropKey::Atom(atoms::PROTOTYPE), proto, 0);
    e.define_data(proto.as_object(), PropKey::Atom(atoms::CONSTRUCTOR), c, METHOD_ATTRS);
    let g = e.realm.global;
    define_value(e, g, name, c);
    c
}

/// Defines a getter-only accessor built-in.
pub fn define_getter(e: &mut Engine, target: Value, name: &str, f: crate::runtime::object::NativeFn) {
    let fname = format!("get {}", name);
    let g = e.native_function(&fname, 0, f, false);
    let a = e.intern(name);
    e.define_accessor(target.as_object(), PropKey::Atom(a), Some(g), None, crate::runtime::shape::CONFIGURABLE);
}

/// The callable argument of a callback-taking built-in, or a TypeError naming it.
pub fn require_callable(e: &mut Engine, v: Value, what: &str) -> JsResult<Value> {
    if e.is_callable(v) {
        Ok(v)
    } else {
        let d = e.describe(v);
        Err(e.type_error(&format!("{} is not a function ({})", d, what)))
    }
}

/// ToObject(this) and its length (§7.3.18 LengthOfArrayLike).
pub fn this_array_like(e: &mut Engine, this: Value) -> JsResult<(Value, u64)> {
    let o = e.to_object(this)?;
    if o.as_object().is_array() {
        return Ok((o, o.as_object().array_len as u64));
    }
    let l = e.get(o, PropKey::Atom(atoms::LENGTH))?;
    let n = e.to_integer(l)?;
    let n = if n <= 0.0 { 0 } else { n.min(9007199254740991.0) as u64 };
    Ok((o, n))
}

/// Relative index argument (§23.1.3 "relativeStart"): clamps ToIntegerOrInfinity into [0, len].
pub fn relative_index(e: &mut Engine, v: Value, len: u64, default: u64) -> JsResult<u64> {
    if v.is_undefined() {
        return Ok(default);
    }
    let r = e.to_integer(v)?;
    Ok(if r < 0.0 { (len as f64 + r).max(0.0) as u64 } else { r.min(len as f64) as u64 })
}

#[cfg(test)]
mod tests {
    /// Built-in objects must keep shared shapes: a dictionary-mode intrinsic defeats every
    /// inline cache on it.
    #[test]
    fn intrinsics_are_not_dictionaries() {
        let e = crate::runtime::Engine::new(crate::options::Options::default());
        let r = &e.realm;
        for (name, v) in [("global", r.global), ("Object.prototype", r.object_proto), ("Function.prototype", r.function_proto), ("Array.prototype", r.array_proto), ("String.prototype", r.string_proto), ("Number.prototype", r.number_proto), ("Error.prototype", r.error_proto), ("Map.prototype", r.map_proto)] {
            assert!(!v.as_object().shape.dictionary, "{} is in dictionary mode", name);
        }
    }
}
