//! The one allocation interface for every JS heap cell.
//!
//! Cells are boxed individually and never move, so a `Gc<T>` (a plain pointer) stays valid for as
//! long as the cell is reachable from a root: the VM register stack, the frames' functions and
//! contexts, globals and the realm's intrinsics, the atom table, and the handle stack used by Rust
//! code that keeps values across calls into JS. The collector (a later issue) marks from those roots
//! and sweeps `cells`; nothing else in the engine frees memory.

use std::cell::Cell;
use std::ptr::NonNull;

use crate::runtime::object::JsObject;
use crate::runtime::value::Value;

/// What a heap cell is, so that the heap can trace and free it without knowing its Rust type.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum CellKind {
    Object,
    String,
    Shape,
    Context,
    Accessor,
}

#[repr(C)]
pub struct GcHeader {
    pub marked: Cell<bool>,
    pub kind: CellKind,
}

#[repr(C)]
pub struct GcBox<T> {
    pub header: GcHeader,
    pub value: T,
}

/// A pointer to a heap cell of type `T`.
pub struct Gc<T>(NonNull<GcBox<T>>);

impl<T> Clone for Gc<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Gc<T> {}
impl<T> PartialEq for Gc<T> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}
impl<T> Eq for Gc<T> {}
impl<T> std::hash::Hash for Gc<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.hash(state)
    }
}
impl<T> std::fmt::Debug for Gc<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Gc({:p})", self.0)
    }
}

impl<T> Gc<T> {
    #[inline(always)]
    pub fn addr(self) -> usize {
        self.0.as_ptr() as usize
    }
    /// # Safety
    /// `addr` must come from `Gc::addr` of a live cell of type `T`.
    #[inline(always)]
    pub unsafe fn from_addr(addr: usize) -> Gc<T> {
        Gc(NonNull::new_unchecked(addr as *mut GcBox<T>))
    }
    pub fn header(self) -> &'static GcHeader {
        // SAFETY: the cell is live (see the module comment); the header is never mutated except
        // through its `Cell`.
        unsafe { &(*self.0.as_ptr()).header }
    }
    /// Mutable access to the cell.
    ///
    /// Invariant (the one rule that keeps this sound in practice): a `&mut T` obtained here is used
    /// for a short, local update and is never held across a call that can run JS, allocate, or
    /// otherwise reach the same cell. The engine is single-threaded, so no other thread can see it.
    #[inline(always)]
    #[allow(clippy::mut_from_ref)]
    pub fn get_mut<'a>(self) -> &'a mut T {
        unsafe { &mut (*self.0.as_ptr()).value }
    }
}

impl<T> std::ops::Deref for Gc<T> {
    type Target = T;
    #[inline(always)]
    fn deref(&self) -> &T {
        // SAFETY: the cell is live while reachable; see `get_mut` for the aliasing rule.
        unsafe { &(*self.0.as_ptr()).value }
    }
}

/// Types that can live in the heap.
pub trait HeapCell: Sized {
    const KIND: CellKind;
    /// An estimate of the bytes the cell owns outside its box (vectors, maps), for GC pacing.
    fn extra_bytes(&self) -> usize {
        0
    }
}

#[derive(Default, Clone)]
pub struct HeapStats {
    pub allocations: u64,
    /// Bytes allocated over the whole run (cells, the buffers they own at allocation, and the
    /// growth of those buffers).
    pub bytes_allocated: u64,
    pub collections: u64,
    pub total_pause: std::time::Duration,
    pub max_pause: std::time::Duration,
    /// Live bytes measured by the last collection.
    pub live_bytes_after_last: u64,
    pub freed_cells: u64,
    /// Element buffers that came from the spares (`Heap::grow_elements`).
    pub spare_buffers_reused: u64,
}

/// Smallest heap size before the first collection, and the floor for the growth target.
pub const MIN_HEAP_TARGET: u64 = 16 << 20;
/// After a collection the next one is due when allocation since then reaches
/// `live * GROWTH_PERCENT / 100` (at least MIN_HEAP_TARGET).
pub const GROWTH_PERCENT: u64 = 100;
/// Cells swept per allocation while a lazy sweep is pending (sweeping outpaces allocation).
const SWEEP_PER_ALLOCATION: usize = 16;
/// Element buffers of at least this many values (256 KiB) outlive their dead array as spares.
pub const SPARE_ELEMENTS_MIN_LEN: usize = 32 * 1024;
/// At most this many bytes of spare element buffers are kept.
const SPARE_ELEMENTS_MAX_BYTES: usize = 64 << 20;
/// A collection is also due when large element buffers reach this many bytes since the last
/// one (or half the live bytes, when more: marking costs about the live bytes): a program that
/// makes and drops big arrays then cycles through two spare buffers instead of faulting in
/// fresh pages for MIN_HEAP_TARGET bytes of them.
const LARGE_ELEMENTS_TARGET: u64 = 1 << 20;

#[derive(Default)]
pub struct Heap {
    /// Cells allocated since the last collection plus the survivors swept so far.
    cells: Vec<NonNull<GcHeader>>,
    /// Cells of the last collection not swept yet: sweeping is lazy, a few cells per
    /// allocation, so a collection's pause is only the marking.
    unswept: Vec<NonNull<GcHeader>>,
    pub stats: HeapStats,
    /// Ids for shapes, so printers can name them without addresses.
    pub next_shape_id: u32,
    /// Bytes allocated since the last collection.
    pub since_gc: u64,
    /// Collect when `since_gc` reaches this.
    pub next_gc: u64,
    /// Set when a collection is due; the interpreter collects at its next safepoint.
    pub gc_requested: bool,
    /// Large element buffers of dead arrays, emptied, for arrays that grow next: the allocator
    /// would hand out fresh pages instead, and the first write to each is a page fault (see
    /// docs/ARCHITECTURE.md). Spares unused for a whole collection cycle are released.
    spare_elements: Vec<Vec<Value>>,
    /// Objects whose elements grew past SPARE_ELEMENTS_MIN_LEN through `grow_elements`, live
    /// at the last collection or allocated since.
    large_owners: Vec<Gc<JsObject>>,
    /// Bytes of large element buffers (fresh or spare) `grow_elements` handed out since the
    /// last collection.
    pub large_since_gc: u64,
    /// Bytes `expect_large_elements` charged ahead of the growth they announced (which then
    /// charges only what exceeds them).
    large_credit: u64,
}

impl Heap {
    /// Where compiled code reads `gc_requested` (its back-edge safepoint check).
    pub fn gc_requested_offset() -> usize {
        std::mem::offset_of!(Heap, gc_requested)
    }

    pub fn new() -> Heap {
        Heap::default()
    }

    pub fn alloc<T: HeapCell>(&mut self, value: T) -> Gc<T> {
        self.stats.allocations += 1;
        let bytes = (std::mem::size_of::<GcBox<T>>() + value.extra_bytes()) as u64;
        self.note_allocation(bytes);
        let b = Box::new(GcBox { header: GcHeader { marked: Cell::new(false), kind: T::KIND }, value });
        let ptr = NonNull::from(Box::leak(b));
        self.cells.push(ptr.cast());
        if !self.unswept.is_empty() {
            self.sweep_some(SWEEP_PER_ALLOCATION);
        }
        Gc(ptr)
    }

    /// Accounts for memory that a cell grew by after its allocation (element vectors, slots).
    #[inline]
    pub fn note_allocation(&mut self, bytes: u64) {
        self.stats.bytes_allocated += bytes;
        self.since_gc += bytes;
        if self.since_gc >= self.next_gc.max(MIN_HEAP_TARGET) {
            self.gc_requested = true;
        }
    }

    /// Starts a lazy sweep of everything allocated so far: call right after marking. The
    /// large element buffers of dead objects become spares at once (the lazy sweep may take
    /// long to reach their cells when the program allocates few cells).
    pub fn begin_sweep(&mut self) {
        debug_assert!(self.unswept.is_empty());
        self.unswept = std::mem::take(&mut self.cells);
        let mut owners = std::mem::take(&mut self.large_owners);
        // An object whose buffer shrank and grew again is listed twice.
        owners.sort_unstable_by_key(|o| o.addr());
        owners.dedup();
        for o in owners {
            if o.header().marked.get() {
                self.large_owners.push(o);
            } else {
                let buf = std::mem::take(&mut o.get_mut().elements);
                self.keep_spare_elements(buf);
            }
        }
    }

    /// Sweeps up to `n` cells of the last collection: frees the unmarked ones, keeps and
    /// unmarks the others.
    pub fn sweep_some(&mut self, n: usize) {
        let mut freed = 0u64;
        for _ in 0..n {
            let h = match self.unswept.pop() {
                Some(h) => h,
                None => break,
            };
            // SAFETY: every pointer in `unswept` is a live allocation of this heap.
            let hdr = unsafe { h.as_ref() };
            if hdr.marked.get() {
                hdr.marked.set(false);
                self.cells.push(h);
            } else {
                freed += 1;
                if hdr.kind == CellKind::Object {
                    // SAFETY: an Object cell's box is a GcBox<JsObject>; nothing references it.
                    let o = unsafe { &mut (*h.cast::<GcBox<JsObject>>().as_ptr()).value };
                    self.keep_spare_elements(std::mem::take(&mut o.elements));
                }
                unsafe { Heap::free(h) };
            }
        }
        self.stats.freed_cells += freed;
    }

    /// Keeps `buf` as a spare if it is large and the spares have room; drops it otherwise.
    fn keep_spare_elements(&mut self, mut buf: Vec<Value>) {
        if buf.capacity() < SPARE_ELEMENTS_MIN_LEN {
            return;
        }
        let held: usize = self.spare_elements.iter().map(|b| b.capacity() * 8).sum();
        if held + buf.capacity() * 8 <= SPARE_ELEMENTS_MAX_BYTES {
            buf.clear();
            self.spare_elements.push(buf);
        }
    }

    /// Drops the spare element buffers (at the start of a collection: those left have not been
    /// needed for a whole cycle, and the allocator may return their memory).
    pub fn release_spare_elements(&mut self) {
        self.spare_elements.clear();
    }

    /// Grows the elements of `obj` to a capacity of at least `cap`, accounting the growth (GC
    /// pacing). A large buffer comes from the spares when one fits (no more than twice the
    /// size asked).
    pub fn grow_elements(&mut self, obj: Gc<JsObject>, cap: usize) {
        let elems = &mut obj.get_mut().elements;
        let old = elems.capacity();
        if cap >= SPARE_ELEMENTS_MIN_LEN && old < SPARE_ELEMENTS_MIN_LEN {
            self.large_owners.push(obj);
        }
        if cap <= old {
            return;
        }
        match self.spare_for(cap) {
            Some(i) => {
                let mut buf = self.spare_elements.swap_remove(i);
                self.stats.spare_buffers_reused += 1;
                buf.extend_from_slice(elems);
                let small = std::mem::replace(elems, buf);
                self.keep_spare_elements(small);
            }
            None => elems.reserve_exact(cap - elems.len()),
        }
        let grown = 8 * (elems.capacity() - old) as u64;
        if cap >= SPARE_ELEMENTS_MIN_LEN {
            self.large_since_gc += grown.saturating_sub(std::mem::take(&mut self.large_credit));
            if self.large_since_gc >= self.large_target() {
                self.gc_requested = true;
            }
        }
        self.note_allocation(grown);
    }

    /// The spare that a buffer of `cap` values may be: a large one, no more than twice the size.
    fn spare_for(&self, cap: usize) -> Option<usize> {
        if cap < SPARE_ELEMENTS_MIN_LEN {
            return None;
        }
        self.spare_elements.iter().position(|b| (cap..=2 * cap).contains(&b.capacity()))
    }

    /// Large element bytes that make a collection due (see LARGE_ELEMENTS_TARGET).
    fn large_target(&self) -> u64 {
        LARGE_ELEMENTS_TARGET.max(self.stats.live_bytes_after_last / 2)
    }

    /// An array is about to grow to `len` values (`new Array(len)`). When that takes a large
    /// buffer that no spare fits, and the growth would make a collection due anyway, the
    /// collection is requested now instead: it runs at the safepoint right after the array's
    /// construction, so arrays that died meanwhile lend it their buffer instead of the growth
    /// faulting in fresh pages. The bytes are charged now, not again when the array grows.
    pub fn expect_large_elements(&mut self, len: usize) {
        if len < SPARE_ELEMENTS_MIN_LEN || self.spare_for(len).is_some() {
            return;
        }
        let bytes = 8 * len as u64;
        if self.large_since_gc + bytes >= self.large_target() {
            self.gc_requested = true;
            self.large_since_gc += bytes;
            self.large_credit = bytes;
        }
    }

    /// Sweeps whatever the last collection left (before the next marking, which needs every
    /// mark clear, and when the heap must be exact, as under `--gc-stress`).
    pub fn finish_sweep(&mut self) {
        while !self.unswept.is_empty() {
            self.sweep_some(4096);
        }
    }

    /// Every cell (for the verifier).
    pub fn cells(&self) -> &[NonNull<GcHeader>] {
        &self.cells
    }

    /// # Safety
    /// `h` must be a live cell of this heap.
    pub(crate) unsafe fn cell_bytes(h: NonNull<GcHeader>) -> u64 {
        use crate::runtime::object::{Accessor, Context, JsObject};
        use crate::runtime::shape::Shape;
        use crate::runtime::string::JsString;
        fn sz<T: HeapCell>(p: NonNull<GcHeader>) -> u64 {
            let b = p.cast::<GcBox<T>>();
            (std::mem::size_of::<GcBox<T>>() + unsafe { b.as_ref() }.value.extra_bytes()) as u64
        }
        match (*h.as_ptr()).kind {
            CellKind::Object => sz::<JsObject>(h),
            CellKind::String => sz::<JsString>(h),
            CellKind::Shape => sz::<Shape>(h),
            CellKind::Context => sz::<Context>(h),
            CellKind::Accessor => sz::<Accessor>(h),
        }
    }

    pub fn cell_count(&self) -> usize {
        self.cells.len()
    }

    /// Frees one cell. Only the collector and `Drop` call this.
    ///
    /// # Safety
    /// `h` must be a cell of this heap that nothing references any more.
    pub(crate) unsafe fn free(h: NonNull<GcHeader>) {
        use crate::runtime::object::{Accessor, JsObject};
        use crate::runtime::shape::Shape;
        use crate::runtime::string::JsString;
        use crate::runtime::object::Context;
        match (*h.as_ptr()).kind {
            CellKind::Object => drop(Box::from_raw(h.cast::<GcBox<JsObject>>().as_ptr())),
            CellKind::String => drop(Box::from_raw(h.cast::<GcBox<JsString>>().as_ptr())),
            CellKind::Shape => drop(Box::from_raw(h.cast::<GcBox<Shape>>().as_ptr())),
            CellKind::Context => drop(Box::from_raw(h.cast::<GcBox<Context>>().as_ptr())),
            CellKind::Accessor => drop(Box::from_raw(h.cast::<GcBox<Accessor>>().as_ptr())),
        }
    }
}

impl Drop for Heap {
    fn drop(&mut self) {
        for h in self.cells.drain(..).chain(self.unswept.drain(..)) {
            // SAFETY: the engine owning this heap is being dropped; no Gc pointer is used after.
            unsafe { Heap::free(h) }
        }
    }
}
