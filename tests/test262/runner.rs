//! The test262 runner: `TEST262_DIR=/path/to/test262 cargo run --release --bin test262 -- [options]`.
//!
//! Selects the tests of tests/test262/profile.txt, prepends the harness (assert.js, sta.js and
//! each test's `includes`), runs the strict and non-strict variants its flags ask for,
//! judges negative tests (parse-phase SyntaxError, runtime error type), runs in parallel with
//! a time-out, prints pass/total per directory and in total, writes a results file and, given
//! a baseline results file, lists regressions. std only (it is built with the package).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Prefix of an outcome that means "uses a feature outside the subset" (counted apart).
const SKIP: &str = "SKIP: ";

struct Profile {
    include: Vec<String>,
    features: BTreeSet<String>,
    flags: BTreeSet<String>,
    paths: Vec<String>,
}

fn read_profile(path: &Path) -> Profile {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {}", path.display(), e));
    let mut p = Profile { include: vec![], features: BTreeSet::new(), flags: BTreeSet::new(), paths: vec![] };
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let (k, v) = line.split_once(' ').unwrap_or((line, ""));
        let v = v.trim().to_string();
        match k {
            "include" => p.include.push(v),
            "exclude-feature" => {
                p.features.insert(v);
            }
            "exclude-flag" => {
                p.flags.insert(v);
            }
            "exclude-path" => p.paths.push(v),
            _ => panic!("profile: unknown directive {:?}", k),
        }
    }
    p
}

#[derive(Default, Debug)]
struct Meta {
    includes: Vec<String>,
    flags: Vec<String>,
    features: Vec<String>,
    negative_phase: Option<String>,
    negative_type: Option<String>,
}

/// Parses the `/*--- … ---*/` YAML front matter (the subset of YAML test262 uses).
fn parse_meta(src: &str) -> Meta {
    let mut m = Meta::default();
    let (Some(s), Some(e)) = (src.find("/*---"), src.find("---*/")) else { return m };
    if e < s {
        return m;
    }
    let yaml = &src[s + 5..e];
    let mut current: Option<&str> = None;
    let mut in_negative = false;
    let list = |v: &str| -> Vec<String> { v.trim().trim_start_matches('[').trim_end_matches(']').split(',').map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect() };
    for raw in yaml.lines() {
        let line = raw.trim_end();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let indented = line.starts_with(' ') || line.starts_with('\t');
        if !indented {
            in_negative = false;
            current = None;
            if let Some((k, v)) = trimmed.split_once(':') {
                match k {
                    "includes" => {
                        m.includes = list(v);
                        current = Some("includes");
                    }
                    "flags" => {
                        m.flags = list(v);
                        current = Some("flags");
                    }
                    "features" => {
                        m.features = list(v);
                        current = Some("features");
                    }
                    "negative" => in_negative = true,
                    _ => {}
                }
            }
            continue;
        }
        if in_negative {
            if let Some((k, v)) = trimmed.split_once(':') {
                match k.trim() {
                    "phase" => m.negative_phase = Some(v.trim().to_string()),
                    "type" => m.negative_type = Some(v.trim().to_string()),
                    _ => {}
                }
            }
        } else if let (Some(which), Some(item)) = (current, trimmed.strip_prefix("- ")) {
            let item = item.trim().to_string();
            match which {
                "includes" => m.includes.push(item),
                "flags" => m.flags.push(item),
                "features" => m.features.push(item),
                _ => {}
            }
        }
    }
    m
}

struct Job {
    rel: String,
    path: PathBuf,
    strict: bool,
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "js") && !p.to_string_lossy().contains("_FIXTURE") {
            out.push(p);
        }
    }
}

fn run_one(tierjs: &str, flags: &[String], root: &Path, harness: &BTreeMap<String, String>, job: &Job, scratch: &Path, timeout: Duration) -> Result<(), String> {
    let src = std::fs::read_to_string(&job.path).map_err(|e| e.to_string())?;
    let meta = parse_meta(&src);
    let raw = meta.flags.iter().any(|f| f == "raw");
    let mut text = String::new();
    if job.strict {
        text.push_str("\"use strict\";\n");
    }
    if !raw {
        for inc in ["assert.js", "sta.js"].iter().map(|s| s.to_string()).chain(meta.includes.iter().cloned()) {
            let h = harness.get(&inc).ok_or_else(|| format!("missing harness file {}", inc))?;
            text.push_str(h);
            text.push('\n');
        }
    }
    text.push_str(&src);
    let file = scratch.join(format!("{}-{}.js", job.rel.replace(['/', '.'], "_"), if job.strict { "s" } else { "n" }));
    std::fs::write(&file, &text).map_err(|e| e.to_string())?;
    let _ = root;
    let start = Instant::now();
    let mut child = Command::new(tierjs).args(flags).arg("--script").arg(&file).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().map_err(|e| e.to_string())?;
    let out = child.stdout.take().unwrap();
    let err = child.stderr.take().unwrap();
    let ot = std::thread::spawn(move || std::io::read_to_string(out).unwrap_or_default());
    let et = std::thread::spawn(move || std::io::read_to_string(err).unwrap_or_default());
    let status = loop {
        if let Some(s) = child.try_wait().map_err(|e| e.to_string())? {
            break s;
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            let _ = std::fs::remove_file(&file);
            return Err("timeout".into());
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let _stdout = ot.join().unwrap();
    let stderr = et.join().unwrap();
    let _ = std::fs::remove_file(&file);
    let code = status.code().ok_or("killed by a signal")?;
    let first = stderr.lines().next().unwrap_or("").to_string();
    if stderr.contains("panicked") {
        return Err(format!("PANIC {}", first));
    }
    // The engine itself reports a feature outside the subset (a RegExp literal, a tagged
    // template, …) or a missing excluded built-in: the test is out of the profile, not failed.
    let expects_parse_error = matches!(meta.negative_phase.as_deref(), Some("parse") | Some("early"));
    const OUT_OF_SUBSET: &[&str] = &[
        "unsupported: generator",
        "unsupported: async",
        "unsupported: await",
        "unsupported: for await",
        "unsupported: regular expression",
        "unsupported: import",
        "unsupported: dynamic import",
        "unsupported: export",
        "unsupported: with statement",
        "unsupported: tagged templates",
        "unsupported: BigInt",
        "unsupported: labels on non-loop statements",
        "unsupported: eval",
        "unsupported: private class members",
        "unsupported: class static blocks",
        "unsupported: accessor fields",
        "unsupported: using declarations",
    ];
    if code == 1 && !expects_parse_error && first.contains(": SyntaxError: ") && OUT_OF_SUBSET.iter().any(|m| first.contains(m)) {
        return Err(format!("{}{}", SKIP, first));
    }
    for missing in ["RegExp", "Symbol", "Proxy", "Reflect", "Promise", "WeakMap", "WeakSet", "WeakRef", "BigInt", "ArrayBuffer", "DataView", "Uint8Array", "Int8Array", "Float64Array"] {
        if code == 1 && first == format!("Uncaught ReferenceError: {} is not defined", missing) {
            return Err(format!("{}{}", SKIP, first));
        }
    }
    if code == 1 && first.contains("unsupported: new Function") {
        return Err(format!("{}{}", SKIP, first));
    }
    match (&meta.negative_phase, &meta.negative_type) {
        (Some(phase), Some(ty)) if phase == "parse" || phase == "early" => {
            if code == 1 && first.contains(": SyntaxError:") {
                Ok(())
            } else {
                Err(format!("expected a {} at parse time, got exit {} {}", ty, code, first))
            }
        }
        (Some(_), Some(ty)) => {
            if code == 1 && first.starts_with("Uncaught") && first.contains(ty.as_str()) {
                Ok(())
            } else {
                Err(format!("expected uncaught {}, got exit {} {}", ty, code, first))
            }
        }
        _ => {
            if code == 0 {
                Ok(())
            } else {
                Err(first)
            }
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut filter: Option<String> = None;
    let mut results_path = PathBuf::from("test262-results.txt");
    let mut baseline: Option<PathBuf> = None;
    let mut jobs = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    let mut verbose = false;
    let mut engine_flags: Vec<String> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        let mut val = || {
            i += 1;
            args.get(i).cloned().unwrap_or_else(|| {
                eprintln!("test262: {} needs a value", a);
                std::process::exit(2)
            })
        };
        match a.as_str() {
            "--filter" => filter = Some(val()),
            "--results" => results_path = PathBuf::from(val()),
            "--baseline" => baseline = Some(PathBuf::from(val())),
            "--jobs" => {
                jobs = val().parse().unwrap_or_else(|_| {
                    eprintln!("test262: --jobs takes a number");
                    std::process::exit(2)
                })
            }
            "--verbose" => verbose = true,
            // Engine flags for every run: the tier modes, e.g. --flags "--jit-threshold=1 --osr-threshold=1".
            "--flags" => engine_flags = val().split_whitespace().map(String::from).collect(),
            "--help" | "-h" => {
                println!("TEST262_DIR=<checkout> test262 [--filter TEXT] [--results FILE] [--baseline FILE] [--jobs N] [--flags \"ENGINE FLAGS\"] [--verbose]");
                return;
            }
            other => {
                eprintln!("test262: unknown option {} (see --help)", other);
                std::process::exit(2);
            }
        }
        i += 1;
    }
    let Ok(dir) = std::env::var("TEST262_DIR") else {
        eprintln!("test262: set TEST262_DIR to a tc39/test262 checkout (skipped)");
        return;
    };
    let root = PathBuf::from(dir);
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let profile = read_profile(&manifest.join("tests/test262/profile.txt"));
    let exe_dir = std::env::current_exe().unwrap().parent().unwrap().to_path_buf();
    let tierjs = exe_dir.join("tierjs").display().to_string();
    let mut harness = BTreeMap::new();
    for e in std::fs::read_dir(root.join("harness")).expect("harness/").flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "js") {
            harness.insert(p.file_name().unwrap().to_string_lossy().to_string(), std::fs::read_to_string(&p).unwrap_or_default());
        }
    }
    let mut files = Vec::new();
    for inc in &profile.include {
        collect(&root.join("test").join(inc), &mut files);
    }
    let mut work = Vec::new();
    let mut skipped = 0;
    for f in files {
        let rel = f.strip_prefix(root.join("test")).unwrap().to_string_lossy().replace('\\', "/");
        if filter.as_ref().is_some_and(|x| !rel.contains(x.as_str())) {
            continue;
        }
        if profile.paths.iter().any(|p| rel.contains(p.as_str())) {
            skipped += 1;
            continue;
        }
        let src = std::fs::read_to_string(&f).unwrap_or_default();
        let meta = parse_meta(&src);
        if meta.features.iter().any(|x| profile.features.contains(x)) || meta.flags.iter().any(|x| profile.flags.contains(x)) {
            skipped += 1;
            continue;
        }
        let only_strict = meta.flags.iter().any(|x| x == "onlyStrict");
        let no_strict = meta.flags.iter().any(|x| x == "noStrict" || x == "raw");
        if !only_strict {
            work.push(Job { rel: rel.clone(), path: f.clone(), strict: false });
        }
        if !no_strict {
            work.push(Job { rel, path: f, strict: true });
        }
    }
    let total = work.len();
    eprintln!("test262: {} runs ({} files skipped by the profile), {} workers", total, skipped, jobs);
    let scratch = std::env::temp_dir().join(format!("tierjs-test262-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let queue = Mutex::new(work.into_iter());
    let results: Mutex<Vec<(String, bool, Result<(), String>)>> = Mutex::new(Vec::new());
    let done = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..jobs {
            s.spawn(|| loop {
                let Some(job) = queue.lock().unwrap().next() else { break };
                let r = run_one(&tierjs, &engine_flags, &root, &harness, &job, &scratch, Duration::from_secs(10));
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                if n % 2000 == 0 {
                    eprintln!("  {}/{}", n, total);
                }
                results.lock().unwrap().push((job.rel, job.strict, r));
            });
        }
    });
    let _ = std::fs::remove_dir_all(&scratch);
    let mut results = results.into_inner().unwrap();
    results.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    // Per directory (two levels: e.g. built-ins/Array, language/expressions).
    let mut per_dir: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut lines = Vec::new();
    let mut out_of_subset = 0;
    for (rel, strict, r) in &results {
        if matches!(r, Err(m) if m.starts_with(SKIP)) {
            out_of_subset += 1;
            lines.push(format!("SKIP {} {}", rel, if *strict { "strict" } else { "sloppy" }));
            continue;
        }
        let d: Vec<&str> = rel.split('/').take(2).collect();
        let e = per_dir.entry(d.join("/")).or_default();
        e.1 += 1;
        let pass = r.is_ok();
        if pass {
            e.0 += 1;
        }
        let variant = if *strict { "strict" } else { "sloppy" };
        lines.push(format!("{} {} {}", if pass { "PASS" } else { "FAIL" }, rel, variant));
        if verbose {
            if let Err(msg) = r {
                println!("FAIL {} [{}]: {}", rel, variant, msg);
            }
        }
    }
    let passed: usize = per_dir.values().map(|v| v.0).sum();
    let total = total - out_of_subset;
    println!("{:<40} {:>8} {:>8} {:>7}", "directory", "passed", "total", "rate");
    for (d, (p, t)) in &per_dir {
        println!("{:<40} {:>8} {:>8} {:>6.1}%", d, p, t, 100.0 * *p as f64 / *t as f64);
    }
    println!("{:<40} {:>8} {:>8} {:>6.1}%", "TOTAL", passed, total, 100.0 * passed as f64 / total.max(1) as f64);
    println!("{} runs used a feature outside the subset (reported by tierjs as unsupported, or an excluded built-in) and are not counted", out_of_subset);
    std::fs::write(&results_path, lines.join("\n") + "\n").unwrap();
    println!("results written to {}", results_path.display());
    if let Some(b) = baseline {
        let old = std::fs::read_to_string(&b).unwrap_or_default();
        let before: BTreeSet<&str> = old.lines().filter_map(|l| l.strip_prefix("PASS ")).collect();
        let regressions: Vec<&String> = lines.iter().filter(|l| l.starts_with("FAIL ") && before.contains(&l[5..])).collect();
        println!("{} regressions against {}", regressions.len(), b.display());
        for r in regressions {
            println!("  {}", r);
        }
    }
    println!("{} passed, {} failed", passed, total - passed);
}
