//! Global functions (§19.2) and the Node-compatible host: console, print, performance, Date.now,
//! process, and CommonJS `require` (created per module by the module loader).

use crate::runtime::conv::{is_js_whitespace, string_to_number};
use crate::runtime::object::{Args, FunctionKind, JsResult, ObjClass};
use crate::runtime::string::PropKey;
use crate::runtime::value::Value;
use crate::runtime::Engine;

pub fn init(e: &mut Engine) {
    let g = e.realm.global;
    // Non-writable, non-configurable (§19.1). Defined once with their final attributes so the
    // global object keeps a shared (cacheable) shape.
    for (name, v) in [("NaN", Value::double(f64::NAN)), ("Infinity", Value::double(f64::INFINITY)), ("undefined", Value::UNDEFINED)] {
        let a = e.intern(name);
        e.define_data(g.as_object(), PropKey::Atom(a), v, 0);
    }
    e.define_native(g, "isNaN", 1, is_nan);
    e.define_native(g, "isFinite", 1, is_finite);
    e.define_native(g, "parseInt", 2, parse_int);
    e.define_native(g, "parseFloat", 1, parse_float);
    e.define_native(g, "print", 1, print);

    let console = e.new_object();
    e.define_native(console, "log", 0, console_log);
    e.define_native(console, "info", 0, console_log);
    e.define_native(console, "debug", 0, console_log);
    e.define_native(console, "error", 0, console_error);
    e.define_native(console, "warn", 0, console_error);
    super::define_value(e, g, "console", console);

    let perf = e.new_object();
    e.define_native(perf, "now", 0, performance_now);
    super::define_value(e, g, "performance", perf);

    let date = e.new_object();
    e.define_native(date, "now", 0, date_now);
    super::define_value(e, g, "Date", date);

    let process = e.new_object();
    let stdout = e.new_object();
    e.define_native(stdout, "write", 1, stdout_write);
    super::define_value(e, process, "stdout", stdout);
    e.define_native(process, "hrtime", 1, hrtime);
    e.define_native(process, "exit", 1, exit);
    let env = e.new_object();
    super::define_value(e, process, "env", env);
    let platform = e.intern_value(std::env::consts::OS);
    super::define_value(e, process, "platform", platform);
    super::define_value(e, g, "process", process);
}

/// Sets `process.argv` to `[exe, script, ...args]`.
pub fn set_argv(e: &mut Engine, script: &str, args: &[String]) {
    let exe = std::env::current_exe().map(|p| p.display().to_string()).unwrap_or_else(|_| "tierjs".into());
    let mut vals = vec![e.str(&exe), e.str(script)];
    for a in args {
        vals.push(e.str(a));
    }
    let arr = e.new_array(vals);
    let g = e.realm.global;
    let pa = e.intern("process");
    let process = e.get(g, PropKey::Atom(pa)).unwrap();
    super::define_value(e, process, "argv", arr);
}

/// isNaN (§19.2.3).
fn is_nan(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let n = e.to_number(a.get(0))?;
    Ok(Value::bool(n.is_nan()))
}

/// isFinite (§19.2.2).
fn is_finite(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let n = e.to_number(a.get(0))?;
    Ok(Value::bool(n.is_finite()))
}

/// parseInt (§19.2.5).
pub fn parse_int(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let s = e.to_string(a.get(0))?;
    let units = s.as_string().units();
    let mut i = 0;
    while i < units.len() && is_js_whitespace(units[i]) {
        i += 1;
    }
    let mut sign = 1.0;
    if i < units.len() && (units[i] == b'-' as u16 || units[i] == b'+' as u16) {
        if units[i] == b'-' as u16 {
            sign = -1.0;
        }
        i += 1;
    }
    let mut radix = e.to_int32(a.get(1))?;
    let mut strip_prefix = true;
    if radix != 0 {
        if !(2..=36).contains(&radix) {
            return Ok(Value::double(f64::NAN));
        }
        if radix != 16 {
            strip_prefix = false;
        }
    } else {
        radix = 10;
    }
    if strip_prefix && i + 1 < units.len() && units[i] == b'0' as u16 && (units[i + 1] == b'x' as u16 || units[i + 1] == b'X' as u16) {
        i += 2;
        radix = 16;
    }
    let start = i;
    let mut v = 0f64;
    while i < units.len() {
        let d = match char::from_u32(units[i] as u32).and_then(|c| c.to_digit(radix as u32)) {
            Some(d) => d,
            None => break,
        };
        v = v * radix as f64 + d as f64;
        i += 1;
    }
    if i == start {
        return Ok(Value::double(f64::NAN));
    }
    if radix == 10 && i - start > 15 {
        // Exact decimal conversion for long inputs.
        let digits: String = units[start..i].iter().map(|&u| u as u8 as char).collect();
        v = digits.parse::<f64>().unwrap_or(v);
    }
    Ok(Value::number(sign * v))
}

/// parseFloat (§19.2.4).
pub fn parse_float(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let s = e.to_string(a.get(0))?;
    let units = crate::runtime::conv::trim_units(s.as_string().units());
    let text: String = units.iter().map(|&u| if u < 128 { u as u8 as char } else { '\u{0}' }).collect();
    let b = text.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    if text[i..].starts_with("Infinity") {
        return Ok(Value::double(if b[0] == b'-' { f64::NEG_INFINITY } else { f64::INFINITY }));
    }
    let ds = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
    }
    if i == ds || (i == ds + 1 && b[ds] == b'.') {
        return Ok(Value::double(f64::NAN));
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut j = i + 1;
        if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
            j += 1;
        }
        let es = j;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        if j > es {
            i = j;
        }
    }
    let units16: Vec<u16> = text[..i].encode_utf16().collect();
    Ok(Value::number(string_to_number(&units16)))
}

fn print(e: &mut Engine, a: &Args) -> JsResult<Value> {
    console_log(e, a)
}

fn console_log(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let mut s = crate::runtime::inspect::format_log_args(e, a.args);
    s.push('\n');
    e.write_out(&s);
    Ok(Value::UNDEFINED)
}

fn console_error(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let s = crate::runtime::inspect::format_log_args(e, a.args);
    e.flush();
    eprintln!("{}", s);
    Ok(Value::UNDEFINED)
}

fn performance_now(e: &mut Engine, _a: &Args) -> JsResult<Value> {
    Ok(Value::double(e.start_time.elapsed().as_secs_f64() * 1000.0))
}

fn date_now(_e: &mut Engine, _a: &Args) -> JsResult<Value> {
    let ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as f64).unwrap_or(0.0);
    Ok(Value::number(ms))
}

fn stdout_write(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let s = e.to_rust_string(a.get(0))?;
    e.write_out(&s);
    Ok(Value::TRUE)
}

/// process.hrtime([prev]) → [seconds, nanoseconds] (monotonic).
fn hrtime(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let d = e.start_time.elapsed();
    let mut s = d.as_secs() as f64 + 1_000_000.0;
    let mut ns = d.subsec_nanos() as f64;
    let prev = a.get(0);
    if prev.is_object() {
        let ps = e.get(prev, PropKey::Index(0))?;
        let pn = e.get(prev, PropKey::Index(1))?;
        let ps = e.to_number(ps)?;
        let pn = e.to_number(pn)?;
        s -= ps;
        ns -= pn;
        if ns < 0.0 {
            s -= 1.0;
            ns += 1e9;
        }
    }
    Ok(e.new_array(vec![Value::number(s), Value::number(ns)]))
}

fn exit(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let c = a.get(0);
    let code = if c.is_undefined() { 0 } else { e.to_int32(c)? };
    e.exit_code = Some(code);
    Err(Value::EXIT)
}

/// `require(path)` of the module whose path is this function's data.
pub fn require(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let from = match a.callee.as_object().function() {
        Some(FunctionKind::Native { data, .. }) => *data,
        _ => Value::UNDEFINED,
    };
    let from = if from.is_string() { from.as_string().to_rust_string() } else { String::new() };
    let spec = e.to_rust_string(a.get(0))?;
    crate::engine::require_module(e, &from, &spec)
}

/// A `require` function bound to the module at `path`.
pub fn make_require(e: &mut Engine, path: &str) -> Value {
    let f = e.native_function("require", 1, require, false);
    let p = e.str(path);
    if let ObjClass::Function(FunctionKind::Native { data, .. }) = &mut f.as_object().get_mut().class {
        *data = p;
    }
    f
}
