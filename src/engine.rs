//! Running scripts: loading files, CommonJS modules, reporting uncaught exceptions.

use crate::frontend::{self, SyntaxError};
use crate::runtime::builtins::global::make_require;
use crate::runtime::object::JsResult;
use crate::runtime::string::{atoms, PropKey};
use crate::runtime::value::Value;
use crate::runtime::{Engine, SourceFile};
use std::path::{Path, PathBuf};

/// How a run ended.
pub enum Outcome {
    Ok,
    /// `file:line:col: SyntaxError: …` with the source line and caret.
    SyntaxError(String),
    /// An uncaught exception, formatted as Node does (`Uncaught X: msg` + stack).
    Uncaught(String),
    Exit(i32),
    /// The file could not be read.
    Unreadable(String),
}

impl Engine {
    pub fn add_file(&mut self, path: String, text: String) -> u32 {
        self.files.push(SourceFile::new(path, text));
        (self.files.len() - 1) as u32
    }

    pub fn format_syntax_error(&self, file: u32, err: &SyntaxError) -> String {
        let f = &self.files[file as usize];
        let (l, c) = f.line_col(err.offset.min(f.text.len() as u32));
        let line = f.line_text(l);
        let shown: String = line.chars().take(200).collect();
        let caret_pad: String = shown.chars().take((c - 1) as usize).map(|ch| if ch == '\t' { '\t' } else { ' ' }).collect();
        format!("{}:{}:{}: SyntaxError: {}\n{}\n{}^", f.path, l, c, err.message, shown, caret_pad)
    }

    /// Runs the main script file.
    pub fn run_file(&mut self, path: &str) -> Outcome {
        let text = match std::fs::read(path) {
            Ok(b) => b,
            Err(err) => return Outcome::Unreadable(format!("cannot read {}: {}", path, err)),
        };
        let text = match String::from_utf8(text) {
            Ok(t) => t,
            Err(err) => {
                let off = err.utf8_error().valid_up_to();
                let valid = String::from_utf8_lossy(err.as_bytes()).to_string();
                let f = self.add_file(path.to_string(), valid);
                let msg = self.format_syntax_error(f, &SyntaxError { offset: off as u32, message: "invalid UTF-8 in source text".into() });
                return Outcome::SyntaxError(msg);
            }
        };
        let abs = std::fs::canonicalize(path).unwrap_or_else(|_| PathBuf::from(path));
        let r = self.load_module(&abs, path, text, self.options.script);
        self.flush();
        match r {
            Ok(_) => Outcome::Ok,
            Err(ModuleError::Syntax(s)) => Outcome::SyntaxError(s),
            Err(ModuleError::Thrown(v)) => {
                if v == Value::EXIT {
                    return Outcome::Exit(self.exit_code.unwrap_or(0));
                }
                Outcome::Uncaught(self.format_uncaught(v))
            }
        }
    }

    /// "Uncaught TypeError: msg\n    at …" (the stack recorded when the error was created).
    pub fn format_uncaught(&mut self, v: Value) -> String {
        if v.is_object() && matches!(v.as_object().class, crate::runtime::object::ObjClass::Error) {
            if let Ok(s) = self.get(v, PropKey::Atom(atoms::STACK)) {
                if s.is_string() {
                    return format!("Uncaught {}", s.as_string().to_rust_string());
                }
            }
        }
        let s = crate::runtime::inspect::inspect(self, v);
        format!("Uncaught {}", s)
    }

    /// The `--print-bytecode` listing of a source text (for tools and golden tests).
    pub fn bytecode_listing(&mut self, path: &str, text: &str) -> Result<String, String> {
        let file = self.add_file(path.to_string(), text.to_string());
        let code = frontend::compile_file(self, file).map_err(|err| self.format_syntax_error(file, &err))?;
        let mut out = String::new();
        let files = &self.files;
        code.disassemble(&mut out, &|f, off| files[f as usize].line_col(off), &|v| const_text(v));
        Ok(out)
    }

    fn load_module(&mut self, abs: &Path, display: &str, text: String, script: bool) -> Result<Value, ModuleError> {
        let file = self.add_file(display.to_string(), text);
        let code = match frontend::compile_file_as(self, file, script) {
            Ok(c) => c,
            Err(err) => return Err(ModuleError::Syntax(self.format_syntax_error(file, &err))),
        };
        if self.options.print_bytecode {
            let mut out = String::new();
            let files = &self.files;
            code.disassemble(&mut out, &|f, off| files[f as usize].line_col(off), &|v| const_text(v));
            eprint!("{}", out);
        }
        let module = self.new_object();
        let exports = self.new_object();
        self.define_data(module.as_object(), PropKey::Atom(atoms::EXPORTS), exports, crate::runtime::shape::DEFAULT_ATTRS);
        self.modules.insert(abs.to_path_buf(), module);
        let abs_s = abs.display().to_string();
        let require = make_require(self, &abs_s);
        let filename = self.str(&abs_s);
        let dirname = self.str(&abs.parent().map(|p| p.display().to_string()).unwrap_or_default());
        let closure = self.new_closure(code, None);
        self.handles.push(module);
        // A script's `this` is the global object; a module's is its exports.
        let this = if script { self.realm.global } else { exports };
        let r = self.call(closure, this, &[exports, require, module, filename, dirname]);
        self.handles.pop();
        r.map_err(ModuleError::Thrown)?;
        Ok(module)
    }
}

enum ModuleError {
    Syntax(String),
    Thrown(Value),
}

/// Renders a constant for the disassembler.
pub fn const_text(v: Value) -> String {
    if v.is_string() {
        let s = v.as_string().to_rust_string();
        let short: String = s.chars().take(40).collect();
        format!("{:?}{}", short, if s.chars().count() > 40 { "…" } else { "" })
    } else if v.is_number() {
        crate::runtime::inspect::format_number(v.as_number())
    } else {
        format!("{:?}", v)
    }
}

/// `require(spec)` from the module at `from` (§ Node's CommonJS resolution for relative paths).
pub fn require_module(e: &mut Engine, from: &str, spec: &str) -> JsResult<Value> {
    if !(spec.starts_with("./") || spec.starts_with("../") || spec.starts_with('/')) {
        return Err(e.type_error(&format!("Cannot find module '{}': only relative ('./', '../') and absolute paths are supported", spec)));
    }
    let base = Path::new(from).parent().map(|p| p.to_path_buf()).unwrap_or_default();
    let target = base.join(spec);
    let candidates = [target.clone(), PathBuf::from(format!("{}.js", target.display())), target.join("index.js")];
    let found = candidates.iter().find(|p| p.is_file()).cloned();
    let path = match found {
        Some(p) => std::fs::canonicalize(&p).unwrap_or(p),
        None => {
            let err = e.make_error(e.realm.error_proto, &format!("Cannot find module '{}'", spec));
            return Err(err);
        }
    };
    if let Some(m) = e.modules.get(&path).copied() {
        return e.get(m, PropKey::Atom(atoms::EXPORTS));
    }
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(err) => return Err(e.make_error(e.realm.error_proto, &format!("Cannot read module '{}': {}", spec, err))),
    };
    let display = path.display().to_string();
    match e.load_module(&path, &display, text, false) {
        Ok(m) => e.get(m, PropKey::Atom(atoms::EXPORTS)),
        Err(ModuleError::Thrown(v)) => Err(v),
        Err(ModuleError::Syntax(s)) => {
            // "file:line:col: SyntaxError: msg" becomes the message "file:line:col: msg".
            let first = s.lines().next().unwrap_or("").replacen(": SyntaxError: ", ": ", 1);
            Err(e.syntax_error(&first))
        }
    }
}
