//! The command-line contract (docs/CLI.md): flags, exit codes, error formats, GC options.

use std::process::Command;

fn tierjs(args: &[&str], script: &str) -> (i32, String, String) {
    let dir = std::env::temp_dir().join(format!("tierjs-cli-{}-{}", std::process::id(), script.len()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("t.js");
    std::fs::write(&path, script).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tierjs")).args(args).arg(&path).output().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn help_and_version() {
    let out = Command::new(env!("CARGO_BIN_EXE_tierjs")).arg("--help").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    for flag in ["--jit=off", "--print-bytecode", "--gc-stress", "--max-heap", "--stats"] {
        assert!(text.contains(flag), "--help does not document {}", flag);
    }
    let out = Command::new(env!("CARGO_BIN_EXE_tierjs")).arg("--version").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("tierjs "));
}

#[test]
fn bad_flags_exit_2() {
    for args in [&["--bogus"][..], &["--jit=maybe"], &["--max-heap=lots"], &["--stats=xml"]] {
        let (code, _, err) = tierjs(args, "1");
        assert_eq!(code, 2, "{:?}", args);
        assert!(err.starts_with("tierjs: "), "{:?}: {}", args, err);
    }
}

#[test]
fn syntax_error_format() {
    let (code, _, err) = tierjs(&[], "let x = 1;\nlet y = ;\n");
    assert_eq!(code, 1);
    let first = err.lines().next().unwrap();
    assert!(first.ends_with("t.js:2:9: SyntaxError: Unexpected token") || first.contains("t.js:2:9: SyntaxError:"), "{}", first);
    assert_eq!(err.lines().nth(1), Some("let y = ;"));
    assert_eq!(err.lines().nth(2), Some("        ^"));
}

#[test]
fn uncaught_exception_format() {
    let (code, out, err) = tierjs(&[], "console.log('a');\nfunction f() { return null.x; }\nf();\n");
    assert_eq!((code, out.as_str()), (1, "a\n"));
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines[0], "Uncaught TypeError: Cannot read properties of null (reading 'x')");
    assert!(lines[1].trim_start().starts_with("at f (") && lines[1].ends_with("t.js:2:27)"), "{}", lines[1]);
    assert!(lines[2].trim_end().ends_with("t.js:3:1"), "{}", lines[2]);
}

#[test]
fn process_exit_and_argv() {
    let (code, out, _) = tierjs(&[], "console.log(process.argv.length); process.exit(42);");
    assert_eq!((code, out.as_str()), (42, "2\n"));
}

#[test]
fn max_heap_is_a_clean_fatal_error() {
    let (code, _, err) = tierjs(&["--max-heap=20"], "const keep = []; for (let i = 0; i < 3e6; i++) keep.push({ i, s: 'x' + i });");
    assert_eq!(code, 1);
    assert_eq!(err.trim(), "FatalError: heap limit of 20 MB reached");
}

#[test]
fn stats_report_gc_figures() {
    let script = "let s = 0; for (let i = 0; i < 300000; i++) { const o = { i }; s += o.i; } console.log(s);";
    let (code, out, err) = tierjs(&["--stats"], script);
    assert_eq!((code, out.as_str()), (0, "44999850000\n"));
    assert!(err.contains("[stats] gc:") && err.contains("collections"), "{}", err);
    let (_, _, json) = tierjs(&["--stats=json"], script);
    let line = json.lines().last().unwrap();
    assert!(line.starts_with("{\"v\":1,") && line.contains("\"collections\":") && line.contains("\"max_pause_ms\":"), "{}", line);
}

#[test]
fn dead_arrays_lend_their_element_buffers() {
    // Each call builds a 1.6 MB array and drops it: from the second call on, every new array
    // takes the dead one's buffer (Heap::grow_elements), in the interpreter and compiled code,
    // since `new Array(n)` asks for the collection before the array grows
    // (Heap::expect_large_elements).
    let script = "function f(n) { const a = new Array(n); for (let i = 0; i < n; i++) a[i] = i & 7; let s = 0; for (let i = 0; i < n; i++) s += a[i]; return s; }\nlet t = 0; for (let r = 0; r < 12; r++) t += f(200000); console.log(t);";
    for mode in ["--jit=off", "--jit-threshold=1"] {
        let (code, out, err) = tierjs(&[mode, "--stats=json"], script);
        assert_eq!((code, out.as_str()), (0, "8400000\n"), "{}", err);
        let line = err.lines().last().unwrap();
        let reused: u64 = line.split("\"element_buffers_reused\":").nth(1).and_then(|t| t.split([',', '}']).next()).and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("{}", line));
        assert!(reused >= 11, "{}: {} buffers reused of 12 arrays: {}", mode, reused, line);
    }
}

#[test]
fn gc_stress_keeps_results() {
    let script = "function node(v, n) { return { v, n }; } let l = null; for (let i = 0; i < 2000; i++) l = node(i, l); let s = 0; while (l) { s += l.v; l = l.n; } console.log(s, [1,2,3].map(x => ({ x })).length);";
    let (code, out, err) = tierjs(&["--gc-stress"], script);
    assert_eq!((code, out.as_str()), (0, "1999000 3\n"), "{}", err);
}

#[test]
fn trace_tier_and_deopt_json() {
    // An int32 loop that overflows: compiled by OSR, then a guard fails.
    let src = "function f(n) { let s = 2147400000; for (let i = 0; i < n; i++) s = s + i; return s; }\nconsole.log(f(2000));\n";
    let (code, out, err) = tierjs(&["--jit-threshold=100", "--osr-threshold=100", "--trace-tier=json", "--trace-deopt=json", "--stats=json"], src);
    assert_eq!(code, 0, "stderr: {}", err);
    assert_eq!(out.trim(), "2149399000");
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("{\"v\":1")).collect();
    assert!(lines.iter().any(|l| l.contains("\"event\":\"compile\"") && l.contains("\"reason\":\"osr\"")), "no OSR compile event: {}", err);
    assert!(lines.iter().any(|l| l.contains("\"event\":\"deopt\"") && l.contains("\"reason\":\"overflow\"") && l.contains("\"line\":1")), "no overflow deopt: {}", err);
    let stats = err.lines().last().unwrap();
    assert!(stats.contains("\"jit\":{\"compilations\":") && stats.contains("\"deopts_by_reason\":{"), "stats: {}", stats);
}

/// `--trace-tier=json` compile events of function `f` as (entry pc, calls) pairs.
fn compile_events(err: &str, f: &str) -> Vec<(u64, u64)> {
    let field = |l: &str, k: &str| -> String {
        let at = l.find(&format!("\"{}\":", k)).unwrap_or_else(|| panic!("no {} in {}", k, l)) + k.len() + 3;
        l[at..].split([',', '}']).next().unwrap().trim_matches('"').to_string()
    };
    err.lines().filter(|l| l.contains("\"event\":\"compile\"") && field(l, "function") == f).map(|l| (field(l, "entry_pc").parse().unwrap(), field(l, "calls").parse().unwrap())).collect()
}

#[test]
fn osr_code_of_an_outermost_loop_serves_later_calls() {
    const FN: &str = "sum";
    // Called 30 times, the work in one outermost loop: the loop's OSR code (compiled in the
    // first call) is entered by every later call; no function-entry compile.
    let src = "function sum(n) { let s = 0; for (let i = 0; i < n; i++) s = (s + i) | 0; return s; }\nlet t = 0; for (let k = 0; k < 30; k++) t = (t + sum(5000)) | 0;\nconsole.log(t);\n";
    let (code, out, err) = tierjs(&["--trace-tier=json"], src);
    assert_eq!((code, out.trim()), (0, "374925000"), "{}", err);
    assert_eq!(compile_events(&err, FN), vec![(4, 1)], "{}", err);
    assert_eq!(err.lines().filter(|l| l.contains("\"event\":\"osr-enter\"")).count(), 30, "{}", err);
    // Called often: after 500 calls (half of --jit-threshold) through the OSR code, the
    // function entry is compiled after all.
    let src = "function sum(n) { let s = 0; for (let i = 0; i < n; i++) s = (s + i) | 0; return s; }\nlet t = sum(5000); for (let k = 0; k < 2000; k++) t = (t + sum(3)) | 0;\nconsole.log(t);\n";
    let (code, out, err) = tierjs(&["--trace-tier=json"], src);
    assert_eq!((code, out.trim()), (0, "12503500"), "{}", err);
    let events = compile_events(&err, FN);
    assert_eq!(events.iter().map(|e| e.0).collect::<Vec<_>>(), [4, 0], "{}", err);
    assert_eq!(events[1].1 - events[0].1, 500, "{}", err);
    // An inner loop's OSR code leaves its outer loop without a preheader: the function entry
    // is compiled at the next call as before.
    const M: &str = "m";
    let src = "function m(n) { let s = 0; for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s = (s + j) | 0; return s; }\nlet t = 0; for (let k = 0; k < 5; k++) t = (t + m(100)) | 0;\nconsole.log(t);\n";
    let (code, out, err) = tierjs(&["--trace-tier=json"], src);
    assert_eq!((code, out.trim()), (0, "2475000"), "{}", err);
    let events = compile_events(&err, M);
    assert_eq!(events.iter().map(|e| e.0 != 0).collect::<Vec<_>>(), [true, false], "{}", err);
    assert_eq!(events[1].1, events[0].1 + 1, "{}", err);
}

#[test]
fn trace_deopt_names_hoisted_guards() {
    // `o.k` is loop-invariant: its int32 guard runs before the loop. With an empty array it
    // fails only because it was hoisted; the function is then recompiled without hoisting.
    let src = "function f(a, o) { let s = 0;\n  for (let i = 0; i < a.length; i++) s += a[i] * o.k;\n  return s; }\nfor (let i = 0; i < 2000; i++) f([1, 2], { k: 2 });\nconsole.log(f([], { k: 'x' }), f([3], { k: 3 }));\n";
    let (code, out, err) = tierjs(&["--trace-deopt", "--trace-tier"], src);
    assert_eq!((code, out.trim()), (0, "0 9"), "stderr: {}", err);
    let deopt = err.lines().find(|l| l.starts_with("[deopt] f@")).unwrap_or_else(|| panic!("no deopt: {}", err));
    // The position is the guard's (line 2, `o.k`'s multiplication); pc is the loop's entry.
    assert!(deopt.contains("t.js:2:") && deopt.contains("guard=GuardInt32 hoisted-from=") && deopt.contains("value=string(\"x\")"), "{}", deopt);
    assert!(err.contains("reason=\"hoisted guard failed\""), "{}", err);
    let (_, _, json) = tierjs(&["--trace-deopt=json"], src);
    let line = json.lines().find(|l| l.contains("\"event\":\"deopt\"") && l.contains("\"function\":\"f\"")).unwrap_or_else(|| panic!("no deopt: {}", json));
    assert!(line.contains("\"hoisted_from\":") && !line.contains("\"hoisted_from\":null"), "{}", line);
}

#[test]
fn trace_deopt_names_inlined_frames() {
    // plus1 is inlined into outer; a double fails its int32 guard inside outer's code. The
    // line has plus1's position and pc, and names the compiled function.
    let src = "function plus1(x) { return x + 1; }\nfunction outer(o, b) { const t = b * 7; return plus1(o) + t; }\nfor (let i = 0; i < 2000; i++) outer(i, 2);\nconsole.log(outer(1.5, 2));\n";
    let (code, out, err) = tierjs(&["--trace-deopt", "--print-ir"], src);
    assert_eq!((code, out.trim()), (0, "16.5"), "stderr: {}", err);
    assert!(err.contains("inline f1: plus1 called at @"), "{}", err);
    let deopt = err.lines().find(|l| l.starts_with("[deopt] plus1@")).unwrap_or_else(|| panic!("no deopt: {}", err));
    assert!(deopt.contains("t.js:1:") && deopt.contains(" inlined-into=outer ") && deopt.contains("value=double(1.5)"), "{}", deopt);
    let (_, _, json) = tierjs(&["--trace-deopt=json"], src);
    let line = json.lines().find(|l| l.contains("\"event\":\"deopt\"") && l.contains("\"function\":\"plus1\"")).unwrap_or_else(|| panic!("no deopt: {}", json));
    assert!(line.contains("\"function\":\"plus1\",\"inlined_into\":\"outer\""), "{}", line);
    // Without inlining, the guard is outer's (on the call's result, or plus1's own code).
    let (code, out, err) = tierjs(&["--trace-deopt", "--print-ir", "--no-inlining"], src);
    assert_eq!((code, out.trim()), (0, "16.5"), "stderr: {}", err);
    assert!(!err.contains("inline f1") && !err.contains("inlined-into"), "{}", err);
}

#[test]
fn print_ir_shows_guards_and_frame_states() {
    let src = "function g(a) { let t = 0; for (let i = 0; i < a.length; i++) t += a[i]; return t; }\nconsole.log(g([1, 2, 3]));\n";
    let (code, out, err) = tierjs(&["--jit-threshold=1", "--osr-threshold=1", "--print-ir"], src);
    assert_eq!(code, 0, "stderr: {}", err);
    assert_eq!(out.trim(), "6");
    assert!(err.contains("(optimized)") && err.contains("LoadElem") && err.contains("-> exit"), "{}", err);
    assert!(!err.contains("0x"), "IR printout must not contain addresses");
}

#[test]
fn perf_map_names_compiled_functions() {
    // Under `perf record` (PERF_BUILDID_DIR set) /tmp/perf-PID.map names each compiled range.
    let dir = std::env::temp_dir().join(format!("tierjs-cli-perf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("hot.js");
    std::fs::write(&path, "function hot(n) { let s = 0; for (let i = 0; i < n; i++) s = (s + i) | 0; return s; }\nconsole.log(hot(5000));\n").unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_tierjs")).arg(&path).env("PERF_BUILDID_DIR", &dir).stdout(std::process::Stdio::piped()).spawn().unwrap();
    let map = std::path::PathBuf::from(format!("/tmp/perf-{}.map", child.id()));
    let out = child.wait_with_output().unwrap();
    let text = std::fs::read_to_string(&map).unwrap_or_default();
    let _ = std::fs::remove_file(&map);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "12497500");
    let line = text.lines().find(|l| l.contains("js:hot@")).unwrap_or_else(|| panic!("no compiled function in the perf map:\n{}", text));
    let mut parts = line.splitn(3, ' ');
    let (addr, size) = (parts.next().unwrap(), parts.next().unwrap());
    assert!(u64::from_str_radix(addr, 16).unwrap() > 0 && u64::from_str_radix(size, 16).unwrap() > 0, "{}", line);
    assert!(line.ends_with("hot.js:1:1 v1 osr@4 #0"), "{}", line);
    assert!(text.contains("tierjs:trampoline rt_safepoint"), "{}", text);
}

#[test]
fn straight_line_calls_compile_to_linear_code() {
    // A loop body of n calls, each result summed into one variable (int32 truncated, and
    // double), compiled by OSR. Code size must grow linearly with n: the sums only reach frame
    // states, and were recomputed in full in the cold blocks after every call, and every
    // function declared before the loop was in every frame state.
    let size = |n: usize, double: bool| -> f64 {
        let mut src = String::new();
        for k in 0..n {
            src += &if double { format!("function f{k}(a) {{ return a * {} + 0.5; }}\n", k + 1) } else { format!("function f{k}(a) {{ return (a * {} + {k}) | 0; }}\n", k + 1) };
        }
        src += if double { "let t = 0.25;\nfor (let i = 0; i < 1200; i++) {\n" } else { "let t = 0;\nfor (let i = 0; i < 1200; i++) {\n" };
        for k in 0..n {
            src += &if double { format!("  t = t + f{k}(i);\n") } else { format!("  t = (t + f{k}(i)) | 0;\n") };
        }
        src += if double { "  t = t * 1e-9;\n}\nconsole.log(t > 0);\n" } else { "}\nconsole.log(t !== 0.5);\n" };
        let (code, out, err) = tierjs(&["--no-inlining", "--trace-tier=json"], &src);
        assert_eq!((code, out.trim()), (0, "true"), "{}", err);
        let line = err.lines().find(|l| l.contains("\"event\":\"compile\"") && l.contains("\"function\":\"<anonymous>\"")).unwrap_or_else(|| panic!("no OSR compile: {}", err));
        let at = line.find("\"size\":").unwrap() + 7;
        line[at..].split([',', '}']).next().unwrap().parse().unwrap()
    };
    for double in [false, true] {
        let (a, b) = (size(20, double), size(40, double));
        assert!(b / a < 2.3, "double={}: {} bytes for 20 calls, {} for 40", double, a, b);
    }
}
