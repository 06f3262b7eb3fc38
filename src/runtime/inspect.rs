//! Node-style value formatting for console.log (util.inspect with its default options).

use crate::runtime::object::{FunctionKind, ObjClass};
use crate::runtime::string::{atoms, PropKey};
use crate::runtime::value::Value;
use crate::runtime::Engine;

/// console.log's formatting of its arguments: strings raw, everything else inspected, joined by spaces.
pub fn format_log_args(e: &mut Engine, args: &[Value]) -> String {
    let mut out = String::new();
    for (i, &a) in args.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if a.is_string() {
            out.push_str(&a.as_string().to_rust_string());
        } else {
            out.push_str(&inspect(e, a));
        }
    }
    out
}

pub fn inspect(e: &mut Engine, v: Value) -> String {
    let mut seen = Vec::new();
    inspect_value(e, v, 0, &mut seen)
}

fn quote(s: &str) -> String {
    let q = if !s.contains('\'') { '\'' } else if !s.contains('"') { '"' } else if !s.contains('`') { '`' } else { '\'' };
    let mut out = String::new();
    out.push(q);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\\' => out.push_str("\\\\"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

pub fn format_number(d: f64) -> String {
    if d == 0.0 && d.is_sign_negative() {
        "-0".to_string()
    } else {
        crate::runtime::conv::number_to_string(d)
    }
}

fn inspect_value(e: &mut Engine, v: Value, depth: usize, seen: &mut Vec<Value>) -> String {
    if v.is_string() {
        return quote(&v.as_string().to_rust_string());
    }
    if v.is_number() {
        return format_number(v.as_number());
    }
    if !v.is_object() {
        return e.to_rust_string(v).unwrap_or_default();
    }
    if seen.contains(&v) {
        return "[Circular *1]".to_string();
    }
    let o = v.as_object();
    if let ObjClass::Function(_) = o.class {
        let n = e.get(v, PropKey::Atom(atoms::NAME)).ok().filter(|n| n.is_string()).map(|n| n.as_string().to_rust_string()).unwrap_or_default();
        let is_class = matches!(o.function(), Some(FunctionKind::Closure { code, .. }) if matches!(code.kind, crate::frontend::bytecode::FunctionKind::ClassConstructor | crate::frontend::bytecode::FunctionKind::DerivedConstructor));
        if is_class {
            return format!("[class {}]", if n.is_empty() { "(anonymous)" } else { &n });
        }
        return if n.is_empty() { "[Function (anonymous)]".to_string() } else { format!("[Function: {}]", n) };
    }
    if let ObjClass::Error = o.class {
        let s = e.get(v, PropKey::Atom(atoms::STACK)).ok().filter(|s| s.is_string());
        if let Some(s) = s {
            return s.as_string().to_rust_string();
        }
    }
    if depth > 2 {
        return if o.is_array() { "[Array]".to_string() } else { "[Object]".to_string() };
    }
    seen.push(v);
    let mut parts = Vec::new();
    if o.is_array() {
        let len = o.array_len;
        for i in 0..len.min(100) {
            match o.get_elem(i) {
                Some((x, _)) => parts.push(inspect_value(e, x, depth + 1, seen)),
                None => parts.push("<1 empty item>".to_string()),
            }
        }
        if len > 100 {
            parts.push(format!("... {} more items", len - 100));
        }
    }
    for k in e.own_enumerable_keys(o) {
        if o.is_array() && matches!(k, PropKey::Index(_)) {
            continue;
        }
        let name = e.key_to_rust(k);
        let val = e.get(v, k).unwrap_or(Value::UNDEFINED);
        let vs = inspect_value(e, val, depth + 1, seen);
        parts.push(format!("{}: {}", name, vs));
    }
    seen.pop();
    let (open, close) = if o.is_array() { ("[", "]") } else { ("{", "}") };
    if parts.is_empty() {
        return format!("{}{}", open, close);
    }
    format!("{} {} {}", open, parts.join(", "), close)
}
