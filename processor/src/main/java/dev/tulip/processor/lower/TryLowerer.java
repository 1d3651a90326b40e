package dev.tulip.processor.lower;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import dev.tulip.processor.ir.Block;
import dev.tulip.processor.ir.FinallyFrame;
import dev.tulip.processor.ir.Op;
import dev.tulip.processor.ir.Terminator;
import dev.tulip.processor.ir.TryRegion;
import dev.tulip.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.type.TypeMirror;

/**
 * Lowers try statements that suspend: try regions for the catches, a finally frame with its
 * pending-completion record, and try-with-resources desugared per JLS 14.20.3 (with {@code aclose()}
 * awaited for {@code AsyncCloseable} resources, and Python's {@code __aexit__} protocol for
 * {@code AsyncContextManager} scopes).
 */
final class TryLowerer {
    private static final ClassName THROWABLE = ClassName.get(Throwable.class);
    private final Lowerer l;

    TryLowerer(Lowerer lowerer) {
        this.l = lowerer;
    }

    void tryStatement(TryTree t) {
        if (t.getResources().isEmpty()) {
            tryCatchFinally(t, () -> l.statements(t.getBlock().getStatements()));
        } else if (t.getCatches().isEmpty() && t.getFinallyBlock() == null) {
            resources(t, 0);
        } else {
            // JLS 14.20.3.2: try (R) B catch C finally F == try { try (R) B } catch C finally F
            tryCatchFinally(t, () -> resources(t, 0));
        }
    }

    /** try { body } catch... finally... with the body given as a lowering action. */
    private void tryCatchFinally(TryTree t, Runnable body) {
        TryRegion outer = l.region;
        FinallyFrame frame = null;
        Block after = l.newBlockAfter(t);
        after.region = outer;
        if (t.getFinallyBlock() != null) {
            frame = newFrame(t.getFinallyBlock(), null);
        }
        TryRegion tryRegion = new TryRegion(outer, frame, "try at line " + l.printer.line(t));
        // Handlers: catch blocks are covered by the finally only.
        TryRegion catchRegion = frame == null ? outer : new TryRegion(outer, frame, "catch at line " + l.printer.line(t));
        List<Block> handlers = new ArrayList<>();
        for (CatchTree c : t.getCatches()) {
            l.region = catchRegion;
            Block h = l.newBlock(c);
            h.isHandler = true;
            h.label = "catch";
            handlers.add(h);
            tryRegion.catches.add(new TryRegion.Catch(catchTypes(c.getParameter()), privateTests(c.getParameter()), h));
        }
        l.cfg.hasRegions = true;

        // The try block.
        l.region = tryRegion;
        Block start = l.newBlock(t.getBlock());
        start.label = "try";
        l.gotoBlock(start);
        l.current = start;
        FinallyFrame saved = l.finallyFrame;
        if (frame != null) {
            l.finallyFrame = frame;
        }
        body.run();
        exitTo(after, frame, outer);

        // The catch blocks.
        for (int i = 0; i < t.getCatches().size(); i++) {
            CatchTree c = t.getCatches().get(i);
            l.region = catchRegion;
            l.current = handlers.get(i);
            VariableTree p = c.getParameter();
            Element e = l.index.element(p);
            Var param = l.declareLocal(e, l.printer.catchParameterType(p));
            boolean anything = param.type.toString().equals("java.lang.Throwable");
            l.emit(new Op.Assign(param, anything ? CodeBlock.of("thrown") : CodeBlock.of("($T) thrown", param.type),
                    true));
            l.emit(new Op.Stmt(CodeBlock.of("thrown = null;\n")));
            l.statements(c.getBlock().getStatements());
            exitTo(after, frame, outer);
        }
        l.finallyFrame = saved;
        l.region = outer;

        // The finally block: one copy, entered with a record of where to go next.
        if (frame != null) {
            l.current = frame.entry;
            l.statements(t.getFinallyBlock().getStatements());
            if (l.current != null) {
                l.terminate(finallyExit(frame));
            }
        }
        l.current = after;
    }

    private Terminator finallyExit(FinallyFrame frame) {
        Terminator.FinallyExit exit = new Terminator.FinallyExit(frame);
        exit.uses.add(frame.target);
        exit.uses.add(frame.exception);
        if (frame.result != null) {
            exit.uses.add(frame.result);
        }
        if (frame.parent != null && frame.parent.result != null) {
            exit.uses.add(frame.parent.result); // a return continuing outwards copies its value there
        }
        return exit;
    }

    /** A new finally frame whose entry block lies in the enclosing region. */
    private FinallyFrame newFrame(Tree finallyTree, Tree after) {
        Block entry = finallyTree != null ? l.newBlock(finallyTree) : l.newBlockAfter(after);
        entry.label = "finally";
        Var target = l.synthetic(TypeName.INT, "finally" + "Next");
        Var exception = l.synthetic(THROWABLE, "finallyThrown");
        FinallyFrame parent = l.finallyFrame;
        return new FinallyFrame(entry, target, exception, parent == null ? 0 : parent.depth + 1, parent);
    }

    /** The normal end of a try or catch block: through the finally if any, then to {@code after}. */
    private void exitTo(Block after, FinallyFrame frame, TryRegion outer) {
        if (l.current == null) {
            return;
        }
        if (frame == null) {
            l.gotoBlock(after);
            return;
        }
        int code = frame.codeFor(after, frame.depth);
        Op.Stmt record = new Op.Stmt(CodeBlock.of("$L = null;\n$L = $L;\n", frame.exception.name, frame.target.name,
                code));
        l.emit(record);
        frame.exception.blocks.add(l.current);
        frame.target.blocks.add(l.current);
        l.terminate(new Terminator.Goto(frame.entry));
    }

    private List<TypeName> catchTypes(VariableTree param) {
        List<TypeName> types = new ArrayList<>();
        for (TypeMirror t : alternatives(param)) {
            types.add(l.typeNames.erasure(t));
        }
        return types;
    }

    /** Per catch type, the class object to test against when it is a private class, else null. */
    private List<CodeBlock> privateTests(VariableTree param) {
        List<CodeBlock> tests = new ArrayList<>();
        for (TypeMirror t : alternatives(param)) {
            tests.add(l.printer.privateCatchTest(t));
        }
        return tests;
    }

    /** The types a catch clause names: one, or the alternatives of a multi-catch. */
    private List<TypeMirror> alternatives(VariableTree param) {
        List<TypeMirror> types = new ArrayList<>();
        Tree type = param.getType();
        if (type instanceof UnionTypeTree) {
            for (Tree alt : ((UnionTypeTree) type).getTypeAlternatives()) {
                types.add(l.index.type(alt));
            }
        } else {
            types.add(l.index.type(type));
        }
        return types;
    }

    // ---------------- try-with-resources ----------------

    /** Resource {@code i} of {@code t}, then the following ones, then the block (JLS 14.20.3.1). */
    private void resources(TryTree t, int i) {
        if (i == t.getResources().size()) {
            l.statements(t.getBlock().getStatements());
            return;
        }
        Tree resource = t.getResources().get(i);
        Var r;
        TypeMirror type;
        if (resource instanceof VariableTree) {
            VariableTree v = (VariableTree) resource;
            Element e = l.index.element(v);
            type = e.asType();
            r = l.declareLocal(e, type);
            l.comment(v);
            l.spill.assignTo(r, v.getInitializer(), true);
        } else {
            ExpressionTree e = (ExpressionTree) resource;
            type = l.index.type(e);
            r = l.synthetic(l.typeNames.of(type), "resource");
            l.spill.assignTo(r, e, true);
        }
        if (l.analysis.isAsyncContextManager(type)) {
            asyncScope(t, i, r);
        } else {
            closeable(t, i, r, l.analysis.isAsyncCloseable(type));
        }
    }

    /** What {@link #guardRest} set up: the catch-all handler and the block after the statement. */
    private static final class Guard {
        final Block handler;
        final Block after;
        final TryRegion outer;

        Guard(Block handler, Block after, TryRegion outer) {
            this.handler = handler;
            this.after = after;
            this.outer = outer;
        }
    }

    /**
     * Lowers the rest of the statement after resource {@code i} in a region whose exceptions go to a
     * catch-all handler (placed in {@code handlerRegion}, or the enclosing region when null) and whose
     * jumps and normal end go through {@code frame}. The handler block is returned empty, to be filled.
     */
    private Guard guardRest(TryTree t, int i, FinallyFrame frame, boolean handlerInFrame, String what,
            String handlerLabel) {
        TryRegion outer = l.region;
        TryRegion body = new TryRegion(outer, frame, what);
        l.region = handlerInFrame ? new TryRegion(outer, frame, what) : outer;
        Block handler = l.newBlockAfter(t);
        handler.isHandler = true;
        handler.label = handlerLabel;
        body.catches.add(new TryRegion.Catch(List.of(THROWABLE), handler));
        l.cfg.hasRegions = true;
        Block after = l.newBlockAfter(t);
        after.region = outer;

        l.region = body;
        Block start = l.newBlock(t.getBlock());
        l.gotoBlock(start);
        l.current = start;
        FinallyFrame saved = l.finallyFrame;
        l.finallyFrame = frame;
        resources(t, i + 1);
        exitTo(after, frame, outer);
        l.finallyFrame = saved;
        l.region = handler.region;
        l.current = handler;
        return new Guard(handler, after, outer);
    }

    /**
     * A closeable resource: the rest of the statement runs in a try whose catch-all records the primary
     * exception; the finally closes the resource, adding a close failure to the primary's suppressed
     * list, or propagating it when there is no primary.
     */
    private void closeable(TryTree t, int i, Var r, boolean async) {
        Var primary = l.synthetic(THROWABLE, "primary");
        l.emit(new Op.Assign(primary, CodeBlock.of("null"), true));
        FinallyFrame frame = newFrame(null, t);
        frame.entry.label = "close " + r.name;
        Guard guard = guardRest(t, i, frame, true, "resource " + r.name, "record the primary exception");
        TryRegion outer = guard.outer;
        Block after = guard.after;
        // catch (Throwable t) { primary = t; throw t; }: the finally then sees the primary exception.
        l.emit(new Op.Assign(primary, CodeBlock.of("thrown"), false));
        l.emit(new Op.Stmt(CodeBlock.of("thrown = null;\n")));
        Terminator.Throw rethrow = new Terminator.Throw(CodeBlock.of("$L", primary.name));
        rethrow.uses.add(primary);
        l.terminate(rethrow);
        l.region = outer;

        // finally { if (r != null) { close, keeping the primary exception } }
        l.current = frame.entry;
        Block done = l.newBlockAfter(t);
        if (!async) {
            Op.Stmt close = new Op.Stmt(CodeBlock.builder()
                    .beginControlFlow("if ($L != null)", r.name)
                    .beginControlFlow("if ($L != null)", primary.name)
                    .beginControlFlow("try")
                    .addStatement("$L.close()", r.name)
                    .nextControlFlow("catch ($T suppressed)", Throwable.class)
                    .addStatement("$L.addSuppressed(suppressed)", primary.name)
                    .endControlFlow()
                    .nextControlFlow("else")
                    .addStatement("$L.close()", r.name)
                    .endControlFlow()
                    .endControlFlow()
                    .build());
            close.uses.add(r);
            close.uses.add(primary);
            l.emit(close);
            l.gotoBlock(done);
        } else {
            Block notNull = l.newBlockAfter(t);
            Terminator.Branch isOpen = new Terminator.Branch(CodeBlock.of("$L != null", r.name), notNull, done);
            isOpen.uses.add(r);
            l.terminate(isOpen);
            l.current = notNull;
            Block plain = l.newBlockAfter(t);
            Block keeping = l.newBlockAfter(t);
            Terminator.Branch hasPrimary = new Terminator.Branch(CodeBlock.of("$L != null", primary.name), keeping,
                    plain);
            hasPrimary.uses.add(primary);
            l.terminate(hasPrimary);
            // No primary exception: a failing aclose() propagates.
            l.current = plain;
            suspendOnClose(r, done);
            // With a primary exception: a failing aclose() is added to its suppressed list.
            TryRegion closing = new TryRegion(outer, null, "close " + r.name);
            l.region = outer;
            Block addSuppressed = l.newBlockAfter(t);
            addSuppressed.isHandler = true;
            closing.catches.add(new TryRegion.Catch(List.of(THROWABLE), addSuppressed));
            l.region = closing;
            Block guarded = l.newBlockAfter(t);
            l.current = keeping;
            l.gotoBlock(guarded);
            l.current = guarded;
            suspendOnClose(r, done);
            l.region = outer;
            l.current = addSuppressed;
            Op.Stmt add = new Op.Stmt(CodeBlock.of("$L.addSuppressed(thrown);\nthrown = null;\n", primary.name));
            add.uses.add(primary);
            l.emit(add);
            l.gotoBlock(done);
        }
        l.current = done;
        Op.Stmt clear = new Op.Stmt(CodeBlock.of("$L = null;\n", primary.name));
        l.emit(clear);
        primary.blocks.add(done);
        l.terminate(finallyExit(frame));
        l.current = after;
    }

    /** {@code await(r.aclose())}, then go to {@code next}. */
    private void suspendOnClose(Var r, Block next) {
        Block resumed = l.newBlock(null);
        resumed.isResumePoint = true;
        resumed.label = "resumed after aclose";
        Terminator.Suspend s = new Terminator.Suspend(CodeBlock.of("$L.aclose()", r.name), resumed);
        s.uses.add(r);
        l.terminate(s);
        l.current = resumed;
        l.emit(new Op.Resume(null, false, null));
        l.gotoBlock(next);
    }

    /**
     * An {@code AsyncContextManager} scope: Python's {@code async with}. What leaves the block is
     * caught as {@code pending}; {@code swallow = await(r.aexit(pending))}; then the pending exception
     * is rethrown unless swallowed, and a jump or normal end continues.
     */
    private void asyncScope(TryTree t, int i, Var r) {
        Var pending = l.synthetic(THROWABLE, "pending");
        l.emit(new Op.Assign(pending, CodeBlock.of("null"), true));
        FinallyFrame frame = newFrame(null, t);
        frame.entry.label = "exit scope " + r.name;
        Guard guard = guardRest(t, i, frame, false, "scope " + r.name, "record the pending exception");
        TryRegion outer = guard.outer;
        Block after = guard.after;
        // An exception leaves the block: remember it and enter the exit with "continue after".
        l.emit(new Op.Assign(pending, CodeBlock.of("thrown"), false));
        l.emit(new Op.Stmt(CodeBlock.of("thrown = null;\n")));
        exitTo(after, frame, outer);

        // The exit: await aexit(pending), then rethrow unless swallowed.
        l.current = frame.entry;
        Block resumed = l.newBlock(null);
        resumed.isResumePoint = true;
        resumed.label = "resumed after aexit";
        Terminator.Suspend s = new Terminator.Suspend(CodeBlock.of("$L.aexit($L)", r.name, pending.name), resumed);
        s.uses.add(r);
        s.uses.add(pending);
        l.terminate(s);
        l.current = resumed;
        Var swallow = l.temp(ClassName.get(Boolean.class), "swallow");
        l.emit(new Op.Resume(swallow, true, ClassName.get(Boolean.class)));
        Block rethrow = l.newBlock(null);
        Block proceed = l.newBlock(null);
        Terminator.Branch b = new Terminator.Branch(CodeBlock.of("$L != null && !$T.TRUE.equals($L)", pending.name,
                Boolean.class, swallow.name), rethrow, proceed);
        b.uses.add(pending);
        b.uses.add(swallow);
        l.terminate(b);
        l.current = rethrow;
        Var toThrow = l.temp(THROWABLE, "raised");
        Op.Assign take = new Op.Assign(toThrow, CodeBlock.of("$L", pending.name), true);
        take.uses.add(pending);
        l.emit(take);
        l.emit(new Op.Assign(pending, CodeBlock.of("null"), false));
        Terminator.Throw th = new Terminator.Throw(CodeBlock.of("$L", toThrow.name));
        th.uses.add(toThrow);
        l.terminate(th);
        l.current = proceed;
        l.emit(new Op.Assign(pending, CodeBlock.of("null"), false));
        l.terminate(finallyExit(frame));
        l.current = after;
    }
}
