//! Number (§21.1) and Boolean (§20.3) constructors and prototypes, with exact number
//! formatting (toFixed/toPrecision/toExponential on the double's exact decimal expansion,
//! toString(radix) with V8's shortest-digits algorithm).

use crate::runtime::conv::number_to_string;
use crate::runtime::object::{Args, JsResult, ObjClass};
use crate::runtime::string::{atoms, PropKey};
use crate::runtime::value::Value;
use crate::runtime::Engine;

pub fn init(e: &mut Engine) {
    let np = e.realm.number_proto;
    let c = super::install_ctor(e, "Number", 1, number_ctor, np);
    for (name, v) in [
        ("MAX_SAFE_INTEGER", 9007199254740991.0),
        ("MIN_SAFE_INTEGER", -9007199254740991.0),
        ("EPSILON", f64::EPSILON),
        ("MAX_VALUE", f64::MAX),
        ("MIN_VALUE", 5e-324),
        ("POSITIVE_INFINITY", f64::INFINITY),
        ("NEGATIVE_INFINITY", f64::NEG_INFINITY),
        ("NaN", f64::NAN),
    ] {
        let a = e.intern(name);
        e.define_data(c.as_object(), PropKey::Atom(a), Value::number(v), 0);
    }
    e.define_native(c, "isInteger", 1, is_integer);
    e.define_native(c, "isSafeInteger", 1, is_safe_integer);
    e.define_native(c, "isNaN", 1, is_nan);
    e.define_native(c, "isFinite", 1, is_finite);
    let g = e.realm.global;
    for name in ["parseInt", "parseFloat"] {
        let a = e.intern(name);
        let f = e.get(g, PropKey::Atom(a)).unwrap_or(Value::UNDEFINED);
        super::define_value(e, c, name, f);
    }
    e.define_native(np, "toString", 1, to_string);
    e.define_native(np, "toLocaleString", 0, to_string);
    e.define_native(np, "valueOf", 0, value_of);
    e.define_native(np, "toFixed", 1, to_fixed);
    e.define_native(np, "toPrecision", 1, to_precision);
    e.define_native(np, "toExponential", 1, to_exponential);

    let bp = e.realm.boolean_proto;
    super::install_ctor(e, "Boolean", 1, boolean_ctor, bp);
    e.define_native(bp, "toString", 0, boolean_to_string);
    e.define_native(bp, "valueOf", 0, boolean_value_of);
}

fn wrap_with_new_target(e: &mut Engine, a: &Args, v: Value, default_proto: Value) -> JsResult<Value> {
    let p = e.get(a.new_target, PropKey::Atom(atoms::PROTOTYPE))?;
    let proto = if p.is_object() { p } else { default_proto };
    Ok(e.new_object_with_proto(proto, ObjClass::Primitive(v)))
}

/// Number(value) (§21.1.1.1).
fn number_ctor(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let n = if a.is_empty() { Value::int(0) } else { e.to_numeric(a.get(0))? };
    if a.new_target.is_undefined() {
        return Ok(n);
    }
    let p = e.realm.number_proto;
    wrap_with_new_target(e, a, n, p)
}

/// Boolean(value) (§20.3.1.1).
fn boolean_ctor(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let b = Value::bool(a.get(0).truthy());
    if a.new_target.is_undefined() {
        return Ok(b);
    }
    let p = e.realm.boolean_proto;
    wrap_with_new_target(e, a, b, p)
}

/// thisNumberValue (§21.1.3.7.1).
fn this_number(e: &mut Engine, v: Value, method: &str) -> JsResult<f64> {
    if v.is_number() {
        return Ok(v.as_number());
    }
    if v.is_object() {
        if let ObjClass::Primitive(p) = v.as_object().class {
            if p.is_number() {
                return Ok(p.as_number());
            }
        }
    }
    Err(e.type_error(&format!("Number.prototype.{} requires that 'this' be a Number", method)))
}

fn this_boolean(e: &mut Engine, v: Value, method: &str) -> JsResult<bool> {
    if v.is_bool() {
        return Ok(v == Value::TRUE);
    }
    if v.is_object() {
        if let ObjClass::Primitive(p) = v.as_object().class {
            if p.is_bool() {
                return Ok(p == Value::TRUE);
            }
        }
    }
    Err(e.type_error(&format!("Boolean.prototype.{} requires that 'this' be a Boolean", method)))
}

/// Boolean.prototype.toString (§20.3.3.2).
fn boolean_to_string(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let b = this_boolean(e, a.this, "toString")?;
    Ok(e.atom_value(if b { atoms::TRUE } else { atoms::FALSE }))
}

/// Boolean.prototype.valueOf (§20.3.3.3).
fn boolean_value_of(e: &mut Engine, a: &Args) -> JsResult<Value> {
    Ok(Value::bool(this_boolean(e, a.this, "valueOf")?))
}

/// Number.isInteger (§21.1.2.3).
fn is_integer(_e: &mut Engine, a: &Args) -> JsResult<Value> {
    let v = a.get(0);
    Ok(Value::bool(v.is_number() && v.as_number().is_finite() && v.as_number().trunc() == v.as_number()))
}

/// Number.isSafeInteger (§21.1.2.5).
fn is_safe_integer(_e: &mut Engine, a: &Args) -> JsResult<Value> {
    let v = a.get(0);
    Ok(Value::bool(v.is_number() && v.as_number().is_finite() && v.as_number().trunc() == v.as_number() && v.as_number().abs() <= 9007199254740991.0))
}

/// Number.isNaN (§21.1.2.4).
fn is_nan(_e: &mut Engine, a: &Args) -> JsResult<Value> {
    let v = a.get(0);
    Ok(Value::bool(v.is_number() && v.as_number().is_nan()))
}

/// Number.isFinite (§21.1.2.2).
fn is_finite(_e: &mut Engine, a: &Args) -> JsResult<Value> {
    let v = a.get(0);
    Ok(Value::bool(v.is_number() && v.as_number().is_finite()))
}

/// Number.prototype.valueOf (§21.1.3.7).
fn value_of(e: &mut Engine, a: &Args) -> JsResult<Value> {
    Ok(Value::number(this_number(e, a.this, "valueOf")?))
}

const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";

/// Number::toString(x, radix) for radix ≠ 10 — V8's DoubleToRadixCString: the shortest digit
/// string that reads back to the same double.
pub fn to_radix_string(value: f64, radix: u32) -> String {
    if value.is_nan() {
        return "NaN".into();
    }
    if value.is_infinite() {
        return if value > 0.0 { "Infinity".into() } else { "-Infinity".into() };
    }
    if value == 0.0 {
        return "0".into();
    }
    let negative = value < 0.0;
    let value = value.abs();
    let r = radix as f64;
    let mut integer = value.floor();
    let mut fraction = value - integer;
    let next = f64::from_bits(value.to_bits() + 1);
    let mut delta = (0.5 * (next - value)).max(f64::from_bits(1));
    let mut frac_digits: Vec<u8> = Vec::new();
    if fraction >= delta {
        loop {
            fraction *= r;
            delta *= r;
            let digit = fraction as u32;
            frac_digits.push(DIGITS[digit as usize]);
            fraction -= digit as f64;
            if (fraction > 0.5 || (fraction == 0.5 && digit & 1 == 1)) && fraction + delta > 1.0 {
                // Round up, propagating carries into the integer part.
                loop {
                    match frac_digits.pop() {
                        None => {
                            integer += 1.0;
                            break;
                        }
                        Some(c) => {
                            let d = if c > b'9' { (c - b'a' + 10) as u32 } else { (c - b'0') as u32 };
                            if d + 1 < radix {
                                frac_digits.push(DIGITS[(d + 1) as usize]);
                                break;
                            }
                        }
                    }
                }
                break;
            }
            if fraction < delta {
                break;
            }
        }
    }
    let mut int_digits: Vec<u8> = Vec::new();
    // Above 2^53 the low digits are not significant: emit zeros.
    while integer / r >= 9007199254740992.0 {
        integer /= r;
        int_digits.push(b'0');
    }
    loop {
        let rem = integer % r;
        int_digits.push(DIGITS[rem as usize]);
        integer = (integer - rem) / r;
        if integer <= 0.0 {
            break;
        }
    }
    let mut s = String::new();
    if negative {
        s.push('-');
    }
    s.extend(int_digits.iter().rev().map(|&c| c as char));
    if !frac_digits.is_empty() {
        s.push('.');
        s.extend(frac_digits.iter().map(|&c| c as char));
    }
    s
}

/// Number.prototype.toString (§21.1.3.6).
fn to_string(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let x = this_number(e, a.this, "toString")?;
    let radix = if a.get(0).is_undefined() { 10.0 } else { e.to_integer(a.get(0))? };
    if !(2.0..=36.0).contains(&radix) {
        return Err(e.range_error("toString() radix must be between 2 and 36"));
    }
    let s = if radix == 10.0 { number_to_string(x) } else { to_radix_string(x, radix as u32) };
    Ok(e.str(&s))
}

/// The exact decimal expansion of |x| (finite): (integer digits, fraction digits).
fn exact_digits(x: f64) -> (String, String) {
    let s = format!("{:.1100}", x.abs());
    let (i, f) = s.split_once('.').unwrap_or((&s, ""));
    (i.to_string(), f.trim_end_matches('0').to_string())
}

/// Rounds the decimal digit string `digits` (no point) half-up to `keep` digits; returns the
/// kept digits and whether a carry grew them by one digit.
fn round_half_up(digits: &[u8], keep: usize) -> (Vec<u8>, bool) {
    let mut kept: Vec<u8> = digits[..keep.min(digits.len())].to_vec();
    kept.resize(keep, b'0');
    let up = digits.get(keep).is_some_and(|&d| d >= b'5');
    if !up {
        return (kept, false);
    }
    let mut i = kept.len();
    loop {
        if i == 0 {
            kept.insert(0, b'1');
            return (kept, true);
        }
        i -= 1;
        if kept[i] == b'9' {
            kept[i] = b'0';
        } else {
            kept[i] += 1;
            return (kept, false);
        }
    }
}

/// Number.prototype.toFixed (§21.1.3.3).
fn to_fixed(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let x = this_number(e, a.this, "toFixed")?;
    let f = e.to_integer(a.get(0))?;
    if !(0.0..=100.0).contains(&f) {
        return Err(e.range_error("toFixed() digits argument must be between 0 and 100"));
    }
    let f = f as usize;
    if !x.is_finite() || x.abs() >= 1e21 {
        return Ok(e.str(&number_to_string(x)));
    }
    let (int, frac) = exact_digits(x);
    let mut digits: Vec<u8> = int.bytes().collect();
    let int_len = digits.len();
    digits.extend(frac.bytes());
    let (rounded, _) = round_half_up(&digits, int_len + f);
    let s = String::from_utf8(rounded).unwrap();
    let (ip, fp) = s.split_at(s.len() - f);
    let ip = ip.trim_start_matches('0');
    let ip = if ip.is_empty() { "0" } else { ip };
    let mut out = String::new();
    if x < 0.0 {
        out.push('-');
    }
    out.push_str(ip);
    if f > 0 {
        out.push('.');
        out.push_str(fp);
    }
    Ok(e.str(&out))
}

/// Significant digits of |x| rounded half-up to `p` digits, and the decimal exponent of the
/// first digit.
fn significant(x: f64, p: usize) -> (Vec<u8>, i32) {
    let (int, frac) = exact_digits(x);
    let all: Vec<u8> = int.bytes().chain(frac.bytes()).collect();
    let first = all.iter().position(|&c| c != b'0').unwrap_or(0);
    let exp = int.len() as i32 - 1 - first as i32;
    let (d, carry) = round_half_up(&all[first..], p);
    if carry {
        (d[..p].to_vec(), exp + 1)
    } else {
        (d, exp)
    }
}

/// Number.prototype.toPrecision (§21.1.3.5).
fn to_precision(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let x = this_number(e, a.this, "toPrecision")?;
    if a.get(0).is_undefined() {
        return Ok(e.str(&number_to_string(x)));
    }
    let p = e.to_integer(a.get(0))?;
    if !x.is_finite() {
        return Ok(e.str(&number_to_string(x)));
    }
    if !(1.0..=100.0).contains(&p) {
        return Err(e.range_error("toPrecision() argument must be between 1 and 100"));
    }
    let p = p as usize;
    let sign = if x < 0.0 { "-" } else { "" };
    if x == 0.0 {
        let s = if p == 1 { "0".to_string() } else { format!("0.{}", "0".repeat(p - 1)) };
        return Ok(e.str(&s));
    }
    let (d, exp) = significant(x, p);
    let d = String::from_utf8(d).unwrap();
    let s = if exp < -6 || exp >= p as i32 {
        let mut m = d[..1].to_string();
        if p > 1 {
            m.push('.');
            m.push_str(&d[1..]);
        }
        format!("{}{}e{}{}", sign, m, if exp >= 0 { "+" } else { "-" }, exp.abs())
    } else if exp >= 0 {
        let ip = &d[..exp as usize + 1];
        let fp = &d[exp as usize + 1..];
        if fp.is_empty() { format!("{}{}", sign, ip) } else { format!("{}{}.{}", sign, ip, fp) }
    } else {
        format!("{}0.{}{}", sign, "0".repeat((-exp - 1) as usize), d)
    };
    Ok(e.str(&s))
}

/// Number.prototype.toExponential (§21.1.3.2).
fn to_exponential(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let x = this_number(e, a.this, "toExponential")?;
    let fv = a.get(0);
    let f = e.to_integer(fv)?;
    if !x.is_finite() {
        return Ok(e.str(&number_to_string(x)));
    }
    if !(0.0..=100.0).contains(&f) {
        return Err(e.range_error("toExponential() argument must be between 0 and 100"));
    }
    let sign = if x < 0.0 { "-" } else { "" };
    let (d, exp) = if x == 0.0 {
        (vec![b'0'; if fv.is_undefined() { 1 } else { f as usize + 1 }], 0)
    } else if fv.is_undefined() {
        // As many digits as needed to represent the number uniquely.
        let s = number_to_string(x.abs());
        let mant: String = s.split('e').next().unwrap().chars().filter(|c| c.is_ascii_digit()).collect();
        let mant = mant.trim_start_matches('0').trim_end_matches('0').to_string();
        let (_, exp) = significant(x, 1);
        let mant = if mant.is_empty() { "0".to_string() } else { mant };
        (mant.into_bytes(), exp)
    } else {
        significant(x, f as usize + 1)
    };
    let d = String::from_utf8(d).unwrap();
    let mut m = d[..1].to_string();
    if d.len() > 1 {
        m.push('.');
        m.push_str(&d[1..]);
    }
    let s = format!("{}{}e{}{}", sign, m, if exp >= 0 { "+" } else { "-" }, exp.abs());
    Ok(e.str(&s))
}
