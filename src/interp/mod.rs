//! The bytecode interpreter.
//!
//! All JS frames live in one register stack (`RegisterStack`); a call pushes a `Frame` whose
//! registers start right above the caller's. JS→JS calls and returns stay inside one `run` loop
//! (no Rust recursion); Rust code that calls JS (built-ins with callbacks, getters, valueOf…)
//! enters a nested `run` that ends when its entry frame returns.

pub mod feedback;
pub(crate) mod ic;
pub(crate) mod ops;
pub use ops::js_pow as ops_js_pow;

use crate::frontend::bytecode::{CodeRef, FunctionKind as CodeKind};
use crate::runtime::heap::Gc;
use crate::runtime::object::{Args, Context, FunctionKind, IterKind, IterState, JsResult, ObjClass, CLASS_CTOR, GC_SAFE_NATIVE};
use crate::runtime::string::{atoms, PropKey};
use crate::runtime::value::Value;
use crate::runtime::Engine;

/// The VM register stack: a fixed-capacity buffer that never moves, so native functions can
/// borrow their arguments from it while JS code runs above them.
pub struct RegisterStack {
    ptr: *mut Value,
    pub cap: usize,
}

impl RegisterStack {
    pub fn new(cap: usize) -> RegisterStack {
        let layout = Self::layout(cap);
        // SAFETY: non-zero layout; zeroed pages are committed lazily by the OS, so a large
        // capacity costs address space, not memory. Zero bits are the double 0.0 — a valid Value.
        let ptr = unsafe { std::alloc::alloc_zeroed(layout) } as *mut Value;
        if ptr.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        RegisterStack { ptr, cap }
    }
    /// `cap` values, and room above them for the inlined frames of compiled code running in
    /// the last frame that fits (frame pushes check `cap`; compiled code never reserves more
    /// than `INLINE_WINDOW_MAX` registers above its frame).
    fn layout(cap: usize) -> std::alloc::Layout {
        std::alloc::Layout::array::<Value>(cap + INLINE_WINDOW_MAX).expect("stack size")
    }
    #[inline(always)]
    pub fn at(&self, i: usize) -> *mut Value {
        debug_assert!(i < self.cap + INLINE_WINDOW_MAX);
        // SAFETY: callers keep i < cap (checked when frames are pushed).
        unsafe { self.ptr.add(i) }
    }
    /// The values in [from, from+len) — valid until those slots are overwritten.
    pub fn slice(&self, from: usize, len: usize) -> &'static [Value] {
        // SAFETY: the buffer never moves or shrinks while the engine lives; see `at`.
        unsafe { std::slice::from_raw_parts(self.ptr.add(from), len) }
    }
}

impl Drop for RegisterStack {
    fn drop(&mut self) {
        let layout = Self::layout(self.cap);
        // SAFETY: allocated in `new` with the same layout.
        unsafe { std::alloc::dealloc(self.ptr as *mut u8, layout) }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FrameKind {
    /// Called from JS: the result goes to the caller's `ret_dst` register.
    Normal,
    /// `new` from JS: a non-object result is replaced by `this`.
    Construct,
    /// Entered from Rust: returning ends the current `run`.
    Entry,
    EntryConstruct,
}

pub struct Frame {
    pub code: CodeRef,
    pub callee: Value,
    pub this: Value,
    pub new_target: Value,
    pub ctx: Option<Gc<Context>>,
    /// Register r0 is at this stack index.
    pub base: usize,
    /// The call's arguments (for `arguments` and rest parameters).
    pub args_base: usize,
    pub argc: u32,
    pub pc: usize,
    pub ret_dst: u32,
    pub kind: FrameKind,
    /// While compiled code makes a call from one of its inlined frames (whose registers it
    /// keeps above the frame's own): that call's `deopt::ExitSite`, which says which of those
    /// registers the collector scans and which frames stack traces list; else 0.
    pub inline_site: usize,
}

impl Frame {
    /// One past this frame's last register: where a frame it calls starts.
    #[inline(always)]
    pub fn top(&self) -> usize {
        self.base + self.code.nregs as usize
    }

    /// The context `depth` levels up from this frame's current one (LoadCtx/StoreCtx; the
    /// compiler only emits them where that context exists).
    pub fn context(&self, depth: u32) -> Gc<Context> {
        let mut c = self.ctx.expect("frame has a context");
        for _ in 0..depth {
            c = c.parent.expect("context has a parent");
        }
        c
    }
}

/// Most frames of JS recursion before a RangeError (the register stack has its own limit).
pub const MAX_FRAMES: usize = 20_000;
/// Most registers compiled code keeps above its frame for inlined frames (the stack has room for
/// them above its capacity).
pub const INLINE_WINDOW_MAX: usize = 256;
/// Deepest nesting of Rust → JS re-entry.
pub const MAX_NATIVE_DEPTH: u32 = 400;

/// Calls `f` from Rust.
pub fn call_value(e: &mut Engine, f: Value, this: Value, args: &[Value]) -> JsResult<Value> {
    if !f.is_object() {
        let d = e.describe(f);
        return Err(e.type_error(&format!("{} is not a function", d)));
    }
    let o = f.as_object();
    match o.function() {
        Some(FunctionKind::Native { f: nf, .. }) => {
            let nf = *nf;
            enter_native(e)?;
            let block = (o.flags & GC_SAFE_NATIVE == 0) as u32;
            e.gc_blocked += block;
            let r = nf(e, &Args { this, args, new_target: Value::UNDEFINED, callee: f });
            e.gc_blocked -= block;
            e.native_depth -= 1;
            r
        }
        Some(FunctionKind::Bound { target, this: bt, args: bargs }) => {
            let (t, bt) = (*target, *bt);
            let mut all = bargs.clone();
            all.extend_from_slice(args);
            call_value(e, t, bt, &all)
        }
        Some(FunctionKind::Closure { code, .. }) => {
            if o.flags & CLASS_CTOR != 0 {
                let n = code.name.clone();
                return Err(e.type_error(&format!("Class constructor {} cannot be invoked without 'new'", n)));
            }
            let code = CodeRef::new(code);
            enter_native(e)?;
            let base = e.frames.last().map(|fr| fr.top()).unwrap_or(0);
            let r = push_frame(e, code, f, this, Value::UNDEFINED, base, args, FrameKind::Entry, 0).and_then(|_| run_entry(e));
            e.native_depth -= 1;
            r
        }
        None => {
            let d = e.describe(f);
            Err(e.type_error(&format!("{} is not a function", d)))
        }
    }
}

fn enter_native(e: &mut Engine) -> JsResult<()> {
    if e.native_depth >= MAX_NATIVE_DEPTH {
        return Err(e.range_error("Maximum call stack size exceeded"));
    }
    e.native_depth += 1;
    Ok(())
}

/// `new f(...args)` from Rust.
pub fn construct_value(e: &mut Engine, f: Value, args: &[Value], new_target: Value) -> JsResult<Value> {
    if !e.is_constructor(f) {
        let d = e.describe(f);
        return Err(e.type_error(&format!("{} is not a constructor", d)));
    }
    let o = f.as_object();
    match o.function() {
        Some(FunctionKind::Native { f: nf, .. }) => {
            let nf = *nf;
            enter_native(e)?;
            let block = (o.flags & GC_SAFE_NATIVE == 0) as u32;
            e.gc_blocked += block;
            let r = nf(e, &Args { this: Value::UNDEFINED, args, new_target, callee: f });
            e.gc_blocked -= block;
            e.native_depth -= 1;
            r
        }
        Some(FunctionKind::Bound { target, args: bargs, .. }) => {
            let t = *target;
            let mut all = bargs.clone();
            all.extend_from_slice(args);
            let nt = if new_target == f { t } else { new_target };
            construct_value(e, t, &all, nt)
        }
        Some(FunctionKind::Closure { code, .. }) => {
            let code = CodeRef::new(code);
            let this = if code.kind == CodeKind::DerivedConstructor { Value::EMPTY } else { ordinary_create_from_constructor(e, new_target)? };
            enter_native(e)?;
            let base = e.frames.last().map(|fr| fr.top()).unwrap_or(0);
            let r = push_frame(e, code, f, this, new_target, base, args, FrameKind::EntryConstruct, 0).and_then(|_| run_entry(e));
            e.native_depth -= 1;
            r
        }
        None => unreachable!(),
    }
}

/// OrdinaryCreateFromConstructor: a new object whose prototype is `new_target.prototype`.
pub fn ordinary_create_from_constructor(e: &mut Engine, new_target: Value) -> JsResult<Value> {
    let p = e.get(new_target, PropKey::Atom(atoms::PROTOTYPE))?;
    let proto = if p.is_object() { p } else { e.realm.object_proto };
    Ok(e.new_object_with_proto(proto, ObjClass::Ordinary))
}

/// Pushes a frame for a closure call at stack index `base`, copying the arguments.
#[allow(clippy::too_many_arguments)]
fn push_frame(e: &mut Engine, code: CodeRef, callee: Value, this: Value, new_target: Value, base: usize, args: &[Value], kind: FrameKind, ret_dst: u32) -> JsResult<()> {
    let env = match callee.as_object().function() {
        Some(FunctionKind::Closure { env, .. }) => *env,
        _ => None,
    };
    push_frame_env(e, code, env, callee, this, new_target, base, args, kind, ret_dst)
}

/// `push_frame` with the closure's context already known.
#[allow(clippy::too_many_arguments)]
#[inline]
pub(crate) fn push_frame_env(e: &mut Engine, code: CodeRef, env: Option<Gc<Context>>, callee: Value, this: Value, new_target: Value, base: usize, args: &[Value], kind: FrameKind, ret_dst: u32) -> JsResult<()> {
    let argc = args.len();
    let nparams = code.nparams as usize;
    code.feedback.count_call();
    let (args_base, regs_base) = if code.needs_args { (base, base + argc) } else { (base, base) };
    let top = regs_base + code.nregs as usize;
    if top >= e.stack.cap || e.frames.len() >= MAX_FRAMES {
        return Err(e.range_error("Maximum call stack size exceeded"));
    }
    // Arguments may alias the destination (a JS caller's argument registers are below `base`,
    // and Rust callers pass their own slices), so copy through a forward loop that only writes
    // at or above `base`.
    if code.needs_args {
        for (i, a) in args.iter().enumerate() {
            unsafe { *e.stack.at(args_base + i) = *a };
        }
    }
    let ncopy = nparams.min(argc);
    let regs = e.stack.at(regs_base);
    // SAFETY: regs_base + nregs < cap was checked above.
    unsafe {
        std::ptr::copy(args.as_ptr(), regs, ncopy);
        for i in ncopy..code.nregs as usize {
            *regs.add(i) = Value::UNDEFINED;
        }
    }
    let len = e.frames.len();
    if len < e.frames.capacity() {
        // SAFETY: len < capacity, so slot `len` is allocated and unused; every field is written
        // before `set_len` makes it part of the vector. Writing field by field (instead of
        // `push`ing a struct built on the stack) avoids a store-forwarding stall on every call.
        unsafe {
            let p = e.frames.as_mut_ptr().add(len);
            std::ptr::addr_of_mut!((*p).code).write(code);
            std::ptr::addr_of_mut!((*p).callee).write(callee);
            std::ptr::addr_of_mut!((*p).this).write(this);
            std::ptr::addr_of_mut!((*p).new_target).write(new_target);
            std::ptr::addr_of_mut!((*p).ctx).write(env);
            std::ptr::addr_of_mut!((*p).base).write(regs_base);
            std::ptr::addr_of_mut!((*p).args_base).write(args_base);
            std::ptr::addr_of_mut!((*p).argc).write(argc as u32);
            std::ptr::addr_of_mut!((*p).pc).write(0);
            std::ptr::addr_of_mut!((*p).ret_dst).write(ret_dst);
            std::ptr::addr_of_mut!((*p).inline_site).write(0);
            std::ptr::addr_of_mut!((*p).kind).write(kind);
            e.frames.set_len(len + 1);
        }
    } else {
        e.frames.push(Frame { code, callee, this, new_target, ctx: env, base: regs_base, args_base, argc: argc as u32, pc: 0, ret_dst, kind, inline_site: 0 });
    }
    Ok(())
}

/// Runs a freshly pushed entry frame: in compiled code when the function has (or now gets)
/// some, else in the interpreter; a deopt continues the frame in the interpreter.
pub fn run_entry(e: &mut Engine) -> JsResult<Value> {
    if e.options.jit {
        match crate::jit::on_call(e) {
            Some(crate::jit::Outcome::Returned(v)) => return Ok(finish_return(e, v)),
            Some(crate::jit::Outcome::Deopted) => {}
            Some(crate::jit::Outcome::Threw(x)) => return run_from(e, Some(x)),
            None => {}
        }
    }
    run(e)
}

/// Pops the top frame after compiled code returned `v` from it; a construct frame's
/// non-object result is replaced by `this`.
pub fn finish_return(e: &mut Engine, v: Value) -> Value {
    let f = e.frames.pop().unwrap();
    if matches!(f.kind, FrameKind::Construct | FrameKind::EntryConstruct) && !v.is_object() {
        f.this
    } else {
        v
    }
}

/// Pops the top frame, which returns `v` (a construct frame's non-object result becomes
/// `this`): Some(value) when it was an entry frame (its run ends); otherwise the value lands in
/// the caller's destination register and the caller resumes after its call.
#[inline(always)]
pub(crate) fn return_from_frame(e: &mut Engine, v: Value) -> Option<Value> {
    let f = e.frames.pop().unwrap();
    let v = if matches!(f.kind, FrameKind::Construct | FrameKind::EntryConstruct) && !v.is_object() { f.this } else { v };
    if matches!(f.kind, FrameKind::Entry | FrameKind::EntryConstruct) {
        return Some(v);
    }
    let caller = e.frames.last_mut().unwrap();
    caller.pc += 1;
    let cb = caller.base;
    // SAFETY: the caller's registers are below the popped frame, inside the stack.
    unsafe { *e.stack.at(cb + f.ret_dst as usize) = v };
    None
}

/// A call made by compiled code: closures run on a new entry frame (compiled or interpreted)
/// without counting as a native re-entry (the frame limit bounds the depth); natives and
/// bound functions take the generic path.
pub fn call_from_jit(e: &mut Engine, f: Value, this: Value, args: &[Value]) -> JsResult<Value> {
    if f.is_object() {
        let fo = f.as_object();
        if let Some(FunctionKind::Closure { code, env, .. }) = fo.function() {
            if fo.flags & CLASS_CTOR == 0 {
                let (code, env) = (CodeRef::new(code), *env);
                let base = e.frames.last().map(|fr| fr.top()).unwrap_or(0);
                push_frame_env(e, code, env, f, this, Value::UNDEFINED, base, args, FrameKind::Entry, 0)?;
                return run_entry(e);
            }
        }
    }
    call_value(e, f, this, args)
}

/// `new f(...args)` made by compiled code (see `call_from_jit`).
pub fn construct_from_jit(e: &mut Engine, f: Value, args: &[Value]) -> JsResult<Value> {
    if f.is_object() {
        if let Some(FunctionKind::Closure { code: c, .. }) = f.as_object().function() {
            if c.kind == CodeKind::Normal || c.kind == CodeKind::ClassConstructor || c.kind == CodeKind::DerivedConstructor {
                let c = CodeRef::new(c);
                let this = if c.kind == CodeKind::DerivedConstructor { Value::EMPTY } else { ordinary_create_from_constructor(e, f)? };
                let base = e.frames.last().map(|fr| fr.top()).unwrap_or(0);
                push_frame(e, c, f, this, f, base, args, FrameKind::EntryConstruct, 0)?;
                return run_entry(e);
            }
        }
    }
    construct_value(e, f, args, f)
}

/// Runs the top frames until the entry frame returns.
pub fn run(e: &mut Engine) -> JsResult<Value> {
    run_from(e, None)
}

/// `run`, starting with an exception thrown at the top frame's pc (by compiled code).
pub fn run_from(e: &mut Engine, mut pending: Option<Value>) -> JsResult<Value> {
    loop {
        let res = match pending.take() {
            Some(x) => Err(x),
            None => ops::execute(e),
        };
        match res {
            Ok(v) => return Ok(v),
            Err(exc) => {
                // Unwind to a handler, or out of this run.
                if exc == Value::EXIT {
                    unwind_entry(e);
                    return Err(exc);
                }
                loop {
                    let f = e.frames.last().unwrap();
                    let pc = f.pc as u32;
                    let h = f.code.handlers.iter().find(|h| pc >= h.start && pc < h.end).copied();
                    if let Some(h) = h {
                        let f = e.frames.last_mut().unwrap();
                        f.pc = h.target as usize;
                        let base = f.base;
                        unsafe { *e.stack.at(base + h.exc.0 as usize) = exc };
                        break;
                    }
                    let f = e.frames.pop().unwrap();
                    if matches!(f.kind, FrameKind::Entry | FrameKind::EntryConstruct) {
                        return Err(exc);
                    }
                }
            }
        }
    }
}

/// Pops frames up to and including the current entry frame (process.exit unwinding).
fn unwind_entry(e: &mut Engine) {
    while let Some(f) = e.frames.pop() {
        if matches!(f.kind, FrameKind::Entry | FrameKind::EntryConstruct) {
            break;
        }
    }
}

/// Creates the iterator for for-of / spread / destructuring (§7.4.1 GetIterator, for the
/// iterables of the subset).
pub fn get_iterator(e: &mut Engine, v: Value) -> JsResult<Value> {
    let state = if v.is_string() {
        IterState::String { s: v, next: 0 }
    } else if v.is_object() {
        let o = v.as_object();
        match &o.class {
            ObjClass::Array | ObjClass::Arguments => IterState::Array { obj: v, next: 0, kind: IterKind::Values },
            ObjClass::Map(_) => IterState::Map { map: v, next: 0, kind: IterKind::Entries },
            ObjClass::Set(_) => IterState::Set { set: v, next: 0, kind: IterKind::Values },
            ObjClass::Iterator(_) => return Ok(v),
            ObjClass::Primitive(s) if s.is_string() => IterState::String { s: *s, next: 0 },
            _ => {
                // A user object with a `next` method (iterator protocol without Symbol.iterator).
                let d = e.describe(v);
                return Err(e.type_error(&format!("{} is not iterable", d)));
            }
        }
    } else {
        let d = e.describe(v);
        let d = if v.is_nullish() { d } else { d };
        return Err(e.type_error(&format!("{} is not iterable", d)));
    };
    Ok(new_iterator(e, state))
}

pub fn new_iterator(e: &mut Engine, state: IterState) -> Value {
    let p = e.realm.iterator_proto;
    e.new_object_with_proto(p, ObjClass::Iterator(state))
}

/// Advances a built-in iterator: Some(value) or None when done.
pub fn iterator_step(e: &mut Engine, it: Value) -> JsResult<Option<Value>> {
    let o = it.as_object();
    let state = match &mut o.get_mut().class {
        ObjClass::Iterator(s) => s,
        _ => return Err(e.type_error("not an iterator")),
    };
    match state {
        IterState::Array { obj, next, kind } => {
            let (obj, i, kind) = (*obj, *next, *kind);
            let len = if obj.as_object().is_array() {
                obj.as_object().array_len as f64
            } else {
                let l = e.get(obj, PropKey::Atom(atoms::LENGTH))?;
                e.to_integer(l)?
            };
            if (i as f64) >= len {
                set_done(o);
                return Ok(None);
            }
            if let ObjClass::Iterator(IterState::Array { next, .. }) = &mut o.get_mut().class {
                *next = i + 1;
            }
            let v = match kind {
                IterKind::Keys => Value::int(i as i32),
                IterKind::Values => e.get(obj, PropKey::Index(i))?,
                IterKind::Entries => {
                    let v = e.get(obj, PropKey::Index(i))?;
                    e.new_array(vec![Value::int(i as i32), v])
                }
            };
            Ok(Some(v))
        }
        IterState::String { s, next } => {
            let units = s.as_string().units();
            let i = *next as usize;
            if i >= units.len() {
                *state = IterState::Done;
                return Ok(None);
            }
            let c = units[i];
            let n = if (0xD800..0xDC00).contains(&c) && i + 1 < units.len() && (0xDC00..0xE000).contains(&units[i + 1]) { 2 } else { 1 };
            *next += n as u32;
            let v = if n == 1 { e.char_string(c) } else { e.str_units(units[i..i + 2].to_vec()) };
            Ok(Some(v))
        }
        IterState::Map { map, next, kind } | IterState::Set { set: map, next, kind } => {
            let (m, kind) = (*map, *kind);
            let mo = m.as_object();
            let entries = match &mo.class {
                ObjClass::Map(om) | ObjClass::Set(om) => &om.entries,
                _ => unreachable!(),
            };
            let is_set = matches!(m.as_object().class, ObjClass::Set(_));
            while *next < entries.len() {
                let i = *next;
                *next += 1;
                if let Some((k, v)) = entries[i] {
                    let r = match kind {
                        IterKind::Keys => k,
                        IterKind::Values => {
                            if is_set {
                                k
                            } else {
                                v
                            }
                        }
                        IterKind::Entries => {
                            let second = if is_set { k } else { v };
                            e.new_array(vec![k, second])
                        }
                    };
                    return Ok(Some(r));
                }
            }
            *state = IterState::Done;
            Ok(None)
        }
        IterState::Done => Ok(None),
    }
}

fn set_done(o: Gc<crate::runtime::object::JsObject>) {
    if let ObjClass::Iterator(s) = &mut o.get_mut().class {
        *s = IterState::Done;
    }
}

/// Collects every value of an iterable (spread, Array.from).
pub fn iterate_to_vec(e: &mut Engine, v: Value) -> JsResult<Vec<Value>> {
    if v.is_object() && v.as_object().is_array() {
        let o = v.as_object();
        if o.sparse.is_none() && o.elements.len() == o.array_len as usize && !o.elements.contains(&Value::HOLE) {
            return Ok(o.elements.clone());
        }
    }
    let it = get_iterator(e, v)?;
    // The iterator and every value produced so far live on the handle stack:
    // `iterator_step` may run arbitrary JS (a `next` method, getters) that collects.
    let base = e.handles.len();
    e.handles.push(it);
    let r = loop {
        match iterator_step(e, it) {
            Ok(Some(x)) => e.handles.push(x),
            Ok(None) => break Ok(e.handles[base + 1..].to_vec()),
            Err(x) => break Err(x),
        }
    };
    e.handles.truncate(base);
    r
}
