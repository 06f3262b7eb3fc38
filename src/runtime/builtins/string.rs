//! The String constructor and String.prototype (§22.1), on UTF-16 code units.

use super::relative_index;
use crate::runtime::conv::is_js_whitespace;
use crate::runtime::object::{Args, JsResult, ObjClass};
use crate::runtime::string::{atoms, PropKey, MAX_STRING_LEN};
use crate::runtime::value::Value;
use crate::runtime::Engine;

pub fn init(e: &mut Engine) {
    let sp = e.realm.string_proto;
    let c = super::install_ctor(e, "String", 1, string_ctor, sp);
    e.define_native(c, "fromCharCode", 1, from_char_code);
    e.define_native(c, "fromCodePoint", 1, from_code_point);
    e.define_data(sp.as_object(), PropKey::Atom(atoms::LENGTH), Value::int(0), 0);
    for (name, len, f) in [
        ("charAt", 1, char_at as crate::runtime::object::NativeFn),
        ("charCodeAt", 1, char_code_at),
        ("codePointAt", 1, code_point_at),
        ("at", 1, at),
        ("indexOf", 1, index_of),
        ("lastIndexOf", 1, last_index_of),
        ("includes", 1, includes),
        ("startsWith", 1, starts_with),
        ("endsWith", 1, ends_with),
        ("slice", 2, slice),
        ("substring", 2, substring),
        ("substr", 2, substr),
        ("toUpperCase", 0, to_upper_case),
        ("toLowerCase", 0, to_lower_case),
        ("toLocaleUpperCase", 0, to_upper_case),
        ("toLocaleLowerCase", 0, to_lower_case),
        ("trim", 0, trim),
        ("trimStart", 0, trim_start),
        ("trimEnd", 0, trim_end),
        ("split", 2, split),
        ("replace", 2, replace),
        ("replaceAll", 2, replace_all),
        ("repeat", 1, repeat),
        ("padStart", 2, pad_start),
        ("padEnd", 2, pad_end),
        ("concat", 1, concat),
        ("localeCompare", 1, locale_compare),
        ("toString", 0, to_string),
        ("valueOf", 0, to_string),
    ] {
        e.define_native(sp, name, len, f);
    }
}

/// String(value) / new String(value) (§22.1.1.1).
fn string_ctor(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let s = if a.is_empty() { e.str("") } else { e.to_string(a.get(0))? };
    if a.new_target.is_undefined() {
        return Ok(s);
    }
    let w = e.wrap_primitive(s);
    let p = e.get(a.new_target, PropKey::Atom(atoms::PROTOTYPE))?;
    if p.is_object() && p != e.realm.string_proto {
        e.set_proto(w.as_object(), p);
    }
    Ok(w)
}

/// String.fromCharCode (§22.1.2.1).
fn from_char_code(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let mut u = Vec::with_capacity(a.len());
    for &v in a.args {
        u.push(e.to_uint32(v)? as u16);
    }
    Ok(e.str_units(u))
}

/// String.fromCodePoint (§22.1.2.2).
fn from_code_point(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let mut u = Vec::with_capacity(a.len());
    for &v in a.args {
        let n = e.to_number(v)?;
        if n.fract() != 0.0 || !(0.0..=1114111.0).contains(&n) {
            let s = crate::runtime::conv::number_to_string(n);
            return Err(e.range_error(&format!("Invalid code point {}", s)));
        }
        let c = n as u32;
        if c < 0x10000 {
            u.push(c as u16);
        } else {
            let c = c - 0x10000;
            u.push(0xD800 + (c >> 10) as u16);
            u.push(0xDC00 + (c & 0x3FF) as u16);
        }
    }
    Ok(e.str_units(u))
}

/// RequireObjectCoercible(this) then ToString (the start of most String.prototype methods).
fn this_str(e: &mut Engine, a: &Args, name: &str) -> JsResult<Value> {
    if a.this.is_nullish() {
        return Err(e.type_error(&format!("String.prototype.{} called on null or undefined", name)));
    }
    e.to_string(a.this)
}

fn units(v: Value) -> &'static [u16] {
    v.as_string().units()
}

/// String.prototype.toString / valueOf (§22.1.3.30, §22.1.3.35): thisStringValue.
fn to_string(e: &mut Engine, a: &Args) -> JsResult<Value> {
    if a.this.is_string() {
        return Ok(a.this);
    }
    if a.this.is_object() {
        if let ObjClass::Primitive(p) = a.this.as_object().class {
            if p.is_string() {
                return Ok(p);
            }
        }
    }
    Err(e.type_error("String.prototype.toString requires that 'this' be a String"))
}

/// String.prototype.charAt (§22.1.3.2).
fn char_at(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let s = this_str(e, a, "charAt")?;
    let p = e.to_integer(a.get(0))?;
    let u = units(s);
    if p < 0.0 || p >= u.len() as f64 {
        return Ok(e.str(""));
    }
    Ok(e.char_string(u[p as usize]))
}

/// String.prototype.charCodeAt (§22.1.3.3).
fn char_code_at(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let s = this_str(e, a, "charCodeAt")?;
    let p = e.to_integer(a.get(0))?;
    let u = units(s);
    if p < 0.0 || p >= u.len() as f64 {
        return Ok(Value::double(f64::NAN));
    }
    Ok(Value::int(u[p as usize] as i32))
}

/// String.prototype.codePointAt (§22.1.3.4).
fn code_point_at(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let s = this_str(e, a, "codePointAt")?;
    let p = e.to_integer(a.get(0))?;
    let u = units(s);
    if p < 0.0 || p >= u.len() as f64 {
        return Ok(Value::UNDEFINED);
    }
    let i = p as usize;
    let c = u[i];
    if (0xD800..0xDC00).contains(&c) && i + 1 < u.len() && (0xDC00..0xE000).contains(&u[i + 1]) {
        let cp = 0x10000 + (((c - 0xD800) as i32) << 10) + (u[i + 1] - 0xDC00) as i32;
        return Ok(Value::int(cp));
    }
    Ok(Value::int(c as i32))
}

/// String.prototype.at (§22.1.3.1).
fn at(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let s = this_str(e, a, "at")?;
    let len = units(s).len() as f64;
    let r = e.to_integer(a.get(0))?;
    let k = if r < 0.0 { len + r } else { r };
    if k < 0.0 || k >= len {
        return Ok(Value::UNDEFINED);
    }
    Ok(e.char_string(units(s)[k as usize]))
}

fn find(hay: &[u16], needle: &[u16], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return if from <= hay.len() { Some(from) } else { None };
    }
    if needle.len() > hay.len() {
        return None;
    }
    (from..=hay.len() - needle.len()).find(|&i| &hay[i..i + needle.len()] == needle)
}

/// String.prototype.indexOf (§22.1.3.9).
fn index_of(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let s = this_str(e, a, "indexOf")?;
    let n = e.to_string(a.get(0))?;
    let pos = e.to_integer(a.get(1))?;
    let u = units(s);
    let start = pos.clamp(0.0, u.len() as f64) as usize;
    Ok(match find(u, units(n), start) {
        Some(i) => Value::int(i as i32),
        None => Value::int(-1),
    })
}

/// String.prototype.lastIndexOf (§22.1.3.11).
fn last_index_of(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let s = this_str(e, a, "lastIndexOf")?;
    let n = e.to_string(a.get(0))?;
    let num = e.to_number(a.get(1))?;
    let u = units(s);
    let nu = units(n);
    let pos = if num.is_nan() { f64::INFINITY } else { num.trunc() };
    let start = pos.clamp(0.0, u.len() as f64) as usize;
    if nu.len() > u.len() {
        return Ok(Value::int(-1));
    }
    let max = start.min(u.len() - nu.len());
    for i in (0..=max).rev() {
        if &u[i..i + nu.len()] == nu {
            return Ok(Value::int(i as i32));
        }
    }
    Ok(Value::int(-1))
}

/// String.prototype.includes (§22.1.3.8).
fn includes(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let s = this_str(e, a, "includes")?;
    let n = e.to_string(a.get(0))?;
    let pos = e.to_integer(a.get(1))?;
    let u = units(s);
    let start = pos.clamp(0.0, u.len() as f64) as usize;
    Ok(Value::bool(find(u, units(n), start).is_some()))
}

/// String.prototype.startsWith (§22.1.3.24).
fn starts_with(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let s = this_str(e, a, "startsWith")?;
    let n = e.to_string(a.get(0))?;
    let pos = e.to_integer(a.get(1))?;
    let u = units(s);
    let nu = units(n);
    let start = pos.clamp(0.0, u.len() as f64) as usize;
    Ok(Value::bool(start + nu.len() <= u.len() && &u[start..start + nu.len()] == nu))
}

/// String.prototype.endsWith (§22.1.3.7).
fn ends_with(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let s = this_str(e, a, "endsWith")?;
    let n = e.to_string(a.get(0))?;
    let u = units(s);
    let end = if a.get(1).is_undefined() { u.len() } else { e.to_integer(a.get(1))?.clamp(0.0, u.len() as f64) as usize };
    let nu = units(n);
    Ok(Value::bool(nu.len() <= end && &u[end - nu.len()..end] == nu))
}

/// String.prototype.slice (§22.1.3.22).
fn slice(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let s = this_str(e, a, "slice")?;
    let len = units(s).len() as u64;
    let from = relative_index(e, a.get(0), len, 0)? as usize;
    let to = relative_index(e, a.get(1), len, len)? as usize;
    Ok(if from >= to { e.str("") } else { e.str_units(units(s)[from..to].to_vec()) })
}

/// String.prototype.substring (§22.1.3.25).
fn substring(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let s = this_str(e, a, "substring")?;
    let len = units(s).len() as f64;
    let start = e.to_integer(a.get(0))?.clamp(0.0, len) as usize;
    let end = if a.get(1).is_undefined() { len as usize } else { e.to_integer(a.get(1))?.clamp(0.0, len) as usize };
    let (lo, hi) = (start.min(end), start.max(end));
    Ok(e.str_units(units(s)[lo..hi].to_vec()))
}

/// String.prototype.substr (Annex B §B.2.2.1).
fn substr(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let s = this_str(e, a, "substr")?;
    let len = units(s).len() as u64;
    let start = relative_index(e, a.get(0), len, 0)?;
    let count = if a.get(1).is_undefined() { len as f64 } else { e.to_integer(a.get(1))? };
    let end = (start as f64 + count.max(0.0)).min(len as f64) as usize;
    let start = start as usize;
    Ok(if start >= end { e.str("") } else { e.str_units(units(s)[start..end].to_vec()) })
}

fn map_case(e: &mut Engine, s: Value, upper: bool) -> Value {
    let u = units(s);
    if u.iter().all(|&c| c < 128) {
        let v: Vec<u16> = u.iter().map(|&c| if upper { (c as u8).to_ascii_uppercase() as u16 } else { (c as u8).to_ascii_lowercase() as u16 }).collect();
        return e.str_units(v);
    }
    let text: String = char::decode_utf16(u.iter().copied()).map(|r| r.unwrap_or('\u{FFFD}')).collect();
    let mapped = if upper { text.to_uppercase() } else { text.to_lowercase() };
    e.str(&mapped)
}

/// String.prototype.toUpperCase (§22.1.3.32).
fn to_upper_case(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let s = this_str(e, a, "toUpperCase")?;
    Ok(map_case(e, s, true))
}

/// String.prototype.toLowerCase (§22.1.3.29).
fn to_lower_case(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let s = this_str(e, a, "toLowerCase")?;
    Ok(map_case(e, s, false))
}

fn trim_impl(e: &mut Engine, a: &Args, start: bool, end: bool, name: &str) -> JsResult<Value> {
    let s = this_str(e, a, name)?;
    let u = units(s);
    let mut i = 0;
    let mut j = u.len();
    if start {
        while i < j && is_js_whitespace(u[i]) {
            i += 1;
        }
    }
    if end {
        while j > i && is_js_whitespace(u[j - 1]) {
            j -= 1;
        }
    }
    Ok(e.str_units(u[i..j].to_vec()))
}

/// String.prototype.trim (§22.1.3.33).
fn trim(e: &mut Engine, a: &Args) -> JsResult<Value> {
    trim_impl(e, a, true, true, "trim")
}
/// String.prototype.trimStart (§22.1.3.35).
fn trim_start(e: &mut Engine, a: &Args) -> JsResult<Value> {
    trim_impl(e, a, true, false, "trimStart")
}
/// String.prototype.trimEnd (§22.1.3.34).
fn trim_end(e: &mut Engine, a: &Args) -> JsResult<Value> {
    trim_impl(e, a, false, true, "trimEnd")
}

/// String.prototype.split (§22.1.3.23) with a string separator.
fn split(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let s = this_str(e, a, "split")?;
    let limit = if a.get(1).is_undefined() { u32::MAX } else { e.to_uint32(a.get(1))? };
    let sepv = a.get(0);
    if limit == 0 {
        return Ok(e.new_array(Vec::new()));
    }
    if sepv.is_undefined() {
        return Ok(e.new_array(vec![s]));
    }
    let sep = e.to_string(sepv)?;
    let u = units(s);
    let su = units(sep);
    let mut parts = Vec::new();
    if su.is_empty() {
        for &c in u.iter().take(limit as usize) {
            parts.push(e.char_string(c));
        }
        return Ok(e.new_array(parts));
    }
    if u.is_empty() {
        return Ok(e.new_array(vec![s]));
    }
    let mut p = 0;
    let mut q = 0;
    while q + su.len() <= u.len() {
        if &u[q..q + su.len()] == su {
            parts.push(e.str_units(u[p..q].to_vec()));
            if parts.len() as u32 >= limit {
                return Ok(e.new_array(parts));
            }
            q += su.len();
            p = q;
        } else {
            q += 1;
        }
    }
    parts.push(e.str_units(u[p..].to_vec()));
    Ok(e.new_array(parts))
}

/// GetSubstitution (§22.1.3.19.1) for string patterns: $$, $&, $`, $'.
fn substitution(matched: &[u16], s: &[u16], pos: usize, replacement: &[u16], out: &mut Vec<u16>) {
    let mut i = 0;
    while i < replacement.len() {
        let c = replacement[i];
        if c == b'$' as u16 && i + 1 < replacement.len() {
            let n = replacement[i + 1];
            match n {
                0x24 => {
                    out.push(b'$' as u16);
                    i += 2;
                    continue;
                }
                0x26 => {
                    out.extend_from_slice(matched);
                    i += 2;
                    continue;
                }
                0x60 => {
                    out.extend_from_slice(&s[..pos]);
                    i += 2;
                    continue;
                }
                0x27 => {
                    out.extend_from_slice(&s[(pos + matched.len()).min(s.len())..]);
                    i += 2;
                    continue;
                }
                _ => {}
            }
        }
        out.push(c);
        i += 1;
    }
}

fn replace_impl(e: &mut Engine, a: &Args, all: bool, name: &str) -> JsResult<Value> {
    let s = this_str(e, a, name)?;
    let pat = e.to_string(a.get(0))?;
    let replacer = a.get(1);
    let functional = e.is_callable(replacer);
    let rep = if functional { None } else { Some(e.to_string(replacer)?) };
    let u = units(s);
    let pu = units(pat);
    let mut positions = Vec::new();
    let mut from = 0;
    while let Some(p) = find(u, pu, from) {
        positions.push(p);
        if !all {
            break;
        }
        from = p + pu.len().max(1);
        if from > u.len() {
            break;
        }
    }
    if positions.is_empty() {
        return Ok(s);
    }
    let mut out: Vec<u16> = Vec::new();
    let mut last = 0;
    for p in positions {
        out.extend_from_slice(&u[last..p]);
        match rep {
            Some(r) => substitution(pu, u, p, units(r), &mut out),
            None => {
                let r = e.call(replacer, Value::UNDEFINED, &[pat, Value::int(p as i32), s])?;
                let rs = e.to_string(r)?;
                out.extend_from_slice(units(rs));
            }
        }
        last = p + pu.len();
        if out.len() > MAX_STRING_LEN {
            return Err(e.range_error("Invalid string length"));
        }
    }
    out.extend_from_slice(&u[last..]);
    Ok(e.str_units(out))
}

/// String.prototype.replace (§22.1.3.19), string patterns.
fn replace(e: &mut Engine, a: &Args) -> JsResult<Value> {
    replace_impl(e, a, false, "replace")
}
/// String.prototype.replaceAll (§22.1.3.20), string patterns.
fn replace_all(e: &mut Engine, a: &Args) -> JsResult<Value> {
    replace_impl(e, a, true, "replaceAll")
}

/// String.prototype.repeat (§22.1.3.18).
fn repeat(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let s = this_str(e, a, "repeat")?;
    let n = e.to_integer(a.get(0))?;
    if n < 0.0 || n.is_infinite() {
        let t = crate::runtime::conv::number_to_string(n);
        return Err(e.range_error(&format!("Invalid count value: {}", t)));
    }
    let u = units(s);
    if u.is_empty() || n == 0.0 {
        return Ok(e.str(""));
    }
    if u.len() as f64 * n > MAX_STRING_LEN as f64 {
        return Err(e.range_error("Invalid string length"));
    }
    Ok(e.str_units(u.repeat(n as usize)))
}

fn pad(e: &mut Engine, a: &Args, start: bool, name: &str) -> JsResult<Value> {
    let s = this_str(e, a, name)?;
    let max = e.to_integer(a.get(0))?;
    let u = units(s);
    if max <= u.len() as f64 {
        return Ok(s);
    }
    if max > MAX_STRING_LEN as f64 {
        return Err(e.range_error("Invalid string length"));
    }
    let fill: Vec<u16> = if a.get(1).is_undefined() { vec![b' ' as u16] } else { units(e.to_string(a.get(1))?).to_vec() };
    if fill.is_empty() {
        return Ok(s);
    }
    let need = max as usize - u.len();
    let filler: Vec<u16> = fill.iter().copied().cycle().take(need).collect();
    let mut out = Vec::with_capacity(max as usize);
    if start {
        out.extend(filler);
        out.extend_from_slice(u);
    } else {
        out.extend_from_slice(u);
        out.extend(filler);
    }
    Ok(e.str_units(out))
}

/// String.prototype.padStart (§22.1.3.17).
fn pad_start(e: &mut Engine, a: &Args) -> JsResult<Value> {
    pad(e, a, true, "padStart")
}
/// String.prototype.padEnd (§22.1.3.16).
fn pad_end(e: &mut Engine, a: &Args) -> JsResult<Value> {
    pad(e, a, false, "padEnd")
}

/// String.prototype.concat (§22.1.3.5).
fn concat(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let mut s = this_str(e, a, "concat")?;
    for &v in a.args {
        let t = e.to_string(v)?;
        s = e.concat(s, t)?;
    }
    Ok(s)
}

/// String.prototype.localeCompare (§22.1.3.12), code-unit order.
fn locale_compare(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let s = this_str(e, a, "localeCompare")?;
    let t = e.to_string(a.get(0))?;
    Ok(Value::int(match units(s).cmp(units(t)) {
        std::cmp::Ordering::Less => -1,
        std::cmp::Ordering::Equal => 0,
        std::cmp::Ordering::Greater => 1,
    }))
}
