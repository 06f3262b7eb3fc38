//! Type conversions and operators of ECMAScript (§7.1 Type Conversion, §7.2 Testing and
//! Comparison, §13 operators): ToNumber, ToString, ToPrimitive, ToPropertyKey, equality,
//! relational comparison, typeof.

use crate::runtime::object::{JsResult, ObjClass};
use crate::runtime::string::{array_index, atoms, PropKey};
use crate::runtime::value::Value;
use crate::runtime::Engine;

/// Number::toString (§6.1.6.1.20) — shortest round-trip digits, JS exponent rules.
pub fn number_to_string(d: f64) -> String {
    if d == 0.0 {
        return "0".to_string();
    }
    let mut b = ryu_js::Buffer::new();
    b.format(d).to_string()
}

pub fn is_js_whitespace(c: u16) -> bool {
    matches!(c, 0x09 | 0x0A | 0x0B | 0x0C | 0x0D | 0x20 | 0xA0 | 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000 | 0xFEFF)
}

pub fn trim_units(u: &[u16]) -> &[u16] {
    let mut s = 0;
    let mut e = u.len();
    while s < e && is_js_whitespace(u[s]) {
        s += 1;
    }
    while e > s && is_js_whitespace(u[e - 1]) {
        e -= 1;
    }
    &u[s..e]
}

/// StringToNumber (§7.1.4.1.1).
pub fn string_to_number(units: &[u16]) -> f64 {
    let t = trim_units(units);
    if t.is_empty() {
        return 0.0;
    }
    let s: String = match String::from_utf16(t) {
        Ok(s) => s,
        Err(_) => return f64::NAN,
    };
    let b = s.as_bytes();
    if b.len() > 2 && b[0] == b'0' {
        let radix = match b[1] {
            b'x' | b'X' => 16,
            b'o' | b'O' => 8,
            b'b' | b'B' => 2,
            _ => 0,
        };
        if radix != 0 {
            let mut v = 0f64;
            for &c in &b[2..] {
                match (c as char).to_digit(radix) {
                    Some(d) => v = v * radix as f64 + d as f64,
                    None => return f64::NAN,
                }
            }
            return v;
        }
    }
    let (sign, rest) = match b[0] {
        b'+' => (1.0, &s[1..]),
        b'-' => (-1.0, &s[1..]),
        _ => (1.0, &s[..]),
    };
    if rest == "Infinity" {
        return sign * f64::INFINITY;
    }
    if !valid_decimal_literal(rest.as_bytes()) {
        return f64::NAN;
    }
    match rest.parse::<f64>() {
        Ok(v) => sign * v,
        Err(_) => f64::NAN,
    }
}

/// StrUnsignedDecimalLiteral: digits [. digits] [e[+-]digits], or . digits [...].
fn valid_decimal_literal(b: &[u8]) -> bool {
    let mut i = 0;
    let mut digits = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
        digits += 1;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
            digits += 1;
        }
    }
    if digits == 0 {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == s {
            return false;
        }
    }
    i == b.len()
}

/// ToInt32 (§7.1.6).
#[inline]
pub fn to_int32(d: f64) -> i32 {
    if d.is_finite() && d.abs() < 2147483648.0 {
        return d as i32;
    }
    if !d.is_finite() {
        return 0;
    }
    let m = d.trunc() % 4294967296.0;
    let m = if m < 0.0 { m + 4294967296.0 } else { m };
    m as u64 as u32 as i32
}

#[inline]
pub fn to_uint32(d: f64) -> u32 {
    to_int32(d) as u32
}

impl Engine {
    /// ToNumber (§7.1.4).
    pub fn to_number(&mut self, v: Value) -> JsResult<f64> {
        if v.is_number() {
            return Ok(v.as_number());
        }
        self.to_number_slow(v)
    }

    fn to_number_slow(&mut self, v: Value) -> JsResult<f64> {
        Ok(match v {
            Value::UNDEFINED => f64::NAN,
            Value::NULL | Value::FALSE => 0.0,
            Value::TRUE => 1.0,
            _ if v.is_string() => string_to_number(v.as_string().units()),
            _ if v.is_object() => {
                let p = self.to_primitive(v, Hint::Number)?;
                return self.to_number(p);
            }
            _ => f64::NAN,
        })
    }

    /// ToNumeric then a Number value (no BigInt in the subset).
    pub fn to_numeric(&mut self, v: Value) -> JsResult<Value> {
        if v.is_number() {
            return Ok(v);
        }
        let d = self.to_number(v)?;
        Ok(Value::number(d))
    }

    pub fn to_int32(&mut self, v: Value) -> JsResult<i32> {
        if v.is_int() {
            return Ok(v.as_int());
        }
        Ok(to_int32(self.to_number(v)?))
    }

    pub fn to_uint32(&mut self, v: Value) -> JsResult<u32> {
        if v.is_int() {
            return Ok(v.as_int() as u32);
        }
        Ok(to_uint32(self.to_number(v)?))
    }

    /// ToIntegerOrInfinity (§7.1.5).
    pub fn to_integer(&mut self, v: Value) -> JsResult<f64> {
        if v.is_int() {
            return Ok(v.as_int() as f64);
        }
        let d = self.to_number(v)?;
        Ok(if d.is_nan() { 0.0 } else { d.trunc() + 0.0 })
    }

    /// ToString (§7.1.17), as a string value.
    pub fn to_string(&mut self, v: Value) -> JsResult<Value> {
        if v.is_string() {
            return Ok(v);
        }
        if v.is_int() {
            return Ok(self.int_string(v.as_int()));
        }
        if v.is_number() {
            let s = number_to_string(v.as_number());
            return Ok(self.str(&s));
        }
        Ok(match v {
            Value::UNDEFINED => self.atom_value(atoms::UNDEFINED),
            Value::NULL => self.atom_value(atoms::NULL),
            Value::TRUE => self.atom_value(atoms::TRUE),
            Value::FALSE => self.atom_value(atoms::FALSE),
            _ if v.is_object() => {
                let p = self.to_primitive(v, Hint::String)?;
                return self.to_string(p);
            }
            _ => self.str(""),
        })
    }

    /// ToString as a Rust string (for messages and printing).
    pub fn to_rust_string(&mut self, v: Value) -> JsResult<String> {
        let s = self.to_string(v)?;
        Ok(s.as_string().to_rust_string())
    }

    /// Small integers are cached as atoms.
    pub fn int_string(&mut self, i: i32) -> Value {
        if (0..1024).contains(&i) {
            if let Some(v) = self.small_int_strings.get(i as usize).copied() {
                return v;
            }
        }
        let s = i.to_string();
        self.str(&s)
    }

    /// ToPrimitive (§7.1.1) with OrdinaryToPrimitive (§7.1.1.1).
    pub fn to_primitive(&mut self, v: Value, hint: Hint) -> JsResult<Value> {
        if !v.is_object() {
            return Ok(v);
        }
        let order = if hint == Hint::String { [atoms::TO_STRING, atoms::VALUE_OF] } else { [atoms::VALUE_OF, atoms::TO_STRING] };
        for name in order {
            let f = self.get(v, PropKey::Atom(name))?;
            if self.is_callable(f) {
                let r = self.call(f, v, &[])?;
                if !r.is_object() {
                    return Ok(r);
                }
            }
        }
        Err(self.type_error("Cannot convert object to primitive value"))
    }

    /// ToPropertyKey (§7.1.19).
    pub fn to_property_key(&mut self, v: Value) -> JsResult<PropKey> {
        if v.is_int() && v.as_int() >= 0 {
            return Ok(PropKey::Index(v.as_int() as u32));
        }
        if v.is_string() {
            return Ok(self.key_from_string(v));
        }
        let s = if v.is_object() { self.to_primitive(v, Hint::String)? } else { v };
        let s = self.to_string(s)?;
        Ok(self.key_from_string(s))
    }

    pub fn key_from_string(&mut self, s: Value) -> PropKey {
        let js = s.as_string();
        let cached = js.atom_cache.get();
        if cached != u32::MAX {
            return PropKey::Atom(crate::runtime::string::Atom(cached));
        }
        let units = js.units();
        if let Some(i) = array_index(units) {
            return PropKey::Index(i);
        }
        PropKey::Atom(self.intern_units(units))
    }

    /// The key as a JS value (string).
    pub fn key_to_value(&mut self, k: PropKey) -> Value {
        match k {
            PropKey::Atom(a) => self.atom_value(a),
            PropKey::Index(i) => {
                if i < 1024 {
                    self.int_string(i as i32)
                } else {
                    let s = i.to_string();
                    self.str(&s)
                }
            }
        }
    }

    pub fn key_to_rust(&mut self, k: PropKey) -> String {
        match k {
            PropKey::Atom(a) => self.atoms.string(a).to_rust_string(),
            PropKey::Index(i) => i.to_string(),
        }
    }

    /// ToObject (§7.1.18).
    pub fn to_object(&mut self, v: Value) -> JsResult<Value> {
        if v.is_object() {
            return Ok(v);
        }
        if v.is_nullish() {
            return Err(self.type_error("Cannot convert undefined or null to object"));
        }
        Ok(self.wrap_primitive(v))
    }

    /// typeof (§13.5.3).
    pub fn type_of(&self, v: Value) -> crate::runtime::string::Atom {
        if v.is_number() {
            return atoms::NUMBER;
        }
        if v.is_string() {
            return atoms::STRING;
        }
        if v.is_bool() {
            return atoms::BOOLEAN;
        }
        if v.is_undefined() {
            return atoms::UNDEFINED;
        }
        if v.is_object() {
            if v.as_object().is_callable() {
                return atoms::FUNCTION;
            }
            return atoms::OBJECT;
        }
        atoms::OBJECT
    }

    /// IsStrictlyEqual (§7.2.16).
    pub fn strict_equals(&self, a: Value, b: Value) -> bool {
        if a.is_number() && b.is_number() {
            return a.as_number() == b.as_number();
        }
        if a.is_string() && b.is_string() {
            return a == b || a.as_string().units() == b.as_string().units();
        }
        a == b
    }

    /// SameValueZero (§7.2.11).
    pub fn same_value_zero(&self, a: Value, b: Value) -> bool {
        if a.is_number() && b.is_number() {
            let (x, y) = (a.as_number(), b.as_number());
            return x == y || (x.is_nan() && y.is_nan());
        }
        self.strict_equals(a, b)
    }

    /// SameValue (§7.2.10).
    pub fn same_value(&self, a: Value, b: Value) -> bool {
        if a.is_number() && b.is_number() {
            let (x, y) = (a.as_number(), b.as_number());
            if x.is_nan() && y.is_nan() {
                return true;
            }
            return x == y && x.is_sign_negative() == y.is_sign_negative();
        }
        self.strict_equals(a, b)
    }

    /// IsLooselyEqual (§7.2.15).
    pub fn loose_equals(&mut self, a: Value, b: Value) -> JsResult<bool> {
        if a.is_number() && b.is_number() || a.is_string() && b.is_string() {
            return Ok(self.strict_equals(a, b));
        }
        if a.is_nullish() && b.is_nullish() {
            return Ok(true);
        }
        if a.is_nullish() || b.is_nullish() {
            return Ok(false);
        }
        if a.is_object() && b.is_object() {
            return Ok(a == b);
        }
        if a.is_bool() && b.is_bool() {
            return Ok(a == b);
        }
        if a.is_number() && b.is_string() {
            let n = self.to_number(b)?;
            return Ok(a.as_number() == n);
        }
        if a.is_string() && b.is_number() {
            let n = self.to_number(a)?;
            return Ok(n == b.as_number());
        }
        if a.is_bool() {
            let n = Value::number(if a == Value::TRUE { 1.0 } else { 0.0 });
            return self.loose_equals(n, b);
        }
        if b.is_bool() {
            let n = Value::number(if b == Value::TRUE { 1.0 } else { 0.0 });
            return self.loose_equals(a, n);
        }
        if (a.is_number() || a.is_string()) && b.is_object() {
            let p = self.to_primitive(b, Hint::Default)?;
            return self.loose_equals(a, p);
        }
        if a.is_object() && (b.is_number() || b.is_string()) {
            let p = self.to_primitive(a, Hint::Default)?;
            return self.loose_equals(p, b);
        }
        Ok(false)
    }

    /// IsLessThan (§7.2.14); None means undefined (a NaN was involved).
    pub fn less_than(&mut self, a: Value, b: Value, left_first: bool) -> JsResult<Option<bool>> {
        // The first result stays rooted while the second conversion may run JS.
        let (pa, pb) = if left_first {
            let pa = self.to_primitive(a, Hint::Number)?;
            self.handles.push(pa);
            let pb = self.to_primitive(b, Hint::Number);
            self.handles.pop();
            (pa, pb?)
        } else {
            let pb = self.to_primitive(b, Hint::Number)?;
            self.handles.push(pb);
            let pa = self.to_primitive(a, Hint::Number);
            self.handles.pop();
            (pa?, pb)
        };
        if pa.is_string() && pb.is_string() {
            return Ok(Some(pa.as_string().units() < pb.as_string().units()));
        }
        let x = self.to_number(pa)?;
        let y = self.to_number(pb)?;
        if x.is_nan() || y.is_nan() {
            return Ok(None);
        }
        Ok(Some(x < y))
    }

    /// The `+` operator (§13.15.3 ApplyStringOrNumericBinaryOperator).
    pub fn add_slow(&mut self, a: Value, b: Value) -> JsResult<Value> {
        let pa = self.to_primitive(a, Hint::Default)?;
        // `pa` may be a fresh string: keep it rooted while b's valueOf/toString runs.
        self.handles.push(pa);
        let pb = self.to_primitive(b, Hint::Default);
        self.handles.pop();
        let pb = pb?;
        if pa.is_string() || pb.is_string() {
            let sa = self.to_string(pa)?;
            let sb = self.to_string(pb)?;
            return self.concat(sa, sb);
        }
        let x = self.to_number(pa)?;
        let y = self.to_number(pb)?;
        Ok(Value::number(x + y))
    }

    pub fn wrap_primitive(&mut self, v: Value) -> Value {
        let proto = if v.is_string() {
            self.realm.string_proto
        } else if v.is_number() {
            self.realm.number_proto
        } else {
            self.realm.boolean_proto
        };
        let o = self.new_object_with_proto(proto, ObjClass::Primitive(v));
        if v.is_string() {
            let len = v.as_string().len();
            let o2 = o.as_object();
            crate::runtime::object::add_named(&mut self.heap, o2, atoms::LENGTH, 0, Value::int(len as i32));
        }
        o
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    Default,
    Number,
    String,
}
