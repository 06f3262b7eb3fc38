//! Black-box JavaScript conformance suite: runs every `tests/js/**/*.js` through the
//! `tierjs` binary under each tier mode and compares stdout and the exit code.
//!
//! Layout (see tests/js/README.md):
//!   <name>.js        the test program
//!   <name>.expected  expected stdout, compared byte for byte (required)
//!   <name>.exit      expected exit code (optional, default 0)
//!   <name>.args      extra script arguments, one line, whitespace-separated (optional)
//!   <name>.flags     extra engine flags for every mode, e.g. `--allow-natives` (optional)
//! Files below a directory named `modules` (at any depth), and files or directories whose
//! name starts with `_`, are helper modules for `require`, not tests.
//!
//! Working directory and script path: every run uses cwd = the repository root
//! (CARGO_MANIFEST_DIR) and passes the script as a root-relative path with forward slashes,
//! e.g. `tierjs --jit=off tests/js/lang/closures.js ARGS...`. So error positions and
//! `process.argv[1]` are stable (`tests/js/...`) whoever runs the suite; `require('./x')`
//! resolves relative to the requiring file, so it does not depend on the cwd.
//!
//! Environment:
//!   TIERJS_MODES=interp,default   run only these modes (names from MODES; unknown names panic)
//!   TIERJS_FILTER=lang/closures   run only files whose path (relative to tests/js) contains it
//!   TIERJS_TIMEOUT=30             per-run timeout in seconds (the child is killed)
//!   TIERJS_JOBS=N                 worker threads (default: available_parallelism)
//!   TIERJS_VERBOSE=1              also print one line per passing run
//!
//!   TIERJS_BIN=path               test another tierjs binary (e.g. a cross-built one)
//!   TIERJS_WRAPPER="qemu-aarch64 -L /usr/aarch64-linux-gnu"   run it through this command
//!
//! Uses only std; the binary is found with env!("CARGO_BIN_EXE_tierjs") unless TIERJS_BIN is set.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::thread;
use std::time::{Duration, Instant};

/// Tier modes: (name, flags placed before the script path) — the tier matrix. Every file must
/// print the same output in each: the interpreter alone; the default tiering; eager tier-up
/// (compile after one call / one back edge); eager with a forced guard failure every 7th guard
/// (every deopt path); collection at every safepoint with the interpreter (`gc-stress`) and with
/// eager compiled code (`eager-gc-stress`).
const MODES: &[(&str, &[&str])] = &[
    ("interp", &["--jit=off"]),
    ("default", &[]),
    ("eager", &["--jit-threshold=1", "--osr-threshold=1"]),
    ("stress-deopt", &["--jit-threshold=1", "--osr-threshold=1", "--stress-deopt-every=7"]),
    ("gc-stress", &["--gc-stress"]),
    ("eager-gc-stress", &["--jit-threshold=1", "--osr-threshold=1", "--gc-stress"]),
];

const DEFAULT_TIMEOUT_SECS: f64 = 30.0;

fn repo_root() -> PathBuf {
    if let Some(dir) = option_env!("CARGO_MANIFEST_DIR") {
        return PathBuf::from(dir);
    }
    if let Ok(dir) = std::env::var("CARGO_MANIFEST_DIR") {
        return PathBuf::from(dir);
    }
    std::env::current_dir().expect("current dir")
}

// ---------------------------------------------------------------------------------------
// Running a child with a timeout (std only: reader threads + try_wait polling).

struct RunOutput {
    /// Exit code; None if killed by a signal (or by our timeout).
    code: Option<i32>,
    signal: Option<i32>,
    timed_out: bool,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    elapsed: Duration,
}

#[cfg(unix)]
fn exit_signal(status: &std::process::ExitStatus) -> Option<i32> {
    use std::os::unix::process::ExitStatusExt;
    status.signal()
}
#[cfg(not(unix))]
fn exit_signal(_status: &std::process::ExitStatus) -> Option<i32> {
    None
}

fn run_with_timeout(cmd: &mut Command, timeout: Duration) -> std::io::Result<RunOutput> {
    let start = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut out_pipe = child.stdout.take().unwrap();
    let mut err_pipe = child.stderr.take().unwrap();
    let out_t = thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out_pipe.read_to_end(&mut v);
        v
    });
    let err_t = thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err_pipe.read_to_end(&mut v);
        v
    });
    let mut timed_out = false;
    let mut nap = Duration::from_millis(1);
    let status = loop {
        if let Some(st) = child.try_wait()? {
            break st;
        }
        if start.elapsed() >= timeout {
            timed_out = true;
            let _ = child.kill();
            break child.wait()?;
        }
        thread::sleep(nap);
        nap = (nap * 2).min(Duration::from_millis(20));
    };
    let elapsed = start.elapsed();
    let stdout = out_t.join().unwrap_or_default();
    let stderr = err_t.join().unwrap_or_default();
    Ok(RunOutput { code: status.code(), signal: exit_signal(&status), timed_out, stdout, stderr, elapsed })
}

// ---------------------------------------------------------------------------------------
// Discovery.

struct TestFile {
    /// Path relative to the repo root, forward slashes: `tests/js/lang/closures.js`.
    rel: String,
    /// Path relative to tests/js (what TIERJS_FILTER matches and what is printed).
    short: String,
    expected: Option<Vec<u8>>,
    exit: i32,
    args: Vec<String>,
    flags: Vec<String>,
    /// A problem with the test's own files (bad .exit, ...), reported as a failure.
    setup_error: Option<String>,
}

fn is_helper_name(name: &str) -> bool {
    name.starts_with('_')
}

fn walk(dir: &Path, in_modules: bool, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = match fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok()).map(|e| e.path()).collect(),
        Err(_) => return,
    };
    entries.sort();
    for p in entries {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if p.is_dir() {
            // Helper directories (`modules`, `_anything`) hold no tests, at any depth.
            let helper = in_modules || name == "modules" || is_helper_name(&name);
            walk(&p, helper, out);
        } else if name.ends_with(".js") && !in_modules && !is_helper_name(&name) {
            out.push(p);
        }
    }
}

fn to_slash(p: &Path) -> String {
    p.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

fn discover(root: &Path, filter: Option<&str>) -> Vec<TestFile> {
    let js_dir = root.join("tests").join("js");
    let mut paths = Vec::new();
    walk(&js_dir, false, &mut paths);
    let mut tests = Vec::new();
    for p in paths {
        let rel = to_slash(p.strip_prefix(root).unwrap());
        let short = to_slash(p.strip_prefix(&js_dir).unwrap());
        if let Some(f) = filter {
            if !short.contains(f) && !rel.contains(f) {
                continue;
            }
        }
        let mut setup_error = None;
        let expected = fs::read(p.with_extension("expected")).ok();
        if expected.is_none() {
            setup_error = Some(format!("missing {}", to_slash(&p.with_extension("expected").strip_prefix(root).unwrap())));
        }
        let mut exit = 0;
        if let Ok(s) = fs::read_to_string(p.with_extension("exit")) {
            match s.trim().parse::<i32>() {
                Ok(n) => exit = n,
                Err(_) => setup_error = Some(format!("bad .exit file content {:?}", s.trim())),
            }
        }
        let args = fs::read_to_string(p.with_extension("args"))
            .map(|s| s.lines().next().unwrap_or("").split_whitespace().map(String::from).collect())
            .unwrap_or_default();
        let flags = fs::read_to_string(p.with_extension("flags"))
            .map(|s| s.lines().next().unwrap_or("").split_whitespace().map(String::from).collect())
            .unwrap_or_default();
        tests.push(TestFile { rel, short, expected, exit, args, flags, setup_error });
    }
    tests
}

// ---------------------------------------------------------------------------------------
// Comparison and reporting.

fn show_line(bytes: &[u8]) -> String {
    let s = String::from_utf8_lossy(bytes);
    let mut d = format!("{:?}", s);
    if d.len() > 200 {
        let mut cut = 197;
        while !d.is_char_boundary(cut) {
            cut -= 1;
        }
        d.truncate(cut);
        d.push_str("...");
    }
    d
}

/// Compact diff: the first differing line (1-based) with expected vs actual. Lines keep
/// their `\n`, so a missing or extra final newline is reported on the line where it happens.
fn first_diff(expected: &[u8], actual: &[u8]) -> String {
    let e: Vec<&[u8]> = expected.split_inclusive(|&b| b == b'\n').collect();
    let a: Vec<&[u8]> = actual.split_inclusive(|&b| b == b'\n').collect();
    let count = |v: &[&[u8]]| v.len();
    for i in 0..e.len().max(a.len()) {
        let (el, al) = (e.get(i).copied(), a.get(i).copied());
        if el == al {
            continue;
        }
        let strip = |l: &[u8]| -> (Vec<u8>, bool) {
            match l.strip_suffix(b"\n") {
                Some(body) => (body.to_vec(), true),
                None => (l.to_vec(), false),
            }
        };
        let fmt = |l: Option<&[u8]>| match l {
            Some(l) => {
                let (body, nl) = strip(l);
                if nl { show_line(&body) } else { format!("{} (no final newline)", show_line(&body)) }
            }
            None => "<end of output>".to_string(),
        };
        return format!(
            "stdout differs at line {}\n      expected: {}\n      actual:   {}\n      ({} expected lines, {} actual lines)",
            i + 1,
            fmt(el),
            fmt(al),
            count(&e),
            count(&a)
        );
    }
    "stdout differs".to_string()
}

fn stderr_head(stderr: &[u8]) -> String {
    if stderr.is_empty() {
        return String::new();
    }
    let s = String::from_utf8_lossy(stderr);
    let mut out = String::from("      stderr:\n");
    let lines: Vec<&str> = s.lines().collect();
    for l in lines.iter().take(8) {
        let mut l = l.to_string();
        if l.len() > 300 {
            let mut cut = 300;
            while !l.is_char_boundary(cut) {
                cut -= 1;
            }
            l.truncate(cut);
            l.push_str("...");
        }
        out.push_str("        ");
        out.push_str(&l);
        out.push('\n');
    }
    if lines.len() > 8 {
        out.push_str(&format!("        ... ({} more lines)\n", lines.len() - 8));
    }
    out
}

struct Job {
    test: usize,
    mode: usize,
}

struct JobResult {
    test: usize,
    mode: usize,
    /// None = pass, Some(report) = failure.
    failure: Option<String>,
    elapsed: Duration,
}

fn run_job(bin: &str, root: &Path, t: &TestFile, flags: &[&str], timeout: Duration) -> (Option<String>, Duration) {
    if let Some(e) = &t.setup_error {
        return (Some(format!("      {}\n", e)), Duration::ZERO);
    }
    let wrapper: Vec<String> = std::env::var("TIERJS_WRAPPER").map(|w| w.split_whitespace().map(String::from).collect()).unwrap_or_default();
    let mut cmd = match wrapper.split_first() {
        Some((prog, rest)) => {
            let mut c = Command::new(prog);
            c.args(rest).arg(bin);
            c
        }
        None => Command::new(bin),
    };
    cmd.current_dir(root).args(flags).args(&t.flags).arg(&t.rel).args(&t.args);
    let out = match run_with_timeout(&mut cmd, timeout) {
        Ok(o) => o,
        Err(e) => return (Some(format!("      cannot run {}: {}\n", bin, e)), Duration::ZERO),
    };
    let mut problems = Vec::new();
    if out.timed_out {
        problems.push(format!("timed out after {:.1}s (killed)", timeout.as_secs_f64()));
    } else if let Some(sig) = out.signal {
        problems.push(format!("killed by signal {}", sig));
    } else if out.code != Some(t.exit) {
        problems.push(format!("exit code {:?}, expected {}", out.code.unwrap_or(-1), t.exit));
    }
    let expected = t.expected.as_deref().unwrap_or(b"");
    if out.stdout != expected {
        problems.push(first_diff(expected, &out.stdout));
    }
    // A panic the engine caught (e.g. a compiler bug turned into a bailout) is still a bug.
    if String::from_utf8_lossy(&out.stderr).contains("panicked at") {
        problems.push("a panic was reported on stderr".to_string());
    }
    if problems.is_empty() {
        return (None, out.elapsed);
    }
    let mut report = String::new();
    for p in problems {
        report.push_str("      ");
        report.push_str(&p);
        report.push('\n');
    }
    report.push_str(&stderr_head(&out.stderr));
    (Some(report), out.elapsed)
}

#[test]
fn js_suite() {
    let bin: &'static str = match std::env::var("TIERJS_BIN") {
        Ok(b) if !b.is_empty() => Box::leak(b.into_boxed_str()),
        _ => env!("CARGO_BIN_EXE_tierjs"),
    };
    let root = repo_root();
    let timeout_secs = std::env::var("TIERJS_TIMEOUT")
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|&t| t > 0.0)
        .unwrap_or(DEFAULT_TIMEOUT_SECS);
    let timeout = Duration::from_secs_f64(timeout_secs);
    let verbose = std::env::var("TIERJS_VERBOSE").map_or(false, |v| !v.is_empty() && v != "0");

    // Modes.
    let modes: Vec<usize> = match std::env::var("TIERJS_MODES") {
        Ok(sel) if !sel.trim().is_empty() => sel
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|name| {
                MODES.iter().position(|(n, _)| *n == name).unwrap_or_else(|| {
                    let known: Vec<&str> = MODES.iter().map(|(n, _)| *n).collect();
                    panic!("TIERJS_MODES: unknown mode {:?}; known modes: {}", name, known.join(", "))
                })
            })
            .collect(),
        _ => (0..MODES.len()).collect(),
    };

    // Files.
    let filter = std::env::var("TIERJS_FILTER").ok().filter(|s| !s.is_empty());
    let tests = Arc::new(discover(&root, filter.as_deref()));
    if tests.is_empty() {
        if let Some(f) = &filter {
            panic!("TIERJS_FILTER={:?} matched no test under tests/js", f);
        }
        println!("no tests found under {}", root.join("tests/js").display());
        println!("0 passed, 0 failed");
        return;
    }

    let jobs: Arc<Vec<Job>> =
        Arc::new((0..tests.len()).flat_map(|t| modes.iter().map(move |&m| Job { test: t, mode: m })).collect());
    let workers = std::env::var("TIERJS_JOBS")
        .ok()
        .and_then(|s| s.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| thread::available_parallelism().map_or(2, |n| n.get()))
        .min(jobs.len());
    println!(
        "js_suite: {} files x {} modes = {} runs, {} workers, timeout {}s, binary {}",
        tests.len(),
        modes.len(),
        jobs.len(),
        workers,
        timeout_secs,
        bin
    );

    let next = Arc::new(AtomicUsize::new(0));
    let (tx, rx) = mpsc::channel::<JobResult>();
    let mut handles = Vec::new();
    for _ in 0..workers {
        let (tests, jobs, next, tx, root) = (tests.clone(), jobs.clone(), next.clone(), tx.clone(), root.clone());
        handles.push(thread::spawn(move || loop {
            let i = next.fetch_add(1, Ordering::SeqCst);
            let Some(job) = jobs.get(i) else { break };
            let (failure, elapsed) = run_job(bin, &root, &tests[job.test], MODES[job.mode].1, timeout);
            if tx.send(JobResult { test: job.test, mode: job.mode, failure, elapsed }).is_err() {
                break;
            }
        }));
    }
    drop(tx);

    // (pass, fail) per mode index.
    let mut per_mode: BTreeMap<usize, (usize, usize)> = modes.iter().map(|&m| (m, (0, 0))).collect();
    let mut failed_runs: Vec<(usize, usize)> = Vec::new();
    for r in rx {
        let t = &tests[r.test];
        let (mode_name, flags) = MODES[r.mode];
        let entry = per_mode.get_mut(&r.mode).unwrap();
        match r.failure {
            None => {
                entry.0 += 1;
                if verbose {
                    println!("ok   [{}] {} ({:.2}s)", mode_name, t.short, r.elapsed.as_secs_f64());
                }
            }
            Some(report) => {
                entry.1 += 1;
                failed_runs.push((r.test, r.mode));
                let mut cmdline = String::from("tierjs");
                for f in flags.iter().copied().chain(std::iter::once(t.rel.as_str())).chain(t.args.iter().map(|s| s.as_str())) {
                    cmdline.push(' ');
                    cmdline.push_str(f);
                }
                println!("FAIL [{}] {}    ({})\n{}", mode_name, t.short, cmdline, report.trim_end_matches('\n'));
            }
        }
    }
    for h in handles {
        h.join().expect("worker thread panicked");
    }

    println!();
    for (&m, &(p, f)) in &per_mode {
        println!("  {:<14} {} passed, {} failed", MODES[m].0, p, f);
    }
    if !failed_runs.is_empty() {
        failed_runs.sort();
        println!("failed runs:");
        for (t, m) in &failed_runs {
            println!("  [{}] {}", MODES[*m].0, tests[*t].short);
        }
    }
    let passed: usize = per_mode.values().map(|v| v.0).sum();
    let failed: usize = per_mode.values().map(|v| v.1).sum();
    println!("{} passed, {} failed", passed, failed);
    if failed > 0 {
        panic!("{} of {} js_suite runs failed", failed, passed + failed);
    }
}
