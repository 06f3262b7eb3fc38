//! `--print-feedback` golden files: programs that drive each feedback transition (int32 →
//! number → any; monomorphic → polymorphic → megamorphic; in-bounds → out-of-bounds;
//! packed → holey; call targets), pinned with insta.

fn report(name: &str) -> String {
    let path = format!("tests/feedback/{}", name);
    let mut engine = tierjs::Engine::new(tierjs::Options::default());
    match engine.run_file(&path) {
        tierjs::Outcome::Ok => {}
        _ => panic!("{} failed", path),
    }
    engine.feedback_report()
}

#[test]
fn feedback_types() {
    insta::assert_snapshot!("types", report("types.js"));
}

#[test]
fn feedback_property_ics() {
    insta::assert_snapshot!("property_ics", report("property_ics.js"));
}

#[test]
fn feedback_elements_calls() {
    insta::assert_snapshot!("elements_calls", report("elements_calls.js"));
}
