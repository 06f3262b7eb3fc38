//! Property access on objects and primitives (§10.1 ordinary object internal methods, plus the
//! exotic behaviour of arrays, String wrappers and functions that the subset needs).

use crate::runtime::heap::Gc;
use crate::runtime::object::{self, add_named, Accessor, JsObject, JsResult, ObjClass, ELEMS_FROZEN, ELEMS_SEALED, EXTENSIBLE};
use crate::runtime::shape::{ACCESSOR, CONFIGURABLE, DEFAULT_ATTRS, ENUMERABLE, WRITABLE};
use crate::runtime::string::{atoms, PropKey};
use crate::runtime::value::Value;
use crate::runtime::Engine;

/// A property as found on one object.
#[derive(Clone, Copy, Debug)]
pub struct PropDesc {
    /// The value, or for accessors the `Accessor` cell.
    pub value: Value,
    pub attrs: u8,
}

impl PropDesc {
    pub fn is_accessor(&self) -> bool {
        self.attrs & ACCESSOR != 0
    }
    pub fn accessor(&self) -> Gc<Accessor> {
        self.value.as_cell()
    }
}

impl Engine {
    /// [[GetOwnProperty]].
    pub fn get_own_property(&mut self, o: Gc<JsObject>, key: PropKey) -> Option<PropDesc> {
        match key {
            PropKey::Atom(a) => {
                if a == atoms::LENGTH && o.is_array() {
                    let w = if o.flags & ELEMS_FROZEN != 0 { 0 } else { WRITABLE };
                    return Some(PropDesc { value: Value::number(o.array_len as f64), attrs: w });
                }
                o.find(a).map(|(slot, attrs)| PropDesc { value: o.slots[slot as usize], attrs })
            }
            PropKey::Index(i) => {
                if let ObjClass::Primitive(s) = o.class {
                    if s.is_string() && (i as usize) < s.as_string().len() {
                        let c = s.as_string().units()[i as usize];
                        let v = self.char_string(c);
                        return Some(PropDesc { value: v, attrs: ENUMERABLE });
                    }
                }
                o.get_elem(i).map(|(value, attrs)| PropDesc { value, attrs })
            }
        }
    }

    /// [[Get]] on any value (primitives use their prototype; strings have indices and length).
    pub fn get(&mut self, v: Value, key: PropKey) -> JsResult<Value> {
        if v.is_object() {
            return self.get_from(v.as_object(), key, v);
        }
        if v.is_string() {
            let s = v.as_string();
            match key {
                PropKey::Index(i) => {
                    if (i as usize) < s.len() {
                        let c = s.units()[i as usize];
                        return Ok(self.char_string(c));
                    }
                    return Ok(Value::UNDEFINED);
                }
                PropKey::Atom(atoms::LENGTH) => return Ok(Value::int(s.len() as i32)),
                _ => {}
            }
            let proto = self.realm.string_proto;
            return self.get_from(proto.as_object(), key, v);
        }
        let proto = if v.is_number() {
            self.realm.number_proto
        } else if v.is_bool() {
            self.realm.boolean_proto
        } else {
            let what = if v.is_undefined() { "undefined" } else { "null" };
            let k = self.key_to_rust(key);
            return Err(self.type_error(&format!("Cannot read properties of {} (reading '{}')", what, k)));
        };
        self.get_from(proto.as_object(), key, v)
    }

    pub fn get_named(&mut self, v: Value, a: crate::runtime::string::Atom) -> JsResult<Value> {
        self.get(v, PropKey::Atom(a))
    }

    /// [[Get]] walking the prototype chain from `o`, with `receiver` as `this` for getters.
    pub fn get_from(&mut self, mut o: Gc<JsObject>, key: PropKey, receiver: Value) -> JsResult<Value> {
        loop {
            if let Some(d) = self.get_own_property(o, key) {
                if d.is_accessor() {
                    let g = d.accessor().getter;
                    if g.is_undefined() {
                        return Ok(Value::UNDEFINED);
                    }
                    return self.call(g, receiver, &[]);
                }
                return Ok(d.value);
            }
            let p = o.proto();
            if !p.is_object() {
                return Ok(Value::UNDEFINED);
            }
            o = p.as_object();
        }
    }

    /// Finds a property on the chain: (holder, desc).
    pub fn lookup(&mut self, mut o: Gc<JsObject>, key: PropKey) -> Option<(Gc<JsObject>, PropDesc)> {
        loop {
            if let Some(d) = self.get_own_property(o, key) {
                return Some((o, d));
            }
            let p = o.proto();
            if !p.is_object() {
                return None;
            }
            o = p.as_object();
        }
    }

    /// [[Set]] (§10.1.9 OrdinarySet) on any value; `strict` turns silent failures into TypeErrors.
    pub fn set(&mut self, target: Value, key: PropKey, value: Value, strict: bool) -> JsResult<()> {
        if !target.is_object() {
            if target.is_nullish() {
                let what = if target.is_undefined() { "undefined" } else { "null" };
                let k = self.key_to_rust(key);
                return Err(self.type_error(&format!("Cannot set properties of {} (setting '{}')", what, k)));
            }
            // Setting on a primitive: only setters on the prototype chain run.
            let proto = self.prototype_of_primitive(target);
            if let Some((_, d)) = self.lookup(proto.as_object(), key) {
                if d.is_accessor() && !d.accessor().setter.is_undefined() {
                    let s = d.accessor().setter;
                    self.call(s, target, &[value])?;
                    return Ok(());
                }
            }
            if strict {
                let k = self.key_to_rust(key);
                return Err(self.type_error(&format!("Cannot create property '{}' on primitive", k)));
            }
            return Ok(());
        }
        let o = target.as_object();
        // Fast path: own writable data property.
        if let PropKey::Atom(a) = key {
            if let Some((slot, attrs)) = o.find(a) {
                if attrs & (WRITABLE | ACCESSOR) == WRITABLE {
                    o.get_mut().slots[slot as usize] = value;
                    return Ok(());
                }
            }
        }
        let found = self.lookup(o, key);
        match found {
            Some((holder, d)) => {
                if d.is_accessor() {
                    let s = d.accessor().setter;
                    if s.is_undefined() {
                        if strict {
                            let k = self.key_to_rust(key);
                            return Err(self.type_error(&format!("Cannot set property {} of object which has only a getter", k)));
                        }
                        return Ok(());
                    }
                    self.call(s, target, &[value])?;
                    return Ok(());
                }
                if d.attrs & WRITABLE == 0 {
                    if strict {
                        let k = self.key_to_rust(key);
                        return Err(self.type_error(&format!("Cannot assign to read only property '{}' of object", k)));
                    }
                    return Ok(());
                }
                if holder == o {
                    self.write_own(o, key, value, strict)
                } else {
                    self.add_own(o, key, value, strict)
                }
            }
            None => self.add_own(o, key, value, strict),
        }
    }

    /// Overwrites an existing own writable data property.
    fn write_own(&mut self, o: Gc<JsObject>, key: PropKey, value: Value, strict: bool) -> JsResult<()> {
        match key {
            PropKey::Atom(atoms::LENGTH) if o.is_array() => self.set_array_length(o, value, strict),
            PropKey::Atom(a) => {
                let (slot, _) = o.find(a).unwrap();
                o.get_mut().slots[slot as usize] = value;
                Ok(())
            }
            PropKey::Index(i) => {
                let om = o.get_mut();
                if let Some(m) = &mut om.sparse {
                    if let Some(e) = m.get_mut(&i) {
                        e.value = value;
                        return Ok(());
                    }
                }
                om.put_elem(i, value);
                Ok(())
            }
        }
    }

    /// Adds a new own data property (if the object is extensible).
    fn add_own(&mut self, o: Gc<JsObject>, key: PropKey, value: Value, strict: bool) -> JsResult<()> {
        if o.flags & EXTENSIBLE == 0 {
            if strict {
                let k = self.key_to_rust(key);
                return Err(self.type_error(&format!("Cannot add property {}, object is not extensible", k)));
            }
            return Ok(());
        }
        match key {
            PropKey::Atom(a) => {
                add_named(&mut self.heap, o, a, DEFAULT_ATTRS, value);
            }
            PropKey::Index(i) => {
                if o.is_array() && i >= o.array_len && o.flags & ELEMS_SEALED != 0 {
                    return Ok(());
                }
                o.get_mut().put_elem(i, value);
            }
        }
        Ok(())
    }

    pub fn is_proto_atom(&self, a: crate::runtime::string::Atom) -> bool {
        a == self.proto_atom
    }

    fn set_array_length(&mut self, o: Gc<JsObject>, value: Value, strict: bool) -> JsResult<()> {
        let n = self.to_number(value)?;
        let len = crate::runtime::conv::to_uint32(n);
        if len as f64 != n {
            return Err(self.range_error("Invalid array length"));
        }
        if o.flags & ELEMS_FROZEN != 0 {
            if strict {
                return Err(self.type_error("Cannot assign to read only property 'length' of object"));
            }
            return Ok(());
        }
        if !o.get_mut().set_array_len(len) && strict {
            let k = o.array_len - 1;
            return Err(self.type_error(&format!("Cannot delete property '{}' of [object Array]", k)));
        }
        Ok(())
    }

    /// Defines (or overwrites) an own data property: CreateDataProperty / DefinePropertyOrThrow
    /// with a plain value. Used by literals, class fields and built-ins.
    pub fn define_data(&mut self, o: Gc<JsObject>, key: PropKey, value: Value, attrs: u8) {
        match key {
            PropKey::Atom(atoms::LENGTH) if o.is_array() => {
                if let Ok(len) = self.to_uint32(value) {
                    let _ = o.get_mut().set_array_len(len);
                }
            }
            PropKey::Atom(a) => match o.find(a) {
                Some((slot, old)) => {
                    if old != attrs {
                        object::change_attrs(&mut self.heap, o, slot, attrs);
                    }
                    o.get_mut().slots[slot as usize] = value;
                }
                None => add_named(&mut self.heap, o, a, attrs, value),
            },
            PropKey::Index(i) => o.get_mut().define_elem(i, value, attrs),
        }
    }

    /// Defines an accessor half (getter or setter), keeping the other half if one exists.
    pub fn define_accessor(&mut self, o: Gc<JsObject>, key: PropKey, getter: Option<Value>, setter: Option<Value>, attrs: u8) {
        let existing = self.get_own_property(o, key).filter(|d| d.is_accessor());
        let (mut g, mut s) = existing.map(|d| (d.accessor().getter, d.accessor().setter)).unwrap_or((Value::UNDEFINED, Value::UNDEFINED));
        if let Some(x) = getter {
            g = x;
        }
        if let Some(x) = setter {
            s = x;
        }
        let cell = self.heap.alloc(Accessor { getter: g, setter: s });
        let v = Value::from_cell(cell);
        let attrs = (attrs & (ENUMERABLE | CONFIGURABLE)) | ACCESSOR;
        match key {
            PropKey::Atom(a) => match o.find(a) {
                Some((slot, old)) => {
                    if old != attrs {
                        object::change_attrs(&mut self.heap, o, slot, attrs);
                    }
                    o.get_mut().slots[slot as usize] = v;
                }
                None => add_named(&mut self.heap, o, a, attrs, v),
            },
            PropKey::Index(i) => o.get_mut().define_elem(i, v, attrs),
        }
    }

    /// [[Delete]] (§10.1.10).
    pub fn delete(&mut self, o: Gc<JsObject>, key: PropKey, strict: bool) -> JsResult<bool> {
        let d = match self.get_own_property(o, key) {
            Some(d) => d,
            None => return Ok(true),
        };
        if d.attrs & CONFIGURABLE == 0 {
            if strict {
                let k = self.key_to_rust(key);
                return Err(self.type_error(&format!("Cannot delete property '{}' of object", k)));
            }
            return Ok(false);
        }
        match key {
            PropKey::Atom(a) => {
                let (slot, _) = o.find(a).unwrap();
                object::remove_named(&mut self.heap, o, slot);
            }
            PropKey::Index(i) => o.get_mut().delete_elem(i),
        }
        Ok(true)
    }

    /// [[HasProperty]].
    pub fn has_property(&mut self, o: Gc<JsObject>, key: PropKey) -> bool {
        self.lookup(o, key).is_some()
    }

    /// [[OwnPropertyKeys]] for string keys: integer indices ascending, then insertion order.
    pub fn own_keys(&mut self, o: Gc<JsObject>) -> Vec<PropKey> {
        let mut keys: Vec<PropKey> = Vec::new();
        if let ObjClass::Primitive(s) = o.class {
            if s.is_string() {
                keys.extend((0..s.as_string().len() as u32).map(PropKey::Index));
            }
        }
        keys.extend(o.elem_indices().into_iter().map(PropKey::Index));
        if o.is_array() {
            keys.push(PropKey::Atom(atoms::LENGTH));
        }
        // Named properties that look like indices cannot exist (they are elements), so the
        // shape order is the insertion order of the string keys.
        keys.extend(o.shape.live_props().map(|p| PropKey::Atom(p.key)));
        keys
    }

    /// Own enumerable string keys (Object.keys order).
    pub fn own_enumerable_keys(&mut self, o: Gc<JsObject>) -> Vec<PropKey> {
        let keys = self.own_keys(o);
        keys.into_iter().filter(|k| self.get_own_property(o, *k).is_some_and(|d| d.attrs & ENUMERABLE != 0)).collect()
    }

    /// [[SetPrototypeOf]] (no cycle allowed; returns false when refused).
    pub fn set_proto(&mut self, o: Gc<JsObject>, proto: Value) -> bool {
        if o.proto() == proto {
            return true;
        }
        if !o.is_extensible() {
            return false;
        }
        let mut p = proto;
        while p.is_object() {
            if p.as_object() == o {
                return false;
            }
            p = p.as_object().proto();
        }
        // Rebuild the shape under the new prototype's root by replaying the property list
        // through the transition tree, so objects (e.g. derived class constructors) keep
        // shared, cacheable shapes.
        if !o.shape.dictionary {
            let props = o.shape.props.clone();
            let mut shape = self.root_shape(proto);
            for p in &props {
                shape = match shape.transition(p.key, p.attrs) {
                    Some(next) => next,
                    None => {
                        let id = object::next_shape_id(&mut self.heap);
                        let child = self.heap.alloc(shape.with_added(p.key, p.attrs, id));
                        shape.get_mut().add_transition(p.key, p.attrs, child);
                        child
                    }
                };
            }
            o.get_mut().shape = shape;
            return true;
        }
        let id = object::next_shape_id(&mut self.heap);
        let mut s = o.shape.to_dictionary(id);
        s.proto = proto;
        let s = self.heap.alloc(s);
        o.get_mut().shape = s;
        true
    }

    pub fn prototype_of_primitive(&self, v: Value) -> Value {
        if v.is_string() {
            self.realm.string_proto
        } else if v.is_number() {
            self.realm.number_proto
        } else {
            self.realm.boolean_proto
        }
    }

    /// Object.freeze (§20.1.2.6 SetIntegrityLevel frozen).
    pub fn freeze(&mut self, o: Gc<JsObject>) {
        let d = object::ensure_dictionary(&mut self.heap, o);
        for i in 0..d.props.len() {
            let a = d.props[i].attrs;
            let na = if a & ACCESSOR != 0 { a & !CONFIGURABLE } else { a & !(CONFIGURABLE | WRITABLE) };
            d.get_mut().dict_set_attrs(i as u32, na);
        }
        let om = o.get_mut();
        if let Some(m) = &mut om.sparse {
            for e in m.values_mut() {
                e.attrs &= !(CONFIGURABLE | WRITABLE);
            }
        }
        om.flags = (om.flags & !EXTENSIBLE) | ELEMS_FROZEN | ELEMS_SEALED;
    }

    /// Object.seal (§20.1.2.20 SetIntegrityLevel sealed).
    pub fn seal(&mut self, o: Gc<JsObject>) {
        let d = object::ensure_dictionary(&mut self.heap, o);
        for i in 0..d.props.len() {
            let a = d.props[i].attrs;
            d.get_mut().dict_set_attrs(i as u32, a & !CONFIGURABLE);
        }
        let om = o.get_mut();
        if let Some(m) = &mut om.sparse {
            for e in m.values_mut() {
                e.attrs &= !CONFIGURABLE;
            }
        }
        om.flags = (om.flags & !EXTENSIBLE) | ELEMS_SEALED;
    }

    /// Object.isSealed (§20.1.2.14 TestIntegrityLevel sealed).
    pub fn is_sealed(&mut self, o: Gc<JsObject>) -> bool {
        if o.is_extensible() {
            return false;
        }
        let keys = self.own_keys(o);
        keys.into_iter().all(|k| self.get_own_property(o, k).is_none_or(|d| d.attrs & CONFIGURABLE == 0))
    }

    /// Object.isFrozen (§20.1.2.13 TestIntegrityLevel frozen).
    pub fn is_frozen(&mut self, o: Gc<JsObject>) -> bool {
        if o.is_extensible() {
            return false;
        }
        let keys = self.own_keys(o);
        keys.into_iter().all(|k| {
            self.get_own_property(o, k).is_none_or(|d| d.attrs & CONFIGURABLE == 0 && (d.is_accessor() || d.attrs & WRITABLE == 0))
        })
    }
}
