//! tierjs: a tiered JIT compiler for a JavaScript subset.
//!
//! `Engine::new(options).run_file(path)` runs a script. The pipeline (see docs/ARCHITECTURE.md):
//! `frontend` (oxc AST → scopes → register bytecode) → `interp` (the bytecode interpreter) →
//! `runtime` (values, heap, objects, built-ins, host).

pub mod deopt;
pub mod engine;
pub mod frontend;
pub mod interp;
pub mod jit;
pub mod options;
pub mod profiler;
pub mod runtime;

pub use engine::Outcome;
pub use options::Options;
pub use runtime::Engine;

/// mimalloc serves the heap's cells and the buffers they own: its size-class pages and
/// per-page free lists make the collector's allocate/free churn several times cheaper than
/// glibc malloc (measured on bench/gc/churn.js; see docs/ARCHITECTURE.md). mimalloc asks for
/// transparent huge pages: that costs kernel time when fresh 2 MiB pages are first touched
/// (0–300 ms on bench/programs/sieve.js on the 2-core VM, varying run to run) but saves about a
/// third of bench/programs/alloc.js's time in TLB misses, so THP stays on.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
