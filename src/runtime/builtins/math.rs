//! Built-ins: math (placeholder until the built-ins helper fills it in).
use crate::runtime::Engine;

pub fn init(_e: &mut Engine) {}
