//! The runtime: values, heap, objects, strings, built-ins, and the `Engine` that owns them all.

pub mod builtins;
pub mod conv;
pub mod gc;
pub mod heap;
pub mod inspect;
pub mod object;
pub mod property;
pub mod shape;
pub mod string;
pub mod value;

use crate::frontend::bytecode::FunctionCode;
use crate::interp::{Frame, RegisterStack};
use crate::options::Options;
use heap::{Gc, Heap};
use object::{add_named, Args, FunctionKind, JsObject, JsResult, NativeFn, ObjClass};
use shape::{Shape, CONFIGURABLE, METHOD_ATTRS};
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::rc::Rc;
use string::{atoms, Atom, AtomTable, JsString, PropKey, MAX_STRING_LEN, WELL_KNOWN_ATOMS};
use value::Value;

/// The intrinsic objects of the realm.
pub struct Realm {
    pub global: Value,
    pub object_proto: Value,
    pub function_proto: Value,
    pub array_proto: Value,
    pub string_proto: Value,
    pub number_proto: Value,
    pub boolean_proto: Value,
    pub error_proto: Value,
    pub type_error_proto: Value,
    pub range_error_proto: Value,
    pub reference_error_proto: Value,
    pub syntax_error_proto: Value,
    pub map_proto: Value,
    pub set_proto: Value,
    pub iterator_proto: Value,
    pub object_ctor: Value,
    pub array_ctor: Value,
}

/// A loaded source file, for positions in errors and traces.
pub struct SourceFile {
    pub path: String,
    pub text: String,
    line_starts: Vec<u32>,
}

impl SourceFile {
    pub fn new(path: String, text: String) -> SourceFile {
        let mut line_starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i as u32 + 1);
            }
        }
        SourceFile { path, text, line_starts }
    }
    /// 1-based line and column (column counted in characters) of a byte offset.
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line] as usize;
        let end = (offset as usize).min(self.text.len());
        let col = self.text.get(start..end).map(|s| s.chars().count()).unwrap_or(end - start);
        (line as u32 + 1, col as u32 + 1)
    }
    pub fn line_text(&self, line: u32) -> &str {
        let i = (line - 1) as usize;
        let s = self.line_starts[i] as usize;
        let e = self.line_starts.get(i + 1).map(|&x| x as usize).unwrap_or(self.text.len());
        self.text[s..e].trim_end_matches(['\n', '\r'])
    }
}

pub struct Engine {
    pub heap: Heap,
    pub atoms: AtomTable,
    pub realm: Realm,
    pub options: Options,
    pub stack: RegisterStack,
    pub frames: Vec<Frame>,
    pub files: Vec<SourceFile>,
    /// CommonJS module cache: resolved path → module object.
    pub modules: HashMap<PathBuf, Value>,
    pub out: std::io::BufWriter<std::io::Stdout>,
    /// Nesting of Rust → JS re-entries (natives calling back, getters, toString…).
    pub native_depth: u32,
    pub exit_code: Option<i32>,
    pub small_int_strings: Vec<Value>,
    char_strings: Vec<Value>,
    pub(crate) null_root_shape: Option<Gc<Shape>>,
    pub proto_atom: Atom,
    /// Values that Rust code keeps alive across calls into JS (the collector's handle stack).
    pub handles: Vec<Value>,
    /// Every compiled function, in compilation order (for --print-feedback and the collector).
    pub codes: Vec<Rc<FunctionCode>>,
    /// Arrays being joined (cycle detection for Array.prototype.join/toString).
    pub join_stack: Vec<Value>,
    /// Natives active on the Rust stack that hold unrooted heap values: no collection while > 0.
    pub gc_blocked: u32,
    pub start_time: std::time::Instant,
    pub rng_state: u64,
    pub script_args: Vec<String>,
    /// The optimizing tier (code, exit sites, statistics).
    pub jit: crate::jit::JitEngine,
}

impl Engine {
    pub fn new(options: Options) -> Engine {
        let options_stress = options.stress_deopt_every;
        let placeholder = Value::UNDEFINED;
        let mut e = Engine {
            heap: Heap::new(),
            atoms: AtomTable::default(),
            realm: Realm {
                global: placeholder,
                object_proto: placeholder,
                function_proto: placeholder,
                array_proto: placeholder,
                string_proto: placeholder,
                number_proto: placeholder,
                boolean_proto: placeholder,
                error_proto: placeholder,
                type_error_proto: placeholder,
                range_error_proto: placeholder,
                reference_error_proto: placeholder,
                syntax_error_proto: placeholder,
                map_proto: placeholder,
                set_proto: placeholder,
                iterator_proto: placeholder,
                object_ctor: placeholder,
                array_ctor: placeholder,
            },
            stack: RegisterStack::new(options.stack_values),
            options,
            // Never reallocated below the frame limit (the pages are touched only as deep as
            // the program recurses): compiled code pushes frames inline and would otherwise
            // leave for the helper that grows the vector.
            frames: Vec::with_capacity(crate::interp::MAX_FRAMES + 8),
            files: Vec::new(),
            modules: HashMap::new(),
            out: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()),
            native_depth: 0,
            exit_code: None,
            small_int_strings: Vec::new(),
            char_strings: Vec::new(),
            null_root_shape: None,
            proto_atom: Atom(0),
            handles: Vec::new(),
            gc_blocked: 0,
            join_stack: Vec::new(),
            codes: Vec::new(),
            start_time: std::time::Instant::now(),
            rng_state: 0x2545F4914F6CDD1D,
            script_args: Vec::new(),
            jit: crate::jit::JitEngine { stress_counter: options_stress as i32, ..Default::default() },
        };
        for s in WELL_KNOWN_ATOMS {
            e.intern(s);
        }
        e.proto_atom = e.intern("__proto__");
        for i in 0..1024 {
            let a = e.intern(&i.to_string());
            let v = e.atom_value(a);
            e.small_int_strings.push(v);
        }
        for c in 0..128u16 {
            let a = e.intern_units(&[c]);
            let v = e.atom_value(a);
            e.char_strings.push(v);
        }
        builtins::init_realm(&mut e);
        if e.options.allow_natives {
            crate::jit::natives::install(&mut e);
        }
        e
    }

    // ---------------------------------------------------------------- strings

    pub fn intern(&mut self, s: &str) -> Atom {
        let units: Vec<u16> = s.encode_utf16().collect();
        self.intern_units(&units)
    }
    pub fn intern_units(&mut self, units: &[u16]) -> Atom {
        if let Some(a) = self.atoms.lookup(units) {
            return a;
        }
        let s = self.heap.alloc(JsString::flat(units.into()));
        self.atoms.insert(units.into(), s)
    }
    pub fn atom_value(&self, a: Atom) -> Value {
        Value::from_string(self.atoms.string(a))
    }
    pub fn intern_value(&mut self, s: &str) -> Value {
        let a = self.intern(s);
        self.atom_value(a)
    }
    /// A new (not interned) string.
    pub fn str(&mut self, s: &str) -> Value {
        let units: Vec<u16> = s.encode_utf16().collect();
        self.str_units(units)
    }
    pub fn str_units(&mut self, units: Vec<u16>) -> Value {
        if units.len() == 1 && units[0] < 128 {
            return self.char_strings[units[0] as usize];
        }
        Value::from_string(self.heap.alloc(JsString::flat(units.into_boxed_slice())))
    }
    pub fn char_string(&mut self, c: u16) -> Value {
        if c < 128 {
            return self.char_strings[c as usize];
        }
        self.str_units(vec![c])
    }
    /// String concatenation; long results become ropes.
    pub fn concat(&mut self, a: Value, b: Value) -> JsResult<Value> {
        let (sa, sb) = (a.as_string(), b.as_string());
        if sa.is_empty() {
            return Ok(b);
        }
        if sb.is_empty() {
            return Ok(a);
        }
        let len = sa.len() + sb.len();
        if len > MAX_STRING_LEN {
            return Err(self.range_error("Invalid string length"));
        }
        if len < 24 {
            let mut u = Vec::with_capacity(len);
            u.extend_from_slice(sa.units());
            u.extend_from_slice(sb.units());
            return Ok(self.str_units(u));
        }
        Ok(Value::from_string(self.heap.alloc(JsString::rope(sa, sb))))
    }

    // ---------------------------------------------------------------- objects

    /// The root shape of objects with prototype `proto`.
    pub fn root_shape(&mut self, proto: Value) -> Gc<Shape> {
        if proto.is_object() {
            let p = proto.as_object();
            if let Some(s) = p.child_root_shape {
                return s;
            }
            let id = object::next_shape_id(&mut self.heap);
            let s = self.heap.alloc(Shape::root(proto, id));
            p.get_mut().child_root_shape = Some(s);
            s
        } else {
            if let Some(s) = self.null_root_shape {
                return s;
            }
            let id = object::next_shape_id(&mut self.heap);
            let s = self.heap.alloc(Shape::root(Value::NULL, id));
            self.null_root_shape = Some(s);
            s
        }
    }

    pub fn new_object_with_proto(&mut self, proto: Value, class: ObjClass) -> Value {
        let shape = self.root_shape(proto);
        Value::from_object(self.heap.alloc(JsObject::new(shape, class)))
    }
    pub fn new_object(&mut self) -> Value {
        let p = self.realm.object_proto;
        self.new_object_with_proto(p, ObjClass::Ordinary)
    }
    pub fn new_array(&mut self, elems: Vec<Value>) -> Value {
        let p = self.realm.array_proto;
        let a = self.new_object_with_proto(p, ObjClass::Array);
        let o = a.as_object().get_mut();
        o.array_len = elems.len() as u32;
        o.elements = elems;
        a
    }

    pub fn is_callable(&self, v: Value) -> bool {
        v.is_object() && v.as_object().is_callable()
    }
    pub fn is_constructor(&self, v: Value) -> bool {
        if !v.is_object() {
            return false;
        }
        match v.as_object().function() {
            Some(FunctionKind::Closure { code, .. }) => matches!(
                code.kind,
                crate::frontend::bytecode::FunctionKind::Normal
                    | crate::frontend::bytecode::FunctionKind::ClassConstructor
                    | crate::frontend::bytecode::FunctionKind::DerivedConstructor
            ),
            Some(FunctionKind::Native { ctor, .. }) => *ctor,
            Some(FunctionKind::Bound { target, .. }) => self.is_constructor(*target),
            None => false,
        }
    }

    /// A built-in function object.
    pub fn native_function(&mut self, name: &str, length: u32, f: NativeFn, ctor: bool) -> Value {
        let p = self.realm.function_proto;
        let fv = self.new_object_with_proto(p, ObjClass::Function(FunctionKind::Native { f, ctor, data: Value::UNDEFINED }));
        let o = fv.as_object();
        add_named(&mut self.heap, o, atoms::LENGTH, CONFIGURABLE, Value::int(length as i32));
        let n = self.intern_value(name);
        add_named(&mut self.heap, o, atoms::NAME, CONFIGURABLE, n);
        fv
    }

    /// Defines a built-in method on `target`.
    pub fn define_native(&mut self, target: Value, name: &str, length: u32, f: NativeFn) -> Value {
        let fv = self.native_function(name, length, f, false);
        let a = self.intern(name);
        self.define_data(target.as_object(), PropKey::Atom(a), fv, METHOD_ATTRS);
        fv
    }

    /// A closure over `env` for compiled function `code`.
    pub fn new_closure(&mut self, code: Rc<FunctionCode>, env: Option<Gc<object::Context>>) -> Value {
        use crate::frontend::bytecode::FunctionKind as K;
        let p = self.realm.function_proto;
        let kind = code.kind;
        let atom = match code.name_atom.get() {
            u32::MAX => {
                let a = self.intern(&code.name);
                code.name_atom.set(a.0);
                a
            }
            a => Atom(a),
        };
        let name = self.atom_value(atom);
        let length = code.length;
        crate::jit::note_closure(self, &code, env.map_or(0, |c| c.addr()));
        let fv = self.new_object_with_proto(p, ObjClass::Function(FunctionKind::Closure { code, env, home: Value::UNDEFINED, fields: Value::UNDEFINED }));
        let o = fv.as_object();
        add_named(&mut self.heap, o, atoms::LENGTH, CONFIGURABLE, Value::int(length as i32));
        add_named(&mut self.heap, o, atoms::NAME, CONFIGURABLE, name);
        if kind == K::Normal {
            let proto = self.new_object();
            add_named(&mut self.heap, proto.as_object(), atoms::CONSTRUCTOR, METHOD_ATTRS, fv);
            add_named(&mut self.heap, o, atoms::PROTOTYPE, shape::WRITABLE, proto);
        }
        if kind == K::ClassConstructor || kind == K::DerivedConstructor {
            let om = o.get_mut();
            om.flags |= object::CLASS_CTOR;
            if kind == K::DerivedConstructor {
                om.flags |= object::DERIVED_CTOR;
            }
        }
        fv
    }

    // ---------------------------------------------------------------- errors

    /// A new error object of the given prototype, with `message` and a `stack` of the current frames.
    pub fn make_error(&mut self, proto: Value, msg: &str) -> Value {
        let e = self.new_object_with_proto(proto, ObjClass::Error);
        let m = self.str(msg);
        self.define_data(e.as_object(), PropKey::Atom(atoms::MESSAGE), m, METHOD_ATTRS);
        self.attach_stack(e);
        e
    }

    /// Sets `stack` to "Name: message\n    at f (file:line:col)…".
    pub fn attach_stack(&mut self, e: Value) {
        // Reading name/message may run getters: keep the new error rooted meanwhile.
        self.handles.push(e);
        self.attach_stack_rooted(e);
        self.handles.pop();
    }

    fn attach_stack_rooted(&mut self, e: Value) {
        let name = self.get(e, PropKey::Atom(atoms::NAME)).ok().filter(|v| v.is_string()).map(|v| v.as_string().to_rust_string()).unwrap_or_else(|| "Error".into());
        let msg = self.get(e, PropKey::Atom(atoms::MESSAGE)).ok().filter(|v| v.is_string()).map(|v| v.as_string().to_rust_string()).unwrap_or_default();
        let mut s = if msg.is_empty() { name } else { format!("{}: {}", name, msg) };
        for line in self.stack_trace_lines(10) {
            s.push_str("\n    at ");
            s.push_str(&line);
        }
        let v = self.str(&s);
        self.define_data(e.as_object(), PropKey::Atom(atoms::STACK), v, METHOD_ATTRS);
    }

    /// One line per active JS frame (inlined frames of compiled code included), innermost
    /// first, at most `max`: `f (file:line:col)`.
    pub fn stack_trace_lines(&self, max: usize) -> Vec<String> {
        // (code, pc) of each frame, innermost first; only the first `max` are formatted.
        let mut spots: Vec<(crate::frontend::bytecode::CodeRef, usize)> = Vec::new();
        for f in self.frames.iter().rev() {
            if spots.len() >= max {
                break;
            }
            if f.inline_site != 0 {
                // SAFETY: a compiled frame's inline_site names an ExitSite the engine owns.
                let site = unsafe { &*(f.inline_site as *const crate::deopt::ExitSite) };
                // The inlined frames, innermost first: each is at the call of the one inside it.
                let mut pc = site.pc as usize;
                for fr in site.frames.iter().rev() {
                    spots.push((fr.code, pc));
                    pc = fr.call_pc as usize;
                }
            }
            spots.push((f.code, f.pc));
        }
        spots.truncate(max);
        spots
            .into_iter()
            .map(|(code, pc)| {
                let pos = code.positions.get(pc).copied().unwrap_or(code.start);
                let file = &self.files[code.file as usize];
                let (l, c) = file.line_col(pos);
                if code.name.is_empty() || code.kind == crate::frontend::bytecode::FunctionKind::Script {
                    format!("{}:{}:{}", file.path, l, c)
                } else {
                    format!("{} ({}:{}:{})", code.name, file.path, l, c)
                }
            })
            .collect()
    }

    /// The source position (file:line:col) of the innermost JS frame.
    pub fn current_position(&self) -> Option<String> {
        let f = self.frames.last()?;
        let pos = f.code.positions.get(f.pc).copied().unwrap_or(f.code.start);
        let file = &self.files[f.code.file as usize];
        let (l, c) = file.line_col(pos);
        Some(format!("{}:{}:{}", file.path, l, c))
    }

    pub fn type_error(&mut self, msg: &str) -> Value {
        let p = self.realm.type_error_proto;
        self.make_error(p, msg)
    }
    pub fn range_error(&mut self, msg: &str) -> Value {
        let p = self.realm.range_error_proto;
        self.make_error(p, msg)
    }
    pub fn reference_error(&mut self, msg: &str) -> Value {
        let p = self.realm.reference_error_proto;
        self.make_error(p, msg)
    }
    pub fn syntax_error(&mut self, msg: &str) -> Value {
        let p = self.realm.syntax_error_proto;
        self.make_error(p, msg)
    }

    /// Describes a value for error messages ("undefined", "x is not a function"…).
    pub fn describe(&mut self, v: Value) -> String {
        if v.is_string() {
            return format!("\"{}\"", v.as_string().to_rust_string());
        }
        if v.is_object() {
            if self.is_callable(v) {
                let n = self.get(v, PropKey::Atom(atoms::NAME)).ok().filter(|n| n.is_string()).map(|n| n.as_string().to_rust_string()).unwrap_or_default();
                return format!("function {}", n);
            }
            if v.as_object().is_array() {
                return "[object Array]".into();
            }
            return "#<Object>".into();
        }
        self.to_rust_string(v).unwrap_or_default()
    }

    // ---------------------------------------------------------------- output

    pub fn write_out(&mut self, s: &str) {
        let _ = self.out.write_all(s.as_bytes());
    }
    /// One line of --trace-tier/--trace-deopt output (stderr; program output flushed first so
    /// that the two streams interleave in order on a terminal).
    pub fn trace_line(&mut self, line: &str) {
        let _ = self.out.flush();
        eprintln!("{}", line);
    }

    pub fn flush(&mut self) {
        let _ = self.out.flush();
    }

    /// An allocation safepoint: collects garbage when a collection is due (or always under
    /// `--gc-stress`) and no native holds unrooted values. Ends the program when live data
    /// exceeds `--max-heap`.
    #[inline]
    pub fn safepoint(&mut self) -> JsResult<()> {
        // Under --gc-stress: at every safepoint reached after an allocation.
        if (self.heap.gc_requested || (self.options.gc_stress && self.heap.since_gc > 0)) && self.gc_blocked == 0 {
            self.collect_garbage();
            let limit = self.options.max_heap_mb << 20;
            if limit > 0 && self.heap.stats.live_bytes_after_last > limit {
                self.flush();
                eprintln!("FatalError: heap limit of {} MB reached", self.options.max_heap_mb);
                self.exit_code = Some(1);
                return Err(Value::EXIT);
            }
        }
        Ok(())
    }

    /// Marks a built-in function as safe to collect garbage under: it keeps no heap value in
    /// Rust locals across calls into JS (or roots them on `handles`).
    pub fn mark_gc_safe(&mut self, f: Value) {
        f.as_object().get_mut().flags |= object::GC_SAFE_NATIVE;
    }

    /// Calls a function with arguments from Rust (re-entering the interpreter when needed).
    pub fn call(&mut self, f: Value, this: Value, args: &[Value]) -> JsResult<Value> {
        crate::interp::call_value(self, f, this, args)
    }
    pub fn construct(&mut self, f: Value, args: &[Value], new_target: Value) -> JsResult<Value> {
        crate::interp::construct_value(self, f, args, new_target)
    }

    /// Native-call helper: the arguments of the currently running native.
    pub fn args_get(args: &Args, i: usize) -> Value {
        args.get(i)
    }
}
