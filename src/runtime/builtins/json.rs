//! The JSON object (§25.5): parse with reviver, stringify with replacer and indentation.

use crate::runtime::conv::number_to_string;
use crate::runtime::object::{Args, JsResult, ObjClass};
use crate::runtime::shape::DEFAULT_ATTRS;
use crate::runtime::string::{atoms, PropKey};
use crate::runtime::value::Value;
use crate::runtime::Engine;

/// Deepest nesting JSON.parse/stringify accept before throwing (instead of exhausting the stack).
const MAX_DEPTH: usize = 5000;

pub fn init(e: &mut Engine) {
    let j = e.new_object();
    e.define_native(j, "parse", 2, parse);
    e.define_native(j, "stringify", 3, stringify);
    let g = e.realm.global;
    super::define_value(e, g, "JSON", j);
}

// ------------------------------------------------------------------ parse

struct Parser<'a> {
    s: &'a [u16],
    i: usize,
    depth: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && matches!(self.s[self.i], 0x20 | 0x09 | 0x0A | 0x0D) {
            self.i += 1;
        }
    }
    fn error(&self, e: &mut Engine) -> Value {
        if self.i >= self.s.len() {
            return e.syntax_error("Unexpected end of JSON input");
        }
        let c = char::from_u32(self.s[self.i] as u32).unwrap_or('?');
        e.syntax_error(&format!("Unexpected token '{}', JSON at position {} is not valid JSON", c, self.i))
    }
    fn eat(&mut self, c: u8) -> bool {
        if self.i < self.s.len() && self.s[self.i] == c as u16 {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn literal(&mut self, word: &str) -> bool {
        let w: Vec<u16> = word.encode_utf16().collect();
        if self.s[self.i..].starts_with(&w) {
            self.i += w.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self, e: &mut Engine) -> JsResult<Value> {
        self.ws();
        if self.i >= self.s.len() {
            return Err(self.error(e));
        }
        let c = self.s[self.i];
        match c {
            0x7B => self.object(e),
            0x5B => self.array(e),
            0x22 => self.string(e),
            0x74 if self.literal("true") => Ok(Value::TRUE),
            0x66 if self.literal("false") => Ok(Value::FALSE),
            0x6E if self.literal("null") => Ok(Value::NULL),
            c if c == b'-' as u16 || (b'0' as u16..=b'9' as u16).contains(&c) => self.number(e),
            _ => Err(self.error(e)),
        }
    }

    fn nest(&mut self, e: &mut Engine) -> JsResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(e.range_error("JSON.parse: nesting too deep"));
        }
        Ok(())
    }

    fn object(&mut self, e: &mut Engine) -> JsResult<Value> {
        self.nest(e)?;
        self.i += 1;
        let o = e.new_object();
        e.handles.push(o);
        let r = (|| {
            self.ws();
            if self.eat(b'}') {
                return Ok(o);
            }
            loop {
                self.ws();
                if self.i >= self.s.len() || self.s[self.i] != b'"' as u16 {
                    return Err(self.error(e));
                }
                let k = self.string(e)?;
                self.ws();
                if !self.eat(b':') {
                    return Err(self.error(e));
                }
                e.handles.push(k);
                let v = self.value(e);
                e.handles.pop();
                let v = v?;
                let key = e.key_from_string(k);
                e.define_data(o.as_object(), key, v, DEFAULT_ATTRS);
                self.ws();
                if self.eat(b',') {
                    continue;
                }
                if self.eat(b'}') {
                    return Ok(o);
                }
                return Err(self.error(e));
            }
        })();
        e.handles.pop();
        self.depth -= 1;
        r
    }

    fn array(&mut self, e: &mut Engine) -> JsResult<Value> {
        self.nest(e)?;
        self.i += 1;
        let a = e.new_array(Vec::new());
        e.handles.push(a);
        let r = (|| {
            self.ws();
            if self.eat(b']') {
                return Ok(a);
            }
            loop {
                let v = self.value(e)?;
                let ao = a.as_object().get_mut();
                ao.elements.push(v);
                ao.array_len += 1;
                self.ws();
                if self.eat(b',') {
                    continue;
                }
                if self.eat(b']') {
                    return Ok(a);
                }
                return Err(self.error(e));
            }
        })();
        e.handles.pop();
        self.depth -= 1;
        r
    }

    fn string(&mut self, e: &mut Engine) -> JsResult<Value> {
        self.i += 1;
        let mut out: Vec<u16> = Vec::new();
        loop {
            if self.i >= self.s.len() {
                return Err(e.syntax_error("Unterminated string in JSON"));
            }
            let c = self.s[self.i];
            self.i += 1;
            match c {
                0x22 => break,
                0x5C => {
                    if self.i >= self.s.len() {
                        return Err(self.error(e));
                    }
                    let x = self.s[self.i];
                    self.i += 1;
                    let u = match x {
                        0x22 => 0x22,
                        0x5C => 0x5C,
                        0x2F => 0x2F,
                        0x62 => 0x08,
                        0x66 => 0x0C,
                        0x6E => 0x0A,
                        0x72 => 0x0D,
                        0x74 => 0x09,
                        0x75 => {
                            if self.i + 4 > self.s.len() {
                                return Err(self.error(e));
                            }
                            let hex = String::from_utf16_lossy(&self.s[self.i..self.i + 4]);
                            match u16::from_str_radix(&hex, 16) {
                                Ok(v) if hex.chars().all(|c| c.is_ascii_hexdigit()) => {
                                    self.i += 4;
                                    v
                                }
                                _ => return Err(self.error(e)),
                            }
                        }
                        _ => {
                            self.i -= 1;
                            return Err(self.error(e));
                        }
                    };
                    out.push(u);
                }
                c if c < 0x20 => {
                    self.i -= 1;
                    return Err(self.error(e));
                }
                c => out.push(c),
            }
        }
        Ok(e.str_units(out))
    }

    fn number(&mut self, e: &mut Engine) -> JsResult<Value> {
        let start = self.i;
        self.eat(b'-');
        let digit = |p: &Self| p.i < p.s.len() && (b'0' as u16..=b'9' as u16).contains(&p.s[p.i]);
        if self.eat(b'0') {
        } else if digit(self) {
            while digit(self) {
                self.i += 1;
            }
        } else {
            return Err(self.error(e));
        }
        if self.eat(b'.') {
            if !digit(self) {
                return Err(self.error(e));
            }
            while digit(self) {
                self.i += 1;
            }
        }
        if self.i < self.s.len() && (self.s[self.i] == b'e' as u16 || self.s[self.i] == b'E' as u16) {
            self.i += 1;
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            if !digit(self) {
                return Err(self.error(e));
            }
            while digit(self) {
                self.i += 1;
            }
        }
        Ok(Value::number(crate::runtime::conv::string_to_number(&self.s[start..self.i])))
    }
}

/// JSON.parse (§25.5.1).
fn parse(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let text = e.to_string(a.get(0))?;
    e.handles.push(text);
    let mut p = Parser { s: text.as_string().units(), i: 0, depth: 0 };
    let r = p.value(e).and_then(|v| {
        p.ws();
        if p.i < p.s.len() {
            Err(p.error(e))
        } else {
            Ok(v)
        }
    });
    e.handles.pop();
    let v = r?;
    let reviver = a.get(1);
    if e.is_callable(reviver) {
        let root = e.new_object();
        e.define_data(root.as_object(), PropKey::Atom(atoms::EMPTY), v, DEFAULT_ATTRS);
        e.handles.push(root);
        let empty = e.atom_value(atoms::EMPTY);
        let r = internalize(e, root, empty, reviver, 0);
        e.handles.pop();
        return r;
    }
    Ok(v)
}

/// InternalizeJSONProperty (§25.5.1.1).
fn internalize(e: &mut Engine, holder: Value, name: Value, reviver: Value, depth: usize) -> JsResult<Value> {
    if depth > MAX_DEPTH {
        return Err(e.range_error("JSON.parse: nesting too deep"));
    }
    let key = e.to_property_key(name)?;
    let val = e.get(holder, key)?;
    if val.is_object() {
        let o = val.as_object();
        let keys: Vec<PropKey> = if o.is_array() { (0..o.array_len).map(PropKey::Index).collect() } else { e.own_enumerable_keys(o) };
        for k in keys {
            let kv = e.key_to_value(k);
            let nv = internalize(e, val, kv, reviver, depth + 1)?;
            if nv.is_undefined() {
                e.delete(o, k, false)?;
            } else {
                e.define_data(o, k, nv, DEFAULT_ATTRS);
            }
        }
    }
    e.call(reviver, holder, &[name, val])
}

// ------------------------------------------------------------------ stringify

struct Stringifier {
    replacer: Value,
    allow: Option<Vec<PropKey>>,
    gap: Vec<u16>,
    stack: Vec<Value>,
}

/// QuoteJSONString (§25.5.2.3).
fn quote(out: &mut Vec<u16>, s: &[u16]) {
    out.push(b'"' as u16);
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        match c {
            0x08 => out.extend("\\b".encode_utf16()),
            0x09 => out.extend("\\t".encode_utf16()),
            0x0A => out.extend("\\n".encode_utf16()),
            0x0C => out.extend("\\f".encode_utf16()),
            0x0D => out.extend("\\r".encode_utf16()),
            0x22 => out.extend("\\\"".encode_utf16()),
            0x5C => out.extend("\\\\".encode_utf16()),
            c if c < 0x20 => out.extend(format!("\\u{:04x}", c).encode_utf16()),
            0xD800..=0xDBFF if i + 1 < s.len() && (0xDC00..0xE000).contains(&s[i + 1]) => {
                out.push(c);
                out.push(s[i + 1]);
                i += 1;
            }
            0xD800..=0xDFFF => out.extend(format!("\\u{:04x}", c).encode_utf16()),
            c => out.push(c),
        }
        i += 1;
    }
    out.push(b'"' as u16);
}

impl Stringifier {
    /// SerializeJSONProperty (§25.5.2.2); returns false when the value is not serializable.
    fn property(&mut self, e: &mut Engine, holder: Value, key: PropKey, out: &mut Vec<u16>, indent: &[u16]) -> JsResult<bool> {
        let mut v = e.get(holder, key)?;
        if v.is_object() {
            let to_json = e.get(v, PropKey::Atom(atoms::TO_JSON))?;
            if e.is_callable(to_json) {
                let k = e.key_to_value(key);
                v = e.call(to_json, v, &[k])?;
            }
        }
        if e.is_callable(self.replacer) {
            let k = e.key_to_value(key);
            v = e.call(self.replacer, holder, &[k, v])?;
        }
        if v.is_object() {
            if let ObjClass::Primitive(p) = v.as_object().class {
                v = if p.is_number() {
                    Value::number(e.to_number(v)?)
                } else if p.is_string() {
                    e.to_string(v)?
                } else {
                    p
                };
            }
        }
        match v {
            Value::NULL => out.extend("null".encode_utf16()),
            Value::TRUE => out.extend("true".encode_utf16()),
            Value::FALSE => out.extend("false".encode_utf16()),
            _ if v.is_string() => quote(out, v.as_string().units()),
            _ if v.is_number() => {
                let d = v.as_number();
                if d.is_finite() {
                    out.extend(number_to_string(d).encode_utf16());
                } else {
                    out.extend("null".encode_utf16());
                }
            }
            _ if v.is_object() && !e.is_callable(v) => {
                if self.stack.contains(&v) {
                    return Err(e.type_error("Converting circular structure to JSON"));
                }
                if self.stack.len() > MAX_DEPTH {
                    return Err(e.range_error("Maximum call stack size exceeded"));
                }
                self.stack.push(v);
                e.handles.push(v);
                let r = if v.as_object().is_array() { self.array(e, v, out, indent) } else { self.object(e, v, out, indent) };
                e.handles.pop();
                self.stack.pop();
                r?;
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn object(&mut self, e: &mut Engine, o: Value, out: &mut Vec<u16>, indent: &[u16]) -> JsResult<()> {
        let inner: Vec<u16> = indent.iter().chain(self.gap.iter()).copied().collect();
        let keys = match &self.allow {
            Some(k) => k.clone(),
            None => e.own_enumerable_keys(o.as_object()),
        };
        out.push(b'{' as u16);
        let mut any = false;
        for k in keys {
            let mark = out.len();
            if any {
                out.push(b',' as u16);
            }
            if !self.gap.is_empty() {
                out.push(b'\n' as u16);
                out.extend_from_slice(&inner);
            }
            let kv = e.key_to_value(k);
            quote(out, kv.as_string().units());
            out.push(b':' as u16);
            if !self.gap.is_empty() {
                out.push(b' ' as u16);
            }
            if self.property(e, o, k, out, &inner)? {
                any = true;
            } else {
                out.truncate(mark);
            }
        }
        if any && !self.gap.is_empty() {
            out.push(b'\n' as u16);
            out.extend_from_slice(indent);
        }
        out.push(b'}' as u16);
        Ok(())
    }

    fn array(&mut self, e: &mut Engine, o: Value, out: &mut Vec<u16>, indent: &[u16]) -> JsResult<()> {
        let inner: Vec<u16> = indent.iter().chain(self.gap.iter()).copied().collect();
        let len = o.as_object().array_len;
        out.push(b'[' as u16);
        for i in 0..len {
            if i > 0 {
                out.push(b',' as u16);
            }
            if !self.gap.is_empty() {
                out.push(b'\n' as u16);
                out.extend_from_slice(&inner);
            }
            if !self.property(e, o, PropKey::Index(i), out, &inner)? {
                out.extend("null".encode_utf16());
            }
        }
        if len > 0 && !self.gap.is_empty() {
            out.push(b'\n' as u16);
            out.extend_from_slice(indent);
        }
        out.push(b']' as u16);
        Ok(())
    }
}

/// JSON.stringify (§25.5.2).
fn stringify(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let replacer = a.get(1);
    let mut allow = None;
    if replacer.is_object() && replacer.as_object().is_array() {
        let mut keys = Vec::new();
        let len = replacer.as_object().array_len;
        for i in 0..len {
            let v = e.get(replacer, PropKey::Index(i))?;
            let item = if v.is_string() || v.is_number() {
                Some(e.to_string(v)?)
            } else if v.is_object() && matches!(v.as_object().class, ObjClass::Primitive(p) if p.is_string() || p.is_number()) {
                Some(e.to_string(v)?)
            } else {
                None
            };
            if let Some(s) = item {
                let k = e.key_from_string(s);
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
        }
        allow = Some(keys);
    }
    let mut space = a.get(2);
    if space.is_object() {
        if let ObjClass::Primitive(p) = space.as_object().class {
            space = if p.is_number() { Value::number(e.to_number(space)?) } else { e.to_string(space)? };
        }
    }
    let gap: Vec<u16> = if space.is_number() {
        let n = space.as_number().clamp(0.0, 10.0) as usize;
        vec![b' ' as u16; n]
    } else if space.is_string() {
        space.as_string().units().iter().take(10).copied().collect()
    } else {
        Vec::new()
    };
    let mut s = Stringifier { replacer: if e.is_callable(replacer) { replacer } else { Value::UNDEFINED }, allow, gap, stack: Vec::new() };
    let wrapper = e.new_object();
    e.define_data(wrapper.as_object(), PropKey::Atom(atoms::EMPTY), a.get(0), DEFAULT_ATTRS);
    e.handles.push(wrapper);
    let mut out = Vec::new();
    let r = s.property(e, wrapper, PropKey::Atom(atoms::EMPTY), &mut out, &[]);
    e.handles.pop();
    if !r? {
        return Ok(Value::UNDEFINED);
    }
    Ok(e.str_units(out))
}
