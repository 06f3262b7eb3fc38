//! The profiler: hotness counters (calls and loop back edges, kept in each function's
//! `FeedbackVector`), tier-up decisions against `--jit-threshold`/`--osr-threshold`,
//! `FeedbackSnapshot` (a frozen copy of a function's feedback for the compiler), and the
//! `--print-feedback` report.
//!
//! Hotness of a function = calls + back edges of all its loops (one unit each); it is hot at
//! `jit_threshold` units. A loop is hot for on-stack replacement after `osr_threshold` back
//! edges in one activation's lifetime counter.

use crate::frontend::bytecode::{FunctionCode, FunctionKind, Instr, Operand};
use crate::interp::feedback::{types_text, Ic, IcEntry, F_GROW, F_HOLE, F_NON_ARRAY, F_OOB};
use crate::runtime::object::FunctionKind as ObjFunctionKind;
use crate::runtime::shape::Shape;
use crate::runtime::heap::Gc;
use crate::runtime::string::atoms;
use crate::runtime::value::Value;
use crate::runtime::Engine;
use std::fmt::Write;

/// Hotness units of a function: calls plus loop back edges.
pub fn hotness(code: &FunctionCode) -> u64 {
    code.feedback.calls.get() as u64 + code.feedback.back_edges.iter().map(|c| c.get() as u64).sum::<u64>()
}

/// Whether the function has reached the tier-up threshold.
pub fn is_hot(code: &FunctionCode, jit_threshold: u32) -> bool {
    hotness(code) >= jit_threshold as u64
}

/// A frozen, self-contained copy of one function's feedback: what the optimizing tier reads,
/// so that the interpreter may keep widening the live vector during compilation.
#[derive(Clone, Debug)]
pub struct FeedbackSnapshot {
    pub types: Vec<u8>,
    pub flags: Vec<u8>,
    pub ics: Vec<Ic>,
    pub calls: u32,
    pub back_edges: Vec<u32>,
}

impl FeedbackSnapshot {
    pub fn take(code: &FunctionCode) -> FeedbackSnapshot {
        let fv = &code.feedback;
        FeedbackSnapshot {
            types: fv.slots.iter().map(|s| s.types.get()).collect(),
            flags: fv.slots.iter().map(|s| s.flags.get()).collect(),
            ics: fv.slots.iter().map(|s| s.ic.borrow().clone()).collect(),
            calls: fv.calls.get(),
            back_edges: fv.back_edges.iter().map(|c| c.get()).collect(),
        }
    }
}

/// A shape as `Proto{keys}`: the prototype's constructor name and the property list, in slot
/// order (stable across runs, unlike addresses).
fn shape_text(e: &Engine, s: Gc<Shape>) -> String {
    let keys: Vec<String> = s.props.iter().map(|p| e.atoms.string(p.key).to_rust_string()).collect();
    let proto = proto_name(s.proto);
    if keys.len() > 6 {
        return format!("{}{{{}, … {} properties}}", proto, keys[..4].join(", "), keys.len());
    }
    format!("{}{{{}}}", proto, keys.join(", "))
}

fn proto_name(p: Value) -> String {
    if !p.is_object() {
        return "null".into();
    }
    if let Some(n) = constructor_name(p) {
        return n;
    }
    if p.as_object().is_callable() {
        return "Function".into();
    }
    "?".into()
}

fn object_text(e: &Engine, o: Value) -> String {
    if !o.is_object() {
        return "null".into();
    }
    // Prototype objects are named after their constructor.
    match constructor_name(o) {
        Some(n) => format!("{}.prototype", n),
        None => shape_text(e, o.as_object().shape),
    }
}

/// The `name` of an object's own `constructor` property, if it has one.
fn constructor_name(o: Value) -> Option<String> {
    let ob = o.as_object();
    let (slot, _) = ob.find(atoms::CONSTRUCTOR)?;
    let c = ob.slots[slot as usize];
    if !c.is_object() {
        return None;
    }
    let (ns, _) = c.as_object().find(atoms::NAME)?;
    let n = c.as_object().slots[ns as usize];
    (n.is_string() && !n.as_string().is_empty()).then(|| n.as_string().to_rust_string())
}

fn target_text(e: &Engine, f: Value) -> String {
    if !f.is_object() {
        return format!("{:?}", f);
    }
    match f.as_object().function() {
        Some(ObjFunctionKind::Closure { code, .. }) => {
            let file = &e.files[code.file as usize];
            let (l, c) = file.line_col(code.start);
            let n = if code.name.is_empty() { "<anonymous>" } else { &code.name };
            format!("{}@{}:{}:{}", n, file.path, l, c)
        }
        Some(ObjFunctionKind::Native { .. }) => {
            let o = f.as_object();
            let n = o.find(atoms::NAME).map(|(s, _)| o.slots[s as usize]).filter(|v| v.is_string()).map(|v| v.as_string().to_rust_string()).unwrap_or_default();
            format!("{} [native]", n)
        }
        Some(ObjFunctionKind::Bound { .. }) => "[bound function]".into(),
        None => "[not a function]".into(),
    }
}

fn entry_text(e: &Engine, en: &IcEntry) -> String {
    match en {
        IcEntry::Own { shape, slot } => format!("own {} slot {}", shape_text(e, *shape), slot),
        IcEntry::Proto { shape, holder, slot, chain } => {
            format!("{} -> {} slot {} (chain of {})", shape_text(e, *shape), object_text(e, Value::from_object(*holder)), slot, chain.len())
        }
        IcEntry::Transition { shape, next, slot, .. } => format!("add {} -> {} slot {}", shape_text(e, *shape), shape_text(e, *next), slot),
        IcEntry::Target(f) => target_text(e, *f),
    }
}

impl Engine {
    /// The `--print-feedback` report: every function that ran, with each feedback slot.
    pub fn feedback_report(&self) -> String {
        let mut out = String::new();
        for code in &self.codes {
            let fv = &code.feedback;
            let ran = fv.calls.get() > 0;
            if !ran {
                continue;
            }
            let file = &self.files[code.file as usize];
            let (l, c) = file.line_col(code.start);
            let name = if code.kind == FunctionKind::Script { "<module>".to_string() } else if code.name.is_empty() { "<anonymous>".to_string() } else { code.name.clone() };
            let loops: Vec<String> = fv.back_edges.iter().map(|b| b.get().to_string()).collect();
            let _ = writeln!(out, "function {} ({}:{}:{}) calls={} back_edges=[{}] hotness={}", name, file.path, l, c, fv.calls.get(), loops.join(", "), hotness(code));
            for (pc, ins) in code.instrs.iter().enumerate() {
                let fb = ins.operands().into_iter().find_map(|(_, op)| if let Operand::Fb(f) = op { Some(f) } else { None });
                let fb = match fb {
                    Some(f) => f,
                    None => continue,
                };
                let slot = fv.slot(fb);
                let (pl, pcol) = file.line_col(code.positions[pc]);
                let what = match ins {
                    Instr::GetNamed { k, .. } | Instr::SetNamed { k, .. } | Instr::LoadGlobal { k, .. } | Instr::StoreGlobal { k, .. } => {
                        format!("{} {:?}", ins.name(), code.consts[k.0 as usize].as_string().to_rust_string())
                    }
                    _ => ins.name().to_string(),
                };
                let detail = match ins {
                    Instr::GetNamed { .. } | Instr::SetNamed { .. } | Instr::LoadGlobal { .. } | Instr::StoreGlobal { .. } | Instr::Call { .. } | Instr::New { .. } | Instr::CallSpread { .. } | Instr::NewSpread { .. } => {
                        let ic = slot.ic.borrow();
                        let mut s = ic.state_name().to_string();
                        let entries: Vec<String> = ic.entries().iter().map(|en| entry_text(self, en)).collect();
                        if !entries.is_empty() {
                            s.push_str(": ");
                            s.push_str(&entries.join(" | "));
                        }
                        if slot.types.get() != 0 && !matches!(ins, Instr::Call { .. } | Instr::New { .. }) {
                            let _ = write!(s, " receivers={}", types_text(slot.types.get()));
                        }
                        s
                    }
                    Instr::GetElem { .. } | Instr::SetElem { .. } => {
                        let f = slot.flags.get();
                        let mut s = format!("elements={}", types_text(slot.types.get()));
                        for (bit, name) in [(F_HOLE, "holey"), (F_OOB, "out-of-bounds"), (F_GROW, "grows"), (F_NON_ARRAY, "non-array")] {
                            if f & bit != 0 {
                                let _ = write!(s, " {}", name);
                            }
                        }
                        s
                    }
                    _ => format!("types={}", types_text(slot.types.get())),
                };
                let _ = writeln!(out, "  fb#{:<3} @{:<4} {:<24} {}:{}  {}", fb, pc, what, pl, pcol, detail);
            }
        }
        out
    }
}
