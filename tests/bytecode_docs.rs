//! docs/BYTECODE.md is generated from the opcode table; this test fails when they drift.
//! `TIERJS_BLESS=1 cargo test --test bytecode_docs` rewrites the file.

#[test]
fn bytecode_reference_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/BYTECODE.md");
    let want = tierjs::frontend::bytecode::opcode_reference();
    if std::env::var_os("TIERJS_BLESS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(have == want, "docs/BYTECODE.md is stale: run TIERJS_BLESS=1 cargo test --test bytecode_docs");
}
