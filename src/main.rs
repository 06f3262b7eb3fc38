//! The `tierjs` command line (see docs/CLI.md).

use std::process::ExitCode;
use tierjs::options::{StatsFormat, TraceFormat};
use tierjs::{Engine, Options, Outcome};

const HELP: &str = "\
tierjs — a tiered JIT compiler for a JavaScript subset

USAGE:
    tierjs [FLAGS] FILE.js [ARGS...]     run a script; ARGS land in process.argv after the script
    tierjs --help | --version

TIERING:
    --jit=on            (default) interpreter first; hot functions and hot loops (entered by
                        on-stack replacement) are compiled by the optimizing tier (Cranelift)
    --jit=off, --no-jit interpreter only; the reference for every other mode
    --jit-threshold=N   hotness units before a function tiers up (default 1000): one unit per
                        call and per loop back edge
    --osr-threshold=N   back edges of one loop before on-stack replacement (default 1000)
    --stress-deopt-every=N  every Nth guard reached fails (exercises deopt paths)
    --max-deopts=N      deopts of a compiled version before it is dropped (default 8); after
                        4 versions dropped that way a function stays interpreted
    --no-inlining       compile every call as a call (by default small, loop-free callees
                        are inlined, three levels deep)
    --allow-natives     define $tierjs (optimizeOnNextCall, isOptimized, deoptimizeNow, ...)

MEMORY:
    --gc-stress         collect garbage at every allocation safepoint (slow; for tests)
    --max-heap=MB       end with \"FatalError: heap limit of MB MB reached\" (exit 1) when live
                        data exceeds MB after a collection

OBSERVING:
    --trace-tier[=json] one line per compile, OSR entry, invalidation or bailout
    --trace-deopt[=json] one line per deopt: function, file:line:col, pc, reason, guard, value
    --print-ir          each compiled function's IR before and after optimization
    --print-clif        the Cranelift IR of each compiled function
    --print-asm         the machine code of each compiled function
    --print-feedback    at exit, each function's feedback slots: operand types, inline-cache
                        states with shapes (property lists) and holders, call targets
                        (name@file:line:col), element kinds and out-of-bounds accesses
    --print-bytecode    print each function's bytecode (with feedback slots and source positions)
                        to stderr as it is compiled
    --stats[=json]      at exit, on stderr: run time, GC (collections, pauses, bytes), JIT
                        (compilations, OSR, compile time, deopts by reason, bailouts)

SCRIPTS:
    --script            run FILE as a classic script: top-level var and function declarations
                        become global-object properties and `this` is the global object (the
                        default runs it as a CommonJS module, as Node does); test262 uses this

EXIT CODES:
    0 success; 1 uncaught exception or syntax error; n for process.exit(n);
    2 bad flags or unreadable file
";

fn positive(parser: &mut lexopt::Parser, flag: &str) -> Result<u32, String> {
    let v = parser.value().map_err(|e| e.to_string())?;
    v.to_str().and_then(|s| s.parse().ok()).filter(|&n| n > 0).ok_or_else(|| format!("invalid value for {}: {:?} (expected a positive integer)", flag, v))
}

fn trace_format(parser: &mut lexopt::Parser, flag: &str) -> Result<TraceFormat, String> {
    match parser.optional_value() {
        None => Ok(TraceFormat::Text),
        Some(v) if v == "json" => Ok(TraceFormat::Json),
        Some(v) => Err(format!("invalid value for {}: {:?} (expected json)", flag, v)),
    }
}

fn parse_args() -> Result<(Options, String, Vec<String>), String> {
    use lexopt::prelude::*;
    let mut opts = Options::default();
    let mut parser = lexopt::Parser::from_env();
    let mut script = None;
    let mut rest = Vec::new();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("help") | Short('h') => {
                print!("{}", HELP);
                std::process::exit(0);
            }
            Long("version") | Short('v') => {
                println!("tierjs {}", env!("CARGO_PKG_VERSION"));
                std::process::exit(0);
            }
            Long("jit") => {
                let v = parser.value().map_err(|e| e.to_string())?;
                match v.to_str() {
                    Some("on") => opts.jit = true,
                    Some("off") => opts.jit = false,
                    _ => return Err(format!("invalid value for --jit: {:?} (expected on or off)", v)),
                }
            }
            Long("no-jit") => opts.jit = false,
            Long("script") => opts.script = true,
            Long("print-bytecode") => opts.print_bytecode = true,
            Long("print-feedback") => opts.print_feedback = true,
            Long("jit-threshold") => opts.jit_threshold = positive(&mut parser, "--jit-threshold")?,
            Long("osr-threshold") => opts.osr_threshold = positive(&mut parser, "--osr-threshold")?,
            Long("gc-stress") => opts.gc_stress = true,
            Long("stress-deopt-every") => opts.stress_deopt_every = positive(&mut parser, "--stress-deopt-every")?,
            Long("max-deopts") => opts.max_deopts = positive(&mut parser, "--max-deopts")?,
            Long("allow-natives") => opts.allow_natives = true,
            Long("no-inlining") => opts.inlining = false,
            Long("print-ir") => opts.print_ir = true,
            Long("print-clif") => opts.print_clif = true,
            Long("print-asm") => opts.print_asm = true,
            Long("trace-tier") => opts.trace_tier = trace_format(&mut parser, "--trace-tier")?,
            Long("trace-deopt") => opts.trace_deopt = trace_format(&mut parser, "--trace-deopt")?,
            // Internal: measures what the interpreter's inline caches buy (bench only).
            Long("no-inline-caches") => opts.inline_caches = false,
            Long("max-heap") => {
                let v = parser.value().map_err(|e| e.to_string())?;
                opts.max_heap_mb = v.to_str().and_then(|s| s.parse().ok()).filter(|&n| n > 0).ok_or_else(|| format!("invalid value for --max-heap: {:?} (expected megabytes)", v))?;
            }
            Long("stats") => {
                opts.stats = match parser.optional_value() {
                    None => StatsFormat::Text,
                    Some(v) if v == "json" => StatsFormat::Json,
                    Some(v) => return Err(format!("invalid value for --stats: {:?} (expected json)", v)),
                }
            }
            Value(v) => {
                script = Some(v.to_string_lossy().to_string());
                // Everything after the script belongs to the script.
                rest.extend(parser.raw_args().map_err(|e| e.to_string())?.map(|a| a.to_string_lossy().to_string()));
                break;
            }
            _ => return Err(arg.unexpected().to_string()),
        }
    }
    let script = script.ok_or_else(|| "no script given (see --help)".to_string())?;
    Ok((opts, script, rest))
}

/// Turns transparent huge pages off for this process before the engine allocates.
///
/// mimalloc asks the kernel for 2 MiB pages (`MADV_HUGEPAGE`), so the first touch of any fresh
/// page zeroes 2 MiB, while much of what a run touches is touched once (Cranelift's working
/// memory, a sieve's array). The zeroing cost more than the TLB misses it saves: the
/// measurements are in docs/ARCHITECTURE.md ("Size classes and free lists").
#[cfg(target_os = "linux")]
fn disable_transparent_huge_pages() {
    use std::ffi::{c_int, c_ulong};
    const PR_SET_THP_DISABLE: c_int = 41;
    extern "C" {
        fn prctl(option: c_int, ...) -> c_int;
    }
    // SAFETY: PR_SET_THP_DISABLE takes one integer argument and only sets a flag on the
    // process's memory descriptor; it reads and writes no memory of ours. A failure (an old
    // kernel) leaves huge pages on, which is only slower.
    unsafe {
        prctl(PR_SET_THP_DISABLE, 1 as c_ulong, 0 as c_ulong, 0 as c_ulong, 0 as c_ulong);
    }
}

#[cfg(not(target_os = "linux"))]
fn disable_transparent_huge_pages() {}

fn main() -> ExitCode {
    disable_transparent_huge_pages();
    let (opts, script, args) = match parse_args() {
        Ok(x) => x,
        Err(msg) => {
            eprintln!("tierjs: {}", msg);
            return ExitCode::from(2);
        }
    };
    // The parser and compiler recurse over the AST and native re-entry recurses through Rust, so
    // the engine runs on a thread with a large stack; depth limits turn deeper programs into
    // SyntaxError/RangeError long before it is exhausted.
    let handle = std::thread::Builder::new().stack_size(2 << 30).spawn(move || {
        let mut engine = Engine::new(opts);
        engine.script_args = args.clone();
        tierjs::runtime::builtins::global::set_argv(&mut engine, &script, &args);
        let outcome = engine.run_file(&script);
        engine.flush();
        if engine.options.print_feedback {
            eprint!("{}", engine.feedback_report());
        }
        if engine.options.stats != StatsFormat::Off {
            eprintln!("{}", engine.stats_report());
        }
        match outcome {
            Outcome::Ok => 0,
            Outcome::Exit(c) => c,
            Outcome::SyntaxError(msg) | Outcome::Uncaught(msg) => {
                eprintln!("{}", msg);
                1
            }
            Outcome::Unreadable(msg) => {
                eprintln!("tierjs: {}", msg);
                2
            }
        }
    });
    let code = match handle.map(|h| h.join()) {
        Ok(Ok(c)) => c,
        _ => {
            eprintln!("tierjs: internal error");
            70
        }
    };
    ExitCode::from((code & 0xFF) as u8)
}
