//! `--print-ir` golden files: the optimizing tier's IR for small programs, before and after
//! the passes (representation selection, constant folding, redundant-guard elimination, DCE),
//! pinned with insta (bless with `INSTA_UPDATE=always`). Compilation is made deterministic
//! with `$tierjs.optimizeOnNextCall` and high thresholds.

fn ir(name: &str) -> String {
    ir_with(name, true)
}

fn ir_with(name: &str, inlining: bool) -> String {
    let path = format!("tests/ir/{}", name);
    let opts = tierjs::Options { allow_natives: true, jit_threshold: 1_000_000, osr_threshold: 1_000_000, inlining, ..Default::default() };
    let mut engine = tierjs::Engine::new(opts);
    engine.jit.ir_sink = Some(Vec::new());
    match engine.run_file(&path) {
        tierjs::Outcome::Ok => {}
        _ => panic!("{} failed", path),
    }
    engine.jit.ir_sink.take().unwrap().join("\n")
}

#[test]
fn ir_loop_sum() {
    insta::assert_snapshot!("loop_sum", ir("loop_sum.js"));
}

#[test]
fn ir_shapes() {
    insta::assert_snapshot!("shapes", ir("shapes.js"));
}

#[test]
fn ir_calls() {
    // Direct calls as calls (with inlining, `sq` would be inlined: see ir_inline).
    insta::assert_snapshot!("calls", ir_with("calls.js", false));
}

#[test]
fn ir_inline() {
    insta::assert_snapshot!("inline", ir("inline.js"));
}

#[test]
fn ir_elements() {
    insta::assert_snapshot!("elements", ir("elements.js"));
}

#[test]
fn ir_truncation() {
    insta::assert_snapshot!("truncation", ir("truncation.js"));
}
