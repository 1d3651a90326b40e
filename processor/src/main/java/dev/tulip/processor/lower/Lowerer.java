package dev.tulip.processor.lower;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import dev.tulip.processor.analysis.BodyAnalysis;
import dev.tulip.processor.analysis.PathIndex;
import dev.tulip.processor.emit.PrintHooks;
import dev.tulip.processor.emit.SwitchForms;
import dev.tulip.processor.emit.TreePrinter;
import dev.tulip.processor.emit.TypeNames;
import dev.tulip.processor.ir.Block;
import dev.tulip.processor.ir.Cfg;
import dev.tulip.processor.ir.FinallyFrame;
import dev.tulip.processor.ir.Op;
import dev.tulip.processor.ir.Terminator;
import dev.tulip.processor.ir.TryRegion;
import dev.tulip.processor.ir.Var;
import dev.tulip.processor.model.AsyncMethod;
import dev.tulip.processor.model.Env;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.Name;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Lowers an {@code @Async} body into a control-flow graph of basic blocks: statements that do not
 * suspend stay as written (printed into the current block); statements that do are exploded into
 * blocks joined by gotos, branches, switches and suspensions, with try regions and finally frames.
 * Expressions that suspend are handled by {@link SpillLowerer}, try statements by {@link TryLowerer}.
 */
public final class Lowerer {
    final Env env;
    final AsyncMethod method;
    final PathIndex index;
    final BodyAnalysis analysis;
    final TreePrinter printer;
    final TypeNames typeNames;
    final Cfg cfg = new Cfg();
    final NameAllocator names;
    final Map<Element, Var> locals = new HashMap<>();
    final SpillLowerer spill;
    final TryLowerer tries;
    final String dispatchLabel;
    final String caughtName;
    final String awaitingName;
    final String runningName;
    final dev.tulip.processor.analysis.Reachability reachability;

    Block current;
    TryRegion region;
    /** The innermost exploded finally enclosing the current position. */
    FinallyFrame finallyFrame;
    final Deque<JumpTarget> targets = new ArrayDeque<>();
    private int blockSeq;

    /** An exploded construct that break, continue or yield can target. */
    static final class JumpTarget {
        final Tree tree;
        final Name label;
        final Block breakTarget;
        final Block continueTarget;
        final Var yieldVar;
        final int finallyDepth;

        JumpTarget(Tree tree, Name label, Block breakTarget, Block continueTarget, Var yieldVar, int finallyDepth) {
            this.tree = tree;
            this.label = label;
            this.breakTarget = breakTarget;
            this.continueTarget = continueTarget;
            this.yieldVar = yieldVar;
            this.finallyDepth = finallyDepth;
        }

        boolean isLoop() {
            return continueTarget != null;
        }

        boolean isSwitch() {
            return tree.getKind() == Tree.Kind.SWITCH;
        }

        boolean isSwitchExpression() {
            return tree.getKind() == Tree.Kind.SWITCH_EXPRESSION;
        }
    }

    public Lowerer(Env env, AsyncMethod method, PathIndex index, BodyAnalysis analysis, TreePrinter printer,
            TypeNames typeNames) {
        this.env = env;
        this.method = method;
        this.index = index;
        this.analysis = analysis;
        this.printer = printer;
        this.typeNames = typeNames;
        this.names = new NameAllocator(method.tree);
        this.spill = new SpillLowerer(this);
        this.tries = new TryLowerer(this);
        this.dispatchLabel = names.reserved("dispatch");
        this.caughtName = names.reserved("caught");
        this.awaitingName = names.reserved("awaiting");
        this.runningName = names.reserved("running");
        this.reachability = new dev.tulip.processor.analysis.Reachability(index);
    }

    /** Lowers the whole body; parameters become variables defined on entry. */
    public Cfg lower() {
        for (VariableTree p : method.tree.getParameters()) {
            VariableElement e = (VariableElement) index.element(p);
            Var v = new Var(names.user(p.getName().toString()), typeNames.denotable(e.asType()), e,
                    Var.Kind.PARAMETER, analysis.isReassigned(e));
            locals.put(e, v);
            cfg.vars.add(v);
        }
        cfg.entry = newBlock(method.tree.getBody());
        cfg.entry.label = "start";
        current = cfg.entry;
        statements(method.tree.getBody().getStatements());
        if (current != null) {
            // Falling off the end: only possible for an unreachable end (javac checked the returns).
            current.terminator = new Terminator.Throw(CodeBlock.of("new $T($S)", IllegalStateException.class,
                    "fell off the end of " + method.displayName()));
        }
        return cfg;
    }

    public String dispatchLabel() {
        return dispatchLabel;
    }

    public String caughtName() {
        return caughtName;
    }

    public String awaitingName() {
        return awaitingName;
    }

    /** The local holding the state whose code is running, which the exception dispatch routes by. */
    public String runningName() {
        return runningName;
    }

    /** A block placed at a source position (end of a construct, for states that belong after it). */
    Block newBlockAtEnd(Tree at) {
        return newBlockAfter(at);
    }

    // ---------------- blocks and variables ----------------

    Block newBlock(Tree at) {
        long pos = at == null ? Long.MAX_VALUE : env.positions.getStartPosition(method.unit, at);
        return addBlock(pos);
    }

    Block newBlockAfter(Tree at) {
        long pos = env.positions.getEndPosition(method.unit, at);
        return addBlock(pos);
    }

    private Block addBlock(long pos) {
        Block b = new Block(blockSeq++, pos, region);
        cfg.blocks.add(b);
        return b;
    }

    void emit(Op op) {
        attachExtraSuccessors();
        current.ops.add(op);
        for (Var v : op.uses) {
            v.blocks.add(current);
        }
        if (op instanceof Op.Assign) {
            ((Op.Assign) op).target.blocks.add(current);
        } else if (op instanceof Op.Resume && ((Op.Resume) op).target != null) {
            ((Op.Resume) op).target.blocks.add(current);
        }
    }

    void terminate(Terminator t) {
        attachExtraSuccessors();
        current.terminator = t;
        for (Var v : t.uses) {
            v.blocks.add(current);
        }
        if (!(t instanceof Terminator.Goto)) {
            cfg.needsLoop |= t instanceof Terminator.Branch || t instanceof Terminator.Switch
                    || t instanceof Terminator.FinallyExit;
        } else {
            cfg.needsLoop = true;
        }
        current = null;
    }

    void gotoBlock(Block target) {
        if (current != null) {
            terminate(new Terminator.Goto(target));
        }
    }

    Var declareLocal(Element e, TypeMirror type) {
        Var v = new Var(names.user(e.getSimpleName().toString()), typeNames.denotable(type), e, Var.Kind.LOCAL,
                analysis.isReassigned(e));
        v.nonDenotable = typeNames.isNonDenotable(type);
        locals.put(e, v);
        cfg.vars.add(v);
        return v;
    }

    Var temp(TypeName type, String hint) {
        Var v = new Var(names.synthetic(hint), type, null, Var.Kind.TEMP, true);
        cfg.vars.add(v);
        return v;
    }

    Var synthetic(TypeName type, String hint) {
        Var v = new Var(names.synthetic(hint), type, null, Var.Kind.SYNTHETIC, true);
        cfg.vars.add(v);
        return v;
    }

    int currentFinallyDepth() {
        return finallyFrame == null ? 0 : finallyFrame.depth + 1;
    }

    // ---------------- printing with hooks ----------------

    /** Hooks for one print job: tracks uses, captured copies and jumps for the op being built. */
    final class Hooks implements PrintHooks {
        final Set<Var> uses = new LinkedHashSet<>();
        final Map<Var, String> captures = new IdentityHashMap<>();
        final java.util.List<Op> preOps = new java.util.ArrayList<>();

        @Override
        public String local(Element local, boolean isDefinition, boolean insideNestedFrame) {
            Var v = locals.get(local);
            if (v == null) {
                return null;
            }
            uses.add(v);
            if (insideNestedFrame) {
                String copy = captures.get(v);
                if (copy == null) {
                    copy = names.synthetic(v.name + "$captured");
                    captures.put(v, copy);
                    Op.Stmt op = new Op.Stmt(CodeBlock.of("final $T $L = $L;\n", v.type, copy, v.name));
                    op.uses.add(v);
                    preOps.add(op);
                }
                return copy;
            }
            return v.name;
        }

        @Override
        public CodeBlock jump(Tree jump) {
            return jumpCode(jump, this);
        }

        @Override
        public void substituted(Tree tree) {
            List<Var> vars = substVars.get(tree);
            if (vars != null) {
                uses.addAll(vars);
            }
        }

        void flushInto(Op op) {
            for (Op pre : preOps) {
                emit(pre);
            }
            op.uses.addAll(uses);
        }

        void flushInto(Terminator t) {
            for (Op pre : preOps) {
                emit(pre);
            }
            t.uses.addAll(uses);
        }
    }

    /** The variables each substituted tree's replacement reads (temporaries, old values...). */
    final Map<Tree, List<Var>> substVars = new IdentityHashMap<>();

    /** Records that {@code tree} is replaced by code reading {@code vars}. */
    void substitute(Map<Tree, CodeBlock> subst, Tree tree, CodeBlock code, List<Var> vars) {
        subst.put(tree, code);
        substVars.put(tree, vars);
    }

    CodeBlock print(ExpressionTree e, Map<Tree, CodeBlock> subst, Hooks hooks) {
        declareBindings(e);
        return printer.expression(e, subst, hooks);
    }

    /**
     * A branch condition, parenthesized when it binds more loosely than {@code ?:} would need
     * ({@code state = cond ? 1 : 2} must not swallow a conditional, an assignment or a lambda).
     */
    CodeBlock condition(ExpressionTree e, Map<Tree, CodeBlock> subst, Hooks hooks) {
        CodeBlock code = print(e, subst, hooks);
        if (subst.containsKey(e)) {
            return code;
        }
        switch (e.getKind()) {
            case CONDITIONAL_EXPRESSION:
            case ASSIGNMENT:
            case LAMBDA_EXPRESSION:
                return CodeBlock.of("($L)", code);
            default:
                return e instanceof com.sun.source.tree.CompoundAssignmentTree ? CodeBlock.of("($L)", code) : code;
        }
    }

    /**
     * Pattern variables declared by an exploded expression ({@code o instanceof String s}) may be used
     * in later states: track them like locals.
     */
    void declareBindings(Tree e) {
        for (Element b : bindingsIn(e)) {
            declareLocal(b, b.asType());
        }
    }

    /** The pattern variables an expression declares (outside its lambdas and class bodies) that are not tracked yet. */
    java.util.Set<Element> bindingsIn(Tree e) {
        java.util.Set<Element> found = new java.util.LinkedHashSet<>();
        new com.sun.source.util.TreeScanner<Void, Void>() {
            @Override
            public Void visitBindingPattern(com.sun.source.tree.BindingPatternTree node, Void unused) {
                Element b = index.element(node.getVariable());
                if (b != null && !locals.containsKey(b)) {
                    found.add(b);
                }
                return super.visitBindingPattern(node, unused);
            }

            @Override
            public Void visitLambdaExpression(com.sun.source.tree.LambdaExpressionTree node, Void unused) {
                return null;
            }

            @Override
            public Void visitClass(ClassTree node, Void unused) {
                return null;
            }
        }.scan(e, null);
        return found;
    }

    /**
     * Pattern variables that a statement printed as written introduces into the code after it
     * ({@code if (!(o instanceof String s)) continue;}: JLS 6.3.2's flow scoping), which may run in
     * later states: tracked like locals when the code after it uses them.
     */
    void declareEscapingBindings(StatementTree s) {
        ExpressionTree condition;
        switch (s.getKind()) {
            case IF:
                condition = ((com.sun.source.tree.IfTree) s).getCondition();
                break;
            case WHILE_LOOP:
                condition = ((com.sun.source.tree.WhileLoopTree) s).getCondition();
                break;
            case DO_WHILE_LOOP:
                condition = ((com.sun.source.tree.DoWhileLoopTree) s).getCondition();
                break;
            case FOR_LOOP:
                condition = ((com.sun.source.tree.ForLoopTree) s).getCondition();
                break;
            default:
                return;
        }
        if (condition == null) {
            return;
        }
        java.util.Set<Element> bindings = bindingsIn(condition);
        if (bindings.isEmpty()) {
            return;
        }
        long start = env.positions.getStartPosition(method.unit, s);
        long end = env.positions.getEndPosition(method.unit, s);
        new com.sun.source.util.TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(com.sun.source.tree.IdentifierTree node, Void unused) {
                long at = env.positions.getStartPosition(method.unit, node);
                Element e = at < start || at >= end ? index.element(node) : null;
                if (e != null && bindings.remove(e)) {
                    declareLocal(e, e.asType());
                }
                return null;
            }
        }.scan(method.tree.getBody(), null);
    }

    /** Prints an await-free statement into the current block, as written. */
    void asIs(StatementTree s) {
        declareEscapingBindings(s);
        Hooks hooks = new Hooks();
        CodeBlock code = printer.statement(s, Map.of(), hooks);
        Op.Stmt op = new Op.Stmt(code);
        hooks.flushInto(op);
        emit(op);
    }

    void comment(Tree s) {
        long line = printer.line(s);
        emit(new Op.Comment(method.fileName() + ":" + line + ": " + printer.sourceLine(s)));
    }

    // ---------------- statements ----------------

    void statements(List<? extends StatementTree> list) {
        for (int i = 0; i < list.size(); i++) {
            StatementTree s = list.get(i);
            if (current == null) {
                // Unreachable code after a jump: javac already rejected real dead code, so this is
                // the end of a case group or similar; give it a block so it still prints.
                current = newBlock(s);
            }
            // Local records, enums and interfaces become members of the state machine (TreePrinter.hoist);
            // a local class may capture the method's locals, and is still declared where it is written.
            if (s.getKind() == Tree.Kind.CLASS) {
                for (int j = i + 1; j < list.size(); j++) {
                    if (analysis.suspends(list.get(j))) {
                        // Its scope spans a suspension: it becomes a member of the state machine, which is
                        // exact only if it captures none of the method's locals.
                        String captured = printer.capturedLocal((com.sun.source.tree.ClassTree) s);
                        if (captured != null) {
                            throw new dev.tulip.processor.emit.TreePrinter.Unsupported(s,
                                    "a local class that captures the local '" + captured + "' and is declared before an"
                                            + " await in the same block (its declaration would not be in scope after"
                                            + " the suspension, and a member class cannot capture locals); pass '"
                                            + captured + "' to its constructor, or declare it after the await");
                        }
                        printer.hoistLocalClass((com.sun.source.tree.ClassTree) s);
                        break;
                    }
                }
            }
            statement(s);
        }
    }

    void statement(StatementTree s) {
        comment(s);
        if (s.getKind() == Tree.Kind.VARIABLE) {
            localDeclaration((VariableTree) s);
            return;
        }
        switch (s.getKind()) {
            case RETURN:
                returnStatement((ReturnTree) s);
                return;
            case BREAK: {
                JumpTarget t = findTarget(s);
                routeJump(t.breakTarget, t.finallyDepth);
                return;
            }
            case CONTINUE: {
                JumpTarget t = findTarget(s);
                routeJump(t.continueTarget, t.finallyDepth);
                return;
            }
            case YIELD:
                yieldStatement((YieldTree) s);
                return;
            default:
                break;
        }
        if (!analysis.suspends(s) && s.getKind() != Tree.Kind.THROW) {
            asIs(s);
            if (!reachability.canCompleteNormally(s)) {
                // The printed code leaves by itself (its jumps were rewritten): nothing may follow.
                terminate(new Terminator.Abrupt());
            }
            return;
        }
        switch (s.getKind()) {
            case BLOCK:
                statements(((BlockTree) s).getStatements());
                return;
            case EXPRESSION_STATEMENT:
                spill.statement(((ExpressionStatementTree) s).getExpression());
                return;
            case IF:
                ifStatement((IfTree) s);
                return;
            case WHILE_LOOP:
            case DO_WHILE_LOOP:
            case FOR_LOOP:
            case ENHANCED_FOR_LOOP:
                breakable(s, null);
                return;
            case LABELED_STATEMENT:
                labeled((LabeledStatementTree) s);
                return;
            case SWITCH:
                breakable(s, null);
                return;
            case TRY:
                tries.tryStatement((TryTree) s);
                return;
            case THROW: {
                Map<Tree, CodeBlock> subst = new IdentityHashMap<>();
                ExpressionTree e = ((ThrowTree) s).getExpression();
                spill.lower(e, subst);
                Hooks hooks = new Hooks();
                Terminator.Throw t = new Terminator.Throw(print(e, subst, hooks));
                hooks.flushInto(t);
                terminate(t);
                return;
            }
            default:
                throw new TreePrinter.Unsupported(s, "await inside this kind of statement (" + s.getKind() + ")");
        }
    }

    void localDeclaration(VariableTree v) {
        Element e = index.element(v);
        Var var = declareLocal(e, e.asType());
        ExpressionTree init = v.getInitializer();
        if (init == null) {
            emit(new Op.Assign(var, null, true));
            return;
        }
        if (spill.isDirectAwait(init)) {
            spill.awaitInto((MethodInvocationTree) TreePrinter.stripParens(init), var, true);
            return;
        }
        Map<Tree, CodeBlock> subst = new IdentityHashMap<>();
        spill.lower(init, subst);
        Hooks hooks = new Hooks();
        CodeBlock value = printer.expression(init, subst, hooks);
        Op.Assign op = new Op.Assign(var, value, true);
        hooks.flushInto(op);
        emit(op);
    }

    void ifStatement(IfTree s) {
        Map<Tree, CodeBlock> subst = new IdentityHashMap<>();
        ExpressionTree cond = TreePrinter.stripParens(s.getCondition());
        spill.lower(cond, subst);
        Hooks hooks = new Hooks();
        CodeBlock condition = condition(cond, subst, hooks);
        Block then = newBlock(s.getThenStatement());
        Block otherwise = s.getElseStatement() == null ? null : newBlock(s.getElseStatement());
        Block join = newBlockAfter(s);
        Terminator.Branch branch = new Terminator.Branch(condition, then, otherwise == null ? join : otherwise);
        hooks.flushInto(branch);
        terminate(branch);
        current = then;
        branchBody(s.getThenStatement());
        gotoBlock(join);
        if (otherwise != null) {
            current = otherwise;
            branchBody(s.getElseStatement());
            gotoBlock(join);
        }
        current = join;
    }

    /** A statement in a branch or loop body: a block's statements, or the single statement. */
    void branchBody(StatementTree body) {
        if (body.getKind() == Tree.Kind.BLOCK) {
            statements(((BlockTree) body).getStatements());
        } else {
            statements(List.of(body));
        }
    }

    void whileLoop(WhileLoopTree s, Name label) {
        Block head = newBlock(s);
        head.label = "loop head";
        gotoBlock(head);
        current = head;
        Map<Tree, CodeBlock> subst = new IdentityHashMap<>();
        ExpressionTree cond = TreePrinter.stripParens(s.getCondition());
        spill.lower(cond, subst);
        Hooks hooks = new Hooks();
        CodeBlock condition = condition(cond, subst, hooks);
        Block body = newBlock(s.getStatement());
        Block exit = newBlockAfter(s);
        if (reachability.isConstantTrue(cond) && subst.isEmpty()) {
            terminate(new Terminator.Goto(body)); // while (true)
        } else {
            Terminator.Branch branch = new Terminator.Branch(condition, body, exit);
            hooks.flushInto(branch);
            terminate(branch);
        }
        loopBody(s, label, body, exit, head, s.getStatement());
        current = exit;
    }

    void loopBody(Tree loop, Name label, Block body, Block exit, Block continueTarget, StatementTree statement) {
        targets.push(new JumpTarget(loop, label, exit, continueTarget, null, currentFinallyDepth()));
        try {
            current = body;
            branchBody(statement);
            gotoBlock(continueTarget);
        } finally {
            targets.pop();
        }
    }

    void doWhileLoop(DoWhileLoopTree s, Name label) {
        Block body = newBlock(s.getStatement());
        body.label = "loop body";
        gotoBlock(body);
        Block condition = newBlock(s.getCondition());
        condition.label = "loop condition";
        Block exit = newBlockAfter(s);
        loopBody(s, label, body, exit, condition, s.getStatement());
        current = condition;
        Map<Tree, CodeBlock> subst = new IdentityHashMap<>();
        ExpressionTree cond = TreePrinter.stripParens(s.getCondition());
        spill.lower(cond, subst);
        Hooks hooks = new Hooks();
        Terminator.Branch branch = new Terminator.Branch(condition(cond, subst, hooks), body, exit);
        hooks.flushInto(branch);
        terminate(branch);
        current = exit;
    }

    void forLoop(ForLoopTree s, Name label) {
        for (StatementTree init : s.getInitializer()) {
            statement(init);
        }
        Block head = newBlock(s.getCondition() != null ? s.getCondition() : s);
        head.label = "loop head";
        gotoBlock(head);
        current = head;
        Block body = newBlock(s.getStatement());
        Block exit = newBlockAfter(s);
        if (s.getCondition() != null && !reachability.isConstantTrue(s.getCondition())) {
            Map<Tree, CodeBlock> subst = new IdentityHashMap<>();
            ExpressionTree cond = TreePrinter.stripParens(s.getCondition());
            spill.lower(cond, subst);
            Hooks hooks = new Hooks();
            Terminator.Branch branch = new Terminator.Branch(condition(cond, subst, hooks), body, exit);
            hooks.flushInto(branch);
            terminate(branch);
        } else {
            terminate(new Terminator.Goto(body));
        }
        Block update = s.getUpdate().isEmpty() ? head : newBlock(s.getUpdate().get(0));
        if (update != head) {
            update.label = "loop update";
        }
        loopBody(s, label, body, exit, update, s.getStatement());
        if (update != head) {
            current = update;
            for (ExpressionStatementTree u : s.getUpdate()) {
                comment(u);
                spill.statement(u.getExpression());
            }
            gotoBlock(head);
        }
        current = exit;
    }

    void forEach(EnhancedForLoopTree s, Name label) {
        ExpressionTree source = s.getExpression();
        TypeMirror sourceType = index.type(source);
        Element loopVar = index.element(s.getVariable());
        Map<Tree, CodeBlock> subst = new IdentityHashMap<>();
        spill.lower(source, subst);
        Hooks hooks = new Hooks();
        CodeBlock sourceCode = print(source, subst, hooks);
        Block head = newBlock(s);
        head.label = "loop head";
        Block body = newBlock(s.getStatement());
        Block exit = newBlockAfter(s);
        Block continueTarget = head;
        if (sourceType.getKind() == TypeKind.ARRAY) {
            Var array = synthetic(typeNames.of(sourceType), "array");
            Var i = synthetic(TypeName.INT, "i");
            Op.Assign a = new Op.Assign(array, sourceCode, true);
            hooks.flushInto(a);
            emit(a);
            emit(new Op.Assign(i, CodeBlock.of("0"), true));
            gotoBlock(head);
            current = head;
            Terminator.Branch branch = new Terminator.Branch(CodeBlock.of("$L < $L.length", i.name, array.name),
                    body, exit);
            branch.uses.add(i);
            branch.uses.add(array);
            terminate(branch);
            current = body;
            Var v = declareLocal(loopVar, loopVar.asType());
            Op.Assign next = new Op.Assign(v, CodeBlock.of("$L[$L]", array.name, i.name), true);
            next.uses.add(array);
            next.uses.add(i);
            emit(next);
            Block update = newBlock(s.getExpression());
            update.label = "loop update";
            continueTarget = update;
            loopBodyAfterVar(s, label, exit, continueTarget, s.getStatement());
            current = update;
            Op.Stmt inc = new Op.Stmt(CodeBlock.of("$L++;\n", i.name));
            inc.uses.add(i);
            emit(inc);
            gotoBlock(head);
        } else if (analysis.isAsyncIterable(sourceType)) {
            TypeMirror element = iterableElement(sourceType, "dev.tulip.AsyncIterable");
            ClassName iteratorClass = ClassName.get("dev.tulip", "AsyncIterator");
            Var it = synthetic(ParameterizedTypeName.get(iteratorClass,
                    com.palantir.javapoet.WildcardTypeName.subtypeOf(boxed(element))), "iterator");
            Op.Assign a = new Op.Assign(it, CodeBlock.of("$L.aiter()", sourceCode), true);
            hooks.flushInto(a);
            emit(a);
            gotoBlock(head);
            current = head;
            Block resumed = newBlock(s);
            resumed.isResumePoint = true;
            resumed.suspendedLine = printer.line(s);
            Var has = temp(ClassName.get(Boolean.class), "hasNext");
            Terminator.Suspend suspend = new Terminator.Suspend(CodeBlock.of("$L.hasNext()", it.name), resumed);
            suspend.uses.add(it);
            terminate(suspend);
            current = resumed;
            emit(new Op.Resume(has, true, ClassName.get(Boolean.class)));
            Terminator.Branch branch = new Terminator.Branch(CodeBlock.of("$L", has.name), body, exit);
            branch.uses.add(has);
            terminate(branch);
            current = body;
            Var v = declareLocal(loopVar, loopVar.asType());
            Op.Assign next = new Op.Assign(v, CodeBlock.of("$L.next()", it.name), true);
            next.uses.add(it);
            emit(next);
            loopBodyAfterVar(s, label, exit, head, s.getStatement());
        } else {
            TypeMirror element = iterableElement(sourceType, "java.lang.Iterable");
            Var it = synthetic(ParameterizedTypeName.get(ClassName.get(java.util.Iterator.class),
                    com.palantir.javapoet.WildcardTypeName.subtypeOf(boxed(element))), "iterator");
            Op.Assign a = new Op.Assign(it, CodeBlock.of("$L.iterator()", sourceCode), true);
            hooks.flushInto(a);
            emit(a);
            gotoBlock(head);
            current = head;
            Terminator.Branch branch = new Terminator.Branch(CodeBlock.of("$L.hasNext()", it.name), body, exit);
            branch.uses.add(it);
            terminate(branch);
            current = body;
            Var v = declareLocal(loopVar, loopVar.asType());
            Op.Assign next = new Op.Assign(v, CodeBlock.of("$L.next()", it.name), true);
            next.uses.add(it);
            emit(next);
            loopBodyAfterVar(s, label, exit, head, s.getStatement());
        }
        current = exit;
    }

    private void loopBodyAfterVar(Tree loop, Name label, Block exit, Block continueTarget, StatementTree statement) {
        targets.push(new JumpTarget(loop, label, exit, continueTarget, null, currentFinallyDepth()));
        try {
            branchBody(statement);
            gotoBlock(continueTarget);
        } finally {
            targets.pop();
        }
    }

    private TypeName boxed(TypeMirror t) {
        TypeName n = typeNames.of(t);
        return n.isPrimitive() ? n.box() : n;
    }

    /** The element type E of an Iterable<E> (or AsyncIterable<E>), wildcards projected. */
    TypeMirror iterableElement(TypeMirror type, String iterable) {
        javax.lang.model.element.TypeElement target = env.elements.getTypeElement(iterable);
        TypeMirror t = type;
        if (t.getKind() == TypeKind.TYPEVAR) {
            t = ((javax.lang.model.type.TypeVariable) t).getUpperBound();
        }
        for (TypeMirror s : allSupertypes(t)) {
            if (s.getKind() == TypeKind.DECLARED && ((DeclaredType) s).asElement().equals(target)) {
                List<? extends TypeMirror> args = ((DeclaredType) s).getTypeArguments();
                if (args.isEmpty()) {
                    return env.elements.getTypeElement("java.lang.Object").asType();
                }
                TypeMirror arg = args.get(0);
                if (arg.getKind() == TypeKind.WILDCARD) {
                    TypeMirror bound = ((javax.lang.model.type.WildcardType) arg).getExtendsBound();
                    return bound != null ? bound : env.elements.getTypeElement("java.lang.Object").asType();
                }
                return arg;
            }
        }
        return env.elements.getTypeElement("java.lang.Object").asType();
    }

    private List<TypeMirror> allSupertypes(TypeMirror t) {
        List<TypeMirror> out = new java.util.ArrayList<>();
        Deque<TypeMirror> work = new ArrayDeque<>();
        work.add(t);
        while (!work.isEmpty()) {
            TypeMirror x = work.poll();
            out.add(x);
            work.addAll(env.types.directSupertypes(x));
        }
        return out;
    }

    /** Lowers a loop or switch (which break and continue may target); false for any other statement. */
    boolean breakable(StatementTree s, Name label) {
        switch (s.getKind()) {
            case WHILE_LOOP:
                whileLoop((WhileLoopTree) s, label);
                return true;
            case DO_WHILE_LOOP:
                doWhileLoop((DoWhileLoopTree) s, label);
                return true;
            case FOR_LOOP:
                forLoop((ForLoopTree) s, label);
                return true;
            case ENHANCED_FOR_LOOP:
                forEach((EnhancedForLoopTree) s, label);
                return true;
            case SWITCH:
                switchStatement((SwitchTree) s, label);
                return true;
            default:
                return false;
        }
    }

    void labeled(LabeledStatementTree s) {
        StatementTree body = s.getStatement();
        if (breakable(body, s.getLabel())) {
            return;
        }
        // A labeled block or statement: only break can target it.
        Block exit = newBlockAfter(s);
        targets.push(new JumpTarget(s, s.getLabel(), exit, null, null, currentFinallyDepth()));
        try {
            branchBody(body);
        } finally {
            targets.pop();
        }
        gotoBlock(exit);
        current = exit;
    }

    void switchStatement(SwitchTree s, Name label) {
        Block exit = newBlockAfter(s);
        switchCases(s, TreePrinter.stripParens(s.getExpression()), s.getCases(), label, exit, null);
        current = exit;
    }

    /** Lowers the cases of a switch statement or expression; yields assign {@code yieldVar}. */
    void switchCases(Tree sw, ExpressionTree selector, List<? extends CaseTree> cases, Name label, Block exit,
            Var yieldVar) {
        Map<Tree, CodeBlock> subst = new IdentityHashMap<>();
        spill.lower(selector, subst);
        Hooks hooks = new Hooks();
        SwitchForms.Mode mode = printer.switchMode(selector, cases);
        Terminator.Switch dispatch = new Terminator.Switch(
                TreePrinter.switchSelector(mode, print(selector, subst, hooks)));
        hooks.flushInto(dispatch);
        Block[] bodies = new Block[cases.size()];
        for (int i = 0; i < cases.size(); i++) {
            CaseTree c = cases.get(i);
            bodies[i] = newBlock(c);
            bodies[i].label = c.getExpressions().isEmpty() ? "default" : "case";
            Tree guard = dev.tulip.processor.analysis.CaseLabels.guard(c);
            List<? extends Tree> labels = dev.tulip.processor.analysis.CaseLabels.labels(c);
            if (labels.isEmpty()) {
                dispatch.otherwise = bodies[i];
            }
            for (Tree l : labels) {
                if (l.getKind().name().equals("DEFAULT_CASE_LABEL")) {
                    dispatch.otherwise = bodies[i];
                    continue;
                }
                declareBindings(l);
                TreePrinter.SwitchLabel printed = printer.switchLabel(mode, selector, l, guard, hooks);
                dispatch.labels.add(printed.label);
                dispatch.onMatch.add(printed.onMatch);
                dispatch.patterns.add(printed.isPattern);
                dispatch.targets.add(bodies[i]);
            }
        }
        dispatch.uses.addAll(hooks.uses);
        if (dispatch.otherwise == null && (yieldVar != null
                || cases.stream().anyMatch(dev.tulip.processor.analysis.CaseLabels::hasPatternOrNull))) {
            // exhaustive when compiled, matching nothing now (a constant or subclass added since): Java throws
            Block noMatch = newBlockAfter(sw);
            noMatch.terminator = new Terminator.Throw(printer.noMatch());
            dispatch.otherwise = noMatch;
        } else if (dispatch.otherwise == null) {
            dispatch.otherwise = exit;
        }
        terminate(dispatch);
        targets.push(new JumpTarget(sw, label, exit, null, yieldVar, currentFinallyDepth()));
        try {
            for (int i = 0; i < cases.size(); i++) {
                CaseTree c = cases.get(i);
                current = bodies[i];
                if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
                    Tree body = c.getBody();
                    if (body instanceof BlockTree) {
                        statements(((BlockTree) body).getStatements());
                    } else if (body instanceof StatementTree) {
                        statements(List.of((StatementTree) body));
                    } else if (yieldVar != null) {
                        spill.assignTo(yieldVar, (ExpressionTree) body, false);
                    } else {
                        spill.statement((ExpressionTree) body);
                    }
                    gotoBlock(exit);
                } else {
                    statements(c.getStatements());
                    gotoBlock(i + 1 < cases.size() ? bodies[i + 1] : exit);
                }
            }
        } finally {
            targets.pop();
        }
    }

    void returnStatement(ReturnTree s) {
        MethodInvocationTree done = (MethodInvocationTree) TreePrinter.stripParens(s.getExpression());
        ExpressionTree value = done.getArguments().isEmpty() ? null : done.getArguments().get(0);
        Map<Tree, CodeBlock> subst = new IdentityHashMap<>();
        CodeBlock code;
        Hooks hooks = new Hooks();
        if (method.kind == AsyncMethod.Kind.ASYNC_GENERATOR) {
            code = null; // an asynchronous generator has no return value
            if (finallyFrame == null) {
                terminate(new Terminator.Return(null));
            } else {
                routeJump(null, 0);
            }
            return;
        } else if (value == null) {
            code = CodeBlock.of("null");
        } else {
            spill.lower(value, subst);
            code = print(value, subst, hooks);
        }
        if (finallyFrame == null) {
            Terminator.Return r = new Terminator.Return(code);
            hooks.flushInto(r);
            terminate(r);
            return;
        }
        Var result = resultVar(finallyFrame);
        Op.Assign a = new Op.Assign(result, code, false);
        hooks.flushInto(a);
        emit(a);
        routeJump(null, 0);
    }

    /**
     * Where a return through {@code frame} keeps its value until the finally blocks have run: one
     * variable per frame, created for the frame and every frame around it (the return crosses them all).
     */
    Var resultVar(FinallyFrame frame) {
        for (FinallyFrame f = frame; f != null && f.result == null; f = f.parent) {
            f.result = synthetic(boxedResult(), "result");
        }
        return frame.result;
    }

    private TypeName boxedResult() {
        if (method.kind == AsyncMethod.Kind.GENERATOR) {
            return ClassName.OBJECT; // a generator's return value is untyped, as Python's StopIteration.value
        }
        return typeNames.of(method.resultType);
    }

    void yieldStatement(YieldTree s) {
        JumpTarget target = findTarget(s);
        spill.assignTo(target.yieldVar, s.getValue(), false);
        routeJump(target.breakTarget, target.finallyDepth);
    }

    // ---------------- jumps ----------------

    /** Ends the current block with a jump to {@code target} (null: return), through exploded finallies. */
    void routeJump(Block target, int targetDepth) {
        if (finallyFrame != null && finallyFrame.depth >= targetDepth) {
            int code = finallyFrame.codeFor(target, targetDepth);
            Op.Stmt record = new Op.Stmt(CodeBlock.of("$L = null;\n$L = $L;\n", finallyFrame.exception.name,
                    finallyFrame.target.name, code));
            emit(record);
            finallyFrame.exception.blocks.add(current);
            finallyFrame.target.blocks.add(current);
            terminate(new Terminator.Goto(finallyFrame.entry));
        } else if (target == null) {
            terminate(new Terminator.Return(null)); // only an asynchronous generator gets here
        } else {
            terminate(new Terminator.Goto(target));
        }
    }

    JumpTarget findTarget(Tree jump) {
        Name label = null;
        if (jump instanceof BreakTree) {
            label = ((BreakTree) jump).getLabel();
        } else if (jump instanceof ContinueTree) {
            label = ((ContinueTree) jump).getLabel();
        }
        for (JumpTarget t : targets) {
            if (jump.getKind() == Tree.Kind.YIELD) {
                if (t.isSwitchExpression()) {
                    return t;
                }
                continue;
            }
            if (t.isSwitchExpression()) {
                continue;
            }
            if (label != null) {
                if (label.equals(t.label)) {
                    return t;
                }
            } else if (t.isLoop() || (jump.getKind() == Tree.Kind.BREAK && t.isSwitch())) {
                return t;
            }
        }
        throw new IllegalStateException("no target for " + jump);
    }

    /** Code for a jump inside a printed (as-is) statement that leaves it for exploded code. */
    CodeBlock jumpCode(Tree jump, Hooks hooks) {
        Block target;
        int depth;
        CodeBlock.Builder code = CodeBlock.builder();
        code.add("{\n$>");
        if (jump.getKind() == Tree.Kind.RETURN) {
            MethodInvocationTree done = (MethodInvocationTree) TreePrinter.stripParens(((ReturnTree) jump).getExpression());
            boolean noValue = method.kind == AsyncMethod.Kind.ASYNC_GENERATOR;
            CodeBlock value = done.getArguments().isEmpty() ? CodeBlock.of("null")
                    : printer.expression(done.getArguments().get(0), Map.of(), hooks);
            if (finallyFrame == null) {
                return noValue ? CodeBlock.of("return complete();\n") : CodeBlock.of("return complete($L);\n", value);
            }
            if (!noValue) {
                Var result = resultVar(finallyFrame);
                hooks.uses.add(result);
                code.add("$L = $L;\n", result.name, value);
            }
            target = null;
            depth = 0;
        } else {
            JumpTarget t = findTarget(jump);
            if (jump.getKind() == Tree.Kind.YIELD) {
                CodeBlock value = printer.expression(((YieldTree) jump).getValue(), Map.of(), hooks);
                hooks.uses.add(t.yieldVar);
                code.add("$L = $L;\n", t.yieldVar.name, value);
                target = t.breakTarget;
            } else if (jump.getKind() == Tree.Kind.CONTINUE) {
                target = t.continueTarget;
            } else {
                target = t.breakTarget;
            }
            depth = t.finallyDepth;
        }
        Block first;
        if (finallyFrame != null && finallyFrame.depth >= depth) {
            int c = finallyFrame.codeFor(target, depth);
            code.add("$L = null;\n$L = $L;\n", finallyFrame.exception.name, finallyFrame.target.name, c);
            hooks.uses.add(finallyFrame.exception);
            hooks.uses.add(finallyFrame.target);
            first = finallyFrame.entry;
        } else {
            first = target;
        }
        code.add("state = $L;\ncontinue $L;\n", first.ref, dispatchLabel);
        code.add("$<}\n");
        cfg.needsLoop = true;
        pendingExtraSuccessors.add(first);
        return code.build();
    }

    /** Targets of jumps printed inside the op being built; attached to the current block. */
    final Set<Block> pendingExtraSuccessors = new LinkedHashSet<>();

    void attachExtraSuccessors() {
        if (current != null) {
            current.extraSuccessors.addAll(pendingExtraSuccessors);
        }
        pendingExtraSuccessors.clear();
    }
}
