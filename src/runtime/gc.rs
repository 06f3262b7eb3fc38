//! The garbage collector: precise, non-moving mark-sweep over `Heap`'s cells.
//!
//! Roots: every live register of every frame, the frames' callee/this/new.target/context, the
//! realm's intrinsics and global object, the atom table, the module cache, and the handle stack.
//! Collections only happen at interpreter safepoints (see `Engine::safepoint`), where all values of
//! running JS code are in those roots. Natives that hold heap values in Rust locals while calling
//! back into JS block collection (`gc_blocked`) unless they root those values on the handle stack.

use crate::runtime::heap::{CellKind, GcBox, GcHeader};
use crate::runtime::object::{Accessor, Context, FunctionKind, IterState, JsObject, ObjClass};
use crate::runtime::shape::Shape;
use crate::runtime::string::JsString;
use crate::runtime::value::Value;
use crate::runtime::Engine;
use std::ptr::NonNull;

struct Marker<'a> {
    stack: Vec<NonNull<GcHeader>>,
    /// Bytes of the cells marked so far (the live heap after marking).
    live: u64,
    /// Verifier mode: every followed pointer must be one of these live cells.
    check: Option<&'a std::collections::HashSet<usize>>,
}

impl Marker<'_> {
    #[inline]
    fn header(&mut self, h: NonNull<GcHeader>) {
        if let Some(live) = self.check {
            assert!(live.contains(&(h.as_ptr() as usize)), "heap verifier: reference to a freed cell {:p}", h.as_ptr());
        }
        // SAFETY: only pointers to live cells reach the marker (roots and fields of live cells).
        let hdr = unsafe { h.as_ref() };
        if !hdr.marked.get() {
            hdr.marked.set(true);
            // SAFETY: h is a live cell of the heap.
            self.live += unsafe { crate::runtime::heap::Heap::cell_bytes(h) };
            self.stack.push(h);
        }
    }
    #[inline]
    fn value(&mut self, v: Value) {
        if let Some(p) = v.heap_header() {
            self.header(NonNull::new(p).unwrap());
        }
    }
    fn cell<T>(&mut self, g: crate::runtime::heap::Gc<T>) {
        self.header(NonNull::new(g.addr() as *mut GcHeader).unwrap());
    }

    /// Marks everything reachable from the cells on the mark stack (iteratively: object graphs
    /// such as long linked lists are deeper than any native stack).
    fn drain(&mut self) {
        while let Some(h) = self.stack.pop() {
            // SAFETY: h is a marked live cell; the kind tells its Rust type.
            unsafe {
                match (*h.as_ptr()).kind {
                    CellKind::Object => self.object(&(*h.cast::<GcBox<JsObject>>().as_ptr()).value),
                    CellKind::String => {
                        let s = &(*h.cast::<GcBox<JsString>>().as_ptr()).value;
                        if let Some((a, b)) = s.rope_parts() {
                            self.cell(a);
                            self.cell(b);
                        }
                    }
                    CellKind::Shape => {
                        let s = &(*h.cast::<GcBox<Shape>>().as_ptr()).value;
                        let mut shapes = Vec::new();
                        s.for_each_ref(|v| self.value(v), |c| shapes.push(c));
                        for c in shapes {
                            self.cell(c);
                        }
                    }
                    CellKind::Context => {
                        let c = &(*h.cast::<GcBox<Context>>().as_ptr()).value;
                        if let Some(p) = c.parent {
                            self.cell(p);
                        }
                        for &v in &c.slots {
                            self.value(v);
                        }
                    }
                    CellKind::Accessor => {
                        let a = &(*h.cast::<GcBox<Accessor>>().as_ptr()).value;
                        self.value(a.getter);
                        self.value(a.setter);
                    }
                }
            }
        }
    }

    fn object(&mut self, o: &JsObject) {
        self.cell(o.shape);
        if let Some(s) = o.child_root_shape {
            self.cell(s);
        }
        for &v in &o.slots {
            self.value(v);
        }
        for &v in &o.elements {
            self.value(v);
        }
        if let Some(m) = &o.sparse {
            for e in m.values() {
                self.value(e.value);
            }
        }
        match &o.class {
            ObjClass::Ordinary | ObjClass::Array | ObjClass::Error | ObjClass::Arguments => {}
            ObjClass::Function(f) => match f {
                FunctionKind::Closure { env, home, fields, code } => {
                    if let Some(c) = env {
                        self.cell(*c);
                    }
                    self.value(*home);
                    self.value(*fields);
                    // Constants are numbers and interned strings (rooted by the atom table).
                    let _ = code;
                }
                FunctionKind::Native { data, .. } => self.value(*data),
                FunctionKind::Bound { target, this, args } => {
                    self.value(*target);
                    self.value(*this);
                    for &a in args {
                        self.value(a);
                    }
                }
            },
            ObjClass::Primitive(v) => self.value(*v),
            ObjClass::Map(m) | ObjClass::Set(m) => {
                for (k, v) in m.entries.iter().flatten() {
                    self.value(*k);
                    self.value(*v);
                }
            }
            ObjClass::Iterator(st) => match st {
                IterState::Array { obj, .. } => self.value(*obj),
                IterState::String { s, .. } => self.value(*s),
                IterState::Map { map, .. } => self.value(*map),
                IterState::Set { set, .. } => self.value(*set),
                IterState::Done => {}
            },
            ObjClass::ForIn(st) => {
                for &k in &st.keys {
                    self.value(k);
                }
                self.value(st.obj);
            }
        }
    }
}

impl Engine {
    /// Every root value, in no particular order.
    fn for_each_root(&self, m: &mut Marker) {
        for f in &self.frames {
            m.value(f.callee);
            m.value(f.this);
            m.value(f.new_target);
            if let Some(c) = f.ctx {
                m.cell(c);
            }
            let end = f.top();
            for &v in self.stack.slice(f.args_base, end - f.args_base) {
                m.value(v);
            }
            if f.inline_site != 0 {
                // A call from an inlined frame: the registers of the inlined frames it wrote.
                // SAFETY: a frame's inline_site names an ExitSite the engine owns.
                let site = unsafe { &*(f.inline_site as *const crate::deopt::ExitSite) };
                for &r in &site.gc_slots {
                    m.value(self.stack.slice(f.base + r as usize, 1)[0]);
                }
            }
        }
        let r = &self.realm;
        for v in [
            r.global,
            r.object_proto,
            r.function_proto,
            r.array_proto,
            r.string_proto,
            r.number_proto,
            r.boolean_proto,
            r.error_proto,
            r.type_error_proto,
            r.range_error_proto,
            r.reference_error_proto,
            r.syntax_error_proto,
            r.map_proto,
            r.set_proto,
            r.iterator_proto,
            r.object_ctor,
            r.array_ctor,
        ] {
            m.value(v);
        }
        for &s in &self.atoms.strings {
            m.cell(s);
        }
        for &v in self.modules.values() {
            m.value(v);
        }
        for &v in self.handles.iter().chain(&self.join_stack) {
            m.value(v);
        }
        if let Some(s) = self.null_root_shape {
            m.cell(s);
        }
        // Inline caches hold shapes, prototype holders and call targets. Every compiled
        // function stays alive for the engine's lifetime, so its feedback is a root.
        for code in &self.codes {
            code.feedback.for_each_ref(|addr| m.header(NonNull::new(addr as *mut GcHeader).unwrap()));
        }
    }

    /// A full collection (mark from the roots, sweep the rest).
    pub fn collect_garbage(&mut self) {
        let start = std::time::Instant::now();
        self.heap.release_spare_elements();
        // The previous cycle's lazy sweep must end before marking (it clears marks).
        self.heap.finish_sweep();
        let mut m = Marker { stack: Vec::with_capacity(1024), live: 0, check: None };
        self.for_each_root(&mut m);
        m.drain();
        let live = m.live;
        self.heap.begin_sweep();
        if self.options.gc_stress {
            self.heap.finish_sweep();
        }
        let st = &mut self.heap.stats;
        st.collections += 1;
        st.live_bytes_after_last = live;
        let pause = start.elapsed();
        st.total_pause += pause;
        st.max_pause = st.max_pause.max(pause);
        self.heap.since_gc = 0;
        self.heap.large_since_gc = 0;
        self.heap.next_gc = (live * crate::runtime::heap::GROWTH_PERCENT / 100).max(crate::runtime::heap::MIN_HEAP_TARGET);
        self.heap.gc_requested = false;
        // Under --gc-stress every collection is followed by the heap verifier (in every build,
        // so the CI suite's gc-stress mode checks it).
        if self.options.gc_stress {
            self.verify_heap();
        }
    }

    /// Check after a collection (`--gc-stress`): marks again from the
    /// roots, asserting that every reference points at a cell still in the heap, then clears
    /// the marks.
    pub fn verify_heap(&self) {
        let live: std::collections::HashSet<usize> = self.heap.cells().iter().map(|h| h.as_ptr() as usize).collect();
        let mut m = Marker { stack: Vec::new(), live: 0, check: Some(&live) };
        self.for_each_root(&mut m);
        m.drain();
        for h in self.heap.cells() {
            // SAFETY: cells of the heap are live.
            unsafe { h.as_ref() }.marked.set(false);
        }
    }
}

impl Engine {
    /// The `--stats` report (text or one JSON object).
    pub fn stats_report(&self) -> String {
        let st = &self.heap.stats;
        let run_ms = self.start_time.elapsed().as_secs_f64() * 1000.0;
        let ran = self.codes.iter().filter(|c| c.feedback.calls.get() > 0).count();
        let hot = self.codes.iter().filter(|c| crate::profiler::is_hot(c, self.options.jit_threshold)).count();
        let hot_loops: usize = self.codes.iter().map(|c| c.feedback.back_edges.iter().filter(|b| b.get() >= self.options.osr_threshold).count()).sum();
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
        if self.options.stats == crate::options::StatsFormat::Json {
            format!(
                "{{\"v\":1,\"run_ms\":{:.3},\"functions\":{{\"compiled_to_bytecode\":{},\"ran\":{},\"hot\":{},\"hot_loops\":{}}},\"gc\":{{\"collections\":{},\"total_pause_ms\":{:.3},\"max_pause_ms\":{:.3},\"bytes_allocated\":{},\"allocations\":{},\"live_bytes_after_last\":{},\"freed_cells\":{},\"element_buffers_reused\":{}}},\"jit\":{}}}",
                run_ms,
                self.codes.len(),
                ran,
                hot,
                hot_loops,
                st.collections,
                ms(st.total_pause),
                ms(st.max_pause),
                st.bytes_allocated,
                st.allocations,
                st.live_bytes_after_last,
                st.freed_cells,
                st.spare_buffers_reused,
                crate::jit::stats_json(self, run_ms)
            )
        } else {
            format!(
                "[stats] run {:.1} ms\n[stats] functions: {} compiled to bytecode, {} ran, {} hot (--jit-threshold={}), {} hot loops (--osr-threshold={})\n[stats] gc: {} collections, pause total {:.2} ms, max {:.2} ms\n[stats] gc: {} bytes allocated in {} cells, {} bytes live after the last collection, {} cells freed, {} element buffers reused",
                run_ms,
                self.codes.len(),
                ran,
                hot,
                self.options.jit_threshold,
                hot_loops,
                self.options.osr_threshold,
                st.collections,
                ms(st.total_pause),
                ms(st.max_pause),
                st.bytes_allocated,
                st.allocations,
                st.live_bytes_after_last,
                st.freed_cells,
                st.spare_buffers_reused
            ) + &crate::jit::stats_text(self, run_ms)
        }
    }
}
