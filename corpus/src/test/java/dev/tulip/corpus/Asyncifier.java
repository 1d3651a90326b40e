package dev.tulip.corpus;

import com.sun.source.tree.AssertTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeParameterTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Rewrites every method of a class into an {@code @Async} method, by precise text edits on the source.
 *
 * <p>For a method {@code mods <P> R name(params) throws X { body }} of a top-level class {@code C}, it writes
 * <ul>
 *   <li>the entry point, with the original signature: outside a coroutine it runs
 *       {@code CAsync.name$async(...)} to completion on a virtual-time loop ({@link Sync#run}); inside a
 *       running loop (the method called from a lambda or a {@code toString()} inside another coroutine,
 *       where a loop cannot be nested) it runs the original body, which it keeps;</li>
 *   <li>{@code @Async static? <P> Coroutine<Boxed R> name$async(params) throws X}, the body with
 *       {@code return done(...)}, an await before every statement of every block (alternately
 *       {@code await(sleep(0))}, which suspends, and {@code await(completedFuture(null))}, which completes
 *       at once), calls of the class's other asyncified methods awaited on their coroutines, and every
 *       other call of a non-generic method with a nameable result wrapped in
 *       {@code await(completedFuture(call))}.</li>
 * </ul>
 * Lambdas, anonymous and local class bodies, {@code synchronized} blocks and {@code assert}s stay plain
 * (Tulip rejects awaits there). Methods that cannot become coroutines are left alone, with the reason.
 */
final class Asyncifier {
    private static final String T = "dev.tulip.Tulip.";
    private static final String SUSPEND = T + "await(" + T + "sleep(0));";
    private static final String AT_ONCE = T + "await(java.util.concurrent.CompletableFuture.completedFuture(null));";

    /** What became of one method. */
    record Outcome(String method, boolean asyncified, String reason) {}

    private final JavacTask task;
    private final Trees trees;
    private final List<Outcome> outcomes = new ArrayList<>();

    Asyncifier(JavacTask task) {
        this.task = task;
        this.trees = Trees.instance(task);
    }

    List<Outcome> outcomes() {
        return outcomes;
    }

    /**
     * One text edit: {@code text} inserted at {@code pos}; {@code rank} orders insertions at one position.
     * In the class-level list, {@code rank} is instead the end of the range {@code text} replaces.
     */
    private record Edit(long pos, long rank, String text) {}

    /**
     * Rewrites the top-level classes of {@code unit}.
     *
     * @return the new source text
     */
    String rewrite(CompilationUnitTree unit, String source) {
        // Which methods become coroutines, in every class of the unit: calls between them are awaited.
        Map<Element, MethodTree> chosen = new LinkedHashMap<>();
        for (Tree type : unit.getTypeDecls()) {
            if (type instanceof ClassTree c) {
                choose(unit, c, c.getSimpleName().toString(), chosen);
            }
        }
        List<Edit> edits = new ArrayList<>();
        for (Tree type : unit.getTypeDecls()) {
            if (type instanceof ClassTree c) {
                rewriteClass(unit, source, c, c.getSimpleName().toString(), chosen, edits);
            }
        }
        edits.sort(Comparator.comparingLong(Edit::pos));
        StringBuilder out = new StringBuilder(source);
        for (int i = edits.size() - 1; i >= 0; i--) {
            Edit e = edits.get(i);
            out.replace((int) e.pos(), (int) e.rank(), e.text());
        }
        return out.toString();
    }

    /** Whether the tool rewrites the methods of a class of this kind. */
    private static boolean rewritable(ClassTree c) {
        return c.getKind() == Tree.Kind.CLASS || c.getKind() == Tree.Kind.ENUM || c.getKind() == Tree.Kind.RECORD;
    }

    /**
     * Records the outcome of every method of {@code c} and its member classes, and adds the methods that
     * become coroutines to {@code chosen}.
     *
     * @param name the class's name relative to its top-level class ({@code Outer.Inner})
     */
    private void choose(CompilationUnitTree unit, ClassTree c, String name, Map<Element, MethodTree> chosen) {
        for (Tree m : c.getMembers()) {
            if (m instanceof MethodTree mt) {
                String why = rewritable(c) ? reasonNot(mt) : mt.getBody() == null ? ""
                        : "declared in " + article(c.getKind()) + " (tool: not yet)";
                String method = name + "." + mt.getName() + signature(mt);
                if (why == null) {
                    chosen.put(trees.getElement(TreePath.getPath(unit, mt)), mt);
                    outcomes.add(new Outcome(method, true, null));
                } else if (!why.isEmpty()) {
                    outcomes.add(new Outcome(method, false, why));
                }
            } else if (m instanceof ClassTree inner) {
                choose(unit, inner, name + "." + inner.getSimpleName(), chosen);
            }
        }
    }

    private static String article(Tree.Kind kind) {
        String k = kind.toString().toLowerCase().replace('_', ' ');
        return ("aeiou".indexOf(k.charAt(0)) >= 0 ? "an " : "a ") + k;
    }

    /** Rewrites the chosen methods of {@code c} and of its member classes. */
    private void rewriteClass(CompilationUnitTree unit, String source, ClassTree c, String name,
            Map<Element, MethodTree> chosen, List<Edit> edits) {
        StringBuilder added = new StringBuilder();
        for (Tree m : c.getMembers()) {
            if (m instanceof MethodTree mt && chosen.containsKey(trees.getElement(TreePath.getPath(unit, mt)))) {
                // Outer.Inner's companion is Outer_InnerAsync
                rewriteMethod(unit, source, name.replace('.', '_') + "Async", mt, chosen.keySet(), edits, added);
            } else if (m instanceof ClassTree inner) {
                rewriteClass(unit, source, inner, name + "." + inner.getSimpleName(), chosen, edits);
            }
        }
        if (added.length() > 0) {
            long end = trees.getSourcePositions().getEndPosition(unit, c) - 1; // the class's closing brace
            edits.add(new Edit(end, end, added.toString()));
        }
    }

    /** Why a method is not asyncified; "" for members that are no methods to count (constructors). */
    private static String reasonNot(MethodTree m) {
        if (m.getName().contentEquals("<init>")) {
            return "";
        }
        Set<Modifier> mods = m.getModifiers().getFlags();
        if (m.getBody() == null) {
            return mods.contains(Modifier.NATIVE) ? "native" : "abstract";
        }
        return null;
    }

    private static String signature(MethodTree m) {
        StringBuilder s = new StringBuilder("(");
        for (VariableTree p : m.getParameters()) {
            if (s.length() > 1) {
                s.append(", ");
            }
            s.append(p.getType());
        }
        return s.append(')').toString();
    }

    private void rewriteMethod(CompilationUnitTree unit, String source, String companion, MethodTree m,
            Set<Element> chosen, List<Edit> edits, StringBuilder added) {
        SourcePositions pos = trees.getSourcePositions();
        boolean isStatic = m.getModifiers().getFlags().contains(Modifier.STATIC);
        boolean isVoid = m.getReturnType().toString().equals("void");
        BlockTree body = m.getBody();
        String bodyText = source.substring((int) pos.getStartPosition(unit, body),
                (int) pos.getEndPosition(unit, body));
        String asyncName = m.getName() + "$async";

        // The entry point: the original method, with its original body kept for nested calls.
        StringBuilder args = new StringBuilder();
        if (!isStatic) {
            args.append("this");
        }
        for (VariableTree p : m.getParameters()) {
            if (args.length() > 0) {
                args.append(", ");
            }
            args.append(p.getName());
        }
        String call = "dev.tulip.corpus.Sync.run(" + companion + "." + asyncName + "(" + args + "))";
        String entry = "{\n        if (dev.tulip.corpus.Sync.nested()) " + (isVoid
                ? "{ if (true) " + bodyText + " return; }\n        " + call + ";\n    }"
                : bodyText + "\n        return " + call + ";\n    }");
        long bodyStart = pos.getStartPosition(unit, body);
        long bodyEnd = pos.getEndPosition(unit, body);

        // The coroutine: a copy of the method's text with edits local to it.
        List<Edit> local = new ArrayList<>();
        String result = m.getReturnType().toString();
        boolean primitive = m.getReturnType() instanceof com.sun.source.tree.PrimitiveTypeTree && !isVoid;
        new BodyEditor(unit, chosen, local, primitive ? result : null).scan(body, null);
        edits.add(new Edit(bodyStart, bodyEnd, entry));
        local.sort(Comparator.comparingLong(Edit::pos).thenComparingLong(Edit::rank));
        StringBuilder b = new StringBuilder(bodyText);
        for (int i = local.size() - 1; i >= 0; i--) {
            Edit e = local.get(i);
            b.insert((int) (e.pos() - bodyStart), e.text());
        }
        String newBody = isVoid ? "{\n        if (true) " + b + "\n        return " + T + "done();\n    }" : b.toString();

        // private: a subclass's coroutine of an override with a covariant result (Coroutine<SortedSet<E>>
        // against Coroutine<Set<E>>) would neither override nor hide it; the entry point dispatches.
        StringBuilder h = new StringBuilder("\n    @dev.tulip.Async\n    private ");
        if (isStatic) {
            h.append("static ");
        }
        if (!m.getTypeParameters().isEmpty()) {
            h.append('<');
            for (int i = 0; i < m.getTypeParameters().size(); i++) {
                TypeParameterTree tp = m.getTypeParameters().get(i);
                h.append(i == 0 ? "" : ", ").append(text(unit, source, tp));
            }
            h.append("> ");
        }
        h.append("dev.tulip.Coroutine<").append(boxed(unit, source, m.getReturnType())).append("> ")
                .append(asyncName).append('(');
        for (int i = 0; i < m.getParameters().size(); i++) {
            VariableTree p = m.getParameters().get(i);
            h.append(i == 0 ? "" : ", ").append(stripAnnotations(text(unit, source, p)));
        }
        h.append(')');
        if (!m.getThrows().isEmpty()) {
            h.append(" throws ");
            for (int i = 0; i < m.getThrows().size(); i++) {
                h.append(i == 0 ? "" : ", ").append(text(unit, source, m.getThrows().get(i)));
            }
        }
        added.append(h).append(' ').append(newBody).append('\n');
    }

    private static String stripAnnotations(String param) {
        return param.replaceAll("@\\w+(\\.\\w+)*(\\([^)]*\\))?\\s*", "");
    }

    private String text(CompilationUnitTree unit, String source, Tree t) {
        SourcePositions pos = trees.getSourcePositions();
        return source.substring((int) pos.getStartPosition(unit, t), (int) pos.getEndPosition(unit, t));
    }

    private String boxed(CompilationUnitTree unit, String source, Tree type) {
        String s = text(unit, source, type);
        return switch (s) {
            case "void" -> "Void";
            case "boolean" -> "Boolean";
            case "byte" -> "Byte";
            case "char" -> "Character";
            case "short" -> "Short";
            case "int" -> "Integer";
            case "long" -> "Long";
            case "float" -> "Float";
            case "double" -> "Double";
            default -> s;
        };
    }

    /** Collects the edits inside one method body; does not descend into plain code. */
    private final class BodyEditor extends TreeScanner<Void, Void> {
        private final CompilationUnitTree unit;
        private final Set<Element> chosen;
        private final List<Edit> edits;
        private final SourcePositions pos;
        private int depth;
        private int statements;
        private int calls;
        private int noAwait;

        /** The method's result type when primitive (not void), else null. */
        private final String primitiveResult;

        BodyEditor(CompilationUnitTree unit, Set<Element> chosen, List<Edit> edits, String primitiveResult) {
            this.primitiveResult = primitiveResult;
            this.unit = unit;
            this.chosen = chosen;
            this.edits = edits;
            this.pos = trees.getSourcePositions();
        }

        @Override
        public Void scan(Tree tree, Void p) {
            depth++;
            try {
                return super.scan(tree, p);
            } finally {
                depth--;
            }
        }

        // Plain code: no awaits, no done().
        @Override
        public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
            return null;
        }

        @Override
        public Void visitClass(ClassTree node, Void p) {
            return null;
        }

        // No awaits inside (Tulip rejects them there), but its returns still end the coroutine.
        @Override
        public Void visitSynchronized(SynchronizedTree node, Void p) {
            noAwait++;
            try {
                return super.visitSynchronized(node, p);
            } finally {
                noAwait--;
            }
        }

        @Override
        public Void visitAssert(AssertTree node, Void p) {
            return null;
        }

        @Override
        public Void visitBlock(BlockTree node, Void p) {
            if (noAwait == 0) {
                awaitBefore(node.getStatements());
            }
            return super.visitBlock(node, p);
        }

        @Override
        public Void visitCase(CaseTree node, Void p) {
            if (node.getCaseKind() == CaseTree.CaseKind.STATEMENT && noAwait == 0) {
                awaitBefore(node.getStatements());
            }
            // labels are constants: only the body is scanned
            if (node.getCaseKind() == CaseTree.CaseKind.RULE) {
                scan(node.getBody(), p);
            } else {
                scan(node.getStatements(), p);
            }
            return null;
        }

        private void awaitBefore(List<? extends StatementTree> block) {
            for (StatementTree s : block) {
                if (s.getKind() == Tree.Kind.CLASS) {
                    continue;
                }
                edits.add(new Edit(pos.getStartPosition(unit, s), depth,
                        (statements++ % 2 == 0 ? SUSPEND : AT_ONCE) + " "));
            }
        }

        @Override
        public Void visitReturn(ReturnTree node, Void p) {
            long start = pos.getStartPosition(unit, node);
            if (node.getExpression() == null) {
                // "return;" -> "return dev.tulip.Tulip.done();"
                edits.add(new Edit(start + "return".length(), depth, " " + T + "done()"));
            } else {
                // a primitive result keeps the return's assignment conversion (return 0; in a long method)
                String conv = primitiveResult == null ? "" : "(" + primitiveResult + ") (";
                edits.add(new Edit(pos.getStartPosition(unit, node.getExpression()), depth, T + "done(" + conv));
                edits.add(new Edit(pos.getEndPosition(unit, node.getExpression()), -depth, conv.isEmpty() ? ")" : "))"));
            }
            return super.visitReturn(node, p);
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree node, Void p) {
            TreePath path = trees.getPath(unit, node);
            Element target = path == null ? null : trees.getElement(path);
            ExpressionTree select = node.getMethodSelect();
            boolean own = target != null && chosen.contains(target) && node.getTypeArguments().isEmpty()
                    && !overridable(target) && sameTopLevel(target, path)
                    && (select instanceof IdentifierTree
                        || select instanceof MemberSelectTree ms && isThisOrClass(ms.getExpression()));
            long start = pos.getStartPosition(unit, node);
            long end = pos.getEndPosition(unit, node);
            if (noAwait > 0) {
                return super.visitMethodInvocation(node, p);
            }
            if (own) {
                // a call of another asyncified method of this class: await its coroutine
                TypeMirror result = ((javax.lang.model.element.ExecutableElement) target).getReturnType();
                // a cast back to the primitive, unless the value is dropped (a cast is not a statement)
                boolean dropped = path.getParentPath().getLeaf().getKind() == Tree.Kind.EXPRESSION_STATEMENT;
                String cast = result.getKind().isPrimitive() && !dropped ? "(" + result + ") " : "";
                edits.add(new Edit(pos.getEndPosition(unit, select), 0, "$async"));
                edits.add(new Edit(start, depth, cast.isEmpty() ? T + "await(" : "(" + cast + T + "await("));
                edits.add(new Edit(end, -depth, cast.isEmpty() ? ")" : "))"));
            } else if (target != null && calls++ % 2 == 0 && wrappable(path, target)) {
                TypeMirror type = trees.getTypeMirror(path);
                String cast = type.getKind().isPrimitive() ? "(" + type + ") " : "";
                String open = T + "await(java.util.concurrent.CompletableFuture.completedFuture(";
                edits.add(new Edit(start, depth, cast.isEmpty() ? open : "(" + cast + open));
                edits.add(new Edit(end, -depth, cast.isEmpty() ? "))" : ")))"));
            }
            return super.visitMethodInvocation(node, p);
        }

        /**
         * Whether a call of the method dispatches on the receiver's class: then it stays a plain call of
         * the entry point, since awaiting the coroutine (private) would skip an override.
         */
        private boolean overridable(Element m) {
            Set<Modifier> mods = m.getModifiers();
            Element owner = m.getEnclosingElement();
            return !mods.contains(Modifier.STATIC) && !mods.contains(Modifier.PRIVATE) && !mods.contains(Modifier.FINAL)
                    && !owner.getModifiers().contains(Modifier.FINAL) && owner.getKind() != ElementKind.ENUM
                    && owner.getKind() != ElementKind.RECORD;
        }

        /** Whether the method is in the caller's top-level class (which may call its private coroutine). */
        private boolean sameTopLevel(Element m, TreePath path) {
            return outermost(m) == outermost(enclosingClass(path));
        }

        private Element enclosingClass(TreePath path) {
            for (TreePath p = path; p != null; p = p.getParentPath()) {
                if (p.getLeaf() instanceof ClassTree) {
                    return trees.getElement(p);
                }
            }
            return null;
        }

        private Element outermost(Element e) {
            while (e != null && e.getEnclosingElement() != null
                    && e.getEnclosingElement().getKind() != ElementKind.PACKAGE) {
                e = e.getEnclosingElement();
            }
            return e;
        }

        private boolean isThisOrClass(ExpressionTree e) {
            if (e instanceof IdentifierTree id) {
                Element el = trees.getElement(trees.getPath(unit, e));
                return id.getName().contentEquals("this") || el != null && el.getKind().isClass();
            }
            return false;
        }

        /** A call whose result can go through completedFuture unchanged: non-generic, a nameable type. */
        private boolean wrappable(TreePath path, Element target) {
            if (!(target instanceof javax.lang.model.element.ExecutableElement ex)
                    || !ex.getTypeParameters().isEmpty() || target.getKind() != ElementKind.METHOD) {
                return false;
            }
            Tree parent = path.getParentPath().getLeaf();
            if (parent.getKind() == Tree.Kind.EXPRESSION_STATEMENT) {
                return false; // its value is dropped: nothing to wrap
            }
            TypeMirror type = trees.getTypeMirror(path);
            if (type == null || type.getKind() == TypeKind.VOID || type.getKind() == TypeKind.ERROR) {
                return false;
            }
            String s = type.toString();
            return !s.contains("capture") && !s.contains("&") && !s.contains("<anonymous") && !s.contains("?");
        }
    }
}
