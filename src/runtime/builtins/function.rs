//! Function.prototype (§20.2.3): call, apply, bind, toString; `name` and `length` are own
//! properties set when functions are created.

use crate::runtime::object::{Args, FunctionKind, JsResult, ObjClass};
use crate::runtime::shape::CONFIGURABLE;
use crate::runtime::string::{atoms, PropKey};
use crate::runtime::value::Value;
use crate::runtime::Engine;

pub fn init(e: &mut Engine) {
    let fp = e.realm.function_proto;
    e.define_data(fp.as_object(), PropKey::Atom(atoms::LENGTH), Value::int(0), CONFIGURABLE);
    let empty = e.intern_value("");
    e.define_data(fp.as_object(), PropKey::Atom(atoms::NAME), empty, CONFIGURABLE);
    e.define_native(fp, "call", 1, call);
    e.define_native(fp, "apply", 2, apply);
    e.define_native(fp, "bind", 1, bind);
    e.define_native(fp, "toString", 0, to_string);
    let f = super::install_ctor(e, "Function", 1, function_ctor, fp);
    let _ = f;
}

/// Function.prototype itself: accepts any arguments and returns undefined (§20.2.3).
pub fn empty(_e: &mut Engine, _a: &Args) -> JsResult<Value> {
    Ok(Value::UNDEFINED)
}

/// `new Function(...)` needs a compiler at run time (eval): outside the subset.
fn function_ctor(e: &mut Engine, _a: &Args) -> JsResult<Value> {
    Err(e.syntax_error("unsupported: new Function (code generation from strings)"))
}

/// Function.prototype.call (§20.2.3.3).
fn call(e: &mut Engine, a: &Args) -> JsResult<Value> {
    if !e.is_callable(a.this) {
        return Err(e.type_error("Function.prototype.call called on a non-function"));
    }
    let rest = if a.args.len() > 1 { &a.args[1..] } else { &[] };
    e.call(a.this, a.get(0), rest)
}

/// Function.prototype.apply (§20.2.3.1).
fn apply(e: &mut Engine, a: &Args) -> JsResult<Value> {
    if !e.is_callable(a.this) {
        return Err(e.type_error("Function.prototype.apply was called on a non-function"));
    }
    let list = a.get(1);
    let args = if list.is_nullish() { Vec::new() } else { create_list_from_array_like(e, list)? };
    e.call(a.this, a.get(0), &args)
}

/// CreateListFromArrayLike (§7.3.19).
pub fn create_list_from_array_like(e: &mut Engine, v: Value) -> JsResult<Vec<Value>> {
    if !v.is_object() {
        return Err(e.type_error("CreateListFromArrayLike called on non-object"));
    }
    let (o, len) = super::this_array_like(e, v)?;
    if len > 10_000_000 {
        return Err(e.range_error("Too many arguments in function call"));
    }
    let mut out = Vec::with_capacity(len as usize);
    for i in 0..len {
        out.push(e.get(o, PropKey::Index(i as u32))?);
    }
    Ok(out)
}

/// Function.prototype.bind (§20.2.3.2).
fn bind(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let target = a.this;
    if !e.is_callable(target) {
        return Err(e.type_error("Bind must be called on a function"));
    }
    let bound_args = if a.args.len() > 1 { a.args[1..].to_vec() } else { Vec::new() };
    let nbound = bound_args.len() as f64;
    let proto = target.as_object().proto();
    let f = e.new_object_with_proto(proto, ObjClass::Function(FunctionKind::Bound { target, this: a.get(0), args: bound_args }));
    let len = e.get(target, PropKey::Atom(atoms::LENGTH))?;
    let l = if len.is_number() { (len.as_number() - nbound).max(0.0) } else { 0.0 };
    e.define_data(f.as_object(), PropKey::Atom(atoms::LENGTH), Value::number(l), CONFIGURABLE);
    let n = e.get(target, PropKey::Atom(atoms::NAME))?;
    // "bound " + name as a rope: chains of bind stay linear (no copy of the growing name).
    let prefix = e.intern_value("bound ");
    let bn = if n.is_string() { e.concat(prefix, n)? } else { prefix };
    e.define_data(f.as_object(), PropKey::Atom(atoms::NAME), bn, CONFIGURABLE);
    Ok(f)
}

/// Function.prototype.toString (§20.2.3.5): source text for user functions.
fn to_string(e: &mut Engine, a: &Args) -> JsResult<Value> {
    if !e.is_callable(a.this) {
        return Err(e.type_error("Function.prototype.toString requires that 'this' be a Function"));
    }
    let s = match a.this.as_object().function() {
        Some(FunctionKind::Closure { code, .. }) => {
            let (s, t) = code.source_span;
            let file = &e.files[code.file as usize];
            file.text.get(s as usize..t as usize).unwrap_or("").to_string()
        }
        _ => {
            let n = e.get(a.this, PropKey::Atom(atoms::NAME))?;
            let n = if n.is_string() { n.as_string().to_rust_string() } else { String::new() };
            format!("function {}() {{ [native code] }}", n)
        }
    };
    Ok(e.str(&s))
}
