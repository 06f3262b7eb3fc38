//! Type feedback and inline caches (ARCHITECTURE.md "Feedback and inline caches").
//!
//! Every speculating instruction owns a `FeedbackSlot` (its `Fb` operand). The interpreter
//! records what it sees there and runs property accesses through the slot's inline cache:
//! - operand types: a bitset lattice (int32 ⊂ number, string, boolean, nullish, object, other);
//! - property and global sites: `uninit → monomorphic → polymorphic (≤4) → megamorphic`, each
//!   entry a shape plus where the value lives (own slot, a prototype holder's slot, or a
//!   transition for stores);
//! - call sites: `uninit → monomorphic(target) → megamorphic`;
//! - element sites: element kinds (int32 / double / other, holes) and out-of-bounds accesses.
//! Feedback only widens. Cached prototype hits are validated against the shapes of every
//! object on the chain, and dictionary-mode shapes (edited in place) are never cached, so a
//! changed prototype can never produce a stale value.

use crate::runtime::heap::Gc;
use crate::runtime::object::JsObject;
use crate::runtime::shape::Shape;
use crate::runtime::value::Value;
use std::cell::{Cell, RefCell};

pub const T_INT32: u8 = 1;
pub const T_DOUBLE: u8 = 2;
pub const T_STRING: u8 = 4;
pub const T_BOOLEAN: u8 = 8;
pub const T_NULLISH: u8 = 16;
pub const T_OBJECT: u8 = 32;
pub const T_OTHER: u8 = 64;
pub const T_NUMBER: u8 = T_INT32 | T_DOUBLE;

/// Element-site flags.
pub const F_OOB: u8 = 1;
pub const F_HOLE: u8 = 2;
pub const F_GROW: u8 = 4;
pub const F_NON_ARRAY: u8 = 8;

/// Most entries of a polymorphic cache before it goes megamorphic.
pub const MAX_POLY: usize = 4;

#[inline(always)]
pub fn type_bit(v: Value) -> u8 {
    if v.is_int() {
        T_INT32
    } else if v.is_double() {
        // Integral doubles (e.g. -0 or 2^31) still count as doubles: the int32 path can't hold them.
        T_DOUBLE
    } else if v.is_string() {
        T_STRING
    } else if v.is_bool() {
        T_BOOLEAN
    } else if v.is_nullish() {
        T_NULLISH
    } else if v.is_object() {
        T_OBJECT
    } else {
        T_OTHER
    }
}

pub fn types_text(t: u8) -> String {
    if t == 0 {
        return "none".into();
    }
    let mut parts = Vec::new();
    if t & T_NUMBER == T_NUMBER {
        parts.push("number");
    } else if t & T_INT32 != 0 {
        parts.push("int32");
    } else if t & T_DOUBLE != 0 {
        parts.push("double");
    }
    for (bit, name) in [(T_STRING, "string"), (T_BOOLEAN, "boolean"), (T_NULLISH, "nullish"), (T_OBJECT, "object"), (T_OTHER, "other")] {
        if t & bit != 0 {
            parts.push(name);
        }
    }
    parts.join("|")
}

/// Where a cached property lives.
#[derive(Clone, Debug)]
pub enum IcEntry {
    /// An own data property of objects with `shape`.
    Own { shape: Gc<Shape>, slot: u32 },
    /// A data property of `holder` up the prototype chain; `chain` is every object from the
    /// receiver's prototype to the holder with the shape it had when cached.
    Proto { shape: Gc<Shape>, holder: Gc<JsObject>, slot: u32, chain: Vec<(Gc<JsObject>, Gc<Shape>)> },
    /// A store that adds a property: `shape` → `next`, value in `slot` (chain as for Proto:
    /// no setter or read-only property up the chain).
    Transition { shape: Gc<Shape>, next: Gc<Shape>, slot: u32, chain: Vec<(Gc<JsObject>, Gc<Shape>)> },
    /// A call target.
    Target(Value),
}

impl IcEntry {
    pub fn shape(&self) -> Option<Gc<Shape>> {
        match self {
            IcEntry::Own { shape, .. } | IcEntry::Proto { shape, .. } | IcEntry::Transition { shape, .. } => Some(*shape),
            IcEntry::Target(_) => None,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub enum Ic {
    #[default]
    Uninit,
    Mono(IcEntry),
    Poly(Vec<IcEntry>),
    Mega,
}

impl Ic {
    /// Adds an entry, replacing one for the same shape/target; widens the state.
    pub fn add(&mut self, e: IcEntry) {
        let same = |a: &IcEntry, b: &IcEntry| match (a, b) {
            (IcEntry::Target(x), IcEntry::Target(y)) => x == y,
            _ => a.shape().is_some() && a.shape() == b.shape(),
        };
        *self = match std::mem::take(self) {
            Ic::Uninit => Ic::Mono(e),
            Ic::Mono(old) => {
                if same(&old, &e) {
                    Ic::Mono(e)
                } else {
                    Ic::Poly(vec![old, e])
                }
            }
            Ic::Poly(mut v) => {
                if let Some(i) = v.iter().position(|x| same(x, &e)) {
                    v[i] = e;
                    Ic::Poly(v)
                } else if v.len() < MAX_POLY {
                    v.push(e);
                    Ic::Poly(v)
                } else {
                    Ic::Mega
                }
            }
            Ic::Mega => Ic::Mega,
        };
    }
    pub fn state_name(&self) -> &'static str {
        match self {
            Ic::Uninit => "uninitialized",
            Ic::Mono(_) => "monomorphic",
            Ic::Poly(_) => "polymorphic",
            Ic::Mega => "megamorphic",
        }
    }
    pub fn entries(&self) -> &[IcEntry] {
        match self {
            Ic::Mono(e) => std::slice::from_ref(e),
            Ic::Poly(v) => v,
            _ => &[],
        }
    }
}

/// One feedback slot.
#[derive(Default)]
pub struct FeedbackSlot {
    /// Operand (or element value) types seen.
    pub types: Cell<u8>,
    /// Element-site flags (F_*), and for arithmetic: 1 = an int32 result overflowed.
    pub flags: Cell<u8>,
    pub ic: RefCell<Ic>,
}

impl FeedbackSlot {
    #[inline(always)]
    pub fn record(&self, bits: u8) {
        let t = self.types.get();
        if t | bits != t {
            self.types.set(t | bits);
        }
    }
    #[inline(always)]
    pub fn flag(&self, bits: u8) {
        let f = self.flags.get();
        if f | bits != f {
            self.flags.set(f | bits);
        }
    }
}

/// A function's feedback vector plus its profiler counters.
pub struct FeedbackVector {
    pub slots: Box<[FeedbackSlot]>,
    /// Calls of the function (hotness).
    pub calls: Cell<u32>,
    /// Back edges taken per loop id.
    pub back_edges: Box<[Cell<u32>]>,
    /// The optimizing tier's state for this function (compiled code, deopts, versions).
    pub jit: crate::jit::JitSlot,
}

impl FeedbackVector {
    /// One more call of the function (saturating).
    pub fn count_call(&self) {
        self.calls.set(self.calls.get().saturating_add(1));
    }
    pub fn new(slots: u32, loops: u32) -> FeedbackVector {
        FeedbackVector {
            slots: (0..slots).map(|_| FeedbackSlot::default()).collect(),
            calls: Cell::new(0),
            back_edges: (0..loops).map(|_| Cell::new(0)).collect(),
            jit: Default::default(),
        }
    }
    #[inline(always)]
    pub fn slot(&self, i: u32) -> &FeedbackSlot {
        debug_assert!((i as usize) < self.slots.len());
        // SAFETY: the compiler numbers feedback slots 0..feedback_slots and the vector is
        // created with exactly that many (`Compiler::end_function`), so every `Fb` operand of
        // this function's instructions is in bounds.
        unsafe { self.slots.get_unchecked(i as usize) }
    }
    /// The address of every heap cell the caches reference (for the collector).
    pub fn for_each_ref(&self, mut cell: impl FnMut(usize)) {
        let value = |v: Value, cell: &mut dyn FnMut(usize)| {
            if let Some(h) = v.heap_header() {
                cell(h as usize);
            }
        };
        for v in self.jit.refs.borrow().iter() {
            value(*v, &mut cell);
        }
        for s in self.slots.iter() {
            for e in s.ic.borrow().entries() {
                let chain: &[(Gc<JsObject>, Gc<Shape>)] = match e {
                    IcEntry::Own { shape, .. } => {
                        cell(shape.addr());
                        &[]
                    }
                    IcEntry::Proto { shape, holder, chain, .. } => {
                        cell(shape.addr());
                        cell(holder.addr());
                        chain
                    }
                    IcEntry::Transition { shape, next, chain, .. } => {
                        cell(shape.addr());
                        cell(next.addr());
                        chain
                    }
                    IcEntry::Target(v) => {
                        value(*v, &mut cell);
                        &[]
                    }
                };
                for (o, s) in chain {
                    cell(o.addr());
                    cell(s.addr());
                }
            }
        }
    }
}

/// Checks that every object on a cached prototype chain still has its cached shape.
#[inline]
pub fn chain_valid(chain: &[(Gc<JsObject>, Gc<Shape>)]) -> bool {
    chain.iter().all(|(o, s)| o.shape == *s)
}
