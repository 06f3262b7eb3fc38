//! Source text → bytecode: `oxc_parser` for the AST, `scope` for scope analysis and subset
//! checks, `compiler` for register bytecode.

pub mod bytecode;
pub mod compiler;
pub mod scope;

use crate::runtime::Engine;
use bytecode::FunctionCode;
use std::rc::Rc;

/// A syntax error at a source offset.
#[derive(Debug)]
pub struct SyntaxError {
    pub offset: u32,
    pub message: String,
}

/// Parses and compiles file `file` (already registered in `e.files`) as a CommonJS module body.
pub fn compile_file(e: &mut Engine, file: u32) -> Result<Rc<FunctionCode>, SyntaxError> {
    compile_file_as(e, file, false)
}

/// `script`: classic-script top level (`--script`) instead of a CommonJS module body.
pub fn compile_file_as(e: &mut Engine, file: u32, script: bool) -> Result<Rc<FunctionCode>, SyntaxError> {
    let text = e.files[file as usize].text.clone();
    let path = e.files[file as usize].path.clone();
    let allocator = oxc_allocator::Allocator::default();
    let source_type = oxc_span::SourceType::cjs();
    let ret = oxc_parser::Parser::new(&allocator, &text, source_type).parse();
    if let Some(d) = ret.diagnostics.first() {
        let offset = d.labels.first().map(|l| l.offset()).unwrap_or(0);
        let mut message = d.message.to_string();
        if message.contains("Regular") || message.contains("regular expression") {
            message = format!("unsupported: regular expressions ({})", message);
        }
        return Err(SyntaxError { offset, message });
    }
    let program = ret.program;
    let mut resolver = scope::Resolver::new();
    resolver.script = script;
    resolver.program(&program);
    if let Some(err) = resolver.error {
        return Err(SyntaxError { offset: err.offset, message: err.message });
    }
    let tree = resolver.tree;
    let mut c = compiler::Compiler::new(e, &tree, file);
    c.script = script;
    let name = std::path::Path::new(&path).file_name().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
    let _ = name;
    c.compile_program(&program, "").map_err(|err| SyntaxError { offset: err.offset, message: err.message })
}
