package dev.tulip.processor.analysis;

import com.sun.source.tree.AssertTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import dev.tulip.processor.model.AsyncMethod;
import dev.tulip.processor.model.Env;
import dev.tulip.processor.model.KnownNames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Validates an attributed {@code @Async} body and records what the lowering needs: which trees
 * suspend (contain an await, an {@code async for} or an async try-with-resources), which locals are
 * reassigned, and the rejected forms, each reported once at its exact position.
 */
public final class BodyAnalysis {
    private final Env env;
    private final AsyncMethod method;
    private final PathIndex index;
    /** Every tree that contains a suspension point, itself included. */
    private final Set<Tree> suspending = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Tree> awaits = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Element> reassigned = new HashSet<>();
    private boolean failed;

    public BodyAnalysis(Env env, AsyncMethod method, PathIndex index) {
        this.env = env;
        this.method = method;
        this.index = index;
    }

    /** Runs the analysis; false if an error was reported. */
    public boolean run() {
        new Scanner().scan(new TreePath(method.path, method.tree.getBody()), null);
        return !failed;
    }

    public boolean suspends(Tree tree) {
        return tree != null && suspending.contains(tree);
    }

    public boolean isAwait(Tree tree) {
        return awaits.contains(tree);
    }

    /** True if the local is assigned anywhere after its declaration (not effectively final). */
    public boolean isReassigned(Element local) {
        return reassigned.contains(local);
    }

    public boolean isAsyncIterable(TypeMirror type) {
        return isSubtypeOf(type, KnownNames.ASYNC_ITERABLE);
    }

    public boolean isAsyncCloseable(TypeMirror type) {
        return isSubtypeOf(type, KnownNames.ASYNC_CLOSEABLE);
    }

    public boolean isAsyncContextManager(TypeMirror type) {
        return isSubtypeOf(type, KnownNames.ASYNC_CONTEXT_MANAGER);
    }

    private boolean isSubtypeOf(TypeMirror type, String name) {
        if (type == null || type.getKind() != TypeKind.DECLARED && type.getKind() != TypeKind.TYPEVAR
                && type.getKind() != TypeKind.INTERSECTION) {
            return false;
        }
        javax.lang.model.element.TypeElement target = env.elements.getTypeElement(name);
        return target != null && env.types.isSubtype(env.types.erasure(type), env.types.erasure(target.asType()));
    }

    private void error(TreePath path, String message) {
        failed = true;
        env.diagnostics.error(path, message);
    }

    /**
     * A local or anonymous class extending or implementing a private member class of the user's code:
     * the generated class could not name its supertype. Reported here, at the supertype, because
     * javac does not attribute the rest of the body then (which would only give confusing errors).
     */
    private boolean extendsPrivateClass(ClassTree node) {
        TreePath at = index.path(node);
        Tree parent = at.getParentPath().getLeaf();
        List<Tree> supers = new ArrayList<>();
        if (parent instanceof NewClassTree && ((NewClassTree) parent).getClassBody() == node) {
            supers.add(((NewClassTree) parent).getIdentifier());
        } else {
            if (node.getExtendsClause() != null) {
                supers.add(node.getExtendsClause());
            }
            supers.addAll(node.getImplementsClause());
        }
        dev.tulip.processor.access.Access access = new dev.tulip.processor.access.Access(env, method.owner);
        for (Tree sup : supers) {
            Element e = memberTypeNamed(sup);
            if (e == null || access.canName(e)) {
                continue;
            }
            String name = ((javax.lang.model.element.TypeElement) e).getQualifiedName().toString();
            String pkg = env.elements.getPackageOf(e).getQualifiedName().toString();
            error(index.path(sup), "Tulip cannot compile " + (parent instanceof NewClassTree ? "an anonymous class"
                    : "a local class") + " extending or implementing the private class "
                    + (pkg.isEmpty() ? name : name.substring(pkg.length() + 1)) + " in @Async method '"
                    + method.element.getSimpleName() + "' (declare a nested class of the enclosing class instead)");
            return true;
        }
        return false;
    }

    /**
     * The member class a supertype tree names ({@code Item}, {@code Box.Slot}, {@code Item<T>}), or
     * null. By name, among the member classes of the method's class and its enclosing classes: javac
     * leaves the body unattributed when a local class extends a private member class, so the tree
     * has no element to ask.
     */
    private Element memberTypeNamed(Tree tree) {
        Element attributed = index.element(tree);
        if (attributed != null && attributed.getKind() != ElementKind.OTHER) {
            return dev.tulip.processor.emit.TypeNames.isLocalClass(attributed) ? null : attributed;
        }
        if (tree instanceof com.sun.source.tree.ParameterizedTypeTree) {
            return memberTypeNamed(((com.sun.source.tree.ParameterizedTypeTree) tree).getType());
        }
        if (tree instanceof IdentifierTree) {
            for (Element c = method.owner; c instanceof javax.lang.model.element.TypeElement; c = c.getEnclosingElement()) {
                Element found = memberType(c, ((IdentifierTree) tree).getName());
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (tree instanceof MemberSelectTree) {
            Element outer = memberTypeNamed(((MemberSelectTree) tree).getExpression());
            return outer == null ? null : memberType(outer, ((MemberSelectTree) tree).getIdentifier());
        }
        return null;
    }

    private static Element memberType(Element owner, javax.lang.model.element.Name name) {
        for (Element e : owner.getEnclosedElements()) {
            if (e instanceof javax.lang.model.element.TypeElement && e.getSimpleName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private void markSuspending(TreePath path) {
        for (TreePath p = path; p != null && p.getLeaf() != method.tree; p = p.getParentPath()) {
            if (!suspending.add(p.getLeaf())) {
                break;
            }
        }
    }

    private final class Scanner extends TreePathScanner<Void, Void> {
        /** Depth of lambdas and class bodies inside the method: code that runs in another frame. */
        private int lambdaDepth;
        private int classDepth;
        private int synchronizedDepth;
        private int assertDepth;

        @Override
        public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
            Element callee = index.element(node);
            if (Markers.isAwait(callee)) {
                if (method.kind == AsyncMethod.Kind.GENERATOR) {
                    error(getCurrentPath(), "await(...) cannot be used in a @Generator.Method: a plain generator runs"
                            + " inside next(), outside any event loop. Make it an @Async method returning"
                            + " AsyncGenerator<T> to both await and yield");
                } else {
                    checkPlacement(getCurrentPath(), "await(...)");
                }
            } else if (Markers.isYield(callee) || Markers.isYieldFrom(callee)) {
                String what = Markers.isYield(callee) ? "Tulip.yield(...)" : "Tulip.yieldFrom(...)";
                if (method.kind == AsyncMethod.Kind.COROUTINE) {
                    error(getCurrentPath(), what + " cannot be used in an @Async method returning Coroutine<T>: to"
                            + " yield values, return AsyncGenerator<T> (or make a plain generator with"
                            + " @Generator.Method returning Generator<T>)");
                } else if (Markers.isYieldFrom(callee) && method.kind == AsyncMethod.Kind.ASYNC_GENERATOR) {
                    error(getCurrentPath(), "Tulip.yieldFrom(...) cannot be used in an asynchronous generator (as in"
                            + " Python): iterate the source with a for-each and Tulip.yield each value");
                } else {
                    checkPlacement(getCurrentPath(), what);
                    if (Markers.isYield(callee) && !node.getArguments().isEmpty()) {
                        checkYieldedType(new TreePath(getCurrentPath(), node.getArguments().get(0)));
                    }
                }
            }
            return super.visitMethodInvocation(node, unused);
        }

        /**
         * {@code Tulip.yield} takes an Object (it is one marker for every generator), so javac checks
         * nothing: the value must fit the generator's element type. A conditional or switch expression
         * is typed by that Object target, so each of its results is checked instead.
         */
        private void checkYieldedType(TreePath value) {
            ExpressionTree e = (ExpressionTree) value.getLeaf();
            while (e.getKind() == Tree.Kind.PARENTHESIZED) {
                e = ((com.sun.source.tree.ParenthesizedTree) e).getExpression();
                value = new TreePath(value, e);
            }
            TypeMirror type = index.type(e);
            if (type == null || type.getKind() == TypeKind.ERROR || YieldedValues.fits(env, type, method.resultType)) {
                return;
            }
            java.util.List<TreePath> results = YieldedValues.results(value);
            if (!results.isEmpty()) {
                results.forEach(this::checkYieldedType);
                return;
            }
            error(value, "this generator yields " + method.resultType + " values, not " + type + ": yield a "
                    + method.resultType + " (Tulip.yield takes an Object, so javac does not check this)");
        }

        private void checkPlacement(TreePath path, String what) {
            String frame = method.kind == AsyncMethod.Kind.GENERATOR ? "generator" : "coroutine";
            if (lambdaDepth > 0) {
                error(path, what + " cannot be used inside a lambda: the lambda body is a separate function that"
                        + " runs later, outside this " + frame + ". Move the work into an @Async method and await it"
                        + " here, or schedule it with createTask(...)");
            } else if (classDepth > 0) {
                error(path, what + " cannot be used inside an anonymous or local class: its methods run outside"
                        + " this " + frame + ". Make the method an @Async method of a named class and await it here");
            } else if (synchronizedDepth > 0) {
                error(path, what + " cannot be used inside a synchronized block: the " + frame + " would suspend"
                        + " while holding the monitor. Use a dev.tulip.Lock instead:"
                        + " try (var held = await(lock.acquire())) { ... }");
            } else if (inCaseGuard(path)) {
                error(path, what + " cannot be used in a case guard ('when'): the guards are part of the switch's"
                        + " dispatch, which cannot suspend. Await the value before the switch, or test it inside the"
                        + " case's body");
            } else if (assertDepth > 0) {
                error(path, what + " cannot be used inside an assert statement: assertions may be disabled, which"
                        + " would skip the suspension. Compute into a local first, then assert on it");
            } else {
                awaits.add(path.getLeaf());
                markSuspending(path);
            }
        }

        /** True if the path runs through the guard of a case ({@code case X x when ...}, Java 21). */
        private boolean inCaseGuard(TreePath path) {
            Tree child = path.getLeaf();
            for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
                if (p.getLeaf() instanceof com.sun.source.tree.CaseTree
                        && CaseLabels.guard((com.sun.source.tree.CaseTree) p.getLeaf()) == child) {
                    return true;
                }
                child = p.getLeaf();
            }
            return false;
        }

        @Override
        public Void visitMemberReference(MemberReferenceTree node, Void unused) {
            Element target = index.element(node);
            if (Markers.isAwait(target)) {
                error(getCurrentPath(), "await cannot be used as a method reference: it is a marker that Tulip compiles"
                        + " into a suspension point. Call await(x) directly in the @Async method");
            }
            return super.visitMemberReference(node, unused);
        }

        @Override
        public Void visitYield(com.sun.source.tree.YieldTree node, Void unused) {
            // Since Java 14 an unqualified yield(x); is the yield statement of switch expressions, even
            // with Tulip.yield imported statically: outside a switch expression it is javac's error, and
            // almost always meant Tulip.yield.
            for (TreePath p = getCurrentPath().getParentPath(); p != null; p = p.getParentPath()) {
                Tree.Kind kind = p.getLeaf().getKind();
                if (kind == Tree.Kind.SWITCH_EXPRESSION) {
                    return super.visitYield(node, unused);
                }
                if (kind == Tree.Kind.LAMBDA_EXPRESSION || kind == Tree.Kind.METHOD || p.getLeaf() instanceof ClassTree) {
                    break;
                }
            }
            error(getCurrentPath(), "this 'yield' is Java's yield statement, which belongs in a switch expression:"
                    + " Java reads an unqualified yield(...) that way, even with Tulip.yield imported. To yield a value"
                    + " from this generator, write Tulip.yield(...)");
            return null;
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
            lambdaDepth++;
            try {
                return super.visitLambdaExpression(node, unused);
            } finally {
                lambdaDepth--;
            }
        }

        @Override
        public Void visitClass(ClassTree node, Void unused) {
            if (extendsPrivateClass(node)) {
                return null;
            }
            classDepth++;
            try {
                return super.visitClass(node, unused);
            } finally {
                classDepth--;
            }
        }

        @Override
        public Void visitNewClass(NewClassTree node, Void unused) {
            // Arguments and the enclosing expression run here; only the body is another frame.
            scan(node.getEnclosingExpression(), unused);
            scan(node.getIdentifier(), unused);
            scan(node.getTypeArguments(), unused);
            scan(node.getArguments(), unused);
            scan(node.getClassBody(), unused);
            return null;
        }

        @Override
        public Void visitSynchronized(SynchronizedTree node, Void unused) {
            scan(node.getExpression(), unused);
            synchronizedDepth++;
            try {
                scan(node.getBlock(), unused);
            } finally {
                synchronizedDepth--;
            }
            return null;
        }

        @Override
        public Void visitAssert(AssertTree node, Void unused) {
            assertDepth++;
            try {
                return super.visitAssert(node, unused);
            } finally {
                assertDepth--;
            }
        }

        @Override
        public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void unused) {
            super.visitEnhancedForLoop(node, unused);
            if (lambdaDepth == 0 && classDepth == 0 && isAsyncIterable(index.type(node.getExpression()))) {
                if (synchronizedDepth > 0) {
                    error(getCurrentPath(), "a for-each over an AsyncIterable awaits each element, which cannot happen"
                            + " inside a synchronized block. Use a dev.tulip.Lock instead");
                } else {
                    markSuspending(getCurrentPath());
                }
            }
            return null;
        }

        @Override
        public Void visitTry(TryTree node, Void unused) {
            super.visitTry(node, unused);
            if (lambdaDepth == 0 && classDepth == 0) {
                for (Tree resource : node.getResources()) {
                    TypeMirror type = resource instanceof VariableTree
                            ? index.type(((VariableTree) resource).getType() == null ? resource
                                    : ((VariableTree) resource).getType())
                            : index.type(resource);
                    if (resource instanceof VariableTree) {
                        Element v = index.element(resource);
                        if (v != null) {
                            type = v.asType();
                        }
                    }
                    if (isAsyncCloseable(type) || isAsyncContextManager(type)) {
                        if (synchronizedDepth > 0) {
                            error(getCurrentPath(), "an async try-with-resources awaits when it exits, which cannot"
                                    + " happen inside a synchronized block. Use a dev.tulip.Lock instead");
                        } else {
                            markSuspending(getCurrentPath());
                        }
                    }
                }
            }
            return null;
        }

        @Override
        public Void visitReturn(ReturnTree node, Void unused) {
            if (lambdaDepth == 0 && classDepth == 0) {
                ExpressionTree e = node.getExpression();
                Element marker = e instanceof MethodInvocationTree ? index.element(e) : null;
                switch (method.kind) {
                    case COROUTINE:
                        if (!Markers.isDone(marker) && !(marker == null && failed)) { // not on an unattributed tree
                            error(getCurrentPath(), "an @Async method returns with 'return done(value);' (or 'return"
                                    + " done();'). To return another coroutine's result, write"
                                    + " 'return done(await(coroutine));'");
                        }
                        break;
                    case GENERATOR:
                        if (!Markers.isDoneYielding(marker)) {
                            error(getCurrentPath(), "a generator returns with 'return Tulip.doneYielding();' (or 'return"
                                    + " Tulip.doneYielding(value);' to give a return value, Python's StopIteration.value)");
                        }
                        break;
                    default:
                        if (!Markers.isDoneYielding(marker)
                                || !((MethodInvocationTree) e).getArguments().isEmpty()) {
                            error(getCurrentPath(), "an asynchronous generator returns with 'return"
                                    + " Tulip.doneYielding();' and no value (as in Python)");
                        }
                }
            }
            return super.visitReturn(node, unused);
        }

        @Override
        public Void visitAssignment(AssignmentTree node, Void unused) {
            noteAssigned(node.getVariable());
            return super.visitAssignment(node, unused);
        }

        @Override
        public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
            noteAssigned(node.getVariable());
            return super.visitCompoundAssignment(node, unused);
        }

        @Override
        public Void visitUnary(UnaryTree node, Void unused) {
            switch (node.getKind()) {
                case PREFIX_INCREMENT:
                case PREFIX_DECREMENT:
                case POSTFIX_INCREMENT:
                case POSTFIX_DECREMENT:
                    noteAssigned(node.getExpression());
                    break;
                default:
                    break;
            }
            return super.visitUnary(node, unused);
        }

        @Override
        public Void visitMemberSelect(MemberSelectTree node, Void unused) {
            // super.m(...) works (a handle on the superclass's implementation); a field of the superclass
            // is read as this.field or through a cast, so only that form is refused.
            if (classDepth == 0 && node.getExpression() instanceof IdentifierTree
                    && ((IdentifierTree) node.getExpression()).getName().contentEquals("super")
                    && !(getCurrentPath().getParentPath().getLeaf() instanceof MethodInvocationTree
                            && ((MethodInvocationTree) getCurrentPath().getParentPath().getLeaf()).getMethodSelect() == node)) {
                error(getCurrentPath(), "'super." + node.getIdentifier() + "' cannot be used in an @Async method:"
                        + " the state machine is another class. Write 'this." + node.getIdentifier() + "' (or cast"
                        + " this to the superclass) to read the superclass's field");
            }
            return super.visitMemberSelect(node, unused);
        }

        private void noteAssigned(ExpressionTree target) {
            while (target.getKind() == Tree.Kind.PARENTHESIZED) {
                target = ((com.sun.source.tree.ParenthesizedTree) target).getExpression();
            }
            if (target instanceof IdentifierTree) {
                Element e = index.element(target);
                if (e != null && e.getKind() != ElementKind.FIELD) {
                    reassigned.add(e);
                }
            }
        }
    }
}
