//! Every engine option in one place (set from the command line or by an embedder).

#[derive(Clone, Debug)]
pub struct Options {
    /// `--jit=on|off`.
    pub jit: bool,
    pub jit_threshold: u32,
    pub osr_threshold: u32,
    pub print_bytecode: bool,
    /// Register stack capacity in values (frames beyond it are a RangeError).
    pub stack_values: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { jit: true, jit_threshold: 1000, osr_threshold: 1000, print_bytecode: false, stack_values: 4 << 20 }
    }
}
