//! Inline-cache fast paths and miss handlers for named property loads/stores and globals.

use super::feedback::{chain_valid, FeedbackSlot, Ic, IcEntry, T_OBJECT};
use crate::runtime::heap::Gc;
use crate::runtime::object::{JsObject, JsResult, EXTENSIBLE};
use crate::runtime::shape::{Shape, ACCESSOR, DEFAULT_ATTRS, WRITABLE};
use crate::runtime::string::{Atom, PropKey};
use crate::runtime::value::Value;
use crate::runtime::Engine;

/// A cache hit for a load from `o`, if any entry matches.
#[inline(always)]
fn probe_load(ic: &Ic, o: Gc<JsObject>) -> Option<Value> {
    let shape = o.shape;
    let hit = |e: &IcEntry| -> Option<Value> {
        match e {
            IcEntry::Own { shape: s, slot } if *s == shape => Some(o.slots[*slot as usize]),
            IcEntry::Proto { shape: s, holder, slot, chain } if *s == shape && chain_valid(chain) => Some(holder.slots[*slot as usize]),
            _ => None,
        }
    };
    match ic {
        Ic::Mono(e) => hit(e),
        Ic::Poly(v) => v.iter().find_map(hit),
        _ => None,
    }
}

/// Records where `key` was found for objects of `o`'s shape (data properties only, and never
/// through dictionary-mode shapes, which change in place).
fn cache_load(e: &mut Engine, slot: &FeedbackSlot, o: Gc<JsObject>, key: Atom) {
    if matches!(*slot.ic.borrow(), Ic::Mega) {
        return;
    }
    let shape = o.shape;
    if shape.dictionary {
        slot.ic.borrow_mut().add_mega_hint();
        return;
    }
    if let Some((s, attrs)) = o.find(key) {
        if attrs & ACCESSOR == 0 {
            slot.ic.borrow_mut().add(IcEntry::Own { shape, slot: s });
        } else {
            slot.ic.borrow_mut().add_mega_hint();
        }
        return;
    }
    let mut chain = Vec::new();
    let mut p = o.proto();
    while p.is_object() {
        let po = p.as_object();
        if po.shape.dictionary {
            slot.ic.borrow_mut().add_mega_hint();
            return;
        }
        chain.push((po, po.shape));
        if let Some((s, attrs)) = po.find(key) {
            if attrs & ACCESSOR == 0 {
                slot.ic.borrow_mut().add(IcEntry::Proto { shape, holder: po, slot: s, chain });
            } else {
                slot.ic.borrow_mut().add_mega_hint();
            }
            return;
        }
        p = po.proto();
    }
    let _ = e;
}

/// obj.key through the site's inline cache.
#[inline(always)]
pub fn get_named(e: &mut Engine, slot: &FeedbackSlot, obj: Value, key: Atom) -> JsResult<Value> {
    if obj.is_object() {
        let o = obj.as_object();
        if e.options.inline_caches {
            if let Some(v) = probe_load(&slot.ic.borrow(), o) {
                return Ok(v);
            }
        }
        // Array `length` is not a shape property: it has its own fast path.
        if key == crate::runtime::string::atoms::LENGTH && o.is_array() {
            slot.record(T_OBJECT);
            return Ok(Value::number(o.array_len as f64));
        }
        slot.record(T_OBJECT);
        cache_load(e, slot, o, key);
        return e.get_from(o, PropKey::Atom(key), obj);
    }
    slot.record(super::feedback::type_bit(obj));
    if key == crate::runtime::string::atoms::LENGTH && obj.is_string() {
        return Ok(Value::int(obj.as_string().len() as i32));
    }
    e.get(obj, PropKey::Atom(key))
}

/// obj.key = v through the site's inline cache.
#[inline(always)]
pub fn set_named(e: &mut Engine, slot: &FeedbackSlot, obj: Value, key: Atom, v: Value, strict: bool) -> JsResult<()> {
    if !obj.is_object() {
        slot.record(super::feedback::type_bit(obj));
        return e.set(obj, PropKey::Atom(key), v, strict);
    }
    let o = obj.as_object();
    if e.options.inline_caches {
        let ic = slot.ic.borrow();
        let shape = o.shape;
        for entry in ic.entries() {
            match entry {
                IcEntry::Own { shape: s, slot: i } if *s == shape => {
                    o.get_mut().slots[*i as usize] = v;
                    return Ok(());
                }
                IcEntry::Transition { shape: s, next, slot: i, chain } if *s == shape && o.flags & EXTENSIBLE != 0 && chain_valid(chain) => {
                    let om = o.get_mut();
                    debug_assert_eq!(om.slots.len(), *i as usize);
                    om.shape = *next;
                    om.slots.push(v);
                    return Ok(());
                }
                _ => {}
            }
        }
    }
    slot.record(T_OBJECT);
    cache_store(e, slot, o, key);
    let before = o.shape;
    e.set(obj, PropKey::Atom(key), v, strict)?;
    // A store that added the property along a transition becomes a Transition entry.
    let after = o.shape;
    if before != after && !before.dictionary && !after.dictionary && after.props.len() == before.props.len() + 1 {
        if let Some(last) = after.props.last() {
            if last.key == key && last.attrs == DEFAULT_ATTRS {
                if let Some(chain) = store_chain(o, key) {
                    slot.ic.borrow_mut().add(IcEntry::Transition { shape: before, next: after, slot: (after.props.len() - 1) as u32, chain });
                }
            }
        }
    }
    Ok(())
}

/// Caches a store to an existing own writable data property.
fn cache_store(_e: &mut Engine, slot: &FeedbackSlot, o: Gc<JsObject>, key: Atom) {
    if matches!(*slot.ic.borrow(), Ic::Mega) {
        return;
    }
    let shape = o.shape;
    if shape.dictionary {
        slot.ic.borrow_mut().add_mega_hint();
        return;
    }
    if let Some((s, attrs)) = o.find(key) {
        if attrs & (WRITABLE | ACCESSOR) == WRITABLE {
            slot.ic.borrow_mut().add(IcEntry::Own { shape, slot: s });
        }
    }
}

/// The prototype chain of `o` (objects and shapes) if no object on it has `key` or is in
/// dictionary mode — the condition for a transition store to stay valid.
fn store_chain(o: Gc<JsObject>, key: Atom) -> Option<Vec<(Gc<JsObject>, Gc<Shape>)>> {
    let mut chain = Vec::new();
    let mut p = o.proto();
    while p.is_object() {
        let po = p.as_object();
        if po.shape.dictionary || po.find(key).is_some() {
            return None;
        }
        chain.push((po, po.shape));
        p = po.proto();
    }
    Some(chain)
}

/// A global variable load through the site's cache (keyed on the global object's shape).
#[inline(always)]
pub fn load_global(e: &mut Engine, slot: &FeedbackSlot, key: Atom) -> Option<Value> {
    let g = e.realm.global.as_object();
    if e.options.inline_caches {
        if let Some(v) = probe_load(&slot.ic.borrow(), g) {
            return Some(v);
        }
    }
    cache_load(e, slot, g, key);
    None
}

impl Ic {
    /// A site that saw something uncacheable (accessor, dictionary shape) goes megamorphic:
    /// the optimizing tier must not speculate on it.
    pub fn add_mega_hint(&mut self) {
        *self = Ic::Mega;
    }
}
