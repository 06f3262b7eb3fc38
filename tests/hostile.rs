//! The hostile-input corpus: every input must end with a clear error or a correct result —
//! never a panic, a signal, a hang or an abort. Small cases live in tests/hostile/*.js; large
//! ones (deep nesting, huge literals, a million lines) are generated here into a temp dir.
//!
//! Checks per case: exits within the timeout, not killed by a signal, exit code 0/1 (2 and 3
//! only where named), no panic text on stderr, and an exit-1 stderr whose first line is
//! `file:line:col: SyntaxError: …`, `Uncaught …` or `FatalError: …`. Cases with a known outcome
//! also check it (unsupported features must say "unsupported" and name the feature).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Clone)]
enum Expect {
    /// Any clear outcome.
    Clear,
    /// A SyntaxError whose message contains this text.
    Syntax(&'static str),
    /// An uncaught exception whose first stderr line contains this text.
    Uncaught(&'static str),
    /// Success with this stdout.
    Prints(&'static str),
    /// This exit code.
    Exit(i32),
}

struct Case {
    name: String,
    path: PathBuf,
    expect: Expect,
}

fn expectation(name: &str) -> Expect {
    use Expect::*;
    match name {
        "generator.js" => Syntax("unsupported: generator"),
        "async_fn.js" | "async_arrow.js" => Syntax("unsupported: async"),
        "regexp.js" => Syntax("unsupported: regular expression"),
        "import.js" => Syntax("unsupported: import"),
        "export.js" => Syntax("unsupported: export"),
        "with.js" => Syntax("with"),
        "tagged_template.js" => Syntax("unsupported: tagged template"),
        "bigint.js" => Syntax("unsupported: BigInt"),
        "label_block.js" => Syntax("unsupported: labels on non-loop statements"),
        "private_field.js" => Syntax("unsupported: private class members"),
        "for_await.js" => Syntax("await"),
        "eval.js" => Syntax("unsupported: eval"),
        "redeclare.js" => Syntax("already been declared"),
        "deep_recursion.js" | "getter_recursion.js" | "tostring_recursion.js" | "valueof_recursion.js" => Uncaught("RangeError: Maximum call stack size exceeded"),
        "array_negative.js" | "bad_length.js" => Uncaught("RangeError: Invalid array length"),
        "repeat_huge.js" => Uncaught("RangeError"),
        "null_property.js" | "chained_undefined.js" | "define_on_primitive.js" | "class_call.js" | "json_cycle.js" | "extends_null.js" => Uncaught("TypeError"),
        "undefined_call.js" => Uncaught("ReferenceError: undefinedFunction is not defined"),
        "throw_number.js" => Uncaught("Uncaught 42"),
        "json_deep.js" => Uncaught("Error"),
        "array_max_len.js" => Prints("4294967295\n"),
        "bom.js" => Prints("bom\n"),
        "shebang.js" => Prints("shebang\n"),
        "empty.js" | "blank.js" => Prints(""),
        "string_doubling.js" => Clear,
        "exit_code.js" => Exit(3),
        "invalid_utf8.js" => Syntax("invalid UTF-8"),
        // Second batch: native re-entry, hostile thrown values, run-time rejections, limits,
        // deep run-time structures, sparse arrays, mutation during iteration, odd source text.
        "catch_stack_overflow.js" => Prints("true true\n"),
        "catch_stack_overflow_each_level.js" => Prints("true\n"),
        "throw_after_output.js" => Uncaught("Error: x"),
        "console_getter_throws.js" | "console_getter_recursive.js" => Prints("{ x: [Getter] }\n"),
        "unsupported_generator_method.js" => Syntax("unsupported: generator"),
        "unsupported_async_method.js" => Syntax("unsupported: async"),
        "unsupported_async_generator.js" => Syntax("unsupported: "),
        "unsupported_bigint_hex.js" => Syntax("unsupported: BigInt"),
        "unsupported_tagged_member.js" => Syntax("unsupported: tagged template"),
        "unsupported_label_if.js" | "unsupported_label_function.js" => Syntax("unsupported: labels"),
        "unsupported_regexp_in_parens.js" => Syntax("unsupported: regular expression"),
        "unsupported_dynamic_import.js" => Syntax("import"),
        "unsupported_with_strict.js" => Syntax("with"),
        "syntax_top_level_await.js" => Syntax("await"),
        "syntax_import_meta.js" => Syntax("import.meta"),
        "proto_cycle_setprototypeof.js" | "proto_cycle_literal.js" => Uncaught("TypeError"),
        "sparse_index_at_max.js" => Prints("4294967295 2\n"),
        "sparse_length_shrink.js" | "sparse_forin_1e9.js" => Prints("0\n"),
        "sparse_slice_tail.js" => Prints("2\n"),
        "deep_gc_linked_list.js" => Prints("1000000\n"),
        "deep_gc_closures.js" => Prints("function\n"),
        "deep_proto_chain.js" => Prints("undefined false\n"),
        "mutate_sort_inconsistent.js" => Prints("10000\n"),
        "mutate_sort_throws.js" => Prints("x 3\n"),
        "mutate_foreach_growing.js" => Prints("1\n"),
        "mutate_forof_growing.js" => Prints("100001\n"),
        "mutate_forin_delete.js" => Prints("a,c,d\n"),
        "many_args_apply.js" => Prints("500000\n"),
        "nul_in_string.js" | "text_line_separators.js" => Prints("3\n"),
        "nul_in_comment.js" | "text_cr_only.js" | "text_double_bom.js" | "text_html_comment.js" => Prints("1\n"),
        // Regressions of bugs found by the corpus (each was wrong, quadratic or slow).
        "strict_octal_literal.js" => Syntax("Octal literals are not allowed in strict mode"),
        "strict_octal_escape.js" => Syntax("Octal escape sequences are not allowed in strict mode"),
        "super_twice.js" => Uncaught("ReferenceError: Super constructor may only be called once"),
        "bind_chain_100k.js" => Prints("600003 0\n"),
        "delete_half_of_80k.js" => Prints("40000\n"),
        "sparse_concat_max.js" => Uncaught("RangeError: Invalid array length"),
        "sparse_tostring_max.js" => Uncaught("RangeError: Invalid string length"),
        _ if name.starts_with("reentry_") => Uncaught("RangeError: Maximum call stack size exceeded"),
        _ if name.starts_with("throw_") || name.starts_with("rt_") => Uncaught(""),
        _ if name.starts_with("limit_") => Uncaught("RangeError"),
        _ if name.starts_with("utf8_") || name.starts_with("utf16_") => Syntax("invalid UTF-8"),
        _ if name.starts_with("syntax_") => Syntax(""),
        _ if name.starts_with("truncated") || name.starts_with("unterminated") || name.starts_with("gen_truncated") => Syntax(""),
        _ => Clear,
    }
}

fn lcg(seed: &mut u64) -> u64 {
    *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    *seed >> 33
}

fn generated(dir: &Path) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut add = |name: &str, bytes: Vec<u8>, expect: Expect| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        cases.push(Case { name: name.to_string(), path: p, expect });
    };
    let n = 100_000;
    add("gen_nested_brackets.js", format!("var a = {}{};", "[".repeat(n), "]".repeat(n)).into_bytes(), Expect::Clear);
    add("gen_nested_parens.js", format!("var a = {}1{};", "(".repeat(n), ")".repeat(n)).into_bytes(), Expect::Clear);
    add("gen_nested_blocks.js", format!("{}{}", "{".repeat(n), "}".repeat(n)).into_bytes(), Expect::Clear);
    let mut fns = String::new();
    for i in 0..10_000 {
        fns.push_str(&format!("function f{}() {{ ", i));
    }
    fns.push_str(&"}".repeat(10_000));
    add("gen_nested_functions.js", fns.into_bytes(), Expect::Clear);
    add("gen_nested_arrows.js", format!("var f = {}0;", "() => ".repeat(10_000)).into_bytes(), Expect::Clear);
    let mut big = String::from("var s = \"");
    big.push_str(&"abcdefghij".repeat(5_000_000));
    big.push_str("\"; console.log(s.length);");
    add("gen_50mb_string.js", big.into_bytes(), Expect::Prints("50000000\n"));
    let mut lines = String::from("var x = 0;\n");
    for _ in 0..1_000_000 {
        lines.push_str("x = x + 1;\n");
    }
    lines.push_str("console.log(x);\n");
    add("gen_1m_lines.js", lines.into_bytes(), Expect::Prints("1000000\n"));
    add("gen_long_sum.js", format!("console.log(1{});", "+1".repeat(n)).into_bytes(), Expect::Clear);
    add("gen_long_member_chain.js", format!("var a = {{}}; a{};", ".b".repeat(n)).into_bytes(), Expect::Clear);
    let mut seed = 0x5eed_u64;
    for i in 0..8 {
        let bytes: Vec<u8> = (0..4096).map(|_| lcg(&mut seed) as u8).collect();
        add(&format!("gen_garbage_{}.js", i), bytes, Expect::Clear);
    }
    let valid = "function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }\nclass A { constructor(x) { this.x = [x, `t${x}`]; } }\nconsole.log(fib(10), new A(1).x[1]);\n";
    for cut in [5, 17, 33, 60, 75, 90, 110, 130] {
        add(&format!("gen_truncated_{}.js", cut), valid.as_bytes()[..cut].to_vec(), Expect::Clear);
    }
    cases
}

fn run(tierjs: &str, case: &Case) -> Result<(), String> {
    let start = Instant::now();
    let mut child = Command::new(tierjs)
        .arg(&case.path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("spawn: {}", e))?;
    let out_pipe = child.stdout.take().unwrap();
    let err_pipe = child.stderr.take().unwrap();
    let out_t = std::thread::spawn(move || std::io::read_to_string(out_pipe).unwrap_or_default());
    let err_t = std::thread::spawn(move || std::io::read_to_string(err_pipe).unwrap_or_default());
    let status = loop {
        if let Some(s) = child.try_wait().map_err(|e| e.to_string())? {
            break s;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("timed out after {:?}", TIMEOUT));
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let stdout = out_t.join().unwrap();
    let stderr = err_t.join().unwrap();
    let code = match status.code() {
        Some(c) => c,
        None => return Err(format!("killed by a signal ({:?}); stderr: {}", status, head(&stderr))),
    };
    for bad in ["panicked", "RUST_BACKTRACE", "stack overflow", "SIGSEGV", "internal error"] {
        if stderr.contains(bad) {
            return Err(format!("stderr mentions '{}': {}", bad, head(&stderr)));
        }
    }
    let first = stderr.lines().next().unwrap_or("");
    match (&case.expect, code) {
        (Expect::Exit(want), c) if c == *want => return Ok(()),
        (Expect::Exit(want), c) => return Err(format!("exit code {} (want {})", c, want)),
        (_, 0) | (_, 1) => {}
        (_, c) => return Err(format!("exit code {}: {}", c, head(&stderr))),
    }
    if code == 1 {
        let syntax = is_syntax_error_line(first);
        if !(syntax || first.starts_with("Uncaught ") || first.starts_with("FatalError:")) {
            return Err(format!("unclear error line: {:?}", first));
        }
    }
    match &case.expect {
        Expect::Clear | Expect::Exit(_) => Ok(()),
        Expect::Syntax(text) => {
            // Parse errors are reported before anything runs, so nothing reaches stdout.
            if code == 1 && is_syntax_error_line(first) && first.contains(text) && stdout.is_empty() {
                Ok(())
            } else {
                Err(format!("want SyntaxError containing {:?} and no stdout, got exit {} {:?} stdout {:?}", text, code, first, head(&stdout)))
            }
        }
        Expect::Uncaught(text) => {
            if code == 1 && first.starts_with("Uncaught") && first.contains(text) {
                Ok(())
            } else {
                Err(format!("want uncaught {:?}, got exit {} {:?}", text, code, first))
            }
        }
        Expect::Prints(text) => {
            if code == 0 && stdout == *text {
                Ok(())
            } else {
                Err(format!("want stdout {:?}, got exit {} stdout {:?} stderr {:?}", text, code, head(&stdout), head(&stderr)))
            }
        }
    }
}

/// `<file>:<line>:<col>: SyntaxError: <message>` with a non-empty file and 1-based numbers.
fn is_syntax_error_line(first: &str) -> bool {
    let Some(at) = first.find(": SyntaxError: ") else { return false };
    let mut parts = first[..at].rsplitn(3, ':');
    let (col, line, file) = (parts.next(), parts.next(), parts.next());
    let num = |s: Option<&str>| s.and_then(|s| s.parse::<u64>().ok()).is_some_and(|n| n >= 1);
    file.is_some_and(|f| !f.is_empty()) && num(line) && num(col) && first.len() > at + ": SyntaxError: ".len()
}

fn head(s: &str) -> String {
    s.lines().take(3).collect::<Vec<_>>().join(" | ").chars().take(300).collect()
}

#[test]
fn hostile_inputs() {
    let tierjs = env!("CARGO_BIN_EXE_tierjs");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut cases: Vec<Case> = std::fs::read_dir(root.join("tests/hostile"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "js"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            Case { expect: expectation(&name), name, path: p }
        })
        .collect();
    let dir = std::env::temp_dir().join(format!("tierjs-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    cases.extend(generated(&dir));
    // Unreadable inputs: exit code 2.
    let missing = Case { name: "missing file".into(), path: dir.join("does-not-exist.js"), expect: Expect::Exit(2) };
    let directory = Case { name: "a directory".into(), path: dir.clone(), expect: Expect::Exit(2) };
    cases.push(missing);
    cases.push(directory);
    cases.sort_by(|a, b| a.name.cmp(&b.name));

    let jobs = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    let queue = std::sync::Mutex::new(cases.into_iter());
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..jobs {
            s.spawn(|| loop {
                let case = match queue.lock().unwrap().next() {
                    Some(c) => c,
                    None => break,
                };
                let r = run(tierjs, &case);
                results.lock().unwrap().push((case.name, r));
            });
        }
    });
    let _ = std::fs::remove_dir_all(&dir);
    let mut results = results.into_inner().unwrap();
    results.sort_by(|a, b| a.0.cmp(&b.0));
    let mut failed = 0;
    for (name, r) in &results {
        match r {
            Ok(()) => println!("ok    {}", name),
            Err(e) => {
                failed += 1;
                println!("FAIL  {}: {}", name, e);
            }
        }
    }
    println!("{} passed, {} failed", results.len() - failed, failed);
    assert_eq!(failed, 0, "{} hostile inputs did not end cleanly", failed);
}
