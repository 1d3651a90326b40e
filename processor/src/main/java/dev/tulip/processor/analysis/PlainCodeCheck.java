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
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Checks the code outside {@code @Async} methods: {@code await(...)} there is an error (it would
 * throw when run), and so is a direct call or a method reference to an {@code @Async} method (it would
 * run nothing: the generated factory is what returns the coroutine). Only units whose text mentions a
 * name that could match are scanned, and only classes with such a tree are attributed (in the shadow
 * compilation, which the user's compilation never sees), so code that does not use Tulip costs a text
 * search.
 */
public final class PlainCodeCheck {
    private final Env env;

    public PlainCodeCheck(Env env) {
        this.env = env;
    }

    /** The names worth a look: Tulip's markers and the simple names of the {@code @Async} methods. */
    public static Set<String> markerNames(Collection<String> asyncMethodNames) {
        Set<String> names = new HashSet<>(Set.of("await", "yield", "yieldFrom"));
        names.addAll(asyncMethodNames);
        return names;
    }

    /** True if the source text may use one of the names (a cheap, conservative test). */
    public static boolean mayMention(CharSequence source, Set<String> names) {
        String text = source.toString();
        for (String name : names) {
            if (text.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** Checks the classes declared in these units of the shadow compilation. */
    public void check(Collection<? extends com.sun.source.tree.CompilationUnitTree> units, Set<String> names) {
        for (com.sun.source.tree.CompilationUnitTree unit : units) {
            for (Tree type : unit.getTypeDecls()) {
                TreePath path = new TreePath(new TreePath(unit), type);
                Element root = env.trees.getElement(path);
                if (root != null && !isGenerated(root)) {
                    new Scanner(names).scan(path, null);
                }
            }
        }
    }

    private static boolean isGenerated(Element root) {
        return root.getAnnotationMirrors().stream().anyMatch(a -> a.getAnnotationType().toString()
                .equals("javax.annotation.processing.Generated") && a.toString().contains("dev.tulip.processor"));
    }

    private final class Scanner extends TreePathScanner<Void, Void> {
        private final Set<String> names;

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
            if (names.contains(node.getName().toString())) {
                Element target = resolve(getCurrentPath());
                if (Markers.isAwait(target)) {
                    env.diagnostics.error(getCurrentPath(), "await cannot be used as a method reference: it is a marker"
                            + " that Tulip compiles into a suspension point of an @Async method");
                } else if (Markers.isCompiledMethod(target)) {
                    ExecutableElement m = (ExecutableElement) target;
                    String factory = Companions.companionOf((TypeElement) m.getEnclosingElement()).simpleName() + "::"
                            + m.getSimpleName();
                    String what = Markers.isAsyncMethod(m) ? "an @Async method" : "a @Generator.Method";
                    env.diagnostics.error(getCurrentPath(), "'" + m.getSimpleName() + "' is " + what + ": a reference"
                            + " to it from plain code would call the method itself, which runs nothing. Refer to the"
                            + " generated factory instead: " + factory
                            + (m.getModifiers().contains(Modifier.STATIC) ? "" : " (it takes the receiver first)"));
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

        /** The element of a candidate tree (attributing its class in the shadow on first use). */
        private Element resolve(TreePath path) {
            return env.trees.getElement(path);
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
}
