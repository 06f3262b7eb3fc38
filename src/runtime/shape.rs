//! Shapes (hidden classes): which named properties an object has, in which slot, with which
//! attributes, and its prototype. Objects built the same way share a shape through a transition
//! tree, so an inline cache can check "same shape" with one compare and then load a slot.
//! A shape in dictionary mode belongs to one object and is edited in place; caches skip those.

use crate::runtime::heap::{CellKind, Gc, HeapCell};
use crate::runtime::string::Atom;
use crate::runtime::value::Value;
use rustc_hash::FxHashMap as HashMap;

pub const WRITABLE: u8 = 1;
pub const ENUMERABLE: u8 = 2;
pub const CONFIGURABLE: u8 = 4;
/// The slot holds an `Accessor` cell (getter/setter pair) instead of a value.
pub const ACCESSOR: u8 = 8;
pub const DEFAULT_ATTRS: u8 = WRITABLE | ENUMERABLE | CONFIGURABLE;
/// Built-in methods and class methods: writable, configurable, not enumerable.
pub const METHOD_ATTRS: u8 = WRITABLE | CONFIGURABLE;

/// The key of a deleted property in a dictionary-mode shape (never a real atom).
pub const TOMBSTONE: Atom = Atom(u32::MAX);

/// Objects with more named properties than this leave the transition tree (dictionary mode).
pub const MAX_TRANSITION_PROPS: usize = 128;

#[derive(Clone, Copy, Debug)]
pub struct PropInfo {
    pub key: Atom,
    pub attrs: u8,
}

pub struct Shape {
    /// The prototype: an object value or null.
    pub proto: Value,
    /// Slot i holds property `props[i]`; the order is insertion order.
    pub props: Vec<PropInfo>,
    index: HashMap<Atom, u32>,
    transitions: HashMap<(Atom, u8), Gc<Shape>>,
    pub dictionary: bool,
    /// Deleted properties still occupying a slot (dictionary mode only).
    pub tombstones: u32,
    /// A small number for printing (`--print-feedback`), unique per heap.
    pub id: u32,
}

impl HeapCell for Shape {
    const KIND: CellKind = CellKind::Shape;
    fn extra_bytes(&self) -> usize {
        self.props.len() * 24
    }
}

impl Shape {
    pub fn root(proto: Value, id: u32) -> Shape {
        Shape { proto, props: Vec::new(), index: HashMap::default(), transitions: HashMap::default(), dictionary: false, tombstones: 0, id }
    }
    #[inline]
    pub fn lookup(&self, key: Atom) -> Option<(u32, u8)> {
        if self.props.len() <= 8 {
            for (i, p) in self.props.iter().enumerate() {
                if p.key == key {
                    return Some((i as u32, p.attrs));
                }
            }
            return None;
        }
        self.index.get(&key).map(|&i| (i, self.props[i as usize].attrs))
    }
    pub fn transition(&self, key: Atom, attrs: u8) -> Option<Gc<Shape>> {
        self.transitions.get(&(key, attrs)).copied()
    }
    /// A child shape with one more property (caller allocates it and records the transition).
    pub fn with_added(&self, key: Atom, attrs: u8, id: u32) -> Shape {
        let mut props = self.props.clone();
        props.push(PropInfo { key, attrs });
        let index = if props.len() > 8 {
            props.iter().enumerate().map(|(i, p)| (p.key, i as u32)).collect()
        } else {
            HashMap::default()
        };
        Shape { proto: self.proto, props, index, transitions: HashMap::default(), dictionary: false, tombstones: 0, id }
    }
    pub fn add_transition(&mut self, key: Atom, attrs: u8, child: Gc<Shape>) {
        self.transitions.insert((key, attrs), child);
    }
    /// An unshared copy for one object (dictionary mode).
    pub fn to_dictionary(&self, id: u32) -> Shape {
        let index = self.props.iter().enumerate().map(|(i, p)| (p.key, i as u32)).collect();
        Shape { proto: self.proto, props: self.props.clone(), index, transitions: HashMap::default(), dictionary: true, tombstones: 0, id }
    }
    // Dictionary-mode edits (only on a dictionary shape owned by one object).
    pub fn dict_add(&mut self, key: Atom, attrs: u8) -> u32 {
        debug_assert!(self.dictionary);
        let i = self.props.len() as u32;
        self.props.push(PropInfo { key, attrs });
        self.index.insert(key, i);
        i
    }
    pub fn dict_set_attrs(&mut self, slot: u32, attrs: u8) {
        debug_assert!(self.dictionary);
        self.props[slot as usize].attrs = attrs;
    }
    /// Removes the property in `slot`; the object must remove the same slot from its slot vector.
    pub fn dict_remove(&mut self, slot: u32) {
        debug_assert!(self.dictionary);
        self.props.remove(slot as usize);
        self.index = self.props.iter().enumerate().map(|(i, p)| (p.key, i as u32)).collect();
    }
    /// Deletes the property in `slot` by leaving a tombstone (its slot stays allocated), so a
    /// run of deletes on a large object costs O(1) each; `compact` drops the tombstones.
    pub fn dict_tombstone(&mut self, slot: u32) {
        debug_assert!(self.dictionary);
        let key = self.props[slot as usize].key;
        self.index.remove(&key);
        self.props[slot as usize] = PropInfo { key: TOMBSTONE, attrs: 0 };
        self.tombstones += 1;
    }
    /// Removes the tombstones; returns, for each remaining property, its old slot (the object
    /// must rebuild its slot vector in the same order).
    pub fn dict_compact(&mut self) -> Vec<u32> {
        let old: Vec<u32> = (0..self.props.len() as u32).filter(|&i| self.props[i as usize].key != TOMBSTONE).collect();
        self.props.retain(|p| p.key != TOMBSTONE);
        self.index = self.props.iter().enumerate().map(|(i, p)| (p.key, i as u32)).collect();
        self.tombstones = 0;
        old
    }
    /// The live properties (skipping tombstones), in insertion order.
    pub fn live_props(&self) -> impl Iterator<Item = &PropInfo> {
        self.props.iter().filter(|p| p.key != TOMBSTONE)
    }
    /// Every shape and value this shape references (for the collector).
    pub fn for_each_ref(&self, mut f: impl FnMut(Value), mut g: impl FnMut(Gc<Shape>)) {
        f(self.proto);
        for s in self.transitions.values() {
            g(*s);
        }
    }
}
