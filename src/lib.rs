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
/// glibc malloc (measured on bench/gc/churn.js; see docs/ARCHITECTURE.md). The `tierjs` binary
/// turns transparent huge pages off before it allocates (`main.rs`), and mimalloc is built
/// without asking for them (`no_thp`): zeroing fresh 2 MiB pages cost more than their TLB
/// savings.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
