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
/// glibc malloc (measured on bench/gc/churn.js; see docs/ARCHITECTURE.md). Built with
/// `no_thp`: mimalloc otherwise asks for transparent huge pages, and a first touch of a fresh
/// 2 MiB page (e.g. when a large elements vector grows) cost from 0 to 300 ms of kernel time
/// per run of bench/programs/sieve.js on the 2-core VM — noise larger than the JIT's gains.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
