package dev.tulip.processor.analysis;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import dev.tulip.processor.model.Companions;
import dev.tulip.processor.model.Env;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Checks the code outside {@code @Async} methods: {@code await(...)} there is an error (it would
 * throw when run), and so is a direct call to an {@code @Async} method (it would run nothing: the
 * generated factory is what returns the coroutine). Only trees whose name could match are attributed,
 * so plain code costs a syntactic scan.
 */
public final class PlainCodeCheck {
    private final Env env;
    private final RecordConstructorCheck records;
    /** Classes javac cannot attribute twice (see {@link #isSafeToAttribute}), by class. */
    private final java.util.Map<TypeElement, Boolean> safe = new java.util.HashMap<>();

    public PlainCodeCheck(Env env, RecordConstructorCheck records) {
        this.env = env;
        this.records = records;
    }

    public void check(Collection<? extends Element> roots, Collection<TypeElement> asyncOwners) {
        Set<String> asyncNames = new HashSet<>();
        asyncNames.add("await");
        asyncNames.add("yield");
        asyncNames.add("yieldFrom");
        for (TypeElement owner : asyncOwners) {
            for (Element m : owner.getEnclosedElements()) {
                if (Markers.isCompiledMethod(m)) {
                    asyncNames.add(m.getSimpleName().toString());
                }
            }
        }
        for (Element root : roots) {
            if (!(root instanceof TypeElement) || isGenerated(root)) {
                continue;
            }
            TreePath path = env.trees.getPath(root);
            if (path != null) {
                new Scanner(asyncNames).scan(path, null);
            }
        }
    }

    /**
     * False if attributing {@code c} now would make javac fail on code that is fine: a record's
     * canonical constructor with a body ({@link RecordConstructorCheck}) or a {@code var} holding an
     * anonymous class ({@link AnonymousVarCheck}). Plain code is only checked for misuse, so such a
     * class is left unchecked rather than broken: a misplaced await still fails when run, with a
     * message saying what to do.
     */
    private boolean isSafeToAttribute(TypeElement c) {
        return safe.computeIfAbsent(c, k -> {
            for (TypeElement top : AttributedClasses.with(env, k)) {
                TreePath path = env.trees.getPath(top);
                if (!records.find(path).isEmpty() || AnonymousVarCheck.mayDeclareOne(path)) {
                    return false;
                }
            }
            return true;
        });
    }

    private static boolean isGenerated(Element root) {
        return root.getAnnotationMirrors().stream().anyMatch(a -> a.getAnnotationType().toString()
                .equals("javax.annotation.processing.Generated") && a.toString().contains("dev.tulip.processor"));
    }

    private final class Scanner extends TreePathScanner<Void, Void> {
        private final Set<String> names;
        /** The enclosing method or field whose scope attributes a candidate, once attributed. */
        private TreePath attributed;

        Scanner(Set<String> names) {
            this.names = names;
        }

        @Override
        public Void visitMethod(MethodTree node, Void unused) {
            Element m = env.trees.getElement(getCurrentPath());
            if (m == null && isInLocalClass(getCurrentPath()) && hasAsyncAnnotation(node)) {
                env.diagnostics.error(getCurrentPath(), "@Async methods must be declared in a named top-level or"
                        + " member class: the generated companion class must be able to name this local or"
                        + " anonymous class. Move the method to a named class");
                return null;
            }
            if (Markers.isCompiledMethod(m)) {
                Element owner = m.getEnclosingElement();
                if (owner instanceof TypeElement && ((TypeElement) owner).getNestingKind().isNested()
                        && ((TypeElement) owner).getNestingKind() != javax.lang.model.element.NestingKind.MEMBER) {
                    env.diagnostics.error(getCurrentPath(), "@Async methods must be declared in a named top-level or"
                            + " member class: the generated companion class must be able to name this local or"
                            + " anonymous class. Move the method to a named class");
                }
                return null; // checked by the compilation of the method itself
            }
            return super.visitMethod(node, unused);
        }

        private boolean isInLocalClass(TreePath method) {
            TreePath cls = method.getParentPath();
            Tree outer = cls == null || cls.getParentPath() == null ? null : cls.getParentPath().getLeaf();
            return outer != null && !(outer instanceof ClassTree)
                    && !(outer instanceof com.sun.source.tree.CompilationUnitTree);
        }

        private boolean hasAsyncAnnotation(MethodTree node) {
            for (var a : node.getModifiers().getAnnotations()) {
                String type = a.getAnnotationType().toString();
                if (type.equals("Async") || type.equals("dev.tulip.Async")) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
            String name = simpleName(node.getMethodSelect());
            if (name != null && names.contains(name)) {
                Element callee = resolve(getCurrentPath());
                if (Markers.isAwait(callee)) {
                    env.diagnostics.error(getCurrentPath(), "await(...) is only legal inside an @Async method:"
                            + enclosingAdvice(getCurrentPath()));
                } else if (Markers.isYield(callee) || Markers.isYieldFrom(callee)) {
                    env.diagnostics.error(getCurrentPath(), "Tulip." + callee.getSimpleName() + "(...) is only legal"
                            + " inside a @Generator.Method (returning Generator<T>) or an @Async method returning"
                            + " AsyncGenerator<T>");
                } else if (Markers.isCompiledMethod(callee)) {
                    ExecutableElement m = (ExecutableElement) callee;
                    String factory = Companions.companionOf((TypeElement) m.getEnclosingElement()).simpleName() + "."
                            + m.getSimpleName();
                    String receiver = m.getModifiers().contains(Modifier.STATIC) ? "" : "receiver, ";
                    String what = Markers.isAsyncMethod(m) ? "an @Async method" : "a @Generator.Method";
                    env.diagnostics.error(getCurrentPath(), "'" + m.getSimpleName() + "' is " + what + ": calling"
                            + " it from plain code runs nothing. Call the generated factory " + factory + "("
                            + receiver + "...) and run or await the coroutine it returns, e.g. run(" + factory + "("
                            + receiver + "...))");
                }
            }
            return super.visitMethodInvocation(node, unused);
        }

        @Override
        public Void visitMemberReference(MemberReferenceTree node, Void unused) {
            if (node.getName().contentEquals("await")) {
                Element target = resolve(getCurrentPath());
                if (Markers.isAwait(target)) {
                    env.diagnostics.error(getCurrentPath(), "await cannot be used as a method reference: it is a marker"
                            + " that Tulip compiles into a suspension point of an @Async method");
                }
            }
            return super.visitMemberReference(node, unused);
        }

        private String enclosingAdvice(TreePath path) {
            for (TreePath p = path; p != null; p = p.getParentPath()) {
                if (p.getLeaf() instanceof MethodTree) {
                    return " mark '" + ((MethodTree) p.getLeaf()).getName() + "' @Async (returning Coroutine<T>, ending"
                            + " with return done(value);), or, from plain code, run the awaitable with run(...)";
                }
                if (p.getLeaf() instanceof VariableTree && p.getParentPath().getLeaf() instanceof ClassTree) {
                    return " a field initializer cannot suspend. Compute the value in an @Async method, or run the"
                            + " awaitable with run(...)";
                }
            }
            return " run the awaitable with run(...) instead";
        }

        /** Attributes the enclosing member once, then resolves the tree. */
        private Element resolve(TreePath path) {
            // Resolving makes javac attribute the enclosing named class: skip the classes it would break.
            for (TreePath p = path; p != null; p = p.getParentPath()) {
                if (p.getLeaf() instanceof ClassTree && (p.getParentPath().getLeaf() instanceof ClassTree
                        || p.getParentPath().getLeaf() instanceof com.sun.source.tree.CompilationUnitTree)) {
                    Element c = env.trees.getElement(p);
                    if (c instanceof TypeElement && !isSafeToAttribute((TypeElement) c)) {
                        return null;
                    }
                    break;
                }
            }
            Element e = env.trees.getElement(path);
            if (e != null) {
                return e;
            }
            TreePath member = path;
            while (member.getParentPath() != null && !(member.getParentPath().getLeaf() instanceof ClassTree)) {
                member = member.getParentPath();
            }
            TreePath statement = path;
            while (statement.getParentPath() != null
                    && !(statement.getParentPath().getLeaf() instanceof com.sun.source.tree.BlockTree)
                    && !(statement.getParentPath().getLeaf() instanceof ClassTree)) {
                statement = statement.getParentPath();
            }
            if (attributed != member) {
                env.trees.getScope(statement);
                attributed = member;
            }
            e = env.trees.getElement(path);
            if (e == null) {
                // Attribute up to the statement itself, for calls inside nested blocks.
                env.trees.getScope(statement);
                e = env.trees.getElement(path);
            }
            return e;
        }

        private String simpleName(Tree select) {
            if (select instanceof IdentifierTree) {
                return ((IdentifierTree) select).getName().toString();
            }
            if (select instanceof MemberSelectTree) {
                return ((MemberSelectTree) select).getIdentifier().toString();
            }
            return null;
        }
    }

    @SuppressWarnings("unused")
    private static boolean isMethod(Element e) {
        return e != null && e.getKind() == ElementKind.METHOD;
    }
}
