//! Every engine option in one place (set from the command line or by an embedder).

#[derive(Clone, Debug)]
pub struct Options {
    /// `--jit=on|off`.
    pub jit: bool,
    pub jit_threshold: u32,
    pub osr_threshold: u32,
    pub print_bytecode: bool,
    /// `--print-feedback`: the feedback report at exit.
    pub print_feedback: bool,
    /// `--gc-stress`: collect at every safepoint.
    pub gc_stress: bool,
    /// `--max-heap=MB`: live data above this ends the program (0 = no limit).
    pub max_heap_mb: u64,
    /// Inline caches in the interpreter (off only for measurements: `--no-inline-caches`).
    pub inline_caches: bool,
    /// `--script`: run the main file as a classic script, not a CommonJS module.
    pub script: bool,
    /// `--stats[=json]`.
    pub stats: StatsFormat,
    /// Register stack capacity in values (frames beyond it are a RangeError).
    pub stack_values: usize,
    /// `--trace-tier[=json]`, `--trace-deopt[=json]`.
    pub trace_tier: TraceFormat,
    pub trace_deopt: TraceFormat,
    /// `--print-ir`, `--print-clif`, `--print-asm` (to stderr, per compiled function).
    pub print_ir: bool,
    pub print_clif: bool,
    pub print_asm: bool,
    /// `--stress-deopt-every=N` (0 = off): every Nth guard reached fails.
    pub stress_deopt_every: u32,
    /// `--max-deopts=N`: deopts of one compiled version before it is dropped.
    pub max_deopts: u32,
    /// `--allow-natives`: defines `$tierjs`.
    pub allow_natives: bool,
    /// `--no-inlining` clears it: the optimizing tier inlines small callees.
    pub inlining: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TraceFormat {
    Off,
    Text,
    Json,
}

impl Default for Options {
    fn default() -> Self {
        Options { jit: true, jit_threshold: 1000, osr_threshold: 1000, print_bytecode: false, print_feedback: false, gc_stress: false, max_heap_mb: 0, inline_caches: true, script: false, stats: StatsFormat::Off, stack_values: 4 << 20, trace_tier: TraceFormat::Off, trace_deopt: TraceFormat::Off, print_ir: false, print_clif: false, print_asm: false, stress_deopt_every: 0, max_deopts: 8, allow_natives: false, inlining: true }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatsFormat {
    Off,
    Text,
    Json,
}
