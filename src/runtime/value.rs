//! The 8-byte JS value (NaN-boxed).
//!
//! Layout (bits 63..48 = the "tag"):
//! - any bit pattern below `0xFFF9_0000_0000_0000` is an IEEE-754 double (NaN is canonicalized to
//!   `0x7FF8_0000_0000_0000` when boxed, so no double ever reaches the tagged space);
//! - `0xFFF9` int32 in the low 32 bits (the int fast path; the JIT's `GuardInt32` is one compare);
//! - `0xFFFA` immediates: undefined, null, false, true and two engine-internal markers;
//! - `0xFFFC` object pointer, `0xFFFD` string pointer, `0xFFFE` other heap cell (accessor pair,
//!   context) — 48-bit addresses, which is what x86-64 and AArch64 user space hands out.

use crate::runtime::heap::{Gc, GcHeader};
use crate::runtime::object::JsObject;
use crate::runtime::string::JsString;

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct Value(pub u64);

pub const TAG_SHIFT: u32 = 48;
pub const TAG_INT: u64 = 0xFFF9 << TAG_SHIFT;
pub const TAG_MISC: u64 = 0xFFFA << TAG_SHIFT;
pub const TAG_OBJ: u64 = 0xFFFC << TAG_SHIFT;
pub const TAG_STR: u64 = 0xFFFD << TAG_SHIFT;
pub const TAG_CELL: u64 = 0xFFFE << TAG_SHIFT;
pub const TAG_MASK: u64 = 0xFFFF << TAG_SHIFT;
pub const PAYLOAD_MASK: u64 = (1 << TAG_SHIFT) - 1;
const CANONICAL_NAN: u64 = 0x7FF8_0000_0000_0000;

impl Value {
    pub const UNDEFINED: Value = Value(TAG_MISC);
    pub const NULL: Value = Value(TAG_MISC | 1);
    pub const FALSE: Value = Value(TAG_MISC | 2);
    pub const TRUE: Value = Value(TAG_MISC | 3);
    /// A missing array element. Never visible to JS: loads turn it into `undefined`.
    pub const HOLE: Value = Value(TAG_MISC | 4);
    /// An uninitialized `let`/`const`/`class` binding (temporal dead zone).
    pub const EMPTY: Value = Value(TAG_MISC | 5);
    /// Thrown by `process.exit`; no `catch` or `finally` runs for it.
    pub const EXIT: Value = Value(TAG_MISC | 6);

    #[inline(always)]
    pub fn int(i: i32) -> Value {
        Value(TAG_INT | (i as u32 as u64))
    }
    #[inline(always)]
    pub fn bool(b: bool) -> Value {
        if b { Value::TRUE } else { Value::FALSE }
    }
    /// A number, stored as int32 when it is one (but never -0).
    #[inline(always)]
    pub fn number(f: f64) -> Value {
        let i = f as i32;
        if i as f64 == f && !(i == 0 && f.is_sign_negative()) {
            Value::int(i)
        } else {
            Value::double(f)
        }
    }
    /// A number always stored as a double.
    #[inline(always)]
    pub fn double(f: f64) -> Value {
        if f.is_nan() { Value(CANONICAL_NAN) } else { Value(f.to_bits()) }
    }
    #[inline(always)]
    pub fn is_double(self) -> bool {
        self.0 < TAG_INT
    }
    #[inline(always)]
    pub fn is_int(self) -> bool {
        self.0 & TAG_MASK == TAG_INT
    }
    #[inline(always)]
    pub fn is_number(self) -> bool {
        self.0 < TAG_MISC
    }
    #[inline(always)]
    pub fn as_int(self) -> i32 {
        self.0 as u32 as i32
    }
    #[inline(always)]
    pub fn as_double(self) -> f64 {
        f64::from_bits(self.0)
    }
    /// The numeric value of a number (int or double). Only meaningful when `is_number`.
    #[inline(always)]
    pub fn as_number(self) -> f64 {
        if self.is_int() { self.as_int() as f64 } else { self.as_double() }
    }
    #[inline(always)]
    pub fn is_undefined(self) -> bool {
        self == Value::UNDEFINED
    }
    #[inline(always)]
    pub fn is_null(self) -> bool {
        self == Value::NULL
    }
    #[inline(always)]
    pub fn is_nullish(self) -> bool {
        self == Value::UNDEFINED || self == Value::NULL
    }
    #[inline(always)]
    pub fn is_bool(self) -> bool {
        self == Value::TRUE || self == Value::FALSE
    }
    #[inline(always)]
    pub fn is_object(self) -> bool {
        self.0 & TAG_MASK == TAG_OBJ
    }
    #[inline(always)]
    pub fn is_string(self) -> bool {
        self.0 & TAG_MASK == TAG_STR
    }
    #[inline(always)]
    pub fn is_cell(self) -> bool {
        self.0 & TAG_MASK == TAG_CELL
    }
    /// Whether this value points at a heap cell of any kind (for the collector).
    #[inline(always)]
    pub fn is_heap(self) -> bool {
        self.0 >= TAG_OBJ
    }
    #[inline(always)]
    pub fn from_object(o: Gc<JsObject>) -> Value {
        Value(TAG_OBJ | o.addr() as u64)
    }
    #[inline(always)]
    pub fn from_string(s: Gc<JsString>) -> Value {
        Value(TAG_STR | s.addr() as u64)
    }
    #[inline(always)]
    pub fn from_cell<T>(c: Gc<T>) -> Value {
        Value(TAG_CELL | c.addr() as u64)
    }
    /// # Safety-relevant invariant
    /// The payload of an object-tagged value is always a pointer produced by `Heap::alloc`
    /// for a `JsObject`; the tag is only ever set by `from_object`.
    #[inline(always)]
    pub fn as_object(self) -> Gc<JsObject> {
        debug_assert!(self.is_object());
        unsafe { Gc::from_addr((self.0 & PAYLOAD_MASK) as usize) }
    }
    #[inline(always)]
    pub fn as_string(self) -> Gc<JsString> {
        debug_assert!(self.is_string());
        unsafe { Gc::from_addr((self.0 & PAYLOAD_MASK) as usize) }
    }
    /// The caller names the cell type; cells are only ever created by `from_cell` with the type the
    /// reader expects (contexts in context registers, accessor pairs in accessor slots).
    #[inline(always)]
    pub fn as_cell<T>(self) -> Gc<T> {
        debug_assert!(self.is_cell());
        unsafe { Gc::from_addr((self.0 & PAYLOAD_MASK) as usize) }
    }
    pub fn heap_header(self) -> Option<*mut GcHeader> {
        if self.is_heap() { Some((self.0 & PAYLOAD_MASK) as usize as *mut GcHeader) } else { None }
    }
    pub fn try_object(self) -> Option<Gc<JsObject>> {
        if self.is_object() { Some(self.as_object()) } else { None }
    }
    /// ToBoolean for the values that need no heap look-up; strings need their length.
    pub fn truthy(self) -> bool {
        if self.is_int() {
            return self.as_int() != 0;
        }
        if self.is_double() {
            let d = self.as_double();
            return !(d == 0.0 || d.is_nan());
        }
        if self.is_string() {
            return self.as_string().len() != 0;
        }
        if self.is_object() {
            return true;
        }
        self == Value::TRUE
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_int() {
            write!(f, "{}", self.as_int())
        } else if self.is_double() {
            write!(f, "{:?}", self.as_double())
        } else if self.is_string() {
            write!(f, "{:?}", self.as_string().to_rust_string())
        } else if self.is_object() {
            write!(f, "<object {:#x}>", self.0 & PAYLOAD_MASK)
        } else if self.is_cell() {
            write!(f, "<cell {:#x}>", self.0 & PAYLOAD_MASK)
        } else {
            let s = match *self {
                Value::UNDEFINED => "undefined",
                Value::NULL => "null",
                Value::TRUE => "true",
                Value::FALSE => "false",
                Value::HOLE => "<hole>",
                Value::EMPTY => "<empty>",
                Value::EXIT => "<exit>",
                _ => "<bad>",
            };
            f.write_str(s)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn boxing_roundtrips() {
        assert!(Value::int(-5).is_int());
        assert_eq!(Value::int(-5).as_int(), -5);
        assert!(Value::number(-0.0).is_double());
        assert!(Value::number(3.0).is_int());
        assert!(Value::double(f64::NAN).is_double());
        assert!(Value::double(-f64::NAN).is_double());
        assert!(Value::double(f64::NEG_INFINITY).is_number());
        assert!(!Value::UNDEFINED.is_number());
        assert!(!Value::int(1).is_double());
    }
}
