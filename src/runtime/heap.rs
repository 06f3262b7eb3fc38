//! The one allocation interface for every JS heap cell.
//!
//! Cells are boxed individually and never move, so a `Gc<T>` (a plain pointer) stays valid for as
//! long as the cell is reachable from a root: the VM register stack, the frames' functions and
//! contexts, globals and the realm's intrinsics, the atom table, and the handle stack used by Rust
//! code that keeps values across calls into JS. The collector (a later issue) marks from those roots
//! and sweeps `cells`; nothing else in the engine frees memory.

use std::cell::Cell;
use std::ptr::NonNull;

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

#[derive(Default)]
pub struct HeapStats {
    pub allocations: u64,
    pub bytes_allocated: u64,
}

#[derive(Default)]
pub struct Heap {
    cells: Vec<NonNull<GcHeader>>,
    pub stats: HeapStats,
    /// Ids for shapes, so printers can name them without addresses.
    pub next_shape_id: u32,
}

impl Heap {
    pub fn new() -> Heap {
        Heap::default()
    }

    pub fn alloc<T: HeapCell>(&mut self, value: T) -> Gc<T> {
        self.stats.allocations += 1;
        self.stats.bytes_allocated += (std::mem::size_of::<GcBox<T>>() + value.extra_bytes()) as u64;
        let b = Box::new(GcBox { header: GcHeader { marked: Cell::new(false), kind: T::KIND }, value });
        let ptr = NonNull::from(Box::leak(b));
        self.cells.push(ptr.cast());
        Gc(ptr)
    }

    pub fn cell_count(&self) -> usize {
        self.cells.len()
    }

    /// Frees one cell. Only the collector and `Drop` call this.
    ///
    /// # Safety
    /// `h` must be a cell of this heap that nothing references any more.
    unsafe fn free(h: NonNull<GcHeader>) {
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
        for h in self.cells.drain(..) {
            // SAFETY: the engine owning this heap is being dropped; no Gc pointer is used after.
            unsafe { Heap::free(h) }
        }
    }
}
