//! Golden bytecode (V8-style): `--print-bytecode` listings of representative functions, pinned
//! with insta. A change in code generation shows up as a reviewable snapshot diff
//! (`cargo insta review`, or `INSTA_UPDATE=always cargo test --test bytecode_golden`).

use std::path::Path;

fn listing(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bytecode").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut engine = tierjs::Engine::new(tierjs::Options::default());
    engine.bytecode_listing(name, &text).unwrap()
}

macro_rules! golden {
    ($($test:ident => $file:expr),* $(,)?) => {
        $(
            #[test]
            fn $test() {
                insta::assert_snapshot!(stringify!($test), listing($file));
            }
        )*
    };
}

golden! {
    arith => "arith.js",
    loop_let_closure => "loop_let_closure.js",
    property_access => "property_access.js",
    calls => "calls.js",
    try_finally => "try_finally.js",
    switch => "switch.js",
    class => "class.js",
    destructuring => "destructuring.js",
    for_in_of => "for_in_of.js",
    template_typeof => "template_typeof.js",
    logical_assign => "logical_assign.js",
    arguments_rest => "arguments_rest.js",
}
