//! JS strings: UTF-16 code units, flat or a concatenation (rope) that is flattened on first read,
//! so `s += x` in a loop is linear. Property keys are interned atoms.

use crate::runtime::heap::{CellKind, Gc, HeapCell};
use std::cell::Cell;
use rustc_hash::FxHashMap as HashMap;

pub enum StrRepr {
    Flat(Box<[u16]>),
    Rope(Gc<JsString>, Gc<JsString>),
}

pub struct JsString {
    repr: StrRepr,
    len: u32,
    /// The atom of this exact string, once interned (`u32::MAX`: not yet known).
    pub atom_cache: Cell<u32>,
}

impl HeapCell for JsString {
    const KIND: CellKind = CellKind::String;
    fn extra_bytes(&self) -> usize {
        match &self.repr {
            StrRepr::Flat(b) => b.len() * 2,
            StrRepr::Rope(..) => 0,
        }
    }
}

/// Longest string the engine builds (Node's limit is similar); longer ones are a RangeError.
pub const MAX_STRING_LEN: usize = (1 << 29) - 24;

impl JsString {
    pub fn flat(units: Box<[u16]>) -> JsString {
        let len = units.len() as u32;
        JsString { repr: StrRepr::Flat(units), len, atom_cache: Cell::new(u32::MAX) }
    }
    pub fn rope(a: Gc<JsString>, b: Gc<JsString>) -> JsString {
        JsString { len: a.len + b.len, repr: StrRepr::Rope(a, b), atom_cache: Cell::new(u32::MAX) }
    }
    #[inline]
    pub fn len(&self) -> usize {
        self.len as usize
    }
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    pub fn is_rope(&self) -> bool {
        matches!(self.repr, StrRepr::Rope(..))
    }
    pub fn rope_parts(&self) -> Option<(Gc<JsString>, Gc<JsString>)> {
        match self.repr {
            StrRepr::Rope(a, b) => Some((a, b)),
            _ => None,
        }
    }
}

impl Gc<JsString> {
    /// The code units; flattens a rope in place first (iteratively: ropes can be very deep).
    pub fn units(self) -> &'static [u16] {
        if let StrRepr::Rope(..) = self.repr {
            let mut out = Vec::with_capacity(self.len());
            let mut stack = vec![self];
            while let Some(s) = stack.pop() {
                match &s.repr {
                    StrRepr::Flat(b) => out.extend_from_slice(b),
                    StrRepr::Rope(a, b) => {
                        stack.push(*b);
                        stack.push(*a);
                    }
                }
            }
            self.get_mut().repr = StrRepr::Flat(out.into_boxed_slice());
        }
        match &self.repr {
            // SAFETY: the slice lives as long as the cell; callers use it before the next
            // allocation safepoint (the flat buffer of a cell is never replaced once flat).
            StrRepr::Flat(b) => unsafe { std::mem::transmute::<&[u16], &'static [u16]>(&b[..]) },
            StrRepr::Rope(..) => unreachable!(),
        }
    }
    pub fn to_rust_string(self) -> String {
        String::from_utf16_lossy(self.units())
    }
}

/// A code-unit at index; the caller checks bounds.
pub fn char_at(s: Gc<JsString>, i: usize) -> u16 {
    s.units()[i]
}

/// An interned property name.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Atom(pub u32);

/// A property key: an interned string, or an array index (0 ..= 2^32-2), or an internal symbol.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum PropKey {
    Atom(Atom),
    Index(u32),
}

#[derive(Default)]
pub struct AtomTable {
    pub strings: Vec<Gc<JsString>>,
    map: HashMap<Box<[u16]>, Atom>,
}

impl AtomTable {
    pub fn lookup(&self, units: &[u16]) -> Option<Atom> {
        self.map.get(units).copied()
    }
    pub fn insert(&mut self, units: Box<[u16]>, s: Gc<JsString>) -> Atom {
        let a = Atom(self.strings.len() as u32);
        self.strings.push(s);
        // Index-like strings ("42") stay keyed by index: their cache stays empty.
        if array_index(&units).is_none() {
            s.atom_cache.set(a.0);
        }
        self.map.insert(units, a);
        a
    }
    pub fn string(&self, a: Atom) -> Gc<JsString> {
        self.strings[a.0 as usize]
    }
}

/// If `units` is a canonical array index ("0", "17", not "017" or "4294967295"), that index.
pub fn array_index(units: &[u16]) -> Option<u32> {
    if units.is_empty() || units.len() > 10 {
        return None;
    }
    if units[0] == b'0' as u16 && units.len() > 1 {
        return None;
    }
    let mut n: u64 = 0;
    for &u in units {
        if !(b'0' as u16..=b'9' as u16).contains(&u) {
            return None;
        }
        n = n * 10 + (u - b'0' as u16) as u64;
    }
    if n < u32::MAX as u64 { Some(n as u32) } else { None }
}

macro_rules! well_known_atoms {
    ($($name:ident = $text:expr),* $(,)?) => {
        /// Atoms interned at start-up in this order, so their ids are constants.
        pub mod atoms {
            use super::Atom;
            well_known_atoms!(@consts 0u32, $($name),*);
        }
        pub const WELL_KNOWN_ATOMS: &[&str] = &[$($text),*];
    };
    (@consts $n:expr, $first:ident $(, $rest:ident)*) => {
        pub const $first: Atom = Atom($n);
        well_known_atoms!(@consts $n + 1u32, $($rest),*);
    };
    (@consts $n:expr,) => {};
    (@consts $n:expr) => {};
}

well_known_atoms! {
    EMPTY = "", LENGTH = "length", PROTOTYPE = "prototype", CONSTRUCTOR = "constructor", NAME = "name",
    MESSAGE = "message", STACK = "stack", VALUE_OF = "valueOf", TO_STRING = "toString", CALLER = "caller",
    UNDEFINED = "undefined", NULL = "null", TRUE = "true", FALSE = "false", OBJECT = "object",
    FUNCTION = "function", NUMBER = "number", STRING = "string", BOOLEAN = "boolean", SYMBOL = "symbol",
    GET = "get", SET = "set", VALUE = "value", WRITABLE = "writable", ENUMERABLE = "enumerable",
    CONFIGURABLE = "configurable", CAUSE = "cause", TO_JSON = "toJSON", NEXT = "next", DONE = "done",
    ARGUMENTS = "arguments", CALLEE = "callee", EXPORTS = "exports", INDEX = "index", DEFAULT = "default",
    NAN = "NaN", INFINITY = "Infinity", NEG_INFINITY = "-Infinity", ANONYMOUS = "anonymous", ERRORS = "errors",
}
