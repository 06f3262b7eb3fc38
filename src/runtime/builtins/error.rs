//! Error constructors (§20.5): Error, TypeError, RangeError, ReferenceError, SyntaxError, with
//! `name`, `message`, `stack` and Error.prototype.toString.

use crate::runtime::object::{Args, JsResult, ObjClass};
use crate::runtime::shape::METHOD_ATTRS;
use crate::runtime::string::{atoms, PropKey};
use crate::runtime::value::Value;
use crate::runtime::Engine;

pub fn init(e: &mut Engine) {
    let ep = e.realm.error_proto;
    let base = super::install_ctor(e, "Error", 1, error_ctor, ep);
    let n = e.intern_value("Error");
    e.define_data(ep.as_object(), PropKey::Atom(atoms::NAME), n, METHOD_ATTRS);
    let empty = e.intern_value("");
    e.define_data(ep.as_object(), PropKey::Atom(atoms::MESSAGE), empty, METHOD_ATTRS);
    e.define_native(ep, "toString", 0, to_string);
    let subs: [(&str, Value, crate::runtime::object::NativeFn); 4] = [
        ("TypeError", e.realm.type_error_proto, type_error_ctor),
        ("RangeError", e.realm.range_error_proto, range_error_ctor),
        ("ReferenceError", e.realm.reference_error_proto, reference_error_ctor),
        ("SyntaxError", e.realm.syntax_error_proto, syntax_error_ctor),
    ];
    // EvalError and URIError exist for completeness (nothing in the engine throws them).
    let eval_proto = e.new_object_with_proto(ep, ObjClass::Ordinary);
    let uri_proto = e.new_object_with_proto(ep, ObjClass::Ordinary);
    let subs: Vec<(&str, Value, crate::runtime::object::NativeFn)> =
        subs.into_iter().chain([("EvalError", eval_proto, other_error_ctor as crate::runtime::object::NativeFn), ("URIError", uri_proto, other_error_ctor)]).collect();
    for (name, proto, f) in subs {
        let c = super::install_ctor(e, name, 1, f, proto);
        e.set_proto(c.as_object(), base);
        let n = e.intern_value(name);
        e.define_data(proto.as_object(), PropKey::Atom(atoms::NAME), n, METHOD_ATTRS);
        e.define_data(proto.as_object(), PropKey::Atom(atoms::MESSAGE), empty, METHOD_ATTRS);
    }
}

/// The Error constructor behaviour shared by all kinds (§20.5.1.1).
fn construct(e: &mut Engine, a: &Args, default_proto: Value) -> JsResult<Value> {
    let proto = if a.new_target.is_object() {
        let p = e.get(a.new_target, PropKey::Atom(atoms::PROTOTYPE))?;
        if p.is_object() { p } else { default_proto }
    } else {
        default_proto
    };
    let o = e.new_object_with_proto(proto, ObjClass::Error);
    let msg = a.get(0);
    if !msg.is_undefined() {
        let m = e.to_string(msg)?;
        e.define_data(o.as_object(), PropKey::Atom(atoms::MESSAGE), m, METHOD_ATTRS);
    }
    let opts = a.get(1);
    if opts.is_object() && e.has_property(opts.as_object(), PropKey::Atom(atoms::CAUSE)) {
        let c = e.get(opts, PropKey::Atom(atoms::CAUSE))?;
        e.define_data(o.as_object(), PropKey::Atom(atoms::CAUSE), c, METHOD_ATTRS);
    }
    e.attach_stack(o);
    Ok(o)
}

fn error_ctor(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let p = e.realm.error_proto;
    construct(e, a, p)
}
fn type_error_ctor(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let p = e.realm.type_error_proto;
    construct(e, a, p)
}
fn range_error_ctor(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let p = e.realm.range_error_proto;
    construct(e, a, p)
}
fn reference_error_ctor(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let p = e.realm.reference_error_proto;
    construct(e, a, p)
}
fn syntax_error_ctor(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let p = e.realm.syntax_error_proto;
    construct(e, a, p)
}

/// EvalError / URIError (§20.5.6.1): the prototype is the constructor's own `prototype`.
fn other_error_ctor(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let p = e.get(a.callee, PropKey::Atom(atoms::PROTOTYPE))?;
    construct(e, a, p)
}

/// Error.prototype.toString (§20.5.3.4).
pub fn to_string(e: &mut Engine, a: &Args) -> JsResult<Value> {
    if !a.this.is_object() {
        return Err(e.type_error("Error.prototype.toString requires that 'this' be an Object"));
    }
    let n = e.get(a.this, PropKey::Atom(atoms::NAME))?;
    let name = if n.is_undefined() { "Error".to_string() } else { e.to_rust_string(n)? };
    let m = e.get(a.this, PropKey::Atom(atoms::MESSAGE))?;
    let msg = if m.is_undefined() { String::new() } else { e.to_rust_string(m)? };
    let s = if name.is_empty() {
        msg
    } else if msg.is_empty() {
        name
    } else {
        format!("{}: {}", name, msg)
    };
    Ok(e.str(&s))
}
