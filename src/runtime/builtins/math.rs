//! The Math object (§21.3): every function and constant.

use crate::interp::ops_js_pow;
use crate::runtime::conv::to_uint32;
use crate::runtime::object::{Args, JsResult, NativeFn};
use crate::runtime::string::PropKey;
use crate::runtime::value::Value;
use crate::runtime::Engine;

pub fn init(e: &mut Engine) {
    let m = e.new_object();
    for (name, v) in [
        ("E", std::f64::consts::E),
        ("LN10", std::f64::consts::LN_10),
        ("LN2", std::f64::consts::LN_2),
        ("LOG10E", std::f64::consts::LOG10_E),
        ("LOG2E", std::f64::consts::LOG2_E),
        ("PI", std::f64::consts::PI),
        ("SQRT1_2", std::f64::consts::FRAC_1_SQRT_2),
        ("SQRT2", std::f64::consts::SQRT_2),
    ] {
        let a = e.intern(name);
        e.define_data(m.as_object(), PropKey::Atom(a), Value::double(v), 0);
    }
    let unary: [(&str, NativeFn); 27] = [
        ("abs", abs),
        ("acos", acos),
        ("acosh", acosh),
        ("asin", asin),
        ("asinh", asinh),
        ("atan", atan),
        ("atanh", atanh),
        ("cbrt", cbrt),
        ("ceil", ceil),
        ("clz32", clz32),
        ("cos", cos),
        ("cosh", cosh),
        ("exp", exp),
        ("expm1", expm1),
        ("floor", floor),
        ("fround", fround),
        ("log", log),
        ("log1p", log1p),
        ("log10", log10),
        ("log2", log2),
        ("round", round),
        ("sign", sign),
        ("sin", sin),
        ("sinh", sinh),
        ("sqrt", sqrt),
        ("tan", tan),
        ("tanh", tanh),
    ];
    for (name, f) in unary {
        e.define_native(m, name, 1, f);
    }
    e.define_native(m, "trunc", 1, trunc);
    e.define_native(m, "atan2", 2, atan2);
    e.define_native(m, "pow", 2, pow);
    e.define_native(m, "imul", 2, imul);
    e.define_native(m, "max", 2, max);
    e.define_native(m, "min", 2, min);
    e.define_native(m, "hypot", 2, hypot);
    e.define_native(m, "random", 0, random);
    let g = e.realm.global;
    super::define_value(e, g, "Math", m);
}

fn arg(e: &mut Engine, a: &Args, i: usize) -> JsResult<f64> {
    e.to_number(a.get(i))
}

macro_rules! math_fn {
    ($($name:ident, $sec:literal, |$x:ident| $body:expr;)*) => {
        $(
            #[doc = concat!("Math.", stringify!($name), " (§", $sec, ")")]
            fn $name(e: &mut Engine, a: &Args) -> JsResult<Value> {
                let $x = arg(e, a, 0)?;
                Ok(Value::number($body))
            }
        )*
    };
}

math_fn! {
    abs, "21.3.2.1", |x| x.abs();
    acos, "21.3.2.2", |x| x.acos();
    acosh, "21.3.2.3", |x| x.acosh();
    asin, "21.3.2.4", |x| x.asin();
    asinh, "21.3.2.5", |x| if x == 0.0 { x } else { x.asinh() };
    atan, "21.3.2.6", |x| x.atan();
    atanh, "21.3.2.7", |x| if x == 0.0 { x } else { x.atanh() };
    cbrt, "21.3.2.9", |x| x.cbrt();
    ceil, "21.3.2.10", |x| x.ceil();
    clz32, "21.3.2.11", |x| to_uint32(x).leading_zeros() as f64;
    cos, "21.3.2.12", |x| x.cos();
    cosh, "21.3.2.13", |x| x.cosh();
    exp, "21.3.2.14", |x| x.exp();
    expm1, "21.3.2.15", |x| if x == 0.0 { x } else { x.exp_m1() };
    floor, "21.3.2.16", |x| x.floor();
    fround, "21.3.2.17", |x| x as f32 as f64;
    log, "21.3.2.20", |x| x.ln();
    log1p, "21.3.2.21", |x| if x == 0.0 { x } else { x.ln_1p() };
    log10, "21.3.2.22", |x| x.log10();
    log2, "21.3.2.23", |x| x.log2();
    sign, "21.3.2.29", |x| if x.is_nan() || x == 0.0 { x } else { x.signum() };
    sin, "21.3.2.30", |x| x.sin();
    sinh, "21.3.2.31", |x| if x == 0.0 { x } else { x.sinh() };
    sqrt, "21.3.2.32", |x| x.sqrt();
    tan, "21.3.2.33", |x| x.tan();
    tanh, "21.3.2.34", |x| if x == 0.0 { x } else { x.tanh() };
    trunc, "21.3.2.35", |x| x.trunc();
}

/// Math.round (§21.3.2.28): halves round toward +∞; -0 and (-0.5, 0) give -0.
fn round(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let x = arg(e, a, 0)?;
    if !x.is_finite() || x == 0.0 {
        return Ok(Value::number(x));
    }
    if (-0.5..0.0).contains(&x) {
        return Ok(Value::double(-0.0));
    }
    let f = x.floor();
    Ok(Value::number(if x - f >= 0.5 { f + 1.0 } else { f }))
}

/// Math.atan2 (§21.3.2.8).
fn atan2(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let y = arg(e, a, 0)?;
    let x = arg(e, a, 1)?;
    Ok(Value::number(y.atan2(x)))
}

/// Math.pow (§21.3.2.26) — Number::exponentiate.
fn pow(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let x = arg(e, a, 0)?;
    let y = arg(e, a, 1)?;
    Ok(Value::number(ops_js_pow(x, y)))
}

/// Math.imul (§21.3.2.19).
fn imul(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let x = e.to_int32(a.get(0))?;
    let y = e.to_int32(a.get(1))?;
    Ok(Value::int(x.wrapping_mul(y)))
}

/// Math.max (§21.3.2.24): NaN wins; +0 is larger than -0.
fn max(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let mut r = f64::NEG_INFINITY;
    let mut nan = false;
    for i in 0..a.len() {
        let x = arg(e, a, i)?;
        if x.is_nan() {
            nan = true;
        } else if x > r || (x == 0.0 && r == 0.0 && !x.is_sign_negative()) {
            r = x;
        }
    }
    Ok(Value::number(if nan { f64::NAN } else { r }))
}

/// Math.min (§21.3.2.25): NaN wins; -0 is smaller than +0.
fn min(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let mut r = f64::INFINITY;
    let mut nan = false;
    for i in 0..a.len() {
        let x = arg(e, a, i)?;
        if x.is_nan() {
            nan = true;
        } else if x < r || (x == 0.0 && r == 0.0 && x.is_sign_negative()) {
            r = x;
        }
    }
    Ok(Value::number(if nan { f64::NAN } else { r }))
}

/// Math.hypot (§21.3.2.18).
fn hypot(e: &mut Engine, a: &Args) -> JsResult<Value> {
    let mut xs = Vec::with_capacity(a.len());
    for i in 0..a.len() {
        xs.push(arg(e, a, i)?);
    }
    if xs.iter().any(|x| x.is_infinite()) {
        return Ok(Value::double(f64::INFINITY));
    }
    if xs.iter().any(|x| x.is_nan()) {
        return Ok(Value::double(f64::NAN));
    }
    let m = xs.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    if m == 0.0 {
        return Ok(Value::int(0));
    }
    let s: f64 = xs.iter().map(|x| (x / m) * (x / m)).sum();
    Ok(Value::number(m * s.sqrt()))
}

/// Math.random (§21.3.2.27): xorshift64*, seeded per engine.
fn random(e: &mut Engine, _a: &Args) -> JsResult<Value> {
    let mut x = e.rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    e.rng_state = x;
    let r = x.wrapping_mul(0x2545F4914F6CDD1D);
    Ok(Value::double((r >> 11) as f64 / (1u64 << 53) as f64))
}
