//! Scope analysis: the first pass over a parsed script. It builds the scope tree (which names each
//! function, block, loop head, catch clause and switch declares), resolves every identifier
//! reference, and marks the bindings that an inner function captures: those live in heap contexts,
//! every other binding lives in a frame register. It also rejects syntax outside the subset.

use oxc_ast::ast::*;
use std::collections::HashMap;

pub type ScopeId = usize;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BindKind {
    Var,
    Let,
    Const,
    Class,
    /// A function declaration (initialized when its scope is entered).
    FunctionDecl,
    Param,
    CatchParam,
    /// The name of a named function expression, visible inside it (assignments are ignored).
    FuncName,
    /// Pseudo-bindings of non-arrow functions that arrows see lexically.
    This,
    NewTarget,
    Callee,
    Arguments,
}

impl BindKind {
    pub fn is_lexical(self) -> bool {
        matches!(self, BindKind::Let | BindKind::Const | BindKind::Class)
    }
}

#[derive(Debug)]
pub struct Binding {
    pub name: String,
    pub kind: BindKind,
    pub captured: bool,
    /// Whether any code refers to it (pseudo-bindings are only initialized when used).
    pub used: bool,
    /// Source offset where the declaration's initialization completes (TDZ analysis).
    pub decl_end: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    Function { arrow: bool },
    Block,
    /// A `switch` body: its lexical bindings always need a TDZ check.
    Switch,
}

#[derive(Debug)]
pub struct Scope {
    pub parent: Option<ScopeId>,
    pub kind: ScopeKind,
    /// The function scope this scope belongs to.
    pub func: ScopeId,
    pub bindings: Vec<Binding>,
    pub map: HashMap<String, usize>,
    pub strict: bool,
}

impl Scope {
    pub fn has_captured(&self) -> bool {
        self.bindings.iter().any(|b| b.captured)
    }
    pub fn lookup(&self, name: &str) -> Option<usize> {
        self.map.get(name).copied()
    }
}

#[derive(Debug)]
pub struct CompileError {
    pub offset: u32,
    pub message: String,
}

#[derive(Default, Debug)]
pub struct ScopeTree {
    pub scopes: Vec<Scope>,
    /// Scope created by an AST node, keyed by the node's address.
    pub by_node: HashMap<usize, ScopeId>,
}

pub fn node_key<T>(n: &T) -> usize {
    n as *const T as usize
}

impl ScopeTree {
    pub fn scope_of<T>(&self, n: &T) -> Option<ScopeId> {
        self.by_node.get(&node_key(n)).copied()
    }
    /// Finds `name` from scope `from` outwards: (scope, binding index).
    pub fn resolve(&self, from: ScopeId, name: &str) -> Option<(ScopeId, usize)> {
        let mut s = Some(from);
        while let Some(id) = s {
            if let Some(i) = self.scopes[id].lookup(name) {
                return Some((id, i));
            }
            s = self.scopes[id].parent;
        }
        None
    }
    /// The innermost non-arrow function scope around `from`.
    pub fn this_scope(&self, from: ScopeId) -> ScopeId {
        let mut id = self.scopes[from].func;
        loop {
            match self.scopes[id].kind {
                ScopeKind::Function { arrow: true } => {
                    id = self.scopes[self.scopes[id].parent.unwrap()].func;
                }
                _ => return id,
            }
        }
    }
}

/// Names of the pseudo-bindings.
pub const THIS: &str = "%this";
pub const NEW_TARGET: &str = "%new.target";
pub const CALLEE: &str = "%callee";
pub const ARGUMENTS: &str = "arguments";

pub struct Resolver {
    pub tree: ScopeTree,
    /// Classic-script semantics for the top level (`--script`): top-level `var` and function
    /// declarations are global-object properties, not bindings of the program scope.
    pub script: bool,
    cur: ScopeId,
    pub error: Option<CompileError>,
    depth: u32,
}

/// Deepest AST nesting the compiler accepts (deeper programs get a SyntaxError, not a crash).
pub const MAX_NESTING: u32 = 2000;

impl Resolver {
    pub fn new() -> Resolver {
        Resolver { tree: ScopeTree::default(), script: false, cur: 0, error: None, depth: 0 }
    }

    fn fail(&mut self, offset: u32, msg: impl Into<String>) {
        if self.error.is_none() {
            self.error = Some(CompileError { offset, message: msg.into() });
        }
    }
    fn unsupported(&mut self, offset: u32, what: &str) {
        self.fail(offset, format!("unsupported: {}", what));
    }

    fn push_scope(&mut self, key: usize, kind: ScopeKind, strict: bool) -> ScopeId {
        let id = self.tree.scopes.len();
        let parent = if id == 0 { None } else { Some(self.cur) };
        let func = if matches!(kind, ScopeKind::Function { .. }) { id } else { self.tree.scopes[self.cur].func };
        self.tree.scopes.push(Scope { parent, kind, func, bindings: Vec::new(), map: HashMap::new(), strict });
        self.tree.by_node.insert(key, id);
        self.cur = id;
        id
    }
    fn pop_scope(&mut self) {
        self.cur = self.tree.scopes[self.cur].parent.unwrap_or(0);
    }
    fn strict(&self) -> bool {
        self.tree.scopes[self.cur].strict
    }

    pub fn declare(&mut self, scope: ScopeId, name: &str, kind: BindKind, offset: u32, decl_end: u32) {
        let s = &mut self.tree.scopes[scope];
        if let Some(&i) = s.map.get(name) {
            let old = s.bindings[i].kind;
            let redeclare_ok = !kind.is_lexical() && !old.is_lexical();
            if !redeclare_ok {
                self.fail(offset, format!("Identifier '{}' has already been declared", name));
                return;
            }
            if matches!(kind, BindKind::FunctionDecl) || matches!(old, BindKind::FuncName | BindKind::Arguments) {
                let b = &mut s.bindings[i];
                b.kind = kind;
            }
            return;
        }
        s.map.insert(name.to_string(), s.bindings.len());
        s.bindings.push(Binding { name: name.to_string(), kind, captured: false, used: false, decl_end });
    }

    /// Marks a reference from the current scope: captured if it crosses a function boundary.
    fn reference(&mut self, name: &str) {
        if let Some((sid, i)) = self.tree.resolve(self.cur, name) {
            self.tree.scopes[sid].bindings[i].used = true;
            if self.tree.scopes[sid].func != self.tree.scopes[self.cur].func {
                self.tree.scopes[sid].bindings[i].captured = true;
            }
        }
    }

    fn reference_pseudo(&mut self, name: &'static str, kind: BindKind) {
        let fs = self.tree.this_scope(self.cur);
        if self.tree.scopes[fs].lookup(name).is_none() {
            let start = 0;
            self.declare(fs, name, kind, start, 0);
        }
        let i = self.tree.scopes[fs].lookup(name).unwrap();
        self.tree.scopes[fs].bindings[i].used = true;
        if fs != self.tree.scopes[self.cur].func {
            self.tree.scopes[fs].bindings[i].captured = true;
        }
    }

    fn enter(&mut self, offset: u32) -> bool {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            self.fail(offset, "program too deeply nested");
            return false;
        }
        true
    }
    fn leave(&mut self) {
        self.depth -= 1;
    }

    // ---- program and functions ----

    pub fn program(&mut self, p: &Program) {
        let strict = has_use_strict(&p.directives);
        let s = self.push_scope(node_key(p), ScopeKind::Function { arrow: false }, strict);
        if !self.script {
            for name in ["exports", "require", "module", "__filename", "__dirname"] {
                self.declare(s, name, BindKind::Param, 0, 0);
            }
        }
        self.declare(s, THIS, BindKind::This, 0, 0);
        if !self.script {
            self.hoist_vars(s, &p.body);
        }
        self.declare_lexical(s, &p.body);
        if self.script {
            // Function declarations of a script are global properties, like its vars.
            let s_scope = &mut self.tree.scopes[s];
            let keep: Vec<usize> = (0..s_scope.bindings.len()).filter(|&i| s_scope.bindings[i].kind != BindKind::FunctionDecl).collect();
            let bindings: Vec<Binding> = std::mem::take(&mut s_scope.bindings).into_iter().enumerate().filter(|(i, _)| keep.contains(i)).map(|(_, b)| b).collect();
            s_scope.map = bindings.iter().enumerate().map(|(i, b)| (b.name.clone(), i)).collect();
            s_scope.bindings = bindings;
        }
        self.statements(&p.body);
    }

    fn function(&mut self, f: &Function, is_method: bool) {
        self.function_in(f, is_method, false)
    }

    /// `force_strict`: class bodies are always strict code.
    fn function_in(&mut self, f: &Function, is_method: bool, force_strict: bool) {
        if f.generator {
            self.unsupported(f.span.start, "generator functions");
            return;
        }
        if f.r#async {
            self.unsupported(f.span.start, "async functions");
            return;
        }
        let body = match &f.body {
            Some(b) => b,
            None => return,
        };
        let strict = force_strict || self.strict() || has_use_strict(&body.directives);
        let s = self.push_scope(node_key(f), ScopeKind::Function { arrow: false }, strict);
        self.declare(s, THIS, BindKind::This, 0, 0);
        self.declare(s, NEW_TARGET, BindKind::NewTarget, 0, 0);
        self.declare(s, CALLEE, BindKind::Callee, 0, 0);
        if let (Some(id), false, FunctionType::FunctionExpression) = (&f.id, is_method, f.r#type) {
            self.declare(s, &id.name, BindKind::FuncName, id.span.start, 0);
        }
        self.params(s, &f.params);
        self.hoist_vars(s, &body.statements);
        self.declare_lexical(s, &body.statements);
        self.statements(&body.statements);
        self.pop_scope();
    }

    fn params(&mut self, s: ScopeId, params: &FormalParameters) {
        for p in &params.items {
            let mut names = Vec::new();
            bound_names(&p.pattern, &mut names);
            for (n, off) in names {
                self.declare(s, &n, BindKind::Param, off, 0);
            }
        }
        if let Some(r) = &params.rest {
            let mut names = Vec::new();
            bound_names(&r.rest.argument, &mut names);
            for (n, off) in names {
                self.declare(s, &n, BindKind::Param, off, 0);
            }
        }
        for p in &params.items {
            self.pattern(&p.pattern);
            if let Some(init) = &p.initializer {
                self.expr(init);
            }
        }
        if let Some(r) = &params.rest {
            self.pattern(&r.rest.argument);
        }
    }

    fn arrow(&mut self, a: &ArrowFunctionExpression) {
        if a.r#async {
            self.unsupported(a.span.start, "async functions");
            return;
        }
        let body = match &a.body {
            ArrowFunctionBody::FunctionBody(b) => Some(b),
            _ => None,
        };
        let strict = self.strict() || body.is_some_and(|b| has_use_strict(&b.directives));
        let s = self.push_scope(node_key(a), ScopeKind::Function { arrow: true }, strict);
        self.params(s, &a.params);
        match body {
            Some(b) => {
                self.hoist_vars(s, &b.statements);
                self.declare_lexical(s, &b.statements);
                self.statements(&b.statements);
            }
            None => self.expr(a.body.to_expression()),
        }
        self.pop_scope();
    }

    // ---- declarations ----

    /// Declares the `var`s (and sloppy-mode block functions) of a function body.
    fn hoist_vars(&mut self, s: ScopeId, stmts: &[Statement]) {
        let mut names = Vec::new();
        for st in stmts {
            var_names(st, &mut names, true);
        }
        for (n, off) in names {
            self.declare(s, &n, BindKind::Var, off, 0);
        }
    }

    /// Declares the let/const/class/function declarations directly in a statement list.
    fn declare_lexical(&mut self, s: ScopeId, stmts: &[Statement]) {
        for st in stmts {
            match st {
                Statement::VariableDeclaration(d) if d.kind != VariableDeclarationKind::Var => {
                    if matches!(d.kind, VariableDeclarationKind::Using | VariableDeclarationKind::AwaitUsing) {
                        self.unsupported(d.span.start, "using declarations");
                        continue;
                    }
                    let kind = if d.kind == VariableDeclarationKind::Const { BindKind::Const } else { BindKind::Let };
                    for decl in &d.declarations {
                        let mut names = Vec::new();
                        bound_names(&decl.id, &mut names);
                        for (n, off) in names {
                            self.declare(s, &n, kind, off, decl.span.end);
                        }
                    }
                }
                Statement::ClassDeclaration(c) => {
                    if let Some(id) = &c.id {
                        self.declare(s, &id.name, BindKind::Class, id.span.start, c.span.end);
                    }
                }
                Statement::FunctionDeclaration(f) => {
                    if let Some(id) = &f.id {
                        self.declare(s, &id.name, BindKind::FunctionDecl, id.span.start, 0);
                    }
                }
                _ => {}
            }
        }
    }

    fn block(&mut self, key: usize, stmts: &[Statement], kind: ScopeKind) {
        let strict = self.strict();
        let s = self.push_scope(key, kind, strict);
        self.declare_lexical(s, stmts);
        self.statements(stmts);
        self.pop_scope();
    }

    // ---- statements ----

    fn statements(&mut self, stmts: &[Statement]) {
        for s in stmts {
            if self.error.is_some() {
                return;
            }
            self.statement(s);
        }
    }

    fn statement(&mut self, st: &Statement) {
        if !self.enter(st_span(st)) {
            return;
        }
        self.statement_inner(st);
        self.leave();
    }

    fn statement_inner(&mut self, st: &Statement) {
        match st {
            Statement::BlockStatement(b) => self.block(node_key(&**b), &b.body, ScopeKind::Block),
            Statement::BreakStatement(_) | Statement::ContinueStatement(_) | Statement::EmptyStatement(_) | Statement::DebuggerStatement(_) => {}
            Statement::DoWhileStatement(d) => {
                self.statement(&d.body);
                self.expr(&d.test);
            }
            Statement::WhileStatement(w) => {
                self.expr(&w.test);
                self.statement(&w.body);
            }
            Statement::ExpressionStatement(e) => self.expr(&e.expression),
            Statement::IfStatement(i) => {
                self.expr(&i.test);
                self.statement(&i.consequent);
                if let Some(a) = &i.alternate {
                    self.statement(a);
                }
            }
            Statement::ForStatement(f) => {
                let strict = self.strict();
                let s = self.push_scope(node_key(&**f), ScopeKind::Block, strict);
                if let Some(init) = &f.init {
                    match init {
                        ForStatementInit::VariableDeclaration(d) => {
                            self.declare_head(s, d);
                            self.var_decl(d);
                        }
                        _ => self.expr(init.to_expression()),
                    }
                }
                if let Some(t) = &f.test {
                    self.expr(t);
                }
                if let Some(u) = &f.update {
                    self.expr(u);
                }
                self.statement(&f.body);
                self.pop_scope();
            }
            Statement::ForInStatement(f) => self.for_in_of(node_key(&**f), &f.left, &f.right, &f.body),
            Statement::ForOfStatement(f) => {
                if f.r#await {
                    self.unsupported(f.span.start, "for await");
                    return;
                }
                self.for_in_of(node_key(&**f), &f.left, &f.right, &f.body)
            }
            Statement::LabeledStatement(l) => {
                match &l.body {
                    Statement::ForStatement(_)
                    | Statement::ForInStatement(_)
                    | Statement::ForOfStatement(_)
                    | Statement::WhileStatement(_)
                    | Statement::DoWhileStatement(_)
                    | Statement::LabeledStatement(_) => {}
                    _ => {
                        self.unsupported(l.span.start, "labels on non-loop statements");
                        return;
                    }
                }
                self.statement(&l.body);
            }
            Statement::ReturnStatement(r) => {
                if let Some(a) = &r.argument {
                    self.expr(a);
                }
            }
            Statement::SwitchStatement(s) => {
                self.expr(&s.discriminant);
                let strict = self.strict();
                let sid = self.push_scope(node_key(&**s), ScopeKind::Switch, strict);
                for c in &s.cases {
                    self.declare_lexical(sid, &c.consequent);
                }
                for c in &s.cases {
                    if let Some(t) = &c.test {
                        self.expr(t);
                    }
                    self.statements(&c.consequent);
                }
                self.pop_scope();
            }
            Statement::ThrowStatement(t) => self.expr(&t.argument),
            Statement::TryStatement(t) => {
                self.block(node_key(&*t.block), &t.block.body, ScopeKind::Block);
                if let Some(h) = &t.handler {
                    let strict = self.strict();
                    let s = self.push_scope(node_key(&**h), ScopeKind::Block, strict);
                    if let Some(p) = &h.param {
                        let mut names = Vec::new();
                        bound_names(&p.pattern, &mut names);
                        for (n, off) in names {
                            self.declare(s, &n, BindKind::CatchParam, off, 0);
                        }
                        self.pattern(&p.pattern);
                    }
                    self.block(node_key(&*h.body), &h.body.body, ScopeKind::Block);
                    self.pop_scope();
                }
                if let Some(f) = &t.finalizer {
                    self.block(node_key(&**f), &f.body, ScopeKind::Block);
                }
            }
            Statement::WithStatement(w) => self.unsupported(w.span.start, "with statement"),
            Statement::VariableDeclaration(d) => self.var_decl(d),
            Statement::FunctionDeclaration(f) => self.function(f, false),
            Statement::ClassDeclaration(c) => self.class(c),
            Statement::ImportDeclaration(d) => self.unsupported(d.span.start, "import declarations (ES modules)"),
            Statement::ExportAllDeclaration(d) => self.unsupported(d.span.start, "export declarations (ES modules)"),
            Statement::ExportDefaultDeclaration(d) => self.unsupported(d.span.start, "export declarations (ES modules)"),
            Statement::ExportNamedDeclaration(d) => self.unsupported(d.span.start, "export declarations (ES modules)"),
            Statement::ExportDeclaration(d) => self.unsupported(d.span.start, "export declarations (ES modules)"),
            Statement::ExportFromDeclaration(d) => self.unsupported(d.span.start, "export declarations (ES modules)"),
            other => self.unsupported(st_span(other), "TypeScript syntax"),
        }
    }

    fn declare_head(&mut self, s: ScopeId, d: &VariableDeclaration) {
        if d.kind == VariableDeclarationKind::Var {
            return;
        }
        if matches!(d.kind, VariableDeclarationKind::Using | VariableDeclarationKind::AwaitUsing) {
            self.unsupported(d.span.start, "using declarations");
            return;
        }
        let kind = if d.kind == VariableDeclarationKind::Const { BindKind::Const } else { BindKind::Let };
        for decl in &d.declarations {
            let mut names = Vec::new();
            bound_names(&decl.id, &mut names);
            for (n, off) in names {
                self.declare(s, &n, kind, off, decl.span.end);
            }
        }
    }

    fn for_in_of(&mut self, key: usize, left: &ForStatementLeft, right: &Expression, body: &Statement) {
        let strict = self.strict();
        let s = self.push_scope(key, ScopeKind::Block, strict);
        match left {
            ForStatementLeft::VariableDeclaration(d) => {
                self.declare_head(s, d);
                // The head's bindings are initialized by the loop itself.
                for b in self.tree.scopes[s].bindings.iter_mut() {
                    b.decl_end = 0;
                }
                self.expr(right);
                for decl in &d.declarations {
                    self.pattern(&decl.id);
                }
            }
            _ => {
                self.expr(right);
                self.assign_target(left.to_assignment_target());
            }
        }
        self.statement(body);
        self.pop_scope();
    }

    fn var_decl(&mut self, d: &VariableDeclaration) {
        for decl in &d.declarations {
            self.pattern(&decl.id);
            if let Some(i) = &decl.init {
                self.expr(i);
            }
        }
    }

    fn class(&mut self, c: &Class) {
        // A named class sees its own name as a constant binding inside the class body.
        let inner = match &c.id {
            Some(id) => {
                let strict = self.strict();
                let s = self.push_scope(node_key(c), ScopeKind::Block, strict);
                self.declare(s, &id.name, BindKind::Const, id.span.start, c.span.end);
                true
            }
            _ => false,
        };
        self.class_body(c);
        if inner {
            self.pop_scope();
        }
    }

    fn class_body(&mut self, c: &Class) {
        if let Some(h) = &c.heritage {
            self.expr(&h.expression);
        }
        for el in &c.body.body {
            match el {
                ClassElement::MethodDefinition(m) => {
                    if matches!(m.key, PropertyKey::PrivateIdentifier(_)) {
                        self.unsupported(m.span.start, "private class members");
                        return;
                    }
                    if m.computed {
                        self.expr(m.key.to_expression());
                    }
                    self.function_in(&m.value, true, true);
                }
                ClassElement::PropertyDefinition(p) => {
                    if matches!(p.key, PropertyKey::PrivateIdentifier(_)) {
                        self.unsupported(p.span.start, "private class members");
                        return;
                    }
                    // Field initializers (and computed field keys, which tierjs evaluates with
                    // them) run as methods of the class: own `this`, outer names captured.
                    let s = self.push_scope(node_key(&**p), ScopeKind::Function { arrow: false }, true);
                    self.declare(s, THIS, BindKind::This, 0, 0);
                    self.declare(s, NEW_TARGET, BindKind::NewTarget, 0, 0);
                    self.declare(s, CALLEE, BindKind::Callee, 0, 0);
                    if p.computed {
                        self.expr(p.key.to_expression());
                    }
                    if let Some(v) = &p.value {
                        self.expr(v);
                    }
                    self.pop_scope();
                }
                ClassElement::StaticBlock(b) => self.unsupported(b.span.start, "class static blocks"),
                ClassElement::AccessorProperty(a) => self.unsupported(a.span.start, "accessor fields"),
                ClassElement::TSIndexSignature(t) => self.unsupported(t.span.start, "TypeScript syntax"),
            }
        }
    }

    // ---- patterns ----

    fn pattern(&mut self, p: &BindingPattern) {
        match p {
            BindingPattern::BindingIdentifier(_) => {}
            BindingPattern::ObjectPattern(o) => {
                for prop in &o.properties {
                    if prop.computed {
                        self.expr(prop.key.to_expression());
                    }
                    self.pattern(&prop.value);
                }
                if let Some(r) = &o.rest {
                    self.pattern(&r.argument);
                }
            }
            BindingPattern::ArrayPattern(a) => {
                for el in a.elements.iter().flatten() {
                    self.pattern(el);
                }
                if let Some(r) = &a.rest {
                    self.pattern(&r.argument);
                }
            }
            BindingPattern::AssignmentPattern(a) => {
                self.pattern(&a.left);
                self.expr(&a.right);
            }
        }
    }

    fn assign_target(&mut self, t: &AssignmentTarget) {
        match t {
            AssignmentTarget::AssignmentTargetIdentifier(id) => self.reference(&id.name),
            AssignmentTarget::ArrayAssignmentTarget(a) => {
                for el in a.elements.iter().flatten() {
                    self.maybe_default_target(el);
                }
                if let Some(r) = &a.rest {
                    self.assign_target(&r.target);
                }
            }
            AssignmentTarget::ObjectAssignmentTarget(o) => {
                for p in &o.properties {
                    match p {
                        AssignmentTargetProperty::AssignmentTargetPropertyIdentifier(id) => {
                            self.reference(&id.binding.name);
                            if let Some(i) = &id.init {
                                self.expr(i);
                            }
                        }
                        AssignmentTargetProperty::AssignmentTargetPropertyProperty(pp) => {
                            if pp.computed {
                                self.expr(pp.name.to_expression());
                            }
                            self.maybe_default_target(&pp.binding);
                        }
                    }
                }
                if let Some(r) = &o.rest {
                    self.assign_target(&r.target);
                }
            }
            _ => {
                if let Some(m) = t.as_member_expression() {
                    self.member(m);
                } else {
                    self.unsupported(0, "TypeScript syntax");
                }
            }
        }
    }

    fn maybe_default_target(&mut self, t: &AssignmentTargetMaybeDefault) {
        match t {
            AssignmentTargetMaybeDefault::AssignmentTargetWithDefault(d) => {
                self.assign_target(&d.binding);
                self.expr(&d.init);
            }
            _ => self.assign_target(t.to_assignment_target()),
        }
    }

    fn member(&mut self, m: &MemberExpression) {
        match m {
            MemberExpression::ComputedMemberExpression(c) => {
                self.expr(&c.object);
                self.expr(&c.expression);
            }
            MemberExpression::StaticMemberExpression(s) => self.expr(&s.object),
            MemberExpression::PrivateFieldExpression(p) => self.unsupported(p.span.start, "private class members"),
        }
    }

    // ---- expressions ----

    fn expr(&mut self, e: &Expression) {
        if self.error.is_some() {
            return;
        }
        if !self.enter(expr_span(e)) {
            return;
        }
        self.expr_inner(e);
        self.leave();
    }

    fn expr_inner(&mut self, e: &Expression) {
        match e {
            Expression::NumericLiteral(n) => {
                // Legacy octal (010) and leading-zero decimals (08) are sloppy-mode only (§B.1.1).
                let raw = n.raw.as_ref().map(|r| r.as_str()).unwrap_or("");
                let b = raw.as_bytes();
                if self.strict() && b.len() > 1 && b[0] == b'0' && b[1].is_ascii_digit() {
                    let what = if b.iter().all(|c| (b'0'..=b'7').contains(c)) { "Octal literals are" } else { "Decimals with leading zeros are" };
                    self.fail(n.span.start, format!("{} not allowed in strict mode.", what));
                }
            }
            Expression::StringLiteral(lit) => {
                // Legacy octal escapes ("\07") and \8, \9 are sloppy-mode only (§B.1.2).
                if self.strict() {
                    let raw = lit.raw.as_ref().map(|r| r.as_str()).unwrap_or("");
                    let b = raw.as_bytes();
                    let mut i = 0;
                    while i + 1 < b.len() {
                        if b[i] == b'\\' {
                            let c = b[i + 1];
                            let next_digit = b.get(i + 2).is_some_and(|d| d.is_ascii_digit());
                            if (b'1'..=b'9').contains(&c) || (c == b'0' && next_digit) {
                                self.fail(lit.span.start + i as u32, "Octal escape sequences are not allowed in strict mode.");
                                break;
                            }
                            i += 2;
                        } else {
                            i += 1;
                        }
                    }
                }
            }
            Expression::BooleanLiteral(_) | Expression::NullLiteral(_) => {}
            Expression::BigIntLiteral(b) => self.unsupported(b.span.start, "BigInt literals"),
            Expression::RegExpLiteral(r) => self.unsupported(r.span.start, "regular expression literals"),
            Expression::TemplateLiteral(t) => {
                for x in &t.expressions {
                    self.expr(x);
                }
            }
            Expression::Identifier(id) => {
                let real = self.tree.resolve(self.cur, &id.name).is_some_and(|(s, i)| self.tree.scopes[s].bindings[i].kind != BindKind::Arguments);
                if id.name == "arguments" && !real {
                    self.reference_pseudo(ARGUMENTS, BindKind::Arguments);
                } else {
                    self.reference(&id.name);
                }
            }
            Expression::Super(s) => {
                // `super.x` and `super()` are handled by their parents; a bare `super` is invalid.
                self.fail(s.span.start, "'super' keyword unexpected here");
            }
            Expression::ArrayExpression(a) => {
                for el in &a.elements {
                    match el {
                        ArrayExpressionElement::SpreadElement(s) => self.expr(&s.argument),
                        ArrayExpressionElement::Elision(_) => {}
                        _ => self.expr(el.to_expression()),
                    }
                }
            }
            Expression::ArrowFunctionExpression(a) => self.arrow(a),
            Expression::AssignmentExpression(a) => {
                self.assign_target(&a.left);
                self.expr(&a.right);
            }
            Expression::AwaitExpression(a) => self.unsupported(a.span.start, "await"),
            Expression::BinaryExpression(b) => {
                self.expr(&b.left);
                self.expr(&b.right);
            }
            Expression::CallExpression(c) => self.call(c),
            Expression::ChainExpression(c) => match &c.expression {
                ChainElement::CallExpression(call) => self.call(call),
                ChainElement::TSNonNullExpression(t) => self.unsupported(t.span.start, "TypeScript syntax"),
                other => self.member(other.to_member_expression()),
            },
            Expression::ClassExpression(c) => self.class(c),
            Expression::ConditionalExpression(c) => {
                self.expr(&c.test);
                self.expr(&c.consequent);
                self.expr(&c.alternate);
            }
            Expression::FunctionExpression(f) => self.function(f, false),
            Expression::ImportExpression(i) => self.unsupported(i.span.start, "dynamic import"),
            Expression::LogicalExpression(l) => {
                self.expr(&l.left);
                self.expr(&l.right);
            }
            Expression::NewExpression(n) => {
                self.expr(&n.callee);
                self.arguments(&n.arguments);
            }
            Expression::ObjectExpression(o) => {
                for p in &o.properties {
                    match p {
                        ObjectPropertyKind::ObjectProperty(p) => {
                            if p.computed {
                                self.expr(p.key.to_expression());
                            }
                            match &p.value {
                                Expression::FunctionExpression(f) if p.method || p.kind != PropertyKind::Init => self.function(f, true),
                                v => self.expr(v),
                            }
                        }
                        ObjectPropertyKind::SpreadProperty(s) => self.expr(&s.argument),
                    }
                }
            }
            Expression::ParenthesizedExpression(p) => self.expr(&p.expression),
            Expression::SequenceExpression(s) => {
                for x in &s.expressions {
                    self.expr(x);
                }
            }
            Expression::TaggedTemplateExpression(t) => self.unsupported(t.span.start, "tagged templates"),
            Expression::ThisExpression(_) => self.reference_pseudo(THIS, BindKind::This),
            Expression::UnaryExpression(u) => self.expr(&u.argument),
            Expression::UpdateExpression(u) => match &u.argument {
                SimpleAssignmentTarget::AssignmentTargetIdentifier(id) => self.reference(&id.name),
                other => match other.as_member_expression() {
                    Some(m) => self.member(m),
                    None => self.unsupported(u.span.start, "TypeScript syntax"),
                },
            },
            Expression::YieldExpression(y) => self.unsupported(y.span.start, "generators (yield)"),
            Expression::PrivateInExpression(p) => self.unsupported(p.span.start, "private class members"),
            Expression::ImportMeta(m) => self.unsupported(m.span.start, "import.meta (ES modules)"),
            Expression::NewTarget(_) => self.reference_pseudo(NEW_TARGET, BindKind::NewTarget),
            Expression::ComputedMemberExpression(c) => {
                if let Expression::Super(_) = c.object {
                    self.reference_pseudo(THIS, BindKind::This);
                    self.reference_pseudo(CALLEE, BindKind::Callee);
                } else {
                    self.expr(&c.object);
                }
                self.expr(&c.expression);
            }
            Expression::StaticMemberExpression(s) => {
                if let Expression::Super(_) = s.object {
                    self.reference_pseudo(THIS, BindKind::This);
                    self.reference_pseudo(CALLEE, BindKind::Callee);
                } else {
                    self.expr(&s.object);
                }
            }
            Expression::PrivateFieldExpression(p) => self.unsupported(p.span.start, "private class members"),
            Expression::V8IntrinsicExpression(v) => self.unsupported(v.span.start, "V8 intrinsics (use $tierjs with --allow-natives)"),
            other => self.unsupported(expr_span(other), "JSX/TypeScript syntax"),
        }
    }

    fn call(&mut self, c: &CallExpression) {
        if let Expression::Super(_) = c.callee {
            self.reference_pseudo(THIS, BindKind::This);
            self.reference_pseudo(CALLEE, BindKind::Callee);
            self.reference_pseudo(NEW_TARGET, BindKind::NewTarget);
        } else {
            if let Expression::Identifier(id) = &c.callee {
                if id.name == "eval" {
                    self.unsupported(c.span.start, "eval");
                    return;
                }
            }
            self.expr(&c.callee);
        }
        self.arguments(&c.arguments);
    }

    fn arguments(&mut self, args: &[Argument]) {
        for a in args {
            match a {
                Argument::SpreadElement(s) => self.expr(&s.argument),
                _ => self.expr(a.to_expression()),
            }
        }
    }
}

pub fn has_use_strict(d: &[Directive]) -> bool {
    d.iter().any(|d| d.directive == "use strict")
}

/// Names bound by a pattern, with their source offsets.
pub fn bound_names(p: &BindingPattern, out: &mut Vec<(String, u32)>) {
    match p {
        BindingPattern::BindingIdentifier(id) => out.push((id.name.to_string(), id.span.start)),
        BindingPattern::ObjectPattern(o) => {
            for prop in &o.properties {
                bound_names(&prop.value, out);
            }
            if let Some(r) = &o.rest {
                bound_names(&r.argument, out);
            }
        }
        BindingPattern::ArrayPattern(a) => {
            for el in a.elements.iter().flatten() {
                bound_names(el, out);
            }
            if let Some(r) = &a.rest {
                bound_names(&r.argument, out);
            }
        }
        BindingPattern::AssignmentPattern(a) => bound_names(&a.left, out),
    }
}

/// `var` names declared by a statement (not inside nested functions). With `top`, function
/// declarations nested in blocks also count (Annex B: sloppy-mode block functions are var-scoped too).
pub fn var_names(st: &Statement, out: &mut Vec<(String, u32)>, top: bool) {
    match st {
        Statement::VariableDeclaration(d) if d.kind == VariableDeclarationKind::Var => {
            for decl in &d.declarations {
                bound_names(&decl.id, out);
            }
        }
        Statement::BlockStatement(b) => {
            for s in &b.body {
                var_names(s, out, top);
                block_function_name(s, out);
            }
        }
        Statement::IfStatement(i) => {
            var_names(&i.consequent, out, top);
            if let Some(a) = &i.alternate {
                var_names(a, out, top);
            }
        }
        Statement::ForStatement(f) => {
            if let Some(ForStatementInit::VariableDeclaration(d)) = &f.init {
                if d.kind == VariableDeclarationKind::Var {
                    for decl in &d.declarations {
                        bound_names(&decl.id, out);
                    }
                }
            }
            var_names(&f.body, out, top);
        }
        Statement::ForInStatement(f) => {
            if let ForStatementLeft::VariableDeclaration(d) = &f.left {
                if d.kind == VariableDeclarationKind::Var {
                    for decl in &d.declarations {
                        bound_names(&decl.id, out);
                    }
                }
            }
            var_names(&f.body, out, top);
        }
        Statement::ForOfStatement(f) => {
            if let ForStatementLeft::VariableDeclaration(d) = &f.left {
                if d.kind == VariableDeclarationKind::Var {
                    for decl in &d.declarations {
                        bound_names(&decl.id, out);
                    }
                }
            }
            var_names(&f.body, out, top);
        }
        Statement::WhileStatement(w) => var_names(&w.body, out, top),
        Statement::DoWhileStatement(w) => var_names(&w.body, out, top),
        Statement::LabeledStatement(l) => var_names(&l.body, out, top),
        Statement::SwitchStatement(s) => {
            for c in &s.cases {
                for st in &c.consequent {
                    var_names(st, out, top);
                    block_function_name(st, out);
                }
            }
        }
        Statement::TryStatement(t) => {
            for s in &t.block.body {
                var_names(s, out, top);
                block_function_name(s, out);
            }
            if let Some(h) = &t.handler {
                for s in &h.body.body {
                    var_names(s, out, top);
                    block_function_name(s, out);
                }
            }
            if let Some(f) = &t.finalizer {
                for s in &f.body {
                    var_names(s, out, top);
                    block_function_name(s, out);
                }
            }
        }
        _ => {}
    }
}

fn block_function_name(st: &Statement, out: &mut Vec<(String, u32)>) {
    if let Statement::FunctionDeclaration(f) = st {
        if let Some(id) = &f.id {
            out.push((id.name.to_string(), id.span.start));
        }
    }
}

pub fn st_span(st: &Statement) -> u32 {
    use oxc_span::GetSpan;
    st.span().start
}
pub fn expr_span(e: &Expression) -> u32 {
    use oxc_span::GetSpan;
    e.span().start
}
