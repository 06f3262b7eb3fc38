//! `bench` — the tierjs benchmark runner (std only, no external crates).
//!
//! Runs every program of `bench/programs/*.js` under several engine configurations
//! ("modes"), measures wall time, and prints a table of medians and ratios.
//!
//! Build/run:  `cargo build --release --bins && cargo run --release --bin bench -- [OPTIONS]`
//! or without cargo: `rustc --edition 2021 -O bench/main.rs -o bench-runner`.
//! See `--help` and bench/README.md.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{self, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

const HELP: &str = "\
bench — tierjs benchmark runner

USAGE:
    cargo run --release --bin bench -- [OPTIONS]
    (build the engine first: `cargo build --release --bins`; `cargo run --bin bench`
     alone does not rebuild the tierjs binary)

Runs each program of bench/programs/*.js in these modes:
    interp        tierjs --jit=off
    default       tierjs
    eager         tierjs --jit-threshold=1 --osr-threshold=1
    node          node                (only when node is found)
    node-jitless  node --jitless      (only when node is found)
For each program the modes take turns, one run each per round: one untimed warm-up round,
then --runs timed rounds, so a machine that drifts in speed shifts every mode alike. The
median wall time is reported. A run fails (FAIL, not timed) on a non-zero exit status, a
time-out, or stdout differing from the stdout of the first mode that ran the program
successfully. A tierjs mode whose flags the binary rejects (exit code 2) is reported once
as unsupported and skipped for the remaining programs.

OPTIONS:
    --tierjs PATH     tierjs binary (default: `tierjs` next to this executable)
    --node PATH       node binary (default: `node` looked up on PATH)
    --no-node         do not run the node and node-jitless modes
    --programs DIR    directory of *.js programs (default: bench/programs of the
                      source tree, found via the build-time manifest dir, the current
                      directory, or this executable's location)
    --filter SUBSTR   only programs whose file name contains SUBSTR (repeatable: a
                      program is run if it matches any filter)
    --modes LIST      comma-separated subset of modes to run, in table order
                      (default: interp,default,eager,node,node-jitless)
    --runs N          timed runs per (program, mode) after the warm-up (default 5)
    --warmup N        untimed warm-up runs (default 1)
    --timeout SECS    per-run time limit, the child is killed after it (default 60)
    --json FILE       also write the raw results (all samples) as JSON to FILE
    --quiet           no per-measurement progress lines on stderr
    -h, --help        print this help

TABLE:
    one row per program: the median milliseconds of each mode, then the ratios
    interp/node-jitless, default/interp and default/node (lower is better for tierjs;
    default/interp < 1 means the JIT pays off). The `geomean` row is the geometric
    mean of each column over the programs that have a value in it (marked `*` when
    some programs are missing from that column).

EXIT STATUS:
    0 all measurements succeeded, 1 some run failed, 2 usage or setup error.
";

// ---------------------------------------------------------------------------
// Options

struct Options {
    tierjs: Option<PathBuf>,
    node: Option<PathBuf>,
    no_node: bool,
    programs: Option<PathBuf>,
    filters: Vec<String>,
    modes: Option<Vec<String>>,
    runs: usize,
    warmup: usize,
    timeout: Duration,
    json: Option<PathBuf>,
    quiet: bool,
}

fn usage_error(msg: &str) -> ! {
    eprintln!("bench: {msg}");
    eprintln!("try `bench --help`");
    process::exit(2);
}

fn parse_args() -> Options {
    let mut o = Options {
        tierjs: None,
        node: None,
        no_node: false,
        programs: None,
        filters: Vec::new(),
        modes: None,
        runs: 5,
        warmup: 1,
        timeout: Duration::from_secs(60),
        json: None,
        quiet: false,
    };
    let mut args = env::args().skip(1);
    while let Some(arg) = args.next() {
        // Accept both `--opt value` and `--opt=value`.
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |what: &str| -> String {
            match inline.clone().or_else(|| args.next()) {
                Some(v) => v,
                None => usage_error(&format!("{name} needs {what}")),
            }
        };
        match name.as_str() {
            "-h" | "--help" => {
                print!("{HELP}");
                process::exit(0);
            }
            "--tierjs" => o.tierjs = Some(PathBuf::from(value("a path"))),
            "--node" => o.node = Some(PathBuf::from(value("a path"))),
            "--no-node" => o.no_node = true,
            "--programs" => o.programs = Some(PathBuf::from(value("a directory"))),
            "--filter" => o.filters.push(value("a substring")),
            "--modes" => {
                let v = value("a list");
                let list: Vec<String> = v
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect();
                for m in &list {
                    if !ALL_MODES.contains(&m.as_str()) {
                        usage_error(&format!(
                            "unknown mode `{m}` (known: {})",
                            ALL_MODES.join(",")
                        ));
                    }
                }
                o.modes = Some(list);
            }
            "--runs" => {
                o.runs = parse_num(&value("a number"), "--runs");
                if o.runs == 0 {
                    usage_error("--runs must be at least 1");
                }
            }
            "--warmup" => o.warmup = parse_num(&value("a number"), "--warmup"),
            "--timeout" => {
                let v = value("seconds");
                match v.parse::<f64>() {
                    Ok(s) if s > 0.0 && s.is_finite() => o.timeout = Duration::from_secs_f64(s),
                    _ => usage_error(&format!("--timeout: bad number of seconds `{v}`")),
                }
            }
            "--json" => o.json = Some(PathBuf::from(value("a file name"))),
            "--quiet" | "-q" => o.quiet = true,
            _ => usage_error(&format!("unknown argument `{arg}`")),
        }
    }
    o
}

fn parse_num(v: &str, opt: &str) -> usize {
    v.parse::<usize>()
        .unwrap_or_else(|_| usage_error(&format!("{opt}: bad number `{v}`")))
}

// ---------------------------------------------------------------------------
// Modes

const ALL_MODES: [&str; 5] = ["interp", "default", "eager", "node", "node-jitless"];

#[derive(Clone, Copy, PartialEq)]
enum Engine {
    Tierjs,
    Node,
}

struct Mode {
    name: &'static str,
    engine: Engine,
    flags: Vec<&'static str>,
    /// Set when the binary rejected the flags (exit code 2); holds the stderr head.
    unsupported: Option<String>,
}

impl Mode {
    fn program(&self, tierjs: &Option<PathBuf>, node: &Option<PathBuf>) -> PathBuf {
        match self.engine {
            Engine::Tierjs => tierjs.clone().expect("tierjs path"),
            Engine::Node => node.clone().expect("node path"),
        }
    }
}

fn make_mode(name: &'static str) -> Mode {
    let (engine, flags) = match name {
        "interp" => (Engine::Tierjs, vec!["--jit=off"]),
        "default" => (Engine::Tierjs, vec![]),
        "eager" => (
            Engine::Tierjs,
            vec!["--jit-threshold=1", "--osr-threshold=1"],
        ),
        "node" => (Engine::Node, vec![]),
        "node-jitless" => (Engine::Node, vec!["--jitless"]),
        _ => unreachable!(),
    };
    Mode {
        name,
        engine,
        flags,
        unsupported: None,
    }
}

// ---------------------------------------------------------------------------
// Locating things

fn exe_dir() -> Option<PathBuf> {
    env::current_exe().ok()?.parent().map(Path::to_path_buf)
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = env::var_os("PATH")?;
    for dir in env::split_paths(&path) {
        let cand = dir.join(format!("{name}{}", env::consts::EXE_SUFFIX));
        if is_executable(&cand) {
            return Some(cand);
        }
    }
    None
}

#[cfg(unix)]
fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(p)
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

#[cfg(not(unix))]
fn is_executable(p: &Path) -> bool {
    p.is_file()
}

fn find_programs_dir(explicit: &Option<PathBuf>) -> Result<PathBuf, String> {
    if let Some(d) = explicit {
        return if d.is_dir() {
            Ok(d.clone())
        } else {
            Err(format!("--programs {}: not a directory", d.display()))
        };
    }
    let mut cands: Vec<PathBuf> = Vec::new();
    if let Some(m) = option_env!("CARGO_MANIFEST_DIR") {
        cands.push(Path::new(m).join("bench").join("programs"));
    }
    if let Ok(cwd) = env::current_dir() {
        cands.push(cwd.join("bench").join("programs"));
        cands.push(cwd.join("programs"));
    }
    if let Some(d) = exe_dir() {
        // target/release/bench -> <repo>/bench/programs
        for up in d.ancestors().take(4) {
            cands.push(up.join("bench").join("programs"));
        }
    }
    for c in &cands {
        if c.is_dir() {
            return Ok(c.clone());
        }
    }
    Err("cannot find bench/programs; pass --programs DIR".to_string())
}

fn list_programs(dir: &Path, filters: &[String]) -> Result<Vec<PathBuf>, String> {
    let rd = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut v: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "js") && p.is_file())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str()))
        })
        .collect();
    v.sort();
    Ok(v)
}

fn program_name(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------
// Running one process with a time limit

struct RunOutput {
    status: Option<ExitStatus>, // None when killed after the time-out
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    elapsed: Duration,
}

fn spawn_reader<R: Read + Send + 'static>(
    mut r: R,
    tx: mpsc::Sender<()>,
) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = r.read_to_end(&mut buf);
        let _ = tx.send(());
        buf
    })
}

/// Runs `exe args...`, capturing stdout/stderr, killing it after `timeout`.
/// Wall time is measured from just before spawn to the moment the exit is observed.
fn run_once(
    exe: &Path,
    args: &[&str],
    script: &Path,
    timeout: Duration,
) -> Result<RunOutput, String> {
    let mut cmd = Command::new(exe);
    cmd.args(args)
        .arg(script)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", exe.display()))?;
    let deadline = start + timeout;
    let (tx, rx) = mpsc::channel();
    let out_h = spawn_reader(child.stdout.take().unwrap(), tx.clone());
    let err_h = spawn_reader(child.stderr.take().unwrap(), tx);

    // Phase 1: block until both pipes reach EOF (normally: the process exited) or the deadline.
    let mut timed_out = false;
    let mut eofs = 0;
    while eofs < 2 {
        let now = Instant::now();
        if now >= deadline {
            timed_out = true;
            break;
        }
        match rx.recv_timeout(deadline - now) {
            Ok(()) => eofs += 1,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                timed_out = true;
                break;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    // Phase 2: reap the process, polling with a short back-off (it has normally just exited).
    let mut status = None;
    let mut elapsed = Duration::ZERO;
    if !timed_out {
        let mut nap = Duration::from_micros(20);
        loop {
            match child.try_wait() {
                Ok(Some(st)) => {
                    elapsed = start.elapsed();
                    status = Some(st);
                    break;
                }
                Ok(None) => {
                    if Instant::now() >= deadline {
                        timed_out = true;
                        break;
                    }
                    thread::sleep(nap);
                    nap = (nap * 2).min(Duration::from_millis(5));
                }
                Err(e) => return Err(format!("wait failed: {e}")),
            }
        }
    }
    if timed_out {
        let _ = child.kill();
        let _ = child.wait();
        elapsed = start.elapsed();
    }
    let stdout = out_h.join().unwrap_or_default();
    let stderr = err_h.join().unwrap_or_default();
    Ok(RunOutput {
        status,
        stdout,
        stderr,
        elapsed,
    })
}

fn head(bytes: &[u8], max_lines: usize, max_chars: usize) -> String {
    let s = String::from_utf8_lossy(bytes);
    let mut out = String::new();
    let lines = s
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty());
    for (i, line) in lines.enumerate() {
        if i >= max_lines || out.len() + line.len() > max_chars {
            out.push_str(" | …");
            break;
        }
        if i > 0 {
            out.push_str(" | ");
        }
        out.push_str(line);
    }
    if out.is_empty() {
        out.push_str("<empty>");
    }
    out
}

fn first_difference(expected: &[u8], got: &[u8]) -> String {
    let e = String::from_utf8_lossy(expected);
    let g = String::from_utf8_lossy(got);
    let mut el = e.lines();
    let mut gl = g.lines();
    let mut n = 1;
    loop {
        match (el.next(), gl.next()) {
            (Some(a), Some(b)) if a == b => n += 1,
            (None, None) => return "stdout differs (trailing newline / whitespace)".to_string(),
            (a, b) => {
                let shorten = |s: Option<&str>| match s {
                    None => "<end of output>".to_string(),
                    Some(s) if s.chars().count() > 80 => {
                        format!("{:?}…", s.chars().take(80).collect::<String>())
                    }
                    Some(s) => format!("{s:?}"),
                };
                return format!(
                    "stdout differs at line {n}: expected {} got {}",
                    shorten(a),
                    shorten(b)
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Measurements

enum Outcome {
    Ok {
        samples_ms: Vec<f64>,
        median_ms: f64,
    },
    Fail(String),
    Unsupported,
}

struct Cell {
    program: String,
    mode: &'static str,
    outcome: Outcome,
}

fn median(v: &[f64]) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let n = s.len();
    if n % 2 == 1 {
        s[n / 2]
    } else {
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    }
}

fn geomean(v: &[f64]) -> Option<f64> {
    let v: Vec<f64> = v
        .iter()
        .copied()
        .filter(|x| *x > 0.0 && x.is_finite())
        .collect();
    if v.is_empty() {
        return None;
    }
    Some((v.iter().map(|x| x.ln()).sum::<f64>() / v.len() as f64).exp())
}

/// Runs `script` once in `mode` and checks it: exit status 0 and the stdout of `reference`
/// (set from the first successful run of the program when still empty). Ok = wall time in ms.
fn run_checked(
    mode: &Mode,
    exe: &Path,
    script: &Path,
    opts: &Options,
    reference: &mut Option<Vec<u8>>,
) -> Result<f64, String> {
    let r = run_once(exe, &mode.flags, script, opts.timeout)?;
    let Some(status) = r.status else {
        return Err(format!(
            "timed out after {:.0}s (killed); stderr: {}",
            opts.timeout.as_secs_f64(),
            head(&r.stderr, 3, 300)
        ));
    };
    if !status.success() {
        let code = match status.code() {
            Some(c) => format!("exit code {c}"),
            None => format!("terminated by signal ({status})"),
        };
        return Err(format!("{code}; stderr: {}", head(&r.stderr, 5, 400)));
    }
    match reference {
        None => *reference = Some(r.stdout.clone()),
        Some(expected) => {
            if *expected != r.stdout {
                return Err(first_difference(expected, &r.stdout));
            }
        }
    }
    Ok(r.elapsed.as_secs_f64() * 1000.0)
}

/// Measures one program in every mode. The modes take turns, one run each per round
/// (`--warmup` untimed rounds, then `--runs` timed ones), so a machine that speeds up or slows
/// down during the program's measurement shifts every mode alike and leaves the ratios alone.
/// A mode that fails stops running; the others go on.
fn measure_program(
    modes: &[Mode],
    exes: &[Option<PathBuf>],
    script: &Path,
    opts: &Options,
) -> Vec<Outcome> {
    let mut reference: Option<Vec<u8>> = None;
    let mut samples: Vec<Vec<f64>> = vec![Vec::with_capacity(opts.runs); modes.len()];
    let mut failed: Vec<Option<String>> = vec![None; modes.len()];
    for round in 0..opts.warmup + opts.runs {
        for (i, mode) in modes.iter().enumerate() {
            let Some(exe) = &exes[i] else { continue };
            if failed[i].is_some() {
                continue;
            }
            match run_checked(mode, exe, script, opts, &mut reference) {
                Ok(ms) if round >= opts.warmup => samples[i].push(ms),
                Ok(_) => {}
                Err(e) => failed[i] = Some(e),
            }
        }
    }
    (0..modes.len())
        .map(|i| {
            if exes[i].is_none() {
                Outcome::Unsupported
            } else if let Some(e) = failed[i].take() {
                Outcome::Fail(e)
            } else {
                let median_ms = median(&samples[i]);
                Outcome::Ok { samples_ms: std::mem::take(&mut samples[i]), median_ms }
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Output

fn fmt_ms(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

fn fmt_ratio(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}x")
    } else if v >= 10.0 {
        format!("{v:.1}x")
    } else {
        format!("{v:.2}x")
    }
}

fn json_str(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            '\t' => o.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(o, "\\u{:04x}", c as u32);
            }
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

fn json_num(v: f64) -> String {
    if v.is_finite() {
        format!("{v:.3}")
    } else {
        "null".to_string()
    }
}

fn json_opt_num(v: Option<f64>) -> String {
    v.map_or("null".to_string(), json_num)
}

fn unix_time() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

fn engine_version(exe: &Path) -> Option<String> {
    let out = Command::new(exe)
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let s = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if s.is_empty() {
        None
    } else {
        Some(s.lines().next().unwrap_or("").to_string())
    }
}

// A ratio column: numerator mode / denominator mode.
const RATIOS: [(&str, &str); 3] = [
    ("interp", "node-jitless"),
    ("default", "interp"),
    ("default", "node"),
];

fn main() {
    let opts = parse_args();

    // Modes requested.
    let requested: Vec<String> = match &opts.modes {
        Some(m) => m.clone(),
        None => ALL_MODES.iter().map(|s| s.to_string()).collect(),
    };
    let wants_tierjs = requested
        .iter()
        .any(|m| matches!(m.as_str(), "interp" | "default" | "eager"));
    let wants_node = requested.iter().any(|m| m.starts_with("node"));

    // tierjs binary.
    let tierjs: Option<PathBuf> = if wants_tierjs {
        let p = match &opts.tierjs {
            Some(p) => p.clone(),
            None => match exe_dir() {
                Some(d) => d.join(format!("tierjs{}", env::consts::EXE_SUFFIX)),
                None => {
                    usage_error("cannot determine this executable's directory; pass --tierjs PATH")
                }
            },
        };
        if !p.is_file() {
            eprintln!(
                "bench: tierjs binary not found at {} — build it with `cargo build --release --bins` or pass --tierjs PATH",
                p.display()
            );
            process::exit(2);
        }
        Some(fs::canonicalize(&p).unwrap_or(p))
    } else {
        None
    };

    // node binary.
    let node: Option<PathBuf> = if wants_node && !opts.no_node {
        match &opts.node {
            Some(p) if p.is_file() => Some(p.clone()),
            Some(p) => {
                eprintln!("bench: --node {}: not a file", p.display());
                process::exit(2);
            }
            None => find_on_path("node"),
        }
    } else {
        None
    };

    let mut modes: Vec<Mode> = requested
        .iter()
        .filter_map(|m| {
            let mode = make_mode(ALL_MODES.iter().copied().find(|x| x == m).unwrap());
            if mode.engine == Engine::Node && node.is_none() {
                None
            } else {
                Some(mode)
            }
        })
        .collect();
    if modes.is_empty() {
        usage_error("no modes to run (node not found and no tierjs mode selected?)");
    }

    let dir = find_programs_dir(&opts.programs).unwrap_or_else(|e| {
        eprintln!("bench: {e}");
        process::exit(2)
    });
    let programs = list_programs(&dir, &opts.filters).unwrap_or_else(|e| {
        eprintln!("bench: {e}");
        process::exit(2)
    });
    if programs.is_empty() {
        eprintln!("bench: no programs in {} match the filter", dir.display());
        process::exit(2);
    }

    let tierjs_version = tierjs.as_deref().and_then(engine_version);
    let node_version = node.as_deref().and_then(engine_version);
    eprintln!("programs: {} ({} selected)", dir.display(), programs.len());
    if let Some(t) = &tierjs {
        eprintln!(
            "tierjs:   {}{}",
            t.display(),
            tierjs_version
                .as_deref()
                .map(|v| format!(" ({v})"))
                .unwrap_or_default()
        );
    }
    match &node {
        Some(n) => eprintln!(
            "node:     {}{}",
            n.display(),
            node_version
                .as_deref()
                .map(|v| format!(" ({v})"))
                .unwrap_or_default()
        ),
        None if wants_node && !opts.no_node => {
            eprintln!("node:     not found on PATH — node modes skipped")
        }
        None => {}
    }
    eprintln!(
        "runs:     {} timed after {} warm-up, time-out {:.0}s per run",
        opts.runs,
        opts.warmup,
        opts.timeout.as_secs_f64()
    );

    // Probe the flags of each tierjs mode once on a trivial script: exit code 2 means the
    // binary rejects them (CLI.md: 2 = bad flags), so the mode is reported unsupported and
    // skipped. Probing up front keeps a benchmark that itself exits with 2 from being
    // mistaken for an unsupported mode.
    if let Some(t) = &tierjs {
        let probe = env::temp_dir().join(format!("tierjs-bench-probe-{}.js", process::id()));
        if let Err(e) = fs::write(&probe, "var probe = 1 + 1;\n") {
            eprintln!("bench: cannot write {}: {e}", probe.display());
            process::exit(2);
        }
        for mode in modes.iter_mut().filter(|m| m.engine == Engine::Tierjs) {
            let r = match run_once(t, &mode.flags, &probe, opts.timeout) {
                Ok(r) => r,
                Err(e) => {
                    // The binary cannot be started at all: nothing to measure.
                    let _ = fs::remove_file(&probe);
                    eprintln!("bench: {e}");
                    process::exit(2);
                }
            };
            if !mode.flags.is_empty() && r.status.and_then(|s| s.code()) == Some(2) {
                let why = head(&r.stderr, 2, 200);
                eprintln!(
                    "mode {} unsupported: tierjs rejected {:?} (exit code 2): {why} — skipped",
                    mode.name, mode.flags
                );
                mode.unsupported = Some(why);
            }
        }
        let _ = fs::remove_file(&probe);
    }

    // Measure.
    let mut cells: Vec<Cell> = Vec::new();
    let mut any_fail = false;
    let exes: Vec<Option<PathBuf>> = modes
        .iter()
        .map(|m| m.unsupported.is_none().then(|| m.program(&tierjs, &node)))
        .collect();
    for script in &programs {
        let pname = program_name(script);
        let outcomes = measure_program(&modes, &exes, script, &opts);
        for (mode, outcome) in modes.iter().zip(outcomes) {
            match &outcome {
                Outcome::Ok {
                    median_ms,
                    samples_ms,
                } => {
                    if !opts.quiet {
                        let min = samples_ms.iter().cloned().fold(f64::INFINITY, f64::min);
                        let max = samples_ms.iter().cloned().fold(0.0, f64::max);
                        eprintln!(
                            "  {pname:<14} {:<13} median {:>8} ms  (min {}, max {})",
                            mode.name,
                            fmt_ms(*median_ms),
                            fmt_ms(min),
                            fmt_ms(max)
                        );
                    }
                }
                Outcome::Fail(msg) => {
                    any_fail = true;
                    eprintln!("  {pname:<14} {:<13} FAIL: {msg}", mode.name);
                }
                Outcome::Unsupported => {}
            }
            cells.push(Cell {
                program: pname.clone(),
                mode: mode.name,
                outcome,
            });
        }
    }

    // Table.
    let names: Vec<String> = programs.iter().map(|p| program_name(p)).collect();
    let mode_names: Vec<&'static str> = modes.iter().map(|m| m.name).collect();
    let get = |prog: &str, mode: &str| -> Option<&Outcome> {
        cells
            .iter()
            .find(|c| c.program == prog && c.mode == mode)
            .map(|c| &c.outcome)
    };
    let median_of = |prog: &str, mode: &str| -> Option<f64> {
        match get(prog, mode) {
            Some(Outcome::Ok { median_ms, .. }) => Some(*median_ms),
            _ => None,
        }
    };
    let ratios: Vec<(&str, &str)> = RATIOS
        .iter()
        .copied()
        .filter(|(a, b)| mode_names.contains(a) && mode_names.contains(b))
        .collect();

    let mut header: Vec<String> = vec!["program".to_string()];
    header.extend(mode_names.iter().map(|m| format!("{m} ms")));
    header.extend(ratios.iter().map(|(a, b)| format!("{a}/{b}")));

    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut mode_cols: Vec<Vec<f64>> = vec![Vec::new(); mode_names.len()];
    let mut ratio_cols: Vec<Vec<f64>> = vec![Vec::new(); ratios.len()];
    for name in &names {
        let mut row = vec![name.clone()];
        for (i, m) in mode_names.iter().enumerate() {
            row.push(match get(name, m) {
                Some(Outcome::Ok { median_ms, .. }) => {
                    mode_cols[i].push(*median_ms);
                    fmt_ms(*median_ms)
                }
                Some(Outcome::Fail(_)) => "FAIL".to_string(),
                Some(Outcome::Unsupported) => "unsup".to_string(),
                None => "-".to_string(),
            });
        }
        for (i, (a, b)) in ratios.iter().enumerate() {
            row.push(match (median_of(name, a), median_of(name, b)) {
                (Some(x), Some(y)) if y > 0.0 => {
                    ratio_cols[i].push(x / y);
                    fmt_ratio(x / y)
                }
                _ => "-".to_string(),
            });
        }
        rows.push(row);
    }
    let n = names.len();
    let mut partial = false;
    let mut geo_row = vec!["geomean".to_string()];
    let mut geo_modes: Vec<Option<f64>> = Vec::new();
    let mut geo_ratios: Vec<Option<f64>> = Vec::new();
    for col in &mode_cols {
        let g = geomean(col);
        geo_modes.push(g);
        let star = if col.len() < n && !col.is_empty() {
            partial = true;
            "*"
        } else {
            ""
        };
        geo_row.push(g.map_or("-".to_string(), |v| format!("{}{star}", fmt_ms(v))));
    }
    for col in &ratio_cols {
        let g = geomean(col);
        geo_ratios.push(g);
        let star = if col.len() < n && !col.is_empty() {
            partial = true;
            "*"
        } else {
            ""
        };
        geo_row.push(g.map_or("-".to_string(), |v| format!("{}{star}", fmt_ratio(v))));
    }

    let ncols = header.len();
    let mut widths = vec![0usize; ncols];
    for r in std::iter::once(&header)
        .chain(rows.iter())
        .chain(std::iter::once(&geo_row))
    {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let fmt_row = |r: &Vec<String>| -> String {
        let mut s = String::new();
        for (i, c) in r.iter().enumerate() {
            if i == 0 {
                let _ = write!(s, "{c:<w$}", w = widths[0]);
            } else {
                let _ = write!(s, "  {c:>w$}", w = widths[i]);
            }
        }
        s.trim_end().to_string()
    };
    let rule: String = "-".repeat(widths.iter().sum::<usize>() + 2 * (ncols - 1));
    println!();
    println!("{}", fmt_row(&header));
    println!("{rule}");
    for r in &rows {
        println!("{}", fmt_row(r));
    }
    println!("{rule}");
    println!("{}", fmt_row(&geo_row));
    println!();
    println!(
        "median wall time of {} run(s) after {} warm-up, in ms; ratios < 1 mean the left mode is faster.",
        opts.runs, opts.warmup
    );
    if partial {
        println!("* geometric mean over the programs that have a value in that column only.");
    }
    for m in &modes {
        if let Some(msg) = &m.unsupported {
            println!(
                "mode {} unsupported by this tierjs (flags {:?} rejected): {msg}",
                m.name, m.flags
            );
        }
    }
    let fails: Vec<&Cell> = cells
        .iter()
        .filter(|c| matches!(c.outcome, Outcome::Fail(_)))
        .collect();
    if !fails.is_empty() {
        println!("failures:");
        for c in &fails {
            if let Outcome::Fail(msg) = &c.outcome {
                println!("  {} [{}]: {msg}", c.program, c.mode);
            }
        }
    }

    // JSON.
    if let Some(path) = &opts.json {
        let mut j = String::new();
        j.push_str("{\n");
        let _ = writeln!(j, "  \"schema\": 1,");
        let _ = writeln!(j, "  \"timestamp_unix\": {},", unix_time());
        let _ = writeln!(
            j,
            "  \"programs_dir\": {},",
            json_str(&dir.display().to_string())
        );
        let _ = writeln!(
            j,
            "  \"tierjs\": {{\"path\": {}, \"version\": {}}},",
            tierjs
                .as_ref()
                .map_or("null".to_string(), |p| json_str(&p.display().to_string())),
            tierjs_version
                .as_deref()
                .map_or("null".to_string(), json_str)
        );
        let _ = writeln!(
            j,
            "  \"node\": {{\"path\": {}, \"version\": {}}},",
            node.as_ref()
                .map_or("null".to_string(), |p| json_str(&p.display().to_string())),
            node_version.as_deref().map_or("null".to_string(), json_str)
        );
        let _ = writeln!(
            j,
            "  \"runs\": {}, \"warmup\": {}, \"timeout_s\": {},",
            opts.runs,
            opts.warmup,
            json_num(opts.timeout.as_secs_f64())
        );
        j.push_str("  \"modes\": [\n");
        for (i, m) in modes.iter().enumerate() {
            let flags: Vec<String> = m.flags.iter().map(|f| json_str(f)).collect();
            let _ = write!(
                j,
                "    {{\"name\": {}, \"engine\": {}, \"flags\": [{}], \"supported\": {}{}}}",
                json_str(m.name),
                json_str(if m.engine == Engine::Tierjs {
                    "tierjs"
                } else {
                    "node"
                }),
                flags.join(", "),
                m.unsupported.is_none(),
                m.unsupported.as_deref().map_or(String::new(), |s| format!(
                    ", \"unsupported_reason\": {}",
                    json_str(s)
                ))
            );
            j.push_str(if i + 1 < modes.len() { ",\n" } else { "\n" });
        }
        j.push_str("  ],\n  \"results\": [\n");
        for (i, c) in cells.iter().enumerate() {
            let body = match &c.outcome {
                Outcome::Ok {
                    samples_ms,
                    median_ms,
                } => {
                    let s: Vec<String> = samples_ms.iter().map(|v| json_num(*v)).collect();
                    let min = samples_ms.iter().cloned().fold(f64::INFINITY, f64::min);
                    let max = samples_ms.iter().cloned().fold(0.0, f64::max);
                    format!(
                        "\"status\": \"ok\", \"median_ms\": {}, \"min_ms\": {}, \"max_ms\": {}, \"samples_ms\": [{}]",
                        json_num(*median_ms),
                        json_num(min),
                        json_num(max),
                        s.join(", ")
                    )
                }
                Outcome::Fail(msg) => format!("\"status\": \"fail\", \"error\": {}", json_str(msg)),
                Outcome::Unsupported => "\"status\": \"unsupported\"".to_string(),
            };
            let _ = write!(
                j,
                "    {{\"program\": {}, \"mode\": {}, {body}}}",
                json_str(&c.program),
                json_str(c.mode)
            );
            j.push_str(if i + 1 < cells.len() { ",\n" } else { "\n" });
        }
        j.push_str("  ],\n  \"geomean_ms\": {");
        let gm: Vec<String> = mode_names
            .iter()
            .zip(&geo_modes)
            .map(|(m, g)| format!("{}: {}", json_str(m), json_opt_num(*g)))
            .collect();
        j.push_str(&gm.join(", "));
        j.push_str("},\n  \"geomean_ratios\": {");
        let gr: Vec<String> = ratios
            .iter()
            .zip(&geo_ratios)
            .map(|((a, b), g)| format!("{}: {}", json_str(&format!("{a}/{b}")), json_opt_num(*g)))
            .collect();
        j.push_str(&gr.join(", "));
        j.push_str("}\n}\n");
        if let Err(e) = fs::write(path, j) {
            eprintln!("bench: cannot write {}: {e}", path.display());
            process::exit(2);
        }
        eprintln!("wrote {}", path.display());
    }

    process::exit(if any_fail { 1 } else { 0 });
}
