//! Node-style value formatting for console.log — a port of the parts of Node's
//! `util.inspect` (lib/internal/util/inspect.js, default options: depth 2, breakLength 80,
//! compact 3, maxArrayLength 100) that the subset's values need: quoting, `-0`, holes,
//! class-name prefixes, `[Object]` past the depth, `<ref *1>`/`[Circular *1]`, Map/Set,
//! boxed primitives, errors, and Node's line-breaking (`reduceToSingleString`,
//! `isBelowBreakLength`, `groupArrayElements`).

use crate::runtime::object::{FunctionKind, ObjClass};
use crate::runtime::string::{atoms, PropKey};
use crate::runtime::value::Value;
use crate::runtime::Engine;

const DEPTH: usize = 2;
const BREAK_LENGTH: usize = 80;
const COMPACT: usize = 3;
const MAX_ARRAY_LENGTH: usize = 100;

struct Ctx {
    seen: Vec<Value>,
    circular: Vec<Value>,
    indentation: usize,
    current_depth: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Extras {
    Object,
    Array,
}

/// console.log's formatting of its arguments (printf-style `%s %d %i %f %j %o %O %%` in a
/// leading string, strings raw, everything else inspected, joined by spaces).
pub fn format_log_args(e: &mut Engine, args: &[Value]) -> String {
    let mut out = String::new();
    let mut rest = args;
    if let Some(&first) = args.first() {
        if first.is_string() && args.len() > 1 {
            let f = first.as_string().to_rust_string();
            if f.contains('%') {
                let mut used = 1;
                let mut chars = f.chars().peekable();
                while let Some(c) = chars.next() {
                    if c != '%' {
                        out.push(c);
                        continue;
                    }
                    let spec = match chars.peek() {
                        Some(&s) => s,
                        None => {
                            out.push('%');
                            break;
                        }
                    };
                    if spec == '%' {
                        chars.next();
                        out.push('%');
                        continue;
                    }
                    if !"sdifjoOc".contains(spec) || used >= args.len() {
                        out.push('%');
                        continue;
                    }
                    chars.next();
                    let a = args[used];
                    used += 1;
                    match spec {
                        's' => {
                            if a.is_string() {
                                out.push_str(&a.as_string().to_rust_string())
                            } else if a.is_object() && !e.is_callable(a) {
                                out.push_str(&inspect_depth(e, a, 1))
                            } else {
                                out.push_str(&inspect(e, a))
                            }
                        }
                        'd' | 'i' => {
                            if a.is_object() {
                                out.push_str("NaN");
                            } else {
                                let n = e.to_number(a).unwrap_or(f64::NAN);
                                let n = if spec == 'i' { n.trunc() } else { n };
                                out.push_str(&format_number(n));
                            }
                        }
                        'f' => {
                            let n = e.to_number(a).unwrap_or(f64::NAN);
                            out.push_str(&format_number(n));
                        }
                        'j' => out.push_str(&json_of(e, a)),
                        'c' => {}
                        _ => out.push_str(&inspect(e, a)),
                    }
                }
                rest = &args[used..];
                for &a in rest {
                    out.push(' ');
                    if a.is_string() {
                        out.push_str(&a.as_string().to_rust_string());
                    } else {
                        out.push_str(&inspect(e, a));
                    }
                }
                return out;
            }
        }
    }
    for (i, &a) in rest.iter().enumerate() {
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

fn json_of(e: &mut Engine, v: Value) -> String {
    let g = e.realm.global;
    let ja = e.intern("JSON");
    let sa = e.intern("stringify");
    let r = e.get(g, PropKey::Atom(ja)).and_then(|j| {
        let f = e.get(j, PropKey::Atom(sa))?;
        e.call(f, j, &[v])
    });
    match r {
        Ok(s) if s.is_string() => s.as_string().to_rust_string(),
        Ok(_) => "undefined".into(),
        Err(_) => "[Circular]".into(),
    }
}

pub fn inspect(e: &mut Engine, v: Value) -> String {
    inspect_depth(e, v, DEPTH)
}

fn inspect_depth(e: &mut Engine, v: Value, depth: usize) -> String {
    let mut ctx = Ctx { seen: Vec::new(), circular: Vec::new(), indentation: 0, current_depth: 0 };
    // First pass finds circular references (so the target can be labelled `<ref *1>`).
    let _ = format_value(e, &mut ctx, v, 0, depth);
    if ctx.circular.is_empty() {
        return format_value(e, &mut Ctx { seen: Vec::new(), circular: Vec::new(), indentation: 0, current_depth: 0 }, v, 0, depth);
    }
    let circular = std::mem::take(&mut ctx.circular);
    let mut ctx2 = Ctx { seen: Vec::new(), circular, indentation: 0, current_depth: 0 };
    format_value(e, &mut ctx2, v, 0, depth)
}

/// strEscape: single quotes unless the string has single quotes and no double quotes, etc.
fn quote(s: &[u16]) -> String {
    let has_single = s.contains(&(b'\'' as u16));
    let has_double = s.contains(&(b'"' as u16));
    let has_back = s.contains(&(b'`' as u16));
    let q = if !has_single {
        '\''
    } else if !has_double {
        '"'
    } else if !has_back {
        '`'
    } else {
        '\''
    };
    let mut out = String::new();
    out.push(q);
    for r in char::decode_utf16(s.iter().copied()) {
        match r {
            Ok(c) => match c {
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                '\u{8}' => out.push_str("\\b"),
                '\u{c}' => out.push_str("\\f"),
                '\u{b}' => out.push_str("\\v"),
                '\\' => out.push_str("\\\\"),
                c if c == q => {
                    out.push('\\');
                    out.push(c);
                }
                c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02X}", c as u32)),
                c => out.push(c),
            },
            Err(err) => out.push_str(&format!("\\u{:04X}", err.unpaired_surrogate())),
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

fn format_primitive(e: &mut Engine, v: Value) -> String {
    if v.is_string() {
        return quote(v.as_string().units());
    }
    if v.is_number() {
        return format_number(v.as_number());
    }
    e.to_rust_string(v).unwrap_or_default()
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return false,
    }
    chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The constructor name found on the prototype chain (`Object`, a class name, or None for
/// null-prototype objects).
fn constructor_name(v: Value) -> Option<String> {
    let mut o = v.as_object();
    loop {
        if let Some((slot, attrs)) = o.find(atoms::CONSTRUCTOR) {
            if attrs & crate::runtime::shape::ACCESSOR == 0 {
                let c = o.slots[slot as usize];
                if c.is_object() && c.as_object().is_callable() {
                    if let Some((ns, _)) = c.as_object().find(atoms::NAME) {
                        let n = c.as_object().slots[ns as usize];
                        if n.is_string() && !n.as_string().is_empty() {
                            return Some(n.as_string().to_rust_string());
                        }
                    }
                }
            }
        }
        let p = o.proto();
        if !p.is_object() {
            return None;
        }
        o = p.as_object();
    }
}

fn function_base(e: &mut Engine, v: Value) -> String {
    let o = v.as_object();
    let name = o.find(atoms::NAME).map(|(s, _)| o.slots[s as usize]).filter(|n| n.is_string()).map(|n| n.as_string().to_rust_string()).unwrap_or_default();
    let is_class = matches!(o.function(), Some(FunctionKind::Closure { code, .. }) if matches!(code.kind, crate::frontend::bytecode::FunctionKind::ClassConstructor | crate::frontend::bytecode::FunctionKind::DerivedConstructor));
    if is_class {
        let mut s = format!("[class {}", if name.is_empty() { "(anonymous)" } else { &name });
        if let Some(FunctionKind::Closure { code, .. }) = o.function() {
            if code.kind == crate::frontend::bytecode::FunctionKind::DerivedConstructor {
                let p = o.proto();
                if p.is_object() {
                    let pn = p.as_object().find(atoms::NAME).map(|(s, _)| p.as_object().slots[s as usize]).filter(|n| n.is_string()).map(|n| n.as_string().to_rust_string()).unwrap_or_default();
                    if !pn.is_empty() {
                        s.push_str(&format!(" extends {}", pn));
                    }
                }
            }
        }
        s.push(']');
        let _ = e;
        return s;
    }
    if name.is_empty() {
        "[Function (anonymous)]".to_string()
    } else {
        format!("[Function: {}]", name)
    }
}

fn format_value(e: &mut Engine, ctx: &mut Ctx, v: Value, recurse: usize, depth: usize) -> String {
    if !v.is_object() {
        return format_primitive(e, v);
    }
    if ctx.seen.contains(&v) {
        if !ctx.circular.contains(&v) {
            ctx.circular.push(v);
        }
        let idx = ctx.circular.iter().position(|&c| c == v).unwrap() + 1;
        return format!("[Circular *{}]", idx);
    }
    format_raw(e, ctx, v, recurse, depth)
}

fn format_raw(e: &mut Engine, ctx: &mut Ctx, v: Value, mut recurse: usize, depth: usize) -> String {
    let o = v.as_object();
    let all_keys = e.own_enumerable_keys(o);
    let ctor = constructor_name(v);
    let mut base = String::new();
    let mut braces = ["{".to_string(), "}".to_string()];
    let mut extras = Extras::Object;
    let mut keys: Vec<PropKey> = all_keys.clone();
    enum Kind {
        Array,
        Map,
        Set,
        Plain,
    }
    let mut kind = Kind::Plain;
    let prefix = |ctor: &Option<String>, fallback: &str, size: &str| -> String {
        match ctor {
            None => format!("[{}{}: null prototype] ", fallback, size),
            Some(c) if c != fallback => format!("{}{} [{}] ", c, size, fallback),
            Some(c) => format!("{}{} ", c, size),
        }
    };
    match &o.class {
        ObjClass::Array => {
            keys.retain(|k| !matches!(k, PropKey::Index(_)));
            let p = if ctor.as_deref() == Some("Array") { String::new() } else { prefix(&ctor, "Array", &format!("({})", o.array_len)) };
            braces = [format!("{}[", p), "]".to_string()];
            extras = Extras::Array;
            kind = Kind::Array;
        }
        ObjClass::Map(m) => {
            let size = format!("({})", m.live);
            braces = [format!("{}{{", prefix(&ctor, "Map", &size)), "}".to_string()];
            kind = Kind::Map;
        }
        ObjClass::Set(m) => {
            let size = format!("({})", m.live);
            braces = [format!("{}{{", prefix(&ctor, "Set", &size)), "}".to_string()];
            kind = Kind::Set;
        }
        ObjClass::Function(_) => {
            base = function_base(e, v);
            if keys.is_empty() {
                return base;
            }
        }
        ObjClass::Error => {
            let s = e.get(v, PropKey::Atom(atoms::STACK)).ok().filter(|s| s.is_string());
            base = match s {
                Some(s) => s.as_string().to_rust_string(),
                None => {
                    let n = e.get(v, PropKey::Atom(atoms::NAME)).ok().filter(|s| s.is_string()).map(|s| s.as_string().to_rust_string()).unwrap_or_else(|| "Error".into());
                    let m = e.get(v, PropKey::Atom(atoms::MESSAGE)).ok().filter(|s| s.is_string()).map(|s| s.as_string().to_rust_string()).unwrap_or_default();
                    if m.is_empty() { n } else { format!("{}: {}", n, m) }
                }
            };
            keys.retain(|k| !matches!(k, PropKey::Atom(a) if *a == atoms::STACK || *a == atoms::MESSAGE));
            if keys.is_empty() {
                return base;
            }
            if ctx.indentation > 0 {
                let pad = " ".repeat(ctx.indentation);
                base = base.lines().collect::<Vec<_>>().join(&format!("\n{}", pad));
            }
        }
        ObjClass::Primitive(p) => {
            let p = *p;
            let (tag, shown) = if p.is_string() {
                keys.retain(|k| !matches!(k, PropKey::Index(_)) && *k != PropKey::Atom(atoms::LENGTH));
                ("String", quote(p.as_string().units()))
            } else if p.is_number() {
                ("Number", format_number(p.as_number()))
            } else {
                ("Boolean", e.to_rust_string(p).unwrap_or_default())
            };
            base = format!("[{}: {}]", tag, shown);
            if keys.is_empty() {
                return base;
            }
        }
        _ => {
            match ctor.as_deref() {
                Some("Object") => {}
                None => braces[0] = "[Object: null prototype] {".to_string(),
                Some(c) => braces[0] = format!("{} {{", c),
            }
        }
    }
    // Empty containers print as `{}`/`[]` whatever the depth (Node's early returns).
    let empty = keys.is_empty()
        && match &o.class {
            ObjClass::Array => o.array_len == 0,
            ObjClass::Map(m) | ObjClass::Set(m) => m.live == 0,
            ObjClass::Function(_) | ObjClass::Error | ObjClass::Primitive(_) => false,
            _ => true,
        };
    if empty {
        return format!("{}{}", braces[0], braces[1]);
    }
    if recurse > depth {
        let name = match (&o.class, &ctor) {
            (ObjClass::Array, _) => "Array".to_string(),
            (_, Some(c)) => c.clone(),
            (_, None) => "Object: null prototype".to_string(),
        };
        return format!("[{}]", name);
    }
    recurse += 1;
    ctx.seen.push(v);
    ctx.current_depth = recurse;
    let mut output: Vec<String> = Vec::new();
    match kind {
        Kind::Array => format_array(e, ctx, v, recurse, depth, &mut output),
        Kind::Map | Kind::Set => {
            let entries: Vec<(Value, Value)> = match &o.class {
                ObjClass::Map(m) | ObjClass::Set(m) => m.entries.iter().flatten().copied().collect(),
                _ => unreachable!(),
            };
            ctx.indentation += 2;
            for (k, val) in entries {
                if matches!(kind, Kind::Map) {
                    let ks = format_value(e, ctx, k, recurse, depth);
                    let vs = format_value(e, ctx, val, recurse, depth);
                    output.push(format!("{} => {}", ks, vs));
                } else {
                    output.push(format_value(e, ctx, k, recurse, depth));
                }
            }
            ctx.indentation -= 2;
        }
        Kind::Plain => {}
    }
    for k in keys {
        output.push(format_property(e, ctx, v, recurse, depth, k, Extras::Object));
    }
    ctx.seen.pop();
    if let Some(i) = ctx.circular.iter().position(|&c| c == v) {
        let r = format!("<ref *{}> ", i + 1);
        if base.is_empty() {
            braces[0] = format!("{}{}", r, braces[0]);
        } else {
            base = format!("{}{}", r, base);
        }
    }
    reduce_to_single_string(ctx, output, &base, &braces, extras, recurse, Some(v))
}

/// Node's formatArray + formatSpecialArray: at most `min(100, length)` output entries, a run
/// of holes is one `<N empty items>` entry, and what is left is summarized at the end.
fn format_array(e: &mut Engine, ctx: &mut Ctx, v: Value, recurse: usize, depth: usize, output: &mut Vec<String>) {
    let o = v.as_object();
    let len = o.array_len as usize;
    let max = len.min(MAX_ARRAY_LENGTH);
    let plural = |n: usize| if n > 1 { "s" } else { "" };
    let mut index = 0;
    let mut special = false;
    while index < len && output.len() < max {
        if !o.has_elem(index as u32) {
            special = true;
            let next = o.next_present(index as u32).map(|j| j as usize).filter(|&j| j < len);
            let Some(j) = next else { break };
            output.push(format!("<{} empty item{}>", j - index, plural(j - index)));
            index = j;
            if output.len() == max {
                break;
            }
        }
        if !special && index >= max {
            break;
        }
        output.push(format_property(e, ctx, v, recurse, depth, PropKey::Index(index as u32), Extras::Array));
        index += 1;
    }
    let remaining = len - index.min(len);
    if special && output.len() != max {
        if remaining > 0 {
            output.push(format!("<{} empty item{}>", remaining, plural(remaining)));
        }
    } else if remaining > 0 {
        output.push(format!("... {} more item{}", remaining, plural(remaining)));
    }
}

fn format_property(e: &mut Engine, ctx: &mut Ctx, v: Value, recurse: usize, depth: usize, key: PropKey, extras: Extras) -> String {
    let desc = e.get_own_property(v.as_object(), key);
    let s = match desc {
        Some(d) if d.is_accessor() => {
            let acc = d.accessor();
            match (acc.getter.is_undefined(), acc.setter.is_undefined()) {
                (false, false) => "[Getter/Setter]".to_string(),
                (false, true) => "[Getter]".to_string(),
                (true, false) => "[Setter]".to_string(),
                (true, true) => "undefined".to_string(),
            }
        }
        Some(d) => {
            ctx.indentation += 2;
            let s = format_value(e, ctx, d.value, recurse, depth);
            ctx.indentation -= 2;
            s
        }
        None => "undefined".to_string(),
    };
    if extras == Extras::Array {
        return s;
    }
    let name = match key {
        PropKey::Index(i) => format!("'{}'", i),
        PropKey::Atom(a) => {
            let k = e.atoms.string(a).to_rust_string();
            if is_identifier(&k) {
                k
            } else {
                quote(e.atoms.string(a).units())
            }
        }
    };
    format!("{}: {}", name, s)
}

fn is_below_break_length(output: &[String], start: usize, base: &str) -> bool {
    let mut total = output.len() + start;
    if total + output.len() > BREAK_LENGTH {
        return false;
    }
    for s in output {
        total += s.chars().count();
        if total > BREAK_LENGTH {
            return false;
        }
    }
    base.is_empty() || !base.contains('\n')
}

fn reduce_to_single_string(ctx: &mut Ctx, mut output: Vec<String>, base: &str, braces: &[String; 2], extras: Extras, recurse: usize, value: Option<Value>) -> String {
    let entries = output.len();
    if extras == Extras::Array && entries > 6 {
        output = group_array_elements(ctx, output, value);
    }
    if ctx.current_depth - recurse < COMPACT && entries == output.len() {
        let start = output.len() + ctx.indentation + braces[0].chars().count() + base.chars().count() + 10;
        if is_below_break_length(&output, start, base) {
            let joined = output.join(", ");
            if !joined.contains('\n') {
                return format!("{}{} {} {}", if base.is_empty() { String::new() } else { format!("{} ", base) }, braces[0], joined, braces[1]);
            }
        }
    }
    let indentation = format!("\n{}", " ".repeat(ctx.indentation));
    format!(
        "{}{}{}  {}{}{}",
        if base.is_empty() { String::new() } else { format!("{} ", base) },
        braces[0],
        indentation,
        output.join(&format!(",{}  ", indentation)),
        indentation,
        braces[1]
    )
}

fn group_array_elements(ctx: &Ctx, output: Vec<String>, value: Option<Value>) -> Vec<String> {
    let mut total_length = 0usize;
    let mut max_length = 0usize;
    let mut output_length = output.len();
    if let Some(last) = output.last() {
        if last.starts_with("... ") && last.contains(" more item") {
            output_length -= 1;
        }
    }
    let separator_space = 2;
    let mut data_len = Vec::with_capacity(output_length);
    for s in output.iter().take(output_length) {
        let len = s.chars().count();
        data_len.push(len);
        total_length += len + separator_space;
        max_length = max_length.max(len);
    }
    let actual_max = max_length + separator_space;
    if actual_max * 3 + ctx.indentation < BREAK_LENGTH && (total_length as f64 / actual_max as f64 > 5.0 || max_length <= 6) {
        let approx_char_heights = 2.5;
        let average_bias = (actual_max as f64 - total_length as f64 / output.len() as f64).sqrt();
        let biased_max = (actual_max as f64 - 3.0 - average_bias).max(1.0);
        let columns = ((approx_char_heights * biased_max * output_length as f64).sqrt() / biased_max)
            .round()
            .min(((BREAK_LENGTH - ctx.indentation) / actual_max) as f64)
            .min((COMPACT * 4) as f64)
            .min(15.0) as usize;
        if columns <= 1 {
            return output;
        }
        let mut max_line_length = Vec::new();
        for i in 0..columns {
            let mut line_length = 0;
            let mut j = i;
            while j < output.len() {
                if j < data_len.len() && data_len[j] > line_length {
                    line_length = data_len[j];
                }
                j += columns;
            }
            max_line_length.push(line_length + separator_space);
        }
        // Numbers are right-aligned, everything else left-aligned.
        let pad_start = match value {
            Some(v) if v.is_object() => {
                let o = v.as_object();
                (0..output.len()).all(|i| o.get_elem(i as u32).is_some_and(|(x, _)| x.is_number()))
            }
            _ => false,
        };
        let mut tmp = Vec::new();
        let mut i = 0;
        while i < output_length {
            let max = (i + columns).min(output_length);
            let mut s = String::new();
            let mut j = i;
            while j < max - 1 {
                let cell = format!("{}, ", output[j]);
                let pad = max_line_length[j - i];
                if pad_start {
                    s.push_str(&format!("{:>width$}", cell, width = pad));
                } else {
                    s.push_str(&format!("{:<width$}", cell, width = pad));
                }
                j += 1;
            }
            if pad_start {
                let pad = max_line_length[j - i] - separator_space;
                s.push_str(&format!("{:>width$}", output[j], width = pad));
            } else {
                s.push_str(&output[j]);
            }
            tmp.push(s);
            i += columns;
        }
        if output_length < output.len() {
            tmp.push(output[output_length].clone());
        }
        return tmp;
    }
    output
}
