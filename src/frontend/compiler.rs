//! Bytecode generation: the second pass over the AST, using the scope tree from `scope.rs`.
//!
//! Register discipline: parameters occupy r0..; each scope's uncaptured bindings get registers
//! when the scope is entered; temporaries are allocated stack-wise above them and released at the
//! end of every statement. Captured bindings live in the scope's heap context.

use crate::frontend::bytecode::{FunctionCode, FunctionKind, Handler, Imm, Instr, Label, Reg, Fb, K, U};
use crate::frontend::scope::{self, BindKind, CompileError, ScopeId, ScopeKind, ScopeTree, node_key};
use crate::runtime::value::Value;
use crate::runtime::Engine;
use oxc_ast::ast::*;
use oxc_span::GetSpan;
use oxc_syntax::operator::{AssignmentOperator, BinaryOperator, LogicalOperator, UnaryOperator, UpdateOperator};
use std::collections::HashMap;
use std::rc::Rc;

type CResult<T> = Result<T, CompileError>;

/// `this` operand meaning "undefined" in Call (saves a register load for plain calls).
pub const NO_THIS: Reg = Reg(u32::MAX);
const MAX_REGS: u32 = 60_000;

#[derive(Clone, Copy, Debug)]
enum Loc {
    Reg(Reg),
    Ctx(u32),
}

enum Control {
    Loop {
        labels: Vec<String>,
        breaks: Vec<usize>,
        continues: Vec<usize>,
        break_depth: u32,
        continue_depth: u32,
    },
    Switch {
        breaks: Vec<usize>,
        depth: u32,
    },
    Finally {
        kind: Reg,
        value: Reg,
        /// Jumps into the finally block, with the completion code each stands for.
        entries: Vec<usize>,
        /// Completions routed through this finally: (code, what to do after the block).
        pending: Vec<(i32, Pending)>,
        depth: u32,
    },
}

#[derive(Clone)]
enum Pending {
    Break(usize),
    Continue(usize),
    Return,
}

struct FnState {
    code: FunctionCode,
    scope: ScopeId,
    cur_scope: ScopeId,
    next_reg: u32,
    max_reg: u32,
    locs: HashMap<(ScopeId, usize), Loc>,
    ctx_depth: u32,
    control: Vec<Control>,
    pos: u32,
    const_map: HashMap<u64, u32>,
    /// pc at which a label was last bound (to know when the last instruction is a join point).
    label_at: usize,
    /// Parameters not initialized yet while a parameter default is compiled (their TDZ).
    param_tdz: Vec<String>,
}

pub struct Compiler<'e, 't> {
    pub engine: &'e mut Engine,
    /// Classic-script top level (see `Resolver::script`).
    pub script: bool,
    pub tree: &'t ScopeTree,
    pub file: u32,
    f: Vec<FnState>,
}

fn err(offset: u32, msg: impl Into<String>) -> CompileError {
    CompileError { offset, message: msg.into() }
}

enum Callee {
    Plain(Reg),
    Method(Reg, Reg),
}

impl<'e, 't> Compiler<'e, 't> {
    pub fn new(engine: &'e mut Engine, tree: &'t ScopeTree, file: u32) -> Self {
        Compiler { engine, tree, file, script: false, f: Vec::new() }
    }

    // ------------------------------------------------------------------ emission helpers

    fn fs(&mut self) -> &mut FnState {
        self.f.last_mut().unwrap()
    }
    fn emit(&mut self, i: Instr) -> usize {
        let f = self.f.last_mut().unwrap();
        f.code.instrs.push(i);
        f.code.positions.push(f.pos);
        f.code.instrs.len() - 1
    }
    fn pc(&self) -> usize {
        self.f.last().unwrap().code.instrs.len()
    }
    fn bind_label(&mut self) -> u32 {
        let pc = self.pc();
        self.fs().label_at = pc;
        pc as u32
    }
    fn patch(&mut self, at: usize) {
        let t = Label(self.bind_label());
        self.patch_to(at, t);
    }
    fn patch_to(&mut self, at: usize, t: Label) {
        let ins = &mut self.fs().code.instrs[at];
        match ins {
            Instr::Jump { t: x }
            | Instr::JumpIfTrue { t: x, .. }
            | Instr::JumpIfFalse { t: x, .. }
            | Instr::JumpIfNullish { t: x, .. }
            | Instr::JumpIfNotNullish { t: x, .. }
            | Instr::JumpIfUndefined { t: x, .. }
            | Instr::JumpIfNotUndefined { t: x, .. }
            | Instr::JumpIfLt { t: x, .. }
            | Instr::JumpIfNotLt { t: x, .. }
            | Instr::JumpIfStrictEq { t: x, .. }
            | Instr::IterNext { t: x, .. }
            | Instr::ForInNext { t: x, .. } => *x = t,
            _ => unreachable!("patching a non-jump"),
        }
    }
    fn fb(&mut self) -> Fb {
        let f = self.fs();
        f.code.feedback_slots += 1;
        Fb(f.code.feedback_slots - 1)
    }
    fn temp(&mut self) -> CResult<Reg> {
        let f = self.fs();
        let r = f.next_reg;
        f.next_reg += 1;
        if f.next_reg > f.max_reg {
            f.max_reg = f.next_reg;
        }
        if r >= MAX_REGS {
            return Err(err(f.pos, "function too large (too many registers)"));
        }
        Ok(Reg(r))
    }
    fn temps(&mut self, n: u32) -> CResult<Reg> {
        let first = self.temp()?;
        for _ in 1..n {
            self.temp()?;
        }
        Ok(first)
    }
    fn mark(&self) -> u32 {
        self.f.last().unwrap().next_reg
    }
    fn release(&mut self, m: u32) {
        self.fs().next_reg = m;
    }
    fn is_temp(&self, r: Reg, mark: u32) -> bool {
        r.0 >= mark && r != NO_THIS
    }
    fn konst(&mut self, v: Value) -> K {
        let f = self.fs();
        if let Some(&k) = f.const_map.get(&v.0) {
            return K(k);
        }
        let k = f.code.consts.len() as u32;
        f.code.consts.push(v);
        f.const_map.insert(v.0, k);
        K(k)
    }
    fn str_const(&mut self, s: &str) -> K {
        let v = self.engine.intern_value(s);
        self.konst(v)
    }
    fn load_str(&mut self, dst: Reg, s: &str) {
        let k = self.str_const(s);
        self.emit(Instr::LoadConst { dst, k });
    }
    fn load_number(&mut self, dst: Reg, n: f64) {
        let v = Value::number(n);
        if v.is_int() {
            self.emit(Instr::LoadInt { dst, imm: Imm(v.as_int()) });
        } else {
            let k = self.konst(v);
            self.emit(Instr::LoadConst { dst, k });
        }
    }
    fn mov(&mut self, dst: Reg, src: Reg) {
        if dst != src {
            if src == NO_THIS {
                self.emit(Instr::LoadUndef { dst });
            } else {
                self.emit(Instr::Mov { dst, src });
            }
        }
    }
    fn set_pos(&mut self, p: u32) {
        self.fs().pos = p;
    }

    /// Moves the result in temp `r` to `dst`: rewrites the last instruction's destination when that
    /// is safe (no jump lands after it), otherwise emits a Mov.
    fn move_result(&mut self, dst: Reg, r: Reg, mark: u32) {
        if dst == r {
            return;
        }
        let pc = self.pc();
        if self.is_temp(r, mark) && pc > 0 && self.f.last().unwrap().label_at != pc {
            let last = self.fs().code.instrs.last_mut().unwrap();
            if let Some(d) = retargetable_dst(last) {
                if *d == r {
                    *d = dst;
                    return;
                }
            }
        }
        self.mov(dst, r);
    }

    // ------------------------------------------------------------------ functions

    pub fn compile_program(&mut self, p: &Program, name: &str) -> CResult<Rc<FunctionCode>> {
        let sid = self.tree.scope_of(p).unwrap();
        self.begin_function(sid, name, FunctionKind::Script, p.span, 5);
        let strict = self.tree.scopes[sid].strict;
        self.fs().code.strict = strict;
        // The five CommonJS wrapper parameters are r0..r4 (a script receives them too and
        // ignores them).
        if !self.script {
            for i in 0..5 {
                self.fs().locs.insert((sid, i), Loc::Reg(Reg(i as u32)));
            }
        }
        self.fs().next_reg = 5;
        self.fs().max_reg = 5;
        self.function_prologue(sid, None)?;
        if self.script {
            // CreateGlobalVarBinding / CreateGlobalFunctionBinding (§16.1.7 GlobalDeclarationInstantiation).
            let mut names = Vec::new();
            for st in &p.body {
                scope::var_names(st, &mut names, true);
                if let Statement::FunctionDeclaration(f) = st {
                    if let Some(id) = &f.id {
                        names.push((id.name.to_string(), id.span.start));
                    }
                }
            }
            for (n, _) in names {
                let k = self.str_const(&n);
                self.emit(Instr::DeclareGlobalVar { k });
            }
        }
        self.hoist_functions(&p.body)?;
        for st in &p.body {
            self.statement(st)?;
        }
        self.emit(Instr::LoadUndef { dst: Reg(0) });
        self.emit(Instr::Return { src: Reg(0) });
        Ok(self.end_function())
    }

    fn begin_function(&mut self, scope: ScopeId, name: &str, kind: FunctionKind, span: oxc_span::Span, nparams: u32) {
        let code = FunctionCode {
            name: name.to_string(),
            name_atom: std::cell::Cell::new(u32::MAX),
            kind,
            strict: self.tree.scopes[scope].strict,
            instrs: Vec::new(),
            positions: Vec::new(),
            consts: Vec::new(),
            children: Vec::new(),
            handlers: Vec::new(),
            nregs: 0,
            nparams,
            length: 0,
            feedback_slots: 0,
            loops: 0,
            file: self.file,
            start: span.start,
            needs_args: false,
            source_span: (span.start, span.end),
            feedback: crate::interp::feedback::FeedbackVector::new(0, 0),
        };
        self.f.push(FnState {
            code,
            scope,
            cur_scope: scope,
            next_reg: nparams,
            max_reg: nparams,
            locs: HashMap::new(),
            ctx_depth: 0,
            control: Vec::new(),
            pos: span.start,
            const_map: HashMap::new(),
            label_at: usize::MAX,
            param_tdz: Vec::new(),
        });
    }

    fn end_function(&mut self) -> Rc<FunctionCode> {
        let mut f = self.f.pop().unwrap();
        f.code.nregs = f.max_reg.max(f.code.nparams);
        f.code.feedback = crate::interp::feedback::FeedbackVector::new(f.code.feedback_slots, f.code.loops);
        let code = Rc::new(f.code);
        self.engine.codes.push(code.clone());
        code
    }

    /// Allocates storage for a scope's bindings (registers or context slots) and pushes its
    /// context if any binding is captured. Lexical bindings start in the TDZ.
    fn enter_scope(&mut self, sid: ScopeId) -> CResult<bool> {
        let scope = &self.tree.scopes[sid];
        let ncap = scope.bindings.iter().filter(|b| b.captured).count() as u32;
        let has_ctx = ncap > 0;
        if has_ctx {
            self.emit(Instr::PushContext { n: U(ncap) });
            self.fs().ctx_depth += 1;
        }
        self.fs().cur_scope = sid;
        let mut slot = 0;
        let ctor = matches!(self.f.last().unwrap().code.kind, FunctionKind::ClassConstructor | FunctionKind::DerivedConstructor);
        for (i, b) in scope.bindings.iter().enumerate() {
            if self.fs().locs.contains_key(&(sid, i)) {
                continue;
            }
            // Pseudo-bindings nobody reads need no storage (constructors always keep `this`).
            let pseudo = matches!(b.kind, BindKind::This | BindKind::NewTarget | BindKind::Callee | BindKind::Arguments);
            if pseudo && !b.used && !b.captured && !(b.kind == BindKind::This && ctor) {
                continue;
            }
            let loc = if b.captured {
                slot += 1;
                Loc::Ctx(slot - 1)
            } else {
                let r = self.temp()?;
                Loc::Reg(r)
            };
            self.fs().locs.insert((sid, i), loc);
        }
        // Re-number the captured slots in declaration order (slots were assigned above, but
        // bindings with a pre-set register location keep it; captured ones never have one).
        for (i, b) in scope.bindings.iter().enumerate() {
            if b.kind.is_lexical() {
                let loc = self.fs().locs[&(sid, i)];
                match loc {
                    Loc::Reg(r) => {
                        self.emit(Instr::LoadEmpty { dst: r });
                    }
                    Loc::Ctx(s) => {
                        let t = self.temp()?;
                        self.emit(Instr::LoadEmpty { dst: t });
                        self.emit(Instr::StoreCtx { src: t, depth: U(0), slot: U(s) });
                        self.release(t.0);
                    }
                }
            }
        }
        Ok(has_ctx)
    }

    fn exit_scope(&mut self, sid: ScopeId, has_ctx: bool) {
        if has_ctx {
            self.emit(Instr::PopContext {});
            self.fs().ctx_depth -= 1;
        }
        self.fs().cur_scope = self.tree.scopes[sid].parent.unwrap_or(sid);
    }

    /// The prologue shared by every function: context, pseudo-bindings, parameters.
    fn function_prologue(&mut self, sid: ScopeId, params: Option<&FormalParameters>) -> CResult<()> {
        let scope = &self.tree.scopes[sid];
        // Simple uncaptured parameters live in their argument registers.
        if let Some(params) = params {
            for (i, p) in params.items.iter().enumerate() {
                if let (BindingPattern::BindingIdentifier(id), None) = (&p.pattern, &p.initializer) {
                    let bi = scope.lookup(&id.name).unwrap();
                    if !scope.bindings[bi].captured {
                        self.fs().locs.insert((sid, bi), Loc::Reg(Reg(i as u32)));
                    }
                }
            }
        }
        self.enter_scope(sid)?;
        // Pseudo-bindings.
        for (i, b) in scope.bindings.iter().enumerate() {
            if !b.used && !matches!(b.kind, BindKind::Param) {
                if !(b.kind == BindKind::This && matches!(self.fs().code.kind, FunctionKind::DerivedConstructor | FunctionKind::ClassConstructor)) {
                    continue;
                }
            }
            let kind = b.kind;
            let t = match kind {
                BindKind::This => {
                    let t = self.temp()?;
                    if self.fs().code.kind == FunctionKind::DerivedConstructor {
                        self.emit(Instr::LoadEmpty { dst: t });
                    } else {
                        self.emit(Instr::LoadThis { dst: t });
                    }
                    t
                }
                BindKind::NewTarget => {
                    let t = self.temp()?;
                    self.emit(Instr::LoadNewTarget { dst: t });
                    t
                }
                BindKind::Callee | BindKind::FuncName => {
                    let t = self.temp()?;
                    self.emit(Instr::LoadCallee { dst: t });
                    t
                }
                BindKind::Arguments => {
                    self.fs().code.needs_args = true;
                    let t = self.temp()?;
                    self.emit(Instr::CreateArguments { dst: t });
                    t
                }
                _ => continue,
            };
            self.store_binding_loc(sid, i, t)?;
            self.release(t.0);
        }
        if let Some(params) = params {
            for (i, p) in params.items.iter().enumerate() {
                let arg = Reg(i as u32);
                if let Some(init) = &p.initializer {
                    self.set_pos(init.span().start);
                    let mut later = Vec::new();
                    for q in &params.items[i..] {
                        scope::bound_names(&q.pattern, &mut later);
                    }
                    if let Some(r) = &params.rest {
                        scope::bound_names(&r.rest.argument, &mut later);
                    }
                    self.fs().param_tdz = later.into_iter().map(|(n, _)| n).collect();
                    let j = self.emit(Instr::JumpIfNotUndefined { src: arg, t: Label(0) });
                    self.expr_to(init, arg)?;
                    self.patch(j);
                    self.fs().param_tdz.clear();
                }
                match &p.pattern {
                    BindingPattern::BindingIdentifier(id) => {
                        let bi = scope.lookup(&id.name).unwrap();
                        if let Some(Loc::Reg(r)) = self.fs().locs.get(&(sid, bi)).copied() {
                            if r == arg {
                                continue;
                            }
                        }
                        self.store_binding_loc(sid, bi, arg)?;
                    }
                    pat => self.bind_pattern(pat, arg, BindMode::Init)?,
                }
            }
            if let Some(rest) = &params.rest {
                self.fs().code.needs_args = true;
                let m = self.mark();
                let t = self.temp()?;
                let from = params.items.len() as u32;
                self.emit(Instr::CreateRest { dst: t, from: U(from) });
                self.bind_pattern(&rest.rest.argument, t, BindMode::Init)?;
                self.release(m);
            }
        }
        Ok(())
    }

    fn function_length(params: &FormalParameters) -> u32 {
        let mut n = 0;
        for p in &params.items {
            if p.initializer.is_some() || matches!(p.pattern, BindingPattern::AssignmentPattern(_)) {
                break;
            }
            n += 1;
        }
        n
    }

    /// Compiles a function or method into a child FunctionCode; returns its child index.
    fn compile_function(&mut self, f: &Function, name: &str, kind: FunctionKind) -> CResult<u32> {
        let sid = self.tree.scope_of(f).unwrap();
        let nparams = f.params.items.len() as u32;
        self.begin_function(sid, name, kind, f.span, nparams);
        self.fs().code.length = Self::function_length(&f.params);
        self.function_prologue(sid, Some(&f.params))?;
        let body = f.body.as_ref().unwrap();
        if kind == FunctionKind::ClassConstructor {
            let m = self.mark();
            let callee = self.temp()?;
            self.emit(Instr::LoadCallee { dst: callee });
            let this = self.temp()?;
            self.emit(Instr::LoadThis { dst: this });
            self.emit(Instr::InitFields { func: callee, this });
            self.release(m);
        }
        self.hoist_functions(&body.statements)?;
        for st in &body.statements {
            self.statement(st)?;
        }
        self.implicit_return()?;
        let code = self.end_function();
        Ok(self.add_child(code))
    }

    fn implicit_return(&mut self) -> CResult<()> {
        let t = self.temp()?;
        self.emit(Instr::LoadUndef { dst: t });
        self.emit_return(t)
    }

    fn add_child(&mut self, code: Rc<FunctionCode>) -> u32 {
        let f = self.fs();
        f.code.children.push(code);
        (f.code.children.len() - 1) as u32
    }

    fn compile_arrow(&mut self, a: &ArrowFunctionExpression, name: &str) -> CResult<u32> {
        let sid = self.tree.scope_of(a).unwrap();
        let nparams = a.params.items.len() as u32;
        self.begin_function(sid, name, FunctionKind::Arrow, a.span, nparams);
        self.fs().code.length = Self::function_length(&a.params);
        self.function_prologue(sid, Some(&a.params))?;
        match &a.body {
            ArrowFunctionBody::FunctionBody(b) => {
                self.hoist_functions(&b.statements)?;
                for st in &b.statements {
                    self.statement(st)?;
                }
                self.implicit_return()?;
            }
            body => {
                let e = body.to_expression();
                self.set_pos(e.span().start);
                let r = self.expr(e)?;
                self.emit(Instr::Return { src: r });
            }
        }
        let code = self.end_function();
        Ok(self.add_child(code))
    }

    /// Creates closures for the function declarations of a statement list (hoisting).
    fn hoist_functions(&mut self, stmts: &[Statement]) -> CResult<()> {
        for st in stmts {
            if let Statement::FunctionDeclaration(f) = st {
                let id = f.id.as_ref().unwrap();
                let idx = self.compile_function(f, &id.name, FunctionKind::Normal)?;
                let m = self.mark();
                let t = self.temp()?;
                self.emit(Instr::NewClosure { dst: t, f: U(idx) });
                let cur = self.fs().cur_scope;
                let (sid, bi) = match self.tree.resolve(cur, &id.name) {
                    Some(x) => x,
                    None => {
                        self.init_identifier(&id.name, t)?;
                        self.release(m);
                        continue;
                    }
                };
                self.store_binding_loc(sid, bi, t)?;
                // Annex B: in sloppy mode a block-level function is also assigned to the var of
                // the enclosing function.
                let fscope = self.fs().scope;
                if sid != fscope && !self.tree.scopes[sid].strict {
                    if let Some(vi) = self.tree.scopes[fscope].lookup(&id.name) {
                        if self.tree.scopes[fscope].bindings[vi].kind == BindKind::Var {
                            self.store_binding_loc(fscope, vi, t)?;
                        }
                    }
                }
                self.release(m);
            }
        }
        Ok(())
    }

    // ------------------------------------------------------------------ bindings

    /// Context depth from the current scope up to scope `target` (which must have a context).
    fn ctx_hops(&self, target: ScopeId) -> u32 {
        let mut n = 0;
        let mut s = self.f.last().unwrap().cur_scope;
        while s != target {
            if self.tree.scopes[s].has_captured() {
                n += 1;
            }
            s = self.tree.scopes[s].parent.unwrap();
        }
        n
    }

    fn loc_of(&self, sid: ScopeId, bi: usize) -> Loc {
        // A binding of an enclosing function is always captured, so it lives in a context.
        if let Some(l) = self.f.last().unwrap().locs.get(&(sid, bi)) {
            return *l;
        }
        let scope = &self.tree.scopes[sid];
        let slot = scope.bindings[..bi].iter().filter(|b| b.captured).count() as u32;
        debug_assert!(scope.bindings[bi].captured, "uncaptured binding {} used across functions", scope.bindings[bi].name);
        Loc::Ctx(slot)
    }

    fn store_binding_loc(&mut self, sid: ScopeId, bi: usize, src: Reg) -> CResult<()> {
        match self.loc_of(sid, bi) {
            Loc::Reg(r) => self.mov(r, src),
            Loc::Ctx(slot) => {
                let depth = self.ctx_hops(sid);
                self.emit(Instr::StoreCtx { src, depth: U(depth), slot: U(slot) });
            }
        }
        Ok(())
    }

    fn needs_tdz_check(&self, sid: ScopeId, bi: usize) -> bool {
        let b = &self.tree.scopes[sid].bindings[bi];
        if !b.kind.is_lexical() {
            return false;
        }
        let f = self.f.last().unwrap();
        self.tree.scopes[sid].func != f.scope || self.tree.scopes[sid].kind == ScopeKind::Switch || f.pos < b.decl_end
    }

    fn load_pseudo(&mut self, name: &str) -> CResult<Reg> {
        let cur = self.fs().cur_scope;
        let fsid = self.tree.this_scope(cur);
        let bi = self.tree.scopes[fsid].lookup(name).expect("pseudo-binding declared by the resolver");
        let r = self.load_binding(fsid, bi, None)?;
        if name == scope::THIS && self.is_derived_this(fsid) {
            self.emit(Instr::CheckThis { src: r });
        }
        Ok(r)
    }

    fn is_derived_this(&self, fsid: ScopeId) -> bool {
        // The function scope of a derived constructor: `this` exists only after super().
        self.f.iter().rev().find(|f| f.scope == fsid).is_some_and(|f| f.code.kind == FunctionKind::DerivedConstructor)
            || (self.f.last().unwrap().scope != fsid && self.derived_ancestor(fsid))
    }
    fn derived_ancestor(&self, fsid: ScopeId) -> bool {
        self.f.iter().any(|f| f.scope == fsid && f.code.kind == FunctionKind::DerivedConstructor)
    }

    /// Loads a binding; returns its register directly when it lives in one (no copy).
    fn load_binding(&mut self, sid: ScopeId, bi: usize, dst: Option<Reg>) -> CResult<Reg> {
        let check = self.needs_tdz_check(sid, bi);
        let r = match self.loc_of(sid, bi) {
            Loc::Reg(r) => {
                if let Some(d) = dst {
                    self.mov(d, r);
                    d
                } else {
                    r
                }
            }
            Loc::Ctx(slot) => {
                let d = match dst {
                    Some(d) => d,
                    None => self.temp()?,
                };
                let depth = self.ctx_hops(sid);
                self.emit(Instr::LoadCtx { dst: d, depth: U(depth), slot: U(slot) });
                d
            }
        };
        if check {
            let name = self.tree.scopes[sid].bindings[bi].name.clone();
            let k = self.str_const(&name);
            self.emit(Instr::CheckTdz { src: r, k });
        }
        Ok(r)
    }

    fn resolve(&self, name: &str) -> Option<(ScopeId, usize)> {
        let cur = self.f.last().unwrap().cur_scope;
        self.tree.resolve(cur, name).filter(|(s, i)| {
            // Pseudo `arguments` resolves only through the resolver's own binding.
            let _ = (s, i);
            true
        })
    }

    fn load_identifier(&mut self, name: &str, dst: Option<Reg>) -> CResult<Reg> {
        if name == "undefined" && self.resolve(name).is_none() {
            let d = match dst {
                Some(d) => d,
                None => self.temp()?,
            };
            self.emit(Instr::LoadUndef { dst: d });
            return Ok(d);
        }
        match self.resolve(name) {
            Some((sid, bi)) => {
                if sid == self.fs().scope && self.f.last().unwrap().param_tdz.iter().any(|n| n == name) {
                    // A parameter default reading a parameter that is not initialized yet.
                    let kname = self.str_const(name);
                    let t = self.temp()?;
                    self.emit(Instr::LoadEmpty { dst: t });
                    self.emit(Instr::CheckTdz { src: t, k: kname });
                }
                self.load_binding(sid, bi, dst)
            }
            None => {
                let d = match dst {
                    Some(d) => d,
                    None => self.temp()?,
                };
                let k = self.str_const(name);
                let fb = self.fb();
                self.emit(Instr::LoadGlobal { dst: d, k, fb });
                Ok(d)
            }
        }
    }

    /// Assigns `src` to identifier `name` (a plain assignment, not a declaration's initialization).
    fn assign_identifier(&mut self, name: &str, src: Reg) -> CResult<()> {
        match self.resolve(name) {
            Some((sid, bi)) => {
                let kind = self.tree.scopes[sid].bindings[bi].kind;
                if kind.is_lexical() && self.needs_tdz_check(sid, bi) {
                    // Reading it checks the TDZ (assignment before initialization is a ReferenceError).
                    let m = self.mark();
                    self.load_binding(sid, bi, None)?;
                    self.release(m);
                }
                match kind {
                    BindKind::Const | BindKind::Class if kind == BindKind::Const => {
                        let k = self.str_const(name);
                        self.emit(Instr::ThrowConstAssign { k });
                    }
                    BindKind::FuncName => {
                        if self.tree.scopes[sid].strict {
                            let k = self.str_const(name);
                            self.emit(Instr::ThrowConstAssign { k });
                        }
                    }
                    _ => self.store_binding_loc(sid, bi, src)?,
                }
            }
            None => {
                let k = self.str_const(name);
                let fb = self.fb();
                self.emit(Instr::StoreGlobal { src, k, fb });
            }
        }
        Ok(())
    }

    /// Initializes a declared binding (let/const/var/param) — no const or TDZ checks.
    fn init_identifier(&mut self, name: &str, src: Reg) -> CResult<()> {
        match self.resolve(name) {
            Some((sid, bi)) => self.store_binding_loc(sid, bi, src),
            // A script's top-level var/function: a global property (declared at the start).
            None => {
                let k = self.str_const(name);
                let fb = self.fb();
                self.emit(Instr::StoreGlobal { src, k, fb });
                Ok(())
            }
        }
    }

    // ------------------------------------------------------------------ patterns

    fn bind_pattern(&mut self, p: &BindingPattern, value: Reg, mode: BindMode) -> CResult<()> {
        match p {
            BindingPattern::BindingIdentifier(id) => match mode {
                BindMode::Init => self.init_identifier(&id.name, value),
            },
            BindingPattern::AssignmentPattern(a) => {
                let m = self.mark();
                let t = self.temp()?;
                self.mov(t, value);
                let j = self.emit(Instr::JumpIfNotUndefined { src: t, t: Label(0) });
                let hint = pattern_name(&a.left);
                self.expr_to_named(&a.right, t, hint.as_deref())?;
                self.patch(j);
                self.bind_pattern(&a.left, t, mode)?;
                self.release(m);
                Ok(())
            }
            BindingPattern::ObjectPattern(o) => {
                self.set_pos(o.span.start);
                self.emit(Instr::RequireObjectCoercible { src: value });
                let m = self.mark();
                let keys = if o.rest.is_some() { self.temps(o.properties.len().max(1) as u32)? } else { Reg(0) };
                for (i, prop) in o.properties.iter().enumerate() {
                    let m2 = self.mark();
                    let key = self.property_key(&prop.key, prop.computed)?;
                    if o.rest.is_some() {
                        self.emit_key_to(&key, Reg(keys.0 + i as u32))?;
                    }
                    let t = self.temp()?;
                    self.get_by_key(t, value, &key)?;
                    self.bind_pattern(&prop.value, t, mode)?;
                    self.release(m2);
                }
                if let Some(rest) = &o.rest {
                    let t = self.temp()?;
                    self.emit(Instr::NewObject { dst: t, n: U(0) });
                    self.emit(Instr::CopyProps { dst: t, src: value, excl: keys, n: U(o.properties.len() as u32) });
                    self.bind_pattern(&rest.argument, t, mode)?;
                }
                self.release(m);
                Ok(())
            }
            BindingPattern::ArrayPattern(a) => {
                let m = self.mark();
                let it = self.temp()?;
                self.set_pos(a.span.start);
                self.emit(Instr::GetIterator { dst: it, src: value });
                for el in &a.elements {
                    let t = self.temp()?;
                    self.emit(Instr::IterNextOrUndef { dst: t, iter: it });
                    if let Some(el) = el {
                        self.bind_pattern(el, t, mode)?;
                    }
                    self.release(t.0);
                }
                if let Some(rest) = &a.rest {
                    let t = self.temp()?;
                    self.emit(Instr::IterRest { dst: t, iter: it });
                    self.bind_pattern(&rest.argument, t, mode)?;
                }
                self.release(m);
                Ok(())
            }
        }
    }

    fn assign_target(&mut self, t: &AssignmentTarget, value: Reg) -> CResult<()> {
        match t {
            AssignmentTarget::AssignmentTargetIdentifier(id) => self.assign_identifier(&id.name, value),
            AssignmentTarget::ArrayAssignmentTarget(a) => {
                let m = self.mark();
                let it = self.temp()?;
                self.emit(Instr::GetIterator { dst: it, src: value });
                for el in &a.elements {
                    let t = self.temp()?;
                    self.emit(Instr::IterNextOrUndef { dst: t, iter: it });
                    if let Some(el) = el {
                        self.assign_maybe_default(el, t)?;
                    }
                    self.release(t.0);
                }
                if let Some(rest) = &a.rest {
                    let t = self.temp()?;
                    self.emit(Instr::IterRest { dst: t, iter: it });
                    self.assign_target(&rest.target, t)?;
                }
                self.release(m);
                Ok(())
            }
            AssignmentTarget::ObjectAssignmentTarget(o) => {
                self.emit(Instr::RequireObjectCoercible { src: value });
                let m = self.mark();
                let n = o.properties.len() as u32;
                let keys = if o.rest.is_some() { self.temps(n.max(1))? } else { Reg(0) };
                for (i, p) in o.properties.iter().enumerate() {
                    let m2 = self.mark();
                    match p {
                        AssignmentTargetProperty::AssignmentTargetPropertyIdentifier(id) => {
                            let key = PKey::Named(id.binding.name.to_string());
                            if o.rest.is_some() {
                                self.emit_key_to(&key, Reg(keys.0 + i as u32))?;
                            }
                            let t = self.temp()?;
                            self.get_by_key(t, value, &key)?;
                            if let Some(init) = &id.init {
                                let j = self.emit(Instr::JumpIfNotUndefined { src: t, t: Label(0) });
                                self.expr_to_named(init, t, Some(&id.binding.name))?;
                                self.patch(j);
                            }
                            self.assign_identifier(&id.binding.name, t)?;
                        }
                        AssignmentTargetProperty::AssignmentTargetPropertyProperty(pp) => {
                            let key = self.property_key(&pp.name, pp.computed)?;
                            if o.rest.is_some() {
                                self.emit_key_to(&key, Reg(keys.0 + i as u32))?;
                            }
                            let t = self.temp()?;
                            self.get_by_key(t, value, &key)?;
                            self.assign_maybe_default(&pp.binding, t)?;
                        }
                    }
                    self.release(m2);
                }
                if let Some(rest) = &o.rest {
                    let t = self.temp()?;
                    self.emit(Instr::NewObject { dst: t, n: U(0) });
                    self.emit(Instr::CopyProps { dst: t, src: value, excl: keys, n: U(n) });
                    self.assign_target(&rest.target, t)?;
                }
                self.release(m);
                Ok(())
            }
            _ => {
                let m = t.as_member_expression().ok_or_else(|| err(t.span().start, "invalid assignment target"))?;
                let mk = self.mark();
                let r = self.member_ref(m)?;
                self.store_ref(&r, value)?;
                self.release(mk);
                Ok(())
            }
        }
    }

    fn assign_maybe_default(&mut self, t: &AssignmentTargetMaybeDefault, value: Reg) -> CResult<()> {
        match t {
            AssignmentTargetMaybeDefault::AssignmentTargetWithDefault(d) => {
                let m = self.mark();
                let tmp = self.temp()?;
                self.mov(tmp, value);
                let j = self.emit(Instr::JumpIfNotUndefined { src: tmp, t: Label(0) });
                let hint = match &d.binding {
                    AssignmentTarget::AssignmentTargetIdentifier(id) => Some(id.name.to_string()),
                    _ => None,
                };
                self.expr_to_named(&d.init, tmp, hint.as_deref())?;
                self.patch(j);
                self.assign_target(&d.binding, tmp)?;
                self.release(m);
                Ok(())
            }
            _ => self.assign_target(t.to_assignment_target(), value),
        }
    }

    // ------------------------------------------------------------------ property keys & refs

    fn property_key(&mut self, k: &PropertyKey, computed: bool) -> CResult<PKey> {
        if !computed {
            return Ok(match k {
                PropertyKey::StaticIdentifier(id) => PKey::Named(id.name.to_string()),
                PropertyKey::StringLiteral(s) => PKey::Named(s.value.to_string()),
                PropertyKey::NumericLiteral(n) => PKey::Named(crate::runtime::conv::number_to_string(n.value)),
                PropertyKey::PrivateIdentifier(p) => return Err(err(p.span.start, "unsupported: private class members")),
                other => {
                    let e = other.to_expression();
                    let r = self.expr(e)?;
                    let t = self.temp()?;
                    self.emit(Instr::ToKey { dst: t, src: r });
                    PKey::Computed(t)
                }
            });
        }
        let e = k.to_expression();
        let r = self.expr(e)?;
        let t = self.temp()?;
        self.emit(Instr::ToKey { dst: t, src: r });
        Ok(PKey::Computed(t))
    }

    fn emit_key_to(&mut self, key: &PKey, dst: Reg) -> CResult<()> {
        match key {
            PKey::Named(n) => self.load_str(dst, &n.clone()),
            PKey::Computed(r) => self.mov(dst, *r),
        }
        Ok(())
    }

    fn key_reg(&mut self, key: &PKey) -> CResult<Reg> {
        match key {
            PKey::Named(n) => {
                let t = self.temp()?;
                let n = n.clone();
                self.load_str(t, &n);
                Ok(t)
            }
            PKey::Computed(r) => Ok(*r),
        }
    }

    fn get_by_key(&mut self, dst: Reg, obj: Reg, key: &PKey) -> CResult<()> {
        match key {
            PKey::Named(n) if crate::runtime::string::array_index(&n.encode_utf16().collect::<Vec<_>>()).is_none() => {
                let k = self.str_const(&n.clone());
                let fb = self.fb();
                self.emit(Instr::GetNamed { dst, obj, k, fb });
            }
            _ => {
                let m = self.mark();
                let kr = self.key_reg(key)?;
                let fb = self.fb();
                self.emit(Instr::GetElem { dst, obj, key: kr, fb });
                self.release(m);
            }
        }
        Ok(())
    }

    fn member_ref(&mut self, m: &MemberExpression) -> CResult<Ref> {
        match m {
            MemberExpression::StaticMemberExpression(s) => {
                if let Expression::Super(_) = s.object {
                    let key = self.temp()?;
                    self.load_str(key, &s.property.name);
                    return Ok(Ref::Super(key));
                }
                let o = self.expr(&s.object)?;
                self.set_pos(s.property.span.start);
                Ok(Ref::Named(o, s.property.name.to_string()))
            }
            MemberExpression::ComputedMemberExpression(c) => {
                if let Expression::Super(_) = c.object {
                    let k = self.expr(&c.expression)?;
                    let key = self.temp()?;
                    self.emit(Instr::ToKey { dst: key, src: k });
                    return Ok(Ref::Super(key));
                }
                let o = self.expr_keep(&c.object, &c.expression)?;
                let k = self.expr(&c.expression)?;
                Ok(Ref::Elem(o, k))
            }
            MemberExpression::PrivateFieldExpression(p) => Err(err(p.span.start, "unsupported: private class members")),
        }
    }

    fn load_ref(&mut self, r: &Ref, dst: Reg) -> CResult<()> {
        match r {
            Ref::Named(o, n) => {
                let k = self.str_const(&n.clone());
                let fb = self.fb();
                self.emit(Instr::GetNamed { dst, obj: *o, k, fb });
            }
            Ref::Elem(o, k) => {
                let fb = self.fb();
                self.emit(Instr::GetElem { dst, obj: *o, key: *k, fb });
            }
            Ref::Super(k) => {
                let func = self.load_pseudo(scope::CALLEE)?;
                let this = self.load_pseudo(scope::THIS)?;
                self.emit(Instr::GetSuper { dst, func, key: *k, this });
            }
        }
        Ok(())
    }

    fn store_ref(&mut self, r: &Ref, src: Reg) -> CResult<()> {
        match r {
            Ref::Named(o, n) => {
                let k = self.str_const(&n.clone());
                let fb = self.fb();
                self.emit(Instr::SetNamed { obj: *o, k, src, fb });
            }
            Ref::Elem(o, k) => {
                let fb = self.fb();
                self.emit(Instr::SetElem { obj: *o, key: *k, src, fb });
            }
            Ref::Super(k) => {
                let func = self.load_pseudo(scope::CALLEE)?;
                let this = self.load_pseudo(scope::THIS)?;
                self.emit(Instr::SetSuper { func, key: *k, this, src });
            }
        }
        Ok(())
    }

    // ------------------------------------------------------------------ statements

    fn statement(&mut self, st: &Statement) -> CResult<()> {
        self.set_pos(scope::st_span(st));
        let m = self.mark();
        self.statement_inner(st, Vec::new())?;
        self.release(m);
        Ok(())
    }

    fn statement_inner(&mut self, st: &Statement, labels: Vec<String>) -> CResult<()> {
        match st {
            Statement::BlockStatement(b) => {
                let sid = self.tree.scope_of(&**b).unwrap();
                let has = self.enter_scope(sid)?;
                self.hoist_functions(&b.body)?;
                for s in &b.body {
                    self.statement(s)?;
                }
                self.exit_scope(sid, has);
            }
            Statement::EmptyStatement(_) => {}
            Statement::DebuggerStatement(_) => {
                self.emit(Instr::Nop {});
            }
            Statement::ExpressionStatement(e) => self.expr_effect(&e.expression)?,
            Statement::VariableDeclaration(d) => self.var_decl(d)?,
            Statement::FunctionDeclaration(_) => {} // hoisted
            Statement::ClassDeclaration(c) => {
                let name = c.id.as_ref().map(|i| i.name.to_string()).unwrap_or_default();
                let r = self.class(c, &name)?;
                self.init_identifier(&name, r)?;
            }
            Statement::IfStatement(i) => {
                let jf = self.cond_jump_false(&i.test)?;
                self.statement(&i.consequent)?;
                if let Some(a) = &i.alternate {
                    let je = self.emit(Instr::Jump { t: Label(0) });
                    self.patch(jf);
                    self.statement(a)?;
                    self.patch(je);
                } else {
                    self.patch(jf);
                }
            }
            Statement::WhileStatement(w) => {
                let id = self.new_loop();
                let head = self.bind_label();
                self.emit(Instr::LoopHeader { id: U(id) });
                let jf = self.cond_jump_false(&w.test)?;
                let depth = self.fs().ctx_depth;
                self.push_loop(labels, depth, depth);
                self.statement(&w.body)?;
                let cont = self.bind_label();
                self.emit(Instr::JumpLoop { t: Label(head), id: U(id) });
                self.patch(jf);
                self.pop_loop(cont);
            }
            Statement::DoWhileStatement(d) => {
                let id = self.new_loop();
                let head = self.bind_label();
                self.emit(Instr::LoopHeader { id: U(id) });
                let depth = self.fs().ctx_depth;
                self.push_loop(labels, depth, depth);
                self.statement(&d.body)?;
                let cont = self.bind_label();
                self.set_pos(d.test.span().start);
                let m = self.mark();
                let jf = self.cond_jump_false(&d.test)?;
                self.release(m);
                self.emit(Instr::JumpLoop { t: Label(head), id: U(id) });
                self.patch(jf);
                self.pop_loop(cont);
            }
            Statement::ForStatement(f) => self.for_statement(f, labels)?,
            Statement::ForInStatement(f) => self.for_in_of(node_key(&**f), &f.left, &f.right, &f.body, labels, true)?,
            Statement::ForOfStatement(f) => self.for_in_of(node_key(&**f), &f.left, &f.right, &f.body, labels, false)?,
            Statement::LabeledStatement(l) => {
                let mut labels = labels;
                labels.push(l.label.name.to_string());
                self.set_pos(scope::st_span(&l.body));
                self.statement_inner(&l.body, labels)?;
            }
            Statement::BreakStatement(b) => {
                let label = b.label.as_ref().map(|l| l.name.to_string());
                self.jump_out(label.as_deref(), false, b.span.start)?;
            }
            Statement::ContinueStatement(c) => {
                let label = c.label.as_ref().map(|l| l.name.to_string());
                self.jump_out(label.as_deref(), true, c.span.start)?;
            }
            Statement::ReturnStatement(r) => {
                // A top-level `return` is allowed: files run as CommonJS module bodies (as in
                // Node), where it ends the module.
                let v = match &r.argument {
                    Some(a) => self.expr(a)?,
                    None => {
                        let t = self.temp()?;
                        self.emit(Instr::LoadUndef { dst: t });
                        t
                    }
                };
                self.set_pos(r.span.start);
                self.emit_return(v)?;
            }
            Statement::ThrowStatement(t) => {
                let v = self.expr(&t.argument)?;
                self.set_pos(t.span.start);
                self.emit(Instr::Throw { src: v });
            }
            Statement::TryStatement(t) => self.try_statement(t)?,
            Statement::SwitchStatement(s) => self.switch_statement(s)?,
            Statement::WithStatement(w) => return Err(err(w.span.start, "unsupported: with statement")),
            other => return Err(err(scope::st_span(other), "unsupported: module or TypeScript syntax")),
        }
        Ok(())
    }

    fn new_loop(&mut self) -> u32 {
        let f = self.fs();
        f.code.loops += 1;
        f.code.loops - 1
    }

    fn push_loop(&mut self, labels: Vec<String>, break_depth: u32, continue_depth: u32) {
        self.fs().control.push(Control::Loop { labels, breaks: vec![], continues: vec![], break_depth, continue_depth });
    }

    /// Pops the innermost loop: continues go to `cont`, breaks to here.
    fn pop_loop(&mut self, cont: u32) {
        let c = self.fs().control.pop().unwrap();
        if let Control::Loop { breaks, continues, .. } = c {
            for j in continues {
                self.patch_to(j, Label(cont));
            }
            for j in breaks {
                self.patch(j);
            }
        }
    }

    /// break/continue: finds the target, routing through any finally blocks in between.
    fn jump_out(&mut self, label: Option<&str>, is_continue: bool, offset: u32) -> CResult<()> {
        let controls = &self.f.last().unwrap().control;
        let mut target = None;
        for (i, c) in controls.iter().enumerate().rev() {
            match c {
                Control::Loop { labels, .. } => {
                    if label.is_none_or(|l| labels.iter().any(|x| x == l)) {
                        target = Some(i);
                        break;
                    }
                }
                Control::Switch { .. } if !is_continue && label.is_none() => {
                    target = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let target = target.ok_or_else(|| {
            err(offset, match (label, is_continue) {
                (Some(l), _) => format!("Undefined label '{}'", l),
                (None, true) => "Illegal continue statement: no surrounding iteration statement".to_string(),
                (None, false) => "Illegal break statement".to_string(),
            })
        })?;
        self.emit_jump_to(target, is_continue)
    }

    fn emit_jump_to(&mut self, target: usize, is_continue: bool) -> CResult<()> {
        // The innermost finally between here and the target takes the jump over.
        let n = self.f.last().unwrap().control.len();
        for i in (target + 1..n).rev() {
            if let Control::Finally { .. } = self.f.last().unwrap().control[i] {
                let pending = if is_continue { Pending::Continue(target) } else { Pending::Break(target) };
                return self.enter_finally(i, pending);
            }
        }
        let (depth, _) = match &self.f.last().unwrap().control[target] {
            Control::Loop { break_depth, continue_depth, .. } => (if is_continue { *continue_depth } else { *break_depth }, 0),
            Control::Switch { depth, .. } => (*depth, 0),
            Control::Finally { .. } => unreachable!(),
        };
        self.pop_contexts_to(depth);
        let j = self.emit(Instr::Jump { t: Label(0) });
        match &mut self.fs().control[target] {
            Control::Loop { breaks, continues, .. } => {
                if is_continue {
                    continues.push(j)
                } else {
                    breaks.push(j)
                }
            }
            Control::Switch { breaks, .. } => breaks.push(j),
            Control::Finally { .. } => unreachable!(),
        }
        Ok(())
    }

    fn pop_contexts_to(&mut self, depth: u32) {
        let cur = self.fs().ctx_depth;
        for _ in depth..cur {
            self.emit(Instr::PopContext {});
        }
    }

    fn enter_finally(&mut self, idx: usize, pending: Pending) -> CResult<()> {
        let (kind, depth) = match &mut self.fs().control[idx] {
            Control::Finally { kind, pending: p, depth, .. } => {
                let code = 3 + p.len() as i32;
                p.push((code, pending));
                (*kind, *depth)
            }
            _ => unreachable!(),
        };
        let code = match &self.fs().control[idx] {
            Control::Finally { pending, .. } => pending.last().unwrap().0,
            _ => unreachable!(),
        };
        self.emit(Instr::LoadInt { dst: kind, imm: Imm(code) });
        self.pop_contexts_to(depth);
        let j = self.emit(Instr::Jump { t: Label(0) });
        if let Control::Finally { entries, .. } = &mut self.fs().control[idx] {
            entries.push(j);
        }
        Ok(())
    }

    fn emit_return(&mut self, v: Reg) -> CResult<()> {
        let n = self.f.last().unwrap().control.len();
        for i in (0..n).rev() {
            if let Control::Finally { value, .. } = self.f.last().unwrap().control[i] {
                self.mov(value, v);
                return self.enter_finally(i, Pending::Return);
            }
        }
        if self.fs().code.kind == FunctionKind::DerivedConstructor {
            let fsid = self.fs().scope;
            let bi = self.tree.scopes[fsid].lookup(scope::THIS).unwrap();
            let this = self.load_binding(fsid, bi, None)?;
            self.emit(Instr::CtorReturn { src: v, this });
        } else {
            self.emit(Instr::Return { src: v });
        }
        Ok(())
    }

    fn var_decl(&mut self, d: &VariableDeclaration) -> CResult<()> {
        for decl in &d.declarations {
            self.set_pos(decl.span.start);
            let m = self.mark();
            match (&decl.id, &decl.init) {
                (BindingPattern::BindingIdentifier(id), Some(init)) if self.resolve(&id.name).is_none() => {
                    let t = self.expr_named(init, Some(&id.name))?;
                    self.init_identifier(&id.name, t)?;
                }
                (BindingPattern::BindingIdentifier(id), Some(init)) => {
                    let (sid, bi) = self.resolve(&id.name).unwrap();
                    match self.loc_of(sid, bi) {
                        Loc::Reg(r) => {
                            let t = self.expr_named(init, Some(&id.name))?;
                            self.move_result(r, t, m);
                        }
                        Loc::Ctx(_) => {
                            let t = self.expr_named(init, Some(&id.name))?;
                            self.store_binding_loc(sid, bi, t)?;
                        }
                    }
                }
                (BindingPattern::BindingIdentifier(id), None) => {
                    if d.kind != VariableDeclarationKind::Var {
                        let t = self.temp()?;
                        self.emit(Instr::LoadUndef { dst: t });
                        self.init_identifier(&id.name, t)?;
                    }
                }
                (pat, Some(init)) => {
                    let v = self.expr(init)?;
                    self.bind_pattern(pat, v, BindMode::Init)?;
                }
                (_, None) => return Err(err(decl.span.start, "Missing initializer in destructuring declaration")),
            }
            self.release(m);
        }
        Ok(())
    }

    fn for_statement(&mut self, f: &ForStatement, labels: Vec<String>) -> CResult<()> {
        let sid = self.tree.scope_of(f).unwrap();
        let has = self.enter_scope(sid)?;
        if let Some(init) = &f.init {
            match init {
                ForStatementInit::VariableDeclaration(d) => self.var_decl(d)?,
                _ => {
                    let m = self.mark();
                    self.expr_effect(init.to_expression())?;
                    self.release(m);
                }
            }
        }
        let id = self.new_loop();
        let head = self.bind_label();
        self.emit(Instr::LoopHeader { id: U(id) });
        let jf = match &f.test {
            Some(t) => {
                let m = self.mark();
                let j = self.cond_jump_false(t)?;
                self.release(m);
                Some(j)
            }
            None => None,
        };
        let depth = self.fs().ctx_depth;
        self.push_loop(labels, depth - has as u32, depth);
        self.statement(&f.body)?;
        let cont = self.bind_label();
        if has {
            self.emit(Instr::CloneContext {});
        }
        if let Some(u) = &f.update {
            self.set_pos(u.span().start);
            let m = self.mark();
            self.expr_effect(u)?;
            self.release(m);
        }
        self.emit(Instr::JumpLoop { t: Label(head), id: U(id) });
        if let Some(j) = jf {
            self.patch(j);
        }
        // The normal exit pops the loop context; breaks popped it already and land after.
        let c = self.fs().control.pop().unwrap();
        self.exit_scope(sid, has);
        if let Control::Loop { breaks, continues, .. } = c {
            for j in continues {
                self.patch_to(j, Label(cont));
            }
            let end = self.bind_label();
            for j in breaks {
                self.patch_to(j, Label(end));
            }
        }
        Ok(())
    }

    fn for_in_of(&mut self, key: usize, left: &ForStatementLeft, right: &Expression, body: &Statement, labels: Vec<String>, is_in: bool) -> CResult<()> {
        let sid = self.tree.by_node[&key];
        let m = self.mark();
        let obj = self.expr(right)?;
        let it = self.temp()?;
        self.set_pos(right.span().start);
        if is_in {
            self.emit(Instr::ForInPrepare { dst: it, src: obj });
        } else {
            self.emit(Instr::GetIterator { dst: it, src: obj });
        }
        let val = self.temp()?;
        let id = self.new_loop();
        let head = self.bind_label();
        self.emit(Instr::LoopHeader { id: U(id) });
        let jdone = if is_in {
            self.emit(Instr::ForInNext { dst: val, iter: it, t: Label(0) })
        } else {
            self.emit(Instr::IterNext { dst: val, iter: it, t: Label(0) })
        };
        let outer_depth = self.fs().ctx_depth;
        let has = self.enter_scope(sid)?;
        match left {
            ForStatementLeft::VariableDeclaration(d) => {
                let decl = &d.declarations[0];
                let mode = BindMode::Init;
                self.bind_pattern(&decl.id, val, mode)?;
            }
            _ => self.assign_target(left.to_assignment_target(), val)?,
        }
        let inner_depth = self.fs().ctx_depth;
        self.push_loop(labels, outer_depth, inner_depth);
        self.statement(body)?;
        let cont = self.bind_label();
        let c = self.fs().control.pop().unwrap();
        self.exit_scope(sid, has);
        self.emit(Instr::JumpLoop { t: Label(head), id: U(id) });
        self.patch(jdone);
        if let Control::Loop { breaks, continues, .. } = c {
            for j in continues {
                self.patch_to(j, Label(cont));
            }
            for j in breaks {
                self.patch(j);
            }
        }
        self.release(m);
        Ok(())
    }

    fn switch_statement(&mut self, s: &SwitchStatement) -> CResult<()> {
        let m = self.mark();
        let d = self.expr(&s.discriminant)?;
        let disc = self.temp()?;
        self.mov(disc, d);
        let sid = self.tree.scope_of(s).unwrap();
        let has = self.enter_scope(sid)?;
        let mut case_jumps = Vec::new();
        for c in &s.cases {
            if let Some(t) = &c.test {
                let m2 = self.mark();
                let v = self.expr(t)?;
                let fb = self.fb();
                case_jumps.push(Some(self.emit(Instr::JumpIfStrictEq { lhs: disc, rhs: v, t: Label(0), fb })));
                self.release(m2);
            } else {
                case_jumps.push(None);
            }
        }
        let jdefault = self.emit(Instr::Jump { t: Label(0) });
        let depth = self.fs().ctx_depth;
        self.fs().control.push(Control::Switch { breaks: vec![], depth: depth - has as u32 });
        let mut has_default = false;
        for st_list in s.cases.iter().map(|c| &c.consequent).collect::<Vec<_>>().iter() {
            let _ = st_list;
        }
        for c in &s.cases {
            for st in &c.consequent {
                self.hoist_functions(std::slice::from_ref(st))?;
            }
        }
        for (i, c) in s.cases.iter().enumerate() {
            match case_jumps[i] {
                Some(j) => self.patch(j),
                None => {
                    has_default = true;
                    self.patch(jdefault);
                }
            }
            for st in &c.consequent {
                self.statement(st)?;
            }
        }
        let ctl = self.fs().control.pop().unwrap();
        self.exit_scope(sid, has);
        // Breaks have already popped the switch context.
        let end = self.bind_label();
        if let Control::Switch { breaks, .. } = ctl {
            for j in breaks {
                self.patch_to(j, Label(end));
            }
        }
        if !has_default {
            // No default: the fall-out jump skips the pop (the context was never... it was pushed)
            // so route it through a pop when the scope has a context.
            if has {
                let skip = self.emit(Instr::Jump { t: Label(0) });
                self.patch(jdefault);
                self.emit(Instr::PopContext {});
                self.patch(skip);
            } else {
                self.patch_to(jdefault, Label(end));
            }
        }
        self.release(m);
        Ok(())
    }

    fn try_statement(&mut self, t: &TryStatement) -> CResult<()> {
        let m = self.mark();
        let saved_ctx = self.temp()?;
        self.emit(Instr::SaveContext { dst: saved_ctx });
        let depth = self.fs().ctx_depth;
        let fin = if t.finalizer.is_some() {
            let kind = self.temp()?;
            let value = self.temp()?;
            self.fs().control.push(Control::Finally { kind, value, entries: vec![], pending: vec![], depth });
            Some((kind, value))
        } else {
            None
        };
        // try block
        let start = self.pc() as u32;
        self.block_statement(&t.block)?;
        let end = self.pc() as u32;
        let mut to_end = vec![self.emit(Instr::Jump { t: Label(0) })];
        let mut catch_range = None;
        if let Some(h) = &t.handler {
            let exc = self.temp()?;
            let target = self.bind_label();
            self.fs().code.handlers.push(Handler { start, end, target, exc });
            self.emit(Instr::RestoreContext { src: saved_ctx });
            let cstart = self.pc() as u32;
            let sid = self.tree.scope_of(&**h).unwrap();
            let has = self.enter_scope(sid)?;
            if let Some(p) = &h.param {
                self.bind_pattern(&p.pattern, exc, BindMode::Init)?;
            }
            self.block_statement(&h.body)?;
            self.exit_scope(sid, has);
            catch_range = Some((cstart, self.pc() as u32));
            to_end.push(self.emit(Instr::Jump { t: Label(0) }));
        }
        if let Some((kind, value)) = fin {
            let ctl = self.fs().control.pop().unwrap();
            let (entries, pending) = match ctl {
                Control::Finally { entries, pending, .. } => (entries, pending),
                _ => unreachable!(),
            };
            // Exceptions in the try block (without catch) or in the catch block go to finally.
            let exc = value;
            let target = self.bind_label();
            if t.handler.is_none() {
                self.fs().code.handlers.push(Handler { start, end, target, exc });
            }
            if let Some((cs, ce)) = catch_range {
                self.fs().code.handlers.push(Handler { start: cs, end: ce, target, exc });
            }
            self.emit(Instr::RestoreContext { src: saved_ctx });
            self.emit(Instr::LoadInt { dst: kind, imm: Imm(1) });
            let jthrow = self.emit(Instr::Jump { t: Label(0) });
            // Normal completion.
            let normal = self.bind_label();
            for j in to_end.drain(..) {
                self.patch_to(j, Label(normal));
            }
            self.emit(Instr::LoadInt { dst: kind, imm: Imm(0) });
            let body = self.bind_label();
            self.patch_to(jthrow, Label(body));
            for j in entries {
                self.patch_to(j, Label(body));
            }
            let fin_block = t.finalizer.as_ref().unwrap();
            self.block_statement(fin_block)?;
            // Dispatch on the completion kind.
            let c = self.temp()?;
            let fb = self.fb();
            self.emit(Instr::LoadInt { dst: c, imm: Imm(1) });
            let jt = self.emit(Instr::JumpIfStrictEq { lhs: kind, rhs: c, t: Label(0), fb });
            let mut after = Vec::new();
            for (code, p) in pending {
                self.emit(Instr::LoadInt { dst: c, imm: Imm(code) });
                let fb = self.fb();
                let jn = self.emit(Instr::JumpIfStrictEq { lhs: kind, rhs: c, t: Label(0), fb });
                let skip = self.emit(Instr::Jump { t: Label(0) });
                self.patch(jn);
                match p {
                    Pending::Return => self.emit_return(value)?,
                    Pending::Break(target) => self.emit_jump_to(target, false)?,
                    Pending::Continue(target) => self.emit_jump_to(target, true)?,
                }
                self.patch(skip);
            }
            after.push(self.emit(Instr::Jump { t: Label(0) }));
            self.patch(jt);
            self.emit(Instr::Throw { src: value });
            for j in after {
                self.patch(j);
            }
        } else {
            for j in to_end {
                self.patch(j);
            }
        }
        self.release(m);
        Ok(())
    }

    fn block_statement(&mut self, b: &BlockStatement) -> CResult<()> {
        let sid = self.tree.scope_of(b).unwrap();
        let has = self.enter_scope(sid)?;
        self.hoist_functions(&b.body)?;
        for s in &b.body {
            self.statement(s)?;
        }
        self.exit_scope(sid, has);
        Ok(())
    }

    // ------------------------------------------------------------------ expressions

    /// Evaluates `e` for its effects only.
    fn expr_effect(&mut self, e: &Expression) -> CResult<()> {
        let m = self.mark();
        match e.without_parentheses() {
            Expression::UpdateExpression(u) => {
                self.update(u, None)?;
            }
            Expression::AssignmentExpression(a) => {
                self.assignment(a, None)?;
            }
            Expression::SequenceExpression(s) => {
                for x in &s.expressions {
                    self.expr_effect(x)?;
                }
            }
            _ => {
                self.expr(e)?;
            }
        }
        self.release(m);
        Ok(())
    }

    /// Evaluates `e` into some register (a binding's own register when possible).
    fn expr(&mut self, e: &Expression) -> CResult<Reg> {
        self.expr_named(e, None)
    }

    fn expr_named(&mut self, e: &Expression, name: Option<&str>) -> CResult<Reg> {
        match e {
            Expression::Identifier(id) => {
                self.set_pos(id.span.start);
                self.load_identifier(&id.name, None)
            }
            Expression::ParenthesizedExpression(p) => self.expr_named(&p.expression, name),
            _ => {
                let t = self.temp()?;
                self.expr_to_named(e, t, name)?;
                Ok(t)
            }
        }
    }

    /// Evaluates `first` keeping its value safe from assignments in `rest` (evaluated later).
    fn expr_keep(&mut self, first: &Expression, rest: &Expression) -> CResult<Reg> {
        let r = self.expr(first)?;
        if let Expression::Identifier(_) = first {
            if may_assign(rest, &mut 0) {
                let t = self.temp()?;
                self.mov(t, r);
                return Ok(t);
            }
        }
        Ok(r)
    }

    fn expr_to(&mut self, e: &Expression, dst: Reg) -> CResult<()> {
        self.expr_to_named(e, dst, None)
    }

    fn expr_to_named(&mut self, e: &Expression, dst: Reg, name: Option<&str>) -> CResult<()> {
        self.set_pos(e.span().start);
        let m = self.mark();
        self.expr_inner(e, dst, name)?;
        self.release(m);
        Ok(())
    }

    fn expr_inner(&mut self, e: &Expression, dst: Reg, name: Option<&str>) -> CResult<()> {
        match e {
            Expression::BooleanLiteral(b) => {
                self.emit(if b.value { Instr::LoadTrue { dst } } else { Instr::LoadFalse { dst } });
            }
            Expression::NullLiteral(_) => {
                self.emit(Instr::LoadNull { dst });
            }
            Expression::NumericLiteral(n) => self.load_number(dst, n.value),
            Expression::StringLiteral(s) if s.lone_surrogates => {
                let units = decode_lone_surrogates(&s.value);
                let a = self.engine.intern_units(&units);
                let v = self.engine.atom_value(a);
                let k = self.konst(v);
                self.emit(Instr::LoadConst { dst, k });
            }
            Expression::StringLiteral(s) => self.load_str(dst, &s.value),
            Expression::TemplateLiteral(t) => {
                let acc = self.temp()?;
                self.load_str(acc, t.quasis[0].value.cooked.as_deref().unwrap_or(""));
                for (i, x) in t.expressions.iter().enumerate() {
                    let m = self.mark();
                    let v = self.expr(x)?;
                    let s = self.temp()?;
                    self.emit(Instr::ToString { dst: s, src: v });
                    let fb = self.fb();
                    self.emit(Instr::Add { dst: acc, lhs: acc, rhs: s, fb });
                    let q = t.quasis[i + 1].value.cooked.as_deref().unwrap_or("");
                    if !q.is_empty() {
                        self.load_str(s, q);
                        let fb = self.fb();
                        self.emit(Instr::Add { dst: acc, lhs: acc, rhs: s, fb });
                    }
                    self.release(m);
                }
                self.mov(dst, acc);
            }
            Expression::Identifier(id) => {
                self.load_identifier(&id.name, Some(dst))?;
            }
            Expression::ThisExpression(_) => {
                let r = self.load_pseudo(scope::THIS)?;
                self.mov(dst, r);
            }
            Expression::NewTarget(_) => {
                let r = self.load_pseudo(scope::NEW_TARGET)?;
                self.mov(dst, r);
            }
            Expression::ParenthesizedExpression(p) => self.expr_inner(&p.expression, dst, name)?,
            Expression::ArrayExpression(a) => {
                let arr = self.temp()?;
                self.emit(Instr::NewArray { dst: arr, n: U(a.elements.len() as u32) });
                for el in &a.elements {
                    let m = self.mark();
                    match el {
                        ArrayExpressionElement::SpreadElement(s) => {
                            let v = self.expr(&s.argument)?;
                            self.set_pos(s.span.start);
                            self.emit(Instr::ArraySpread { arr, src: v });
                        }
                        ArrayExpressionElement::Elision(_) => {
                            self.emit(Instr::ArrayHole { arr });
                        }
                        _ => {
                            let v = self.expr(el.to_expression())?;
                            self.emit(Instr::ArrayPush { arr, src: v });
                        }
                    }
                    self.release(m);
                }
                self.mov(dst, arr);
            }
            Expression::ObjectExpression(o) => self.object_literal(o, dst)?,
            Expression::FunctionExpression(f) => {
                let fname = f.id.as_ref().map(|i| i.name.to_string()).or(name.map(|s| s.to_string())).unwrap_or_default();
                let idx = self.compile_function(f, &fname, FunctionKind::Normal)?;
                self.emit(Instr::NewClosure { dst, f: U(idx) });
            }
            Expression::ArrowFunctionExpression(a) => {
                let idx = self.compile_arrow(a, name.unwrap_or(""))?;
                self.emit(Instr::NewClosure { dst, f: U(idx) });
            }
            Expression::ClassExpression(c) => {
                let cname = c.id.as_ref().map(|i| i.name.to_string()).or(name.map(|s| s.to_string())).unwrap_or_default();
                let r = self.class(c, &cname)?;
                self.mov(dst, r);
            }
            Expression::UnaryExpression(u) => self.unary(u, dst)?,
            Expression::UpdateExpression(u) => {
                self.update(u, Some(dst))?;
            }
            Expression::BinaryExpression(b) => {
                let l = self.expr_keep(&b.left, &b.right)?;
                let r = self.expr(&b.right)?;
                self.set_pos(b.span.start);
                self.binary(b.operator, dst, l, r);
            }
            Expression::LogicalExpression(l) => {
                let t = self.temp()?;
                self.expr_to(&l.left, t)?;
                let j = match l.operator {
                    LogicalOperator::And => self.emit(Instr::JumpIfFalse { src: t, t: Label(0) }),
                    LogicalOperator::Or => self.emit(Instr::JumpIfTrue { src: t, t: Label(0) }),
                    LogicalOperator::Coalesce => self.emit(Instr::JumpIfNotNullish { src: t, t: Label(0) }),
                };
                self.expr_to(&l.right, t)?;
                self.patch(j);
                self.mov(dst, t);
            }
            Expression::ConditionalExpression(c) => {
                let t = self.temp()?;
                let jf = self.cond_jump_false(&c.test)?;
                self.expr_to(&c.consequent, t)?;
                let je = self.emit(Instr::Jump { t: Label(0) });
                self.patch(jf);
                self.expr_to(&c.alternate, t)?;
                self.patch(je);
                self.mov(dst, t);
            }
            Expression::AssignmentExpression(a) => {
                let r = self.assignment(a, Some(dst))?;
                if let Some(r) = r {
                    self.mov(dst, r);
                }
            }
            Expression::SequenceExpression(s) => {
                let n = s.expressions.len();
                for x in &s.expressions[..n - 1] {
                    self.expr_effect(x)?;
                }
                self.expr_to(&s.expressions[n - 1], dst)?;
            }
            Expression::CallExpression(c) => {
                let end = self.call(c, dst, &mut Vec::new())?;
                let _ = end;
            }
            Expression::NewExpression(n) => {
                let callee = self.expr_keep_args(&n.callee, &n.arguments)?;
                self.set_pos(n.span.start);
                match self.args(&n.arguments)? {
                    ArgList::Regs(args, argc) => {
                        let fb = self.fb();
                        self.set_pos(n.span.start);
                        self.emit(Instr::New { dst, callee, args, argc: U(argc), fb });
                    }
                    ArgList::Array(arr) => {
                        let fb = self.fb();
                        self.set_pos(n.span.start);
                        self.emit(Instr::NewSpread { dst, callee, arr, fb });
                    }
                }
            }
            Expression::ChainExpression(c) => {
                let mut nullish_jumps = Vec::new();
                let t = self.temp()?;
                match &c.expression {
                    ChainElement::CallExpression(call) => {
                        self.call(call, t, &mut nullish_jumps)?;
                    }
                    ChainElement::TSNonNullExpression(x) => return Err(err(x.span.start, "unsupported: TypeScript syntax")),
                    other => {
                        let m = other.to_member_expression();
                        self.member_get(m, t, &mut nullish_jumps)?;
                    }
                }
                if nullish_jumps.is_empty() {
                    self.mov(dst, t);
                } else {
                    let je = self.emit(Instr::Jump { t: Label(0) });
                    for j in nullish_jumps {
                        self.patch(j);
                    }
                    self.emit(Instr::LoadUndef { dst: t });
                    self.patch(je);
                    self.mov(dst, t);
                }
            }
            Expression::StaticMemberExpression(_) | Expression::ComputedMemberExpression(_) | Expression::PrivateFieldExpression(_) => {
                let m = e.as_member_expression().unwrap();
                self.member_get(m, dst, &mut Vec::new())?;
            }
            Expression::Super(s) => return Err(err(s.span.start, "'super' keyword unexpected here")),
            other => return Err(err(other.span().start, "unsupported expression")),
        }
        Ok(())
    }

    /// Like expr_keep, for a callee followed by arguments.
    fn expr_keep_args(&mut self, callee: &Expression, args: &[Argument]) -> CResult<Reg> {
        let r = self.expr(callee)?;
        if let Expression::Identifier(_) = callee {
            let mut budget = 0;
            if args.iter().any(|a| match a {
                Argument::SpreadElement(s) => may_assign(&s.argument, &mut budget),
                _ => may_assign(a.to_expression(), &mut budget),
            }) {
                let t = self.temp()?;
                self.mov(t, r);
                return Ok(t);
            }
        }
        Ok(r)
    }

    fn member_get(&mut self, m: &MemberExpression, dst: Reg, nullish: &mut Vec<usize>) -> CResult<()> {
        match m {
            MemberExpression::StaticMemberExpression(s) => {
                if let Expression::Super(_) = s.object {
                    let r = self.member_ref(m)?;
                    return self.load_ref(&r, dst);
                }
                let o = self.chain_object(&s.object, nullish)?;
                if s.optional {
                    nullish.push(self.emit(Instr::JumpIfNullish { src: o, t: Label(0) }));
                }
                // V8 reports property reads at the `.` (as Node's stack traces show them).
                self.set_pos(s.property.span.start.saturating_sub(1));
                let k = self.str_const(&s.property.name);
                let fb = self.fb();
                self.emit(Instr::GetNamed { dst, obj: o, k, fb });
            }
            MemberExpression::ComputedMemberExpression(c) => {
                if let Expression::Super(_) = c.object {
                    let r = self.member_ref(m)?;
                    return self.load_ref(&r, dst);
                }
                let o = self.chain_object(&c.object, nullish)?;
                let o = if let Expression::Identifier(_) = c.object {
                    if may_assign(&c.expression, &mut 0) {
                        let t = self.temp()?;
                        self.mov(t, o);
                        t
                    } else {
                        o
                    }
                } else {
                    o
                };
                if c.optional {
                    nullish.push(self.emit(Instr::JumpIfNullish { src: o, t: Label(0) }));
                }
                let k = self.expr(&c.expression)?;
                self.set_pos(c.span.start);
                let fb = self.fb();
                self.emit(Instr::GetElem { dst, obj: o, key: k, fb });
            }
            MemberExpression::PrivateFieldExpression(p) => return Err(err(p.span.start, "unsupported: private class members")),
        }
        Ok(())
    }

    /// The object of a member access inside an optional chain (continuing the chain's jumps).
    fn chain_object(&mut self, e: &Expression, nullish: &mut Vec<usize>) -> CResult<Reg> {
        match e {
            Expression::StaticMemberExpression(_) | Expression::ComputedMemberExpression(_) => {
                let t = self.temp()?;
                self.member_get(e.as_member_expression().unwrap(), t, nullish)?;
                Ok(t)
            }
            Expression::CallExpression(c) => {
                let t = self.temp()?;
                self.call(c, t, nullish)?;
                Ok(t)
            }
            _ => self.expr(e),
        }
    }

    fn call(&mut self, c: &CallExpression, dst: Reg, nullish: &mut Vec<usize>) -> CResult<()> {
        if let Expression::Super(_) = c.callee {
            let func = self.load_pseudo_raw(scope::CALLEE)?;
            // new.target of the constructor (arrows see it lexically).
            let nt = self.load_pseudo_raw(scope::NEW_TARGET)?;
            self.set_pos(c.span.start);
            let r = self.temp()?;
            match self.args(&c.arguments)? {
                ArgList::Regs(args, argc) => {
                    self.set_pos(c.span.start);
                    self.emit(Instr::SuperCall { dst: r, func, nt, args, argc: U(argc) });
                }
                ArgList::Array(arr) => {
                    self.set_pos(c.span.start);
                    self.emit(Instr::SuperCallSpread { dst: r, func, nt, arr });
                }
            }
            // Bind `this` (a second super() call is a ReferenceError, checked at run time by the
            // interpreter through the binding's current value).
            let cur = self.fs().cur_scope;
            let fsid = self.tree.this_scope(cur);
            let bi = self.tree.scopes[fsid].lookup(scope::THIS).unwrap();
            // BindThisValue: a second super() is a ReferenceError (after the call has run).
            let m = self.mark();
            let current = self.load_binding(fsid, bi, None)?;
            self.emit(Instr::CheckThisUninit { src: current });
            self.release(m.max(r.0 + 1));
            self.store_binding_loc(fsid, bi, r)?;
            self.mov(dst, r);
            return Ok(());
        }
        let callee = match c.callee.without_parentheses() {
            Expression::StaticMemberExpression(s) if !matches!(s.object, Expression::Super(_)) => {
                let o = self.chain_object(&s.object, nullish)?;
                let o = if let Expression::Identifier(_) = s.object {
                    let mut b = 0;
                    if c.arguments.iter().any(|a| match a {
                        Argument::SpreadElement(s) => may_assign(&s.argument, &mut b),
                        _ => may_assign(a.to_expression(), &mut b),
                    }) {
                        let t = self.temp()?;
                        self.mov(t, o);
                        t
                    } else {
                        o
                    }
                } else {
                    o
                };
                if s.optional {
                    nullish.push(self.emit(Instr::JumpIfNullish { src: o, t: Label(0) }));
                }
                let f = self.temp()?;
                self.set_pos(s.property.span.start);
                let k = self.str_const(&s.property.name);
                let fb = self.fb();
                self.emit(Instr::GetNamed { dst: f, obj: o, k, fb });
                Callee::Method(f, o)
            }
            Expression::ComputedMemberExpression(cm) if !matches!(cm.object, Expression::Super(_)) => {
                let o = self.chain_object(&cm.object, nullish)?;
                let o2 = self.temp()?;
                self.mov(o2, o);
                if cm.optional {
                    nullish.push(self.emit(Instr::JumpIfNullish { src: o2, t: Label(0) }));
                }
                let k = self.expr(&cm.expression)?;
                let f = self.temp()?;
                let fb = self.fb();
                self.emit(Instr::GetElem { dst: f, obj: o2, key: k, fb });
                Callee::Method(f, o2)
            }
            Expression::StaticMemberExpression(_) | Expression::ComputedMemberExpression(_) => {
                // super.m(...): this is the current this.
                let m = c.callee.without_parentheses().as_member_expression().unwrap();
                let r = self.member_ref(m)?;
                let f = self.temp()?;
                self.load_ref(&r, f)?;
                let this = self.load_pseudo(scope::THIS)?;
                Callee::Method(f, this)
            }
            Expression::CallExpression(inner) => {
                let t = self.temp()?;
                self.call(inner, t, nullish)?;
                Callee::Plain(t)
            }
            other => {
                let f = self.expr_keep_args(other, &c.arguments)?;
                Callee::Plain(f)
            }
        };
        let (f, this) = match callee {
            Callee::Plain(f) => (f, NO_THIS),
            Callee::Method(f, o) => (f, o),
        };
        if c.optional {
            nullish.push(self.emit(Instr::JumpIfNullish { src: f, t: Label(0) }));
        }
        let args = self.args(&c.arguments)?;
        self.set_pos(c.span.start);
        let fb = self.fb();
        match args {
            ArgList::Regs(args, argc) => {
                self.emit(Instr::Call { dst, callee: f, this, args, argc: U(argc), fb });
            }
            ArgList::Array(arr) => {
                let this = if this == NO_THIS {
                    let t = self.temp()?;
                    self.emit(Instr::LoadUndef { dst: t });
                    t
                } else {
                    this
                };
                self.emit(Instr::CallSpread { dst, callee: f, this, arr, fb });
            }
        }
        Ok(())
    }

    fn load_pseudo_raw(&mut self, name: &str) -> CResult<Reg> {
        let cur = self.fs().cur_scope;
        let fsid = self.tree.this_scope(cur);
        let bi = self.tree.scopes[fsid].lookup(name).expect("pseudo-binding");
        self.load_binding(fsid, bi, None)
    }

    fn args(&mut self, args: &[Argument]) -> CResult<ArgList> {
        if args.iter().any(|a| matches!(a, Argument::SpreadElement(_))) {
            let arr = self.temp()?;
            self.emit(Instr::NewArray { dst: arr, n: U(args.len() as u32) });
            for a in args {
                let m = self.mark();
                match a {
                    Argument::SpreadElement(s) => {
                        let v = self.expr(&s.argument)?;
                        self.emit(Instr::ArraySpread { arr, src: v });
                    }
                    _ => {
                        let v = self.expr(a.to_expression())?;
                        self.emit(Instr::ArrayPush { arr, src: v });
                    }
                }
                self.release(m);
            }
            return Ok(ArgList::Array(arr));
        }
        let n = args.len() as u32;
        if n == 0 {
            return Ok(ArgList::Regs(Reg(self.mark()), 0));
        }
        let first = self.temps(n)?;
        for (i, a) in args.iter().enumerate() {
            self.expr_to(a.to_expression(), Reg(first.0 + i as u32))?;
        }
        Ok(ArgList::Regs(first, n))
    }

    fn binary(&mut self, op: BinaryOperator, dst: Reg, lhs: Reg, rhs: Reg) {
        use BinaryOperator as B;
        let fb = self.fb();
        let i = match op {
            B::Addition => Instr::Add { dst, lhs, rhs, fb },
            B::Subtraction => Instr::Sub { dst, lhs, rhs, fb },
            B::Multiplication => Instr::Mul { dst, lhs, rhs, fb },
            B::Division => Instr::Div { dst, lhs, rhs, fb },
            B::Remainder => Instr::Mod { dst, lhs, rhs, fb },
            B::Exponential => Instr::Exp { dst, lhs, rhs, fb },
            B::BitwiseAnd => Instr::BitAnd { dst, lhs, rhs, fb },
            B::BitwiseOR => Instr::BitOr { dst, lhs, rhs, fb },
            B::BitwiseXOR => Instr::BitXor { dst, lhs, rhs, fb },
            B::ShiftLeft => Instr::Shl { dst, lhs, rhs, fb },
            B::ShiftRight => Instr::Shr { dst, lhs, rhs, fb },
            B::ShiftRightZeroFill => Instr::UShr { dst, lhs, rhs, fb },
            B::Equality => Instr::Eq { dst, lhs, rhs, fb },
            B::Inequality => Instr::Ne { dst, lhs, rhs, fb },
            B::StrictEquality => Instr::StrictEq { dst, lhs, rhs, fb },
            B::StrictInequality => Instr::StrictNe { dst, lhs, rhs, fb },
            B::LessThan => Instr::Lt { dst, lhs, rhs, fb },
            B::LessEqualThan => Instr::Le { dst, lhs, rhs, fb },
            B::GreaterThan => Instr::Gt { dst, lhs, rhs, fb },
            B::GreaterEqualThan => Instr::Ge { dst, lhs, rhs, fb },
            B::Instanceof => Instr::InstanceOf { dst, lhs, rhs, fb },
            B::In => Instr::In { dst, lhs, rhs, fb },
        };
        self.emit(i);
    }

    /// Emits a jump taken when `test` is falsy; returns the jump to patch.
    fn cond_jump_false(&mut self, test: &Expression) -> CResult<usize> {
        self.set_pos(test.span().start);
        let m = self.mark();
        let r = match test.without_parentheses() {
            Expression::BinaryExpression(b) if b.operator == BinaryOperator::LessThan => {
                let l = self.expr_keep(&b.left, &b.right)?;
                let r = self.expr(&b.right)?;
                let fb = self.fb();
                self.set_pos(b.span.start);
                let j = self.emit(Instr::JumpIfNotLt { lhs: l, rhs: r, t: Label(0), fb });
                self.release(m);
                return Ok(j);
            }
            Expression::UnaryExpression(u) if u.operator == UnaryOperator::LogicalNot => {
                let r = self.expr(&u.argument)?;
                let j = self.emit(Instr::JumpIfTrue { src: r, t: Label(0) });
                self.release(m);
                return Ok(j);
            }
            _ => self.expr(test)?,
        };
        let j = self.emit(Instr::JumpIfFalse { src: r, t: Label(0) });
        self.release(m);
        Ok(j)
    }

    fn unary(&mut self, u: &UnaryExpression, dst: Reg) -> CResult<()> {
        match u.operator {
            UnaryOperator::Typeof => {
                let r = match u.argument.without_parentheses() {
                    Expression::Identifier(id) if self.resolve(&id.name).is_none() => {
                        let t = self.temp()?;
                        let k = self.str_const(&id.name);
                        self.emit(Instr::LoadGlobalOrUndef { dst: t, k });
                        t
                    }
                    a => self.expr(a)?,
                };
                self.emit(Instr::TypeOf { dst, src: r });
            }
            UnaryOperator::Delete => match u.argument.without_parentheses() {
                Expression::StaticMemberExpression(_) | Expression::ComputedMemberExpression(_) => {
                    let m = u.argument.without_parentheses().as_member_expression().unwrap();
                    let r = self.member_ref(m)?;
                    match r {
                        Ref::Named(o, n) => {
                            let k = self.temp()?;
                            self.load_str(k, &n);
                            self.set_pos(u.span.start);
                            self.emit(Instr::DeleteElem { dst, obj: o, key: k });
                        }
                        Ref::Elem(o, k) => {
                            self.set_pos(u.span.start);
                            self.emit(Instr::DeleteElem { dst, obj: o, key: k });
                        }
                        Ref::Super(_) => return Err(err(u.span.start, "unsupported: delete of a super property")),
                    }
                }
                Expression::ChainExpression(_) => {
                    return Err(err(u.span.start, "unsupported: delete of an optional chain"));
                }
                Expression::Identifier(id) => {
                    if self.resolve(&id.name).is_some() {
                        self.emit(Instr::LoadFalse { dst });
                    } else {
                        let g = self.temp()?;
                        self.load_identifier("globalThis", Some(g))?;
                        let k = self.temp()?;
                        self.load_str(k, &id.name);
                        self.emit(Instr::DeleteElem { dst, obj: g, key: k });
                    }
                }
                other => {
                    self.expr_effect(other)?;
                    self.emit(Instr::LoadTrue { dst });
                }
            },
            UnaryOperator::Void => {
                self.expr_effect(&u.argument)?;
                self.emit(Instr::LoadUndef { dst });
            }
            op => {
                let r = self.expr(&u.argument)?;
                self.set_pos(u.span.start);
                let i = match op {
                    UnaryOperator::UnaryNegation => {
                        let fb = self.fb();
                        Instr::Neg { dst, src: r, fb }
                    }
                    UnaryOperator::UnaryPlus => {
                        let fb = self.fb();
                        Instr::ToNumeric { dst, src: r, fb }
                    }
                    UnaryOperator::BitwiseNot => {
                        let fb = self.fb();
                        Instr::BitNot { dst, src: r, fb }
                    }
                    UnaryOperator::LogicalNot => Instr::Not { dst, src: r },
                    _ => unreachable!(),
                };
                self.emit(i);
            }
        }
        Ok(())
    }

    /// `++x`, `x--`, `o.p++`…; with `dst` None the result is unused.
    fn update(&mut self, u: &UpdateExpression, dst: Option<Reg>) -> CResult<()> {
        let delta = if u.operator == UpdateOperator::Increment { 1 } else { -1 };
        let want_old = !u.prefix && dst.is_some();
        match &u.argument {
            SimpleAssignmentTarget::AssignmentTargetIdentifier(id) => {
                let cur = self.load_identifier(&id.name, None)?;
                let m = self.mark();
                let old = self.temp()?;
                let new = self.temp()?;
                let fb = self.fb();
                if want_old {
                    self.emit(Instr::ToNumeric { dst: old, src: cur, fb });
                    let fb = self.fb();
                    self.emit(Instr::AddImm { dst: new, src: old, imm: Imm(delta), fb });
                } else {
                    self.emit(Instr::AddImm { dst: new, src: cur, imm: Imm(delta), fb });
                }
                // Write straight into a register binding when possible.
                let direct = match self.resolve(&id.name) {
                    Some((sid, bi)) => {
                        let kind = self.tree.scopes[sid].bindings[bi].kind;
                        matches!(self.loc_of(sid, bi), Loc::Reg(_)) && kind != BindKind::Const && kind != BindKind::FuncName
                    }
                    None => false,
                };
                if direct {
                    if let Some(Instr::AddImm { dst: d, .. }) = self.fs().code.instrs.last_mut() {
                        *d = cur;
                    }
                    if let Some(d) = dst {
                        self.mov(d, if want_old { old } else { cur });
                    }
                } else {
                    self.assign_identifier(&id.name, new)?;
                    if let Some(d) = dst {
                        self.mov(d, if want_old { old } else { new });
                    }
                }
                self.release(m);
            }
            other => {
                let m = other.as_member_expression().ok_or_else(|| err(u.span.start, "invalid update target"))?;
                let mk = self.mark();
                let r = self.member_ref(m)?;
                let cur = self.temp()?;
                self.load_ref(&r, cur)?;
                let old = self.temp()?;
                let fb = self.fb();
                self.emit(Instr::ToNumeric { dst: old, src: cur, fb });
                let fb = self.fb();
                self.emit(Instr::AddImm { dst: cur, src: old, imm: Imm(delta), fb });
                self.store_ref(&r, cur)?;
                if let Some(d) = dst {
                    self.mov(d, if u.prefix { cur } else { old });
                }
                self.release(mk);
            }
        }
        Ok(())
    }

    /// Compiles an assignment; returns the register holding the value (None when unused).
    fn assignment(&mut self, a: &AssignmentExpression, dst: Option<Reg>) -> CResult<Option<Reg>> {
        use AssignmentOperator as A;
        let target_name = match &a.left {
            AssignmentTarget::AssignmentTargetIdentifier(id) => Some(id.name.to_string()),
            _ => None,
        };
        if a.operator == A::Assign {
            match &a.left {
                AssignmentTarget::AssignmentTargetIdentifier(id) => {
                    let m = self.mark();
                    let direct = match self.resolve(&id.name) {
                        Some((sid, bi)) => {
                            let b = &self.tree.scopes[sid].bindings[bi];
                            match self.loc_of(sid, bi) {
                                Loc::Reg(r) if (!b.kind.is_lexical() && b.kind != BindKind::FuncName) || (b.kind == BindKind::Let && !self.needs_tdz_check(sid, bi)) => Some(r),
                                _ => None,
                            }
                        }
                        None => None,
                    };
                    let v = self.expr_named(&a.right, target_name.as_deref())?;
                    self.set_pos(a.span.start);
                    if let Some(r) = direct {
                        self.move_result(r, v, m);
                        return Ok(Some(r));
                    }
                    self.assign_identifier(&id.name, v)?;
                    if let Some(d) = dst {
                        self.mov(d, v);
                    }
                    return Ok(None);
                }
                AssignmentTarget::ArrayAssignmentTarget(_) | AssignmentTarget::ObjectAssignmentTarget(_) => {
                    let v = self.expr(&a.right)?;
                    let keep = self.temp()?;
                    self.mov(keep, v);
                    self.assign_target(&a.left, keep)?;
                    return Ok(Some(keep));
                }
                t => {
                    let m = t.as_member_expression().unwrap();
                    let r = self.member_ref(m)?;
                    let v = self.expr(&a.right)?;
                    self.set_pos(a.span.start);
                    self.store_ref(&r, v)?;
                    return Ok(Some(v));
                }
            }
        }
        // Compound assignment to a register local: combine in place (`s += x` is one Add),
        // unless the right side could assign the local first.
        if let AssignmentTarget::AssignmentTargetIdentifier(id) = &a.left {
            if !matches!(a.operator, A::LogicalAnd | A::LogicalOr | A::LogicalNullish) && !may_assign(&a.right, &mut 0) {
                if let Some((sid, bi)) = self.resolve(&id.name) {
                    let b = &self.tree.scopes[sid].bindings[bi];
                    let ok_kind = matches!(b.kind, BindKind::Var | BindKind::Param | BindKind::CatchParam | BindKind::FunctionDecl) || (b.kind == BindKind::Let && !self.needs_tdz_check(sid, bi));
                    if let (Loc::Reg(r), true) = (self.loc_of(sid, bi), ok_kind) {
                        let rhs = self.expr(&a.right)?;
                        self.set_pos(a.span.start);
                        self.binary(compound_op(a.operator), r, r, rhs);
                        return Ok(Some(r));
                    }
                }
            }
        }
        // Compound and logical assignment: read, combine, write back.
        let r = match &a.left {
            AssignmentTarget::AssignmentTargetIdentifier(_) => None,
            t => Some(self.member_ref(t.as_member_expression().ok_or_else(|| err(a.span.start, "invalid assignment target"))?)?),
        };
        let cur = self.temp()?;
        match (&r, &target_name) {
            (Some(r), _) => self.load_ref(r, cur)?,
            (None, Some(n)) => {
                self.load_identifier(n, Some(cur))?;
            }
            _ => unreachable!(),
        }
        let logical = matches!(a.operator, A::LogicalAnd | A::LogicalOr | A::LogicalNullish);
        if logical {
            let j = match a.operator {
                A::LogicalAnd => self.emit(Instr::JumpIfFalse { src: cur, t: Label(0) }),
                A::LogicalOr => self.emit(Instr::JumpIfTrue { src: cur, t: Label(0) }),
                _ => self.emit(Instr::JumpIfNotNullish { src: cur, t: Label(0) }),
            };
            self.expr_to_named(&a.right, cur, target_name.as_deref())?;
            self.set_pos(a.span.start);
            match (&r, &target_name) {
                (Some(r), _) => self.store_ref(r, cur)?,
                (None, Some(n)) => self.assign_identifier(n, cur)?,
                _ => unreachable!(),
            }
            self.patch(j);
            return Ok(Some(cur));
        }
        let rhs = self.expr(&a.right)?;
        self.set_pos(a.span.start);
        let op = compound_op(a.operator);
        self.binary(op, cur, cur, rhs);
        match (&r, &target_name) {
            (Some(r), _) => self.store_ref(r, cur)?,
            (None, Some(n)) => self.assign_identifier(n, cur)?,
            _ => unreachable!(),
        }
        Ok(Some(cur))
    }

    fn object_literal(&mut self, o: &ObjectExpression, dst: Reg) -> CResult<()> {
        let obj = self.temp()?;
        self.emit(Instr::NewObject { dst: obj, n: U(o.properties.len() as u32) });
        for p in &o.properties {
            let m = self.mark();
            match p {
                ObjectPropertyKind::ObjectProperty(p) => {
                    self.set_pos(p.span.start);
                    let key = self.property_key(&p.key, p.computed)?;
                    let hint = match &key {
                        PKey::Named(n) => Some(n.clone()),
                        PKey::Computed(_) => None,
                    };
                    match p.kind {
                        PropertyKind::Init => {
                            if p.method {
                                let f = match &p.value {
                                    Expression::FunctionExpression(f) => f,
                                    _ => unreachable!(),
                                };
                                let idx = self.compile_function(f, hint.as_deref().unwrap_or(""), FunctionKind::Method)?;
                                let t = self.temp()?;
                                self.emit(Instr::NewClosure { dst: t, f: U(idx) });
                                self.emit(Instr::SetHome { src: t, obj });
                                let kr = self.key_reg(&key)?;
                                self.emit(Instr::DefineProp { obj, key: kr, src: t, flags: U(1) });
                            } else if let (PKey::Named(n), false) = (&key, n_is_proto(&key, p)) {
                                let v = self.expr_named(&p.value, hint.as_deref())?;
                                let k = self.str_const(&n.clone());
                                self.emit(Instr::DefineNamed { obj, k, src: v });
                            } else if n_is_proto(&key, p) {
                                // `__proto__: v` sets the prototype.
                                let v = self.expr(&p.value)?;
                                let k = self.str_const("__proto__");
                                let fb = self.fb();
                                self.emit(Instr::SetNamed { obj, k, src: v, fb });
                            } else {
                                let v = self.expr(&p.value)?;
                                let kr = self.key_reg(&key)?;
                                self.emit(Instr::DefineProp { obj, key: kr, src: v, flags: U(1) });
                            }
                        }
                        PropertyKind::Get | PropertyKind::Set => {
                            let f = match &p.value {
                                Expression::FunctionExpression(f) => f,
                                _ => unreachable!(),
                            };
                            let prefix = if p.kind == PropertyKind::Get { "get " } else { "set " };
                            let fname = format!("{}{}", prefix, hint.as_deref().unwrap_or(""));
                            let idx = self.compile_function(f, &fname, FunctionKind::Method)?;
                            let t = self.temp()?;
                            self.emit(Instr::NewClosure { dst: t, f: U(idx) });
                            self.emit(Instr::SetHome { src: t, obj });
                            let kr = self.key_reg(&key)?;
                            let flags = 1 | if p.kind == PropertyKind::Set { 2 } else { 0 };
                            self.emit(Instr::DefineAccessor { obj, key: kr, src: t, flags: U(flags) });
                        }
                    }
                }
                ObjectPropertyKind::SpreadProperty(s) => {
                    let v = self.expr(&s.argument)?;
                    self.emit(Instr::CopyProps { dst: obj, src: v, excl: Reg(0), n: U(0) });
                }
            }
            self.release(m);
        }
        self.mov(dst, obj);
        Ok(())
    }

    fn class(&mut self, c: &Class, name: &str) -> CResult<Reg> {
        // Named class expressions bind their name inside the class (see scope.rs).
        if let Some(sid) = self.tree.scope_of(c) {
            let has = self.enter_scope(sid)?;
            let ctor = self.class_inner(c, name, Some(sid))?;
            let out = self.temp()?;
            self.mov(out, ctor);
            self.exit_scope(sid, has);
            return Ok(out);
        }
        self.class_inner(c, name, None)
    }

    fn class_inner(&mut self, c: &Class, name: &str, inner_scope: Option<ScopeId>) -> CResult<Reg> {
        self.set_pos(c.span.start);
        let heritage = self.temp()?;
        let has_heritage = if let Some(h) = &c.heritage {
            self.expr_to(&h.expression, heritage)?;
            true
        } else {
            false
        };
        // Constructor.
        let ctor_def = c.body.body.iter().find_map(|e| match e {
            ClassElement::MethodDefinition(m) if m.kind == MethodDefinitionKind::Constructor => Some(m),
            _ => None,
        });
        let kind = if has_heritage { FunctionKind::DerivedConstructor } else { FunctionKind::ClassConstructor };
        let ctor_idx = match ctor_def {
            Some(m) => self.compile_function(&m.value, name, kind)?,
            None => self.default_constructor(c, name, kind)?,
        };
        let ctor = self.temp()?;
        self.emit(Instr::NewClass { dst: ctor, f: U(ctor_idx), heritage, flags: U(has_heritage as u32) });
        if let Some(sid) = inner_scope {
            self.store_binding_loc(sid, 0, ctor)?;
        }
        let proto = self.temp()?;
        let k = self.str_const("prototype");
        let fb = self.fb();
        self.emit(Instr::GetNamed { dst: proto, obj: ctor, k, fb });
        self.emit(Instr::SetHome { src: ctor, obj: proto });
        // Methods and accessors.
        for el in &c.body.body {
            if let ClassElement::MethodDefinition(m) = el {
                if m.kind == MethodDefinitionKind::Constructor {
                    continue;
                }
                let mk = self.mark();
                self.set_pos(m.span.start);
                let target = if m.r#static { ctor } else { proto };
                let key = self.property_key(&m.key, m.computed)?;
                let hint = match &key {
                    PKey::Named(n) => n.clone(),
                    PKey::Computed(_) => String::new(),
                };
                let fname = match m.kind {
                    MethodDefinitionKind::Get => format!("get {}", hint),
                    MethodDefinitionKind::Set => format!("set {}", hint),
                    _ => hint,
                };
                let idx = self.compile_function(&m.value, &fname, FunctionKind::Method)?;
                let t = self.temp()?;
                self.emit(Instr::NewClosure { dst: t, f: U(idx) });
                self.emit(Instr::SetHome { src: t, obj: target });
                let kr = self.key_reg(&key)?;
                match m.kind {
                    MethodDefinitionKind::Get => self.emit(Instr::DefineAccessor { obj: target, key: kr, src: t, flags: U(0) }),
                    MethodDefinitionKind::Set => self.emit(Instr::DefineAccessor { obj: target, key: kr, src: t, flags: U(2) }),
                    _ => self.emit(Instr::DefineProp { obj: target, key: kr, src: t, flags: U(0) }),
                };
                self.release(mk);
            }
        }
        // Instance fields: one initializer function run on each new instance.
        let fields: Vec<&PropertyDefinition> = c
            .body
            .body
            .iter()
            .filter_map(|e| match e {
                ClassElement::PropertyDefinition(p) if !p.r#static => Some(&**p),
                _ => None,
            })
            .collect();
        if !fields.is_empty() {
            let idx = self.field_initializer(&fields, c.span, "<instance_fields_initializer>")?;
            let t = self.temp()?;
            self.emit(Instr::NewClosure { dst: t, f: U(idx) });
            self.emit(Instr::SetHome { src: t, obj: proto });
            self.emit(Instr::SetFields { ctor, src: t });
        }
        // Static fields, in order, with `this` = the constructor.
        let statics: Vec<&PropertyDefinition> = c
            .body
            .body
            .iter()
            .filter_map(|e| match e {
                ClassElement::PropertyDefinition(p) if p.r#static => Some(&**p),
                _ => None,
            })
            .collect();
        if !statics.is_empty() {
            // The class binding must be visible to static initializers (`static x = C.y`).
            let idx = self.field_initializer(&statics, c.span, "<static_initializer>")?;
            let t = self.temp()?;
            self.emit(Instr::NewClosure { dst: t, f: U(idx) });
            self.emit(Instr::SetHome { src: t, obj: ctor });
            let r = self.temp()?;
            let fb = self.fb();
            self.emit(Instr::Call { dst: r, callee: t, this: ctor, args: Reg(r.0 + 1), argc: U(0), fb });
        }
        Ok(ctor)
    }

    /// A synthetic method that defines the given fields on `this`.
    fn field_initializer(&mut self, fields: &[&PropertyDefinition], span: oxc_span::Span, name: &str) -> CResult<u32> {
        // Each field value was resolved in its own function scope (keyed by the field node);
        // the initializer function uses the first field's scope as its own and enters the
        // others as it goes.
        let outer_scope = self.fs().cur_scope;
        self.begin_function(outer_scope, name, FunctionKind::Method, span, 0);
        self.fs().code.strict = true;
        for p in fields {
            self.set_pos(p.span.start);
            let m = self.mark();
            let sid = self.tree.scope_of(*p).unwrap();
            let saved_scope = self.fs().scope;
            self.fs().scope = sid;
            self.fs().cur_scope = sid;
            let has = self.enter_scope_fields(sid)?;
            let key = self.property_key(&p.key, p.computed)?;
            let hint = match &key {
                PKey::Named(n) => Some(n.clone()),
                PKey::Computed(_) => None,
            };
            let v = self.temp()?;
            match &p.value {
                Some(e) => self.expr_to_named(e, v, hint.as_deref())?,
                None => {
                    self.emit(Instr::LoadUndef { dst: v });
                }
            }
            let this = self.temp()?;
            self.emit(Instr::LoadThis { dst: this });
            let kr = self.key_reg(&key)?;
            self.emit(Instr::DefineProp { obj: this, key: kr, src: v, flags: U(1) });
            if has {
                self.emit(Instr::PopContext {});
                self.fs().ctx_depth -= 1;
            }
            self.fs().scope = saved_scope;
            self.fs().cur_scope = outer_scope;
            self.release(m);
        }
        let t = self.temp()?;
        self.emit(Instr::LoadUndef { dst: t });
        self.emit(Instr::Return { src: t });
        let code = self.end_function();
        Ok(self.add_child(code))
    }

    /// Enters a field initializer's own scope (pseudo-bindings this/callee/new.target).
    fn enter_scope_fields(&mut self, sid: ScopeId) -> CResult<bool> {
        let has = self.enter_scope(sid)?;
        let scope = &self.tree.scopes[sid];
        for (i, b) in scope.bindings.iter().enumerate() {
            if !b.used {
                continue;
            }
            let t = self.temp()?;
            match b.kind {
                BindKind::This => self.emit(Instr::LoadThis { dst: t }),
                BindKind::Callee => self.emit(Instr::LoadCallee { dst: t }),
                BindKind::NewTarget => self.emit(Instr::LoadUndef { dst: t }),
                BindKind::Arguments => self.emit(Instr::CreateArguments { dst: t }),
                _ => continue,
            };
            self.store_binding_loc(sid, i, t)?;
        }
        Ok(has)
    }

    /// `constructor() {}` or `constructor(...args) { super(...args); }`.
    fn default_constructor(&mut self, c: &Class, name: &str, kind: FunctionKind) -> CResult<u32> {
        let outer = self.fs().cur_scope;
        self.begin_function(outer, name, kind, c.span, 0);
        self.fs().code.strict = true;
        let t = self.temp()?;
        if kind == FunctionKind::DerivedConstructor {
            self.fs().code.needs_args = true;
            let args = self.temp()?;
            self.emit(Instr::CreateRest { dst: args, from: U(0) });
            let func = self.temp()?;
            self.emit(Instr::LoadCallee { dst: func });
            let nt = self.temp()?;
            self.emit(Instr::LoadNewTarget { dst: nt });
            self.emit(Instr::SuperCallSpread { dst: t, func, nt, arr: args });
            self.emit(Instr::Return { src: t });
        } else {
            let func = self.temp()?;
            self.emit(Instr::LoadCallee { dst: func });
            let this = self.temp()?;
            self.emit(Instr::LoadThis { dst: this });
            self.emit(Instr::InitFields { func, this });
            self.emit(Instr::LoadUndef { dst: t });
            self.emit(Instr::Return { src: t });
        }
        let code = self.end_function();
        Ok(self.add_child(code))
    }
}

/// oxc's encoding of strings with lone surrogates: U+FFFD followed by four hex digits stands
/// for one UTF-16 code unit.
fn decode_lone_surrogates(s: &str) -> Vec<u16> {
    let mut out = Vec::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{FFFD}' {
            let hex: String = chars.by_ref().take(4).collect();
            out.push(u16::from_str_radix(&hex, 16).unwrap_or(0xFFFD));
        } else {
            let mut buf = [0u16; 2];
            out.extend_from_slice(c.encode_utf16(&mut buf));
        }
    }
    out
}

fn compound_op(op: AssignmentOperator) -> BinaryOperator {
    use AssignmentOperator as A;
    match op {
        A::Addition => BinaryOperator::Addition,
        A::Subtraction => BinaryOperator::Subtraction,
        A::Multiplication => BinaryOperator::Multiplication,
        A::Division => BinaryOperator::Division,
        A::Remainder => BinaryOperator::Remainder,
        A::Exponential => BinaryOperator::Exponential,
        A::ShiftLeft => BinaryOperator::ShiftLeft,
        A::ShiftRight => BinaryOperator::ShiftRight,
        A::ShiftRightZeroFill => BinaryOperator::ShiftRightZeroFill,
        A::BitwiseOR => BinaryOperator::BitwiseOR,
        A::BitwiseXOR => BinaryOperator::BitwiseXOR,
        A::BitwiseAnd => BinaryOperator::BitwiseAnd,
        _ => unreachable!("logical assignment is not a binary operator"),
    }
}

fn n_is_proto(key: &PKey, p: &ObjectProperty) -> bool {
    matches!(key, PKey::Named(n) if n == "__proto__") && !p.computed && !p.shorthand && !p.method
}

#[derive(Clone, Copy)]
enum BindMode {
    /// Declarations: initialize the binding (no const/TDZ checks).
    Init,
}

enum PKey {
    Named(String),
    Computed(Reg),
}

enum Ref {
    Named(Reg, String),
    Elem(Reg, Reg),
    Super(Reg),
}

enum ArgList {
    Regs(Reg, u32),
    Array(Reg),
}

fn pattern_name(p: &BindingPattern) -> Option<String> {
    match p {
        BindingPattern::BindingIdentifier(id) => Some(id.name.to_string()),
        _ => None,
    }
}

/// Whether evaluating `e` may assign to a local variable (conservative; gives up after a budget).
fn may_assign(e: &Expression, budget: &mut u32) -> bool {
    *budget += 1;
    if *budget > 200 {
        return true;
    }
    match e {
        Expression::AssignmentExpression(_) | Expression::UpdateExpression(_) => true,
        Expression::BooleanLiteral(_) | Expression::NullLiteral(_) | Expression::NumericLiteral(_) | Expression::StringLiteral(_) | Expression::Identifier(_) | Expression::ThisExpression(_) => false,
        Expression::BinaryExpression(b) => may_assign(&b.left, budget) || may_assign(&b.right, budget),
        Expression::LogicalExpression(b) => may_assign(&b.left, budget) || may_assign(&b.right, budget),
        Expression::UnaryExpression(u) => may_assign(&u.argument, budget),
        Expression::ParenthesizedExpression(p) => may_assign(&p.expression, budget),
        Expression::StaticMemberExpression(s) => may_assign(&s.object, budget),
        Expression::ComputedMemberExpression(c) => may_assign(&c.object, budget) || may_assign(&c.expression, budget),
        Expression::ConditionalExpression(c) => may_assign(&c.test, budget) || may_assign(&c.consequent, budget) || may_assign(&c.alternate, budget),
        Expression::CallExpression(c) => {
            may_assign(&c.callee, budget)
                || c.arguments.iter().any(|a| match a {
                    Argument::SpreadElement(s) => may_assign(&s.argument, budget),
                    _ => may_assign(a.to_expression(), budget),
                })
        }
        Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_) => false,
        _ => true,
    }
}

/// The destination operand of instructions whose destination can be redirected safely (they
/// read all their operands before writing the destination).
fn retargetable_dst(i: &mut Instr) -> Option<&mut Reg> {
    match i {
        Instr::Add { dst, .. }
        | Instr::Sub { dst, .. }
        | Instr::Mul { dst, .. }
        | Instr::Div { dst, .. }
        | Instr::Mod { dst, .. }
        | Instr::Exp { dst, .. }
        | Instr::BitAnd { dst, .. }
        | Instr::BitOr { dst, .. }
        | Instr::BitXor { dst, .. }
        | Instr::Shl { dst, .. }
        | Instr::Shr { dst, .. }
        | Instr::UShr { dst, .. }
        | Instr::AddImm { dst, .. }
        | Instr::Neg { dst, .. }
        | Instr::BitNot { dst, .. }
        | Instr::Not { dst, .. }
        | Instr::TypeOf { dst, .. }
        | Instr::Eq { dst, .. }
        | Instr::Ne { dst, .. }
        | Instr::StrictEq { dst, .. }
        | Instr::StrictNe { dst, .. }
        | Instr::Lt { dst, .. }
        | Instr::Le { dst, .. }
        | Instr::Gt { dst, .. }
        | Instr::Ge { dst, .. }
        | Instr::LoadInt { dst, .. }
        | Instr::LoadConst { dst, .. }
        | Instr::LoadUndef { dst }
        | Instr::LoadNull { dst }
        | Instr::LoadTrue { dst }
        | Instr::LoadFalse { dst }
        | Instr::GetNamed { dst, .. }
        | Instr::GetElem { dst, .. }
        | Instr::Call { dst, .. }
        | Instr::New { dst, .. }
        | Instr::NewClosure { dst, .. }
        | Instr::ToNumeric { dst, .. }
        | Instr::LoadCtx { dst, .. }
        | Instr::LoadGlobal { dst, .. } => Some(dst),
        _ => None,
    }
}
