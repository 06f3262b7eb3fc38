//! Objects: named properties in shape-described slots, indexed properties in a dense element
//! vector (holes allowed) with a sparse overflow map, and a class tag for exotic behaviour.

use crate::frontend::bytecode::FunctionCode;
use crate::runtime::heap::{CellKind, Gc, Heap, HeapCell};
use crate::runtime::shape::{self, Shape, ACCESSOR, MAX_TRANSITION_PROPS};
use crate::runtime::string::{Atom, JsString};
use crate::runtime::value::Value;
use crate::runtime::Engine;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

pub type JsResult<T> = Result<T, Value>;

/// Arguments of a native function call.
pub struct Args<'a> {
    pub this: Value,
    pub args: &'a [Value],
    /// `undefined` for a plain call; the constructor for `new`.
    pub new_target: Value,
    /// The function object being called (for bound data or natives that need their own slots).
    pub callee: Value,
}

impl Args<'_> {
    #[inline]
    pub fn get(&self, i: usize) -> Value {
        self.args.get(i).copied().unwrap_or(Value::UNDEFINED)
    }
    pub fn len(&self) -> usize {
        self.args.len()
    }
    pub fn is_empty(&self) -> bool {
        self.args.is_empty()
    }
}

pub type NativeFn = fn(&mut Engine, &Args) -> JsResult<Value>;

pub enum FunctionKind {
    Closure {
        code: Rc<FunctionCode>,
        env: Option<Gc<Context>>,
        /// The object whose prototype `super` refers to (methods and class constructors).
        home: Value,
        /// For class constructors: the function that runs the instance field initializers.
        fields: Value,
    },
    Native {
        f: NativeFn,
        /// Whether `new` may be applied.
        ctor: bool,
        /// Extra data for natives that close over something (e.g. `require` of one module).
        data: Value,
    },
    Bound {
        target: Value,
        this: Value,
        args: Vec<Value>,
    },
}

/// Insertion-ordered hash map with SameValueZero keys (Map and Set); deleted entries leave a
/// tombstone so iterators stay valid while the map is edited.
#[derive(Default)]
pub struct OrderedMap {
    pub entries: Vec<Option<(Value, Value)>>,
    index: HashMap<MapKey, usize>,
    pub live: usize,
}

#[derive(Hash, PartialEq, Eq, Clone)]
pub enum MapKey {
    Bits(u64),
    Str(Box<[u16]>),
}

impl OrderedMap {
    pub fn key_of(v: Value) -> MapKey {
        if v.is_string() {
            return MapKey::Str(v.as_string().units().into());
        }
        if v.is_number() {
            // SameValueZero: -0 is +0, every NaN is one key, 1 and 1.0 are one key.
            let d = v.as_number();
            if d.is_nan() {
                return MapKey::Bits(Value::double(f64::NAN).0);
            }
            return MapKey::Bits(Value::number(if d == 0.0 { 0.0 } else { d }).0);
        }
        MapKey::Bits(v.0)
    }
    pub fn get(&self, k: Value) -> Option<Value> {
        self.index.get(&Self::key_of(k)).and_then(|&i| self.entries[i].map(|e| e.1))
    }
    pub fn has(&self, k: Value) -> bool {
        self.index.contains_key(&Self::key_of(k))
    }
    pub fn set(&mut self, k: Value, v: Value) {
        let key = Self::key_of(k);
        if let Some(&i) = self.index.get(&key) {
            if let Some(e) = &mut self.entries[i] {
                e.1 = v;
            }
            return;
        }
        // Normalize -0 to +0 as the spec does for Map keys.
        let k = if k.is_number() && k.as_number() == 0.0 { Value::int(0) } else { k };
        self.index.insert(key, self.entries.len());
        self.entries.push(Some((k, v)));
        self.live += 1;
    }
    pub fn delete(&mut self, k: Value) -> bool {
        if let Some(i) = self.index.remove(&Self::key_of(k)) {
            self.entries[i] = None;
            self.live -= 1;
            true
        } else {
            false
        }
    }
    pub fn clear(&mut self) {
        for e in self.entries.iter_mut() {
            *e = None;
        }
        self.index.clear();
        self.live = 0;
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum IterKind {
    Keys,
    Values,
    Entries,
}

/// Internal iterators behind for-of and `keys()/values()/entries()`.
pub enum IterState {
    /// Arrays, array-likes and `arguments`: index-based, re-reads `length` every step.
    Array { obj: Value, next: u32, kind: IterKind },
    String { s: Value, next: u32 },
    Map { map: Value, next: usize, kind: IterKind },
    Set { set: Value, next: usize, kind: IterKind },
    Done,
}

pub enum ObjClass {
    Ordinary,
    Array,
    Function(FunctionKind),
    Error,
    /// Boolean, Number and String wrapper objects.
    Primitive(Value),
    // Boxed: most objects are not collections, and an inline map would double every object.
    Map(Box<OrderedMap>),
    Set(Box<OrderedMap>),
    Arguments,
    Iterator(IterState),
    /// for-in: the keys collected at loop entry, and the position.
    ForIn(Box<ForInState>),
}

pub struct ForInState {
    pub keys: Vec<Value>,
    pub next: usize,
    pub obj: Value,
}

/// Object flags.
pub const EXTENSIBLE: u8 = 1;
/// Elements are non-configurable (sealed) — set by `Object.freeze`/`seal`.
pub const ELEMS_SEALED: u8 = 2;
/// Elements are non-writable too — set by `Object.freeze`.
pub const ELEMS_FROZEN: u8 = 4;
/// A class constructor (calling it without `new` throws).
pub const CLASS_CTOR: u8 = 8;
/// A derived class constructor (`this` is bound by `super()`).
pub const DERIVED_CTOR: u8 = 16;
/// A native function that collection may run under (see `Engine::mark_gc_safe`).
pub const GC_SAFE_NATIVE: u8 = 32;
/// An Array exotic object (mirrors `class == ObjClass::Array` in one byte compiled code can test).
pub const ARRAY_OBJ: u8 = 64;

pub struct SparseElem {
    pub value: Value,
    pub attrs: u8,
}

pub struct JsObject {
    pub shape: Gc<Shape>,
    pub slots: Vec<Value>,
    /// Dense indexed properties; `Value::HOLE` marks a missing one.
    pub elements: Vec<Value>,
    /// Indexed properties that are far out of the dense range or have non-default attributes.
    pub sparse: Option<Box<BTreeMap<u32, SparseElem>>>,
    /// Arrays only: the `length`, which may exceed `elements.len()` (the rest are holes).
    pub array_len: u32,
    pub class: ObjClass,
    pub flags: u8,
    /// The root shape of objects whose prototype is this object.
    pub child_root_shape: Option<Gc<Shape>>,
}

impl HeapCell for JsObject {
    const KIND: CellKind = CellKind::Object;
    fn extra_bytes(&self) -> usize {
        (self.slots.capacity() + self.elements.capacity()) * 8
    }
}

/// A getter/setter pair stored in an accessor property's slot.
pub struct Accessor {
    pub getter: Value,
    pub setter: Value,
}
impl HeapCell for Accessor {
    const KIND: CellKind = CellKind::Accessor;
}

/// A closure environment: the captured variables of one scope.
pub struct Context {
    pub parent: Option<Gc<Context>>,
    pub slots: Vec<Value>,
}
impl HeapCell for Context {
    const KIND: CellKind = CellKind::Context;
    fn extra_bytes(&self) -> usize {
        self.slots.len() * 8
    }
}

/// Largest gap between `elements.len()` and a written index that always grows the dense part.
const MAX_DENSE_GAP: usize = 1024;
/// Above this many elements, only small gaps grow the dense part.
const MAX_DOUBLING_LEN: usize = 1 << 20;

impl JsObject {
    pub fn new(shape: Gc<Shape>, class: ObjClass) -> JsObject {
        let flags = if matches!(class, ObjClass::Array) { EXTENSIBLE | ARRAY_OBJ } else { EXTENSIBLE };
        JsObject {
            shape,
            slots: Vec::new(),
            elements: Vec::new(),
            sparse: None,
            array_len: 0,
            class,
            flags,
            child_root_shape: None,
        }
    }
    pub fn proto(&self) -> Value {
        self.shape.proto
    }
    pub fn is_array(&self) -> bool {
        matches!(self.class, ObjClass::Array)
    }
    pub fn is_callable(&self) -> bool {
        matches!(self.class, ObjClass::Function(_))
    }
    pub fn is_extensible(&self) -> bool {
        self.flags & EXTENSIBLE != 0
    }
    pub fn function(&self) -> Option<&FunctionKind> {
        match &self.class {
            ObjClass::Function(f) => Some(f),
            _ => None,
        }
    }
    /// The own named property: (slot, attrs).
    #[inline]
    pub fn find(&self, key: Atom) -> Option<(u32, u8)> {
        self.shape.lookup(key)
    }
    /// Own element as (value, attrs); `None` if absent.
    pub fn get_elem(&self, i: u32) -> Option<(Value, u8)> {
        if let Some(v) = self.elements.get(i as usize) {
            if *v != Value::HOLE {
                let attrs = if self.flags & ELEMS_FROZEN != 0 {
                    shape::ENUMERABLE
                } else if self.flags & ELEMS_SEALED != 0 {
                    shape::ENUMERABLE | shape::WRITABLE
                } else {
                    shape::DEFAULT_ATTRS
                };
                return Some((*v, attrs));
            }
        }
        self.sparse.as_ref().and_then(|m| m.get(&i)).map(|e| (e.value, e.attrs))
    }
    pub fn has_elem(&self, i: u32) -> bool {
        self.get_elem(i).is_some()
    }
    /// Writes an own element with default attributes (the caller checked writability/extensibility).
    pub fn put_elem(&mut self, i: u32, v: Value) {
        let idx = i as usize;
        if idx < self.elements.len() {
            self.elements[idx] = v;
        } else if self.sparse.as_ref().is_some_and(|m| m.contains_key(&i)) {
            self.sparse.as_mut().unwrap().get_mut(&i).unwrap().value = v;
        } else if idx - self.elements.len() <= MAX_DENSE_GAP || (idx - self.elements.len() <= self.elements.len() && idx < MAX_DOUBLING_LEN) {
            // Small gaps, or doubling while the array is not huge, stay dense; writes that keep
            // doubling a mostly-empty array (x[2^k-2]) go sparse past MAX_DOUBLING_LEN.
            self.elements.resize(idx, Value::HOLE);
            self.elements.push(v);
        } else {
            self.sparse.get_or_insert_with(Default::default).insert(i, SparseElem { value: v, attrs: shape::DEFAULT_ATTRS });
        }
        if self.is_array() && i >= self.array_len {
            self.array_len = i.saturating_add(1);
        }
    }
    /// Defines an own element with explicit attributes (moves it to the sparse map if needed).
    pub fn define_elem(&mut self, i: u32, v: Value, attrs: u8) {
        if attrs == shape::DEFAULT_ATTRS && self.flags & (ELEMS_SEALED | ELEMS_FROZEN) == 0 {
            if let Some(m) = &mut self.sparse {
                m.remove(&i);
            }
            self.put_elem(i, v);
            return;
        }
        if let Some(slot) = self.elements.get_mut(i as usize) {
            *slot = Value::HOLE;
        }
        self.sparse.get_or_insert_with(Default::default).insert(i, SparseElem { value: v, attrs });
        if self.is_array() && i >= self.array_len {
            self.array_len = i + 1;
        }
    }
    pub fn delete_elem(&mut self, i: u32) {
        if let Some(slot) = self.elements.get_mut(i as usize) {
            *slot = Value::HOLE;
        }
        if let Some(m) = &mut self.sparse {
            m.remove(&i);
            // No sparse part at all again: the element fast paths (ours and compiled code's)
            // require that of an array and of its prototypes.
            if m.is_empty() {
                self.sparse = None;
            }
        }
    }
    /// The first own index at or after `i` (skips holes without visiting them).
    pub fn next_present(&self, i: u32) -> Option<u32> {
        let dense = self.elements.get(i as usize..).and_then(|tail| tail.iter().position(|v| *v != Value::HOLE)).map(|p| i + p as u32);
        let sparse = self.sparse.as_ref().and_then(|m| m.range(i..).next().map(|(&k, _)| k));
        match (dense, sparse) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
    /// Own indices in ascending order.
    pub fn elem_indices(&self) -> Vec<u32> {
        let mut v: Vec<u32> =
            self.elements.iter().enumerate().filter(|(_, v)| **v != Value::HOLE).map(|(i, _)| i as u32).collect();
        if let Some(m) = &self.sparse {
            v.extend(m.keys().copied());
            v.sort_unstable();
            v.dedup();
        }
        v
    }
    /// Sets the length of an array, deleting elements at and above it from the end down
    /// (ArraySetLength, §10.4.2.4): a non-configurable element stops the deletion and the
    /// length stays just above it. Returns false when the requested length was not reached.
    pub fn set_array_len(&mut self, len: u32) -> bool {
        let mut keep_from = len;
        if len < self.array_len {
            let sealed_top = if self.flags & ELEMS_SEALED != 0 {
                (len as usize..self.elements.len()).rev().find(|&i| self.elements[i] != Value::HOLE).map(|i| i as u32)
            } else {
                None
            };
            let sparse_top = self.sparse.as_ref().and_then(|m| {
                m.range(len..).rev().find(|(_, e)| e.attrs & shape::CONFIGURABLE == 0 || self.flags & ELEMS_SEALED != 0).map(|(&k, _)| k)
            });
            if let Some(k) = sealed_top.into_iter().chain(sparse_top).max() {
                keep_from = k + 1;
            }
        }
        if (keep_from as usize) < self.elements.len() {
            self.elements.truncate(keep_from as usize);
        }
        if let Some(m) = &mut self.sparse {
            let _ = m.split_off(&keep_from);
        }
        self.array_len = keep_from;
        keep_from == len
    }
}

/// Adds a new own named property to `obj` (the caller checked it is absent and the object is
/// extensible). Follows or creates a shape transition; large objects switch to dictionary mode.
pub fn add_named(heap: &mut Heap, obj: Gc<JsObject>, key: Atom, attrs: u8, value: Value) {
    let shape = obj.shape;
    if shape.dictionary {
        shape.get_mut().dict_add(key, attrs);
        obj.get_mut().slots.push(value);
        return;
    }
    let next = match shape.transition(key, attrs) {
        Some(s) => s,
        None => {
            if shape.props.len() >= MAX_TRANSITION_PROPS {
                let id = next_shape_id(heap);
                let mut d = shape.to_dictionary(id);
                d.dict_add(key, attrs);
                let d = heap.alloc(d);
                let o = obj.get_mut();
                o.shape = d;
                o.slots.push(value);
                return;
            }
            let id = next_shape_id(heap);
            let child = heap.alloc(shape.with_added(key, attrs, id));
            shape.get_mut().add_transition(key, attrs, child);
            child
        }
    };
    let o = obj.get_mut();
    o.shape = next;
    o.slots.push(value);
}

pub fn next_shape_id(heap: &mut Heap) -> u32 {
    heap.next_shape_id += 1;
    heap.next_shape_id
}

/// Puts `obj` into dictionary mode (its own, editable shape) if it is not already.
pub fn ensure_dictionary(heap: &mut Heap, obj: Gc<JsObject>) -> Gc<Shape> {
    if obj.shape.dictionary {
        return obj.shape;
    }
    let id = next_shape_id(heap);
    let d = heap.alloc(obj.shape.to_dictionary(id));
    obj.get_mut().shape = d;
    d
}

/// Removes an own named property.
pub fn remove_named(heap: &mut Heap, obj: Gc<JsObject>, slot: u32) {
    let d = ensure_dictionary(heap, obj);
    if d.props.len() <= 16 {
        d.get_mut().dict_remove(slot);
        obj.get_mut().slots.remove(slot as usize);
        return;
    }
    // Large objects: tombstone now, compact when half the slots are dead.
    d.get_mut().dict_tombstone(slot);
    obj.get_mut().slots[slot as usize] = Value::UNDEFINED;
    if d.tombstones as usize * 2 > d.props.len() {
        let keep = d.get_mut().dict_compact();
        let o = obj.get_mut();
        let slots: Vec<Value> = keep.iter().map(|&i| o.slots[i as usize]).collect();
        o.slots = slots;
    }
}

/// Changes the attributes of an own named property (value kind may change too).
pub fn change_attrs(heap: &mut Heap, obj: Gc<JsObject>, slot: u32, attrs: u8) {
    if obj.shape.props[slot as usize].attrs == attrs {
        return;
    }
    let d = ensure_dictionary(heap, obj);
    d.get_mut().dict_set_attrs(slot, attrs);
}

/// Whether the slot's attributes say it holds an accessor.
pub fn is_accessor(attrs: u8) -> bool {
    attrs & ACCESSOR != 0
}

pub fn string_value(s: Gc<JsString>) -> Value {
    Value::from_string(s)
}


#[cfg(test)]
mod tests {
    /// Every heap object pays for JsObject: keep the common case small.
    #[test]
    fn object_stays_small() {
        assert!(std::mem::size_of::<super::ObjClass>() <= 48, "ObjClass grew to {}", std::mem::size_of::<super::ObjClass>());
        assert!(std::mem::size_of::<super::JsObject>() <= 128, "JsObject grew to {}", std::mem::size_of::<super::JsObject>());
    }
}
