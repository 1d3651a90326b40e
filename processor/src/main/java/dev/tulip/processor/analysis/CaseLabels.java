package dev.tulip.processor.analysis;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.Tree;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Reads case labels on any javac: JDK 21 added pattern labels ({@code case String s}, {@code case null},
 * guards) that the JDK 17 API, which the processor compiles against, cannot name.
 */
public final class CaseLabels {
    private CaseLabels() {
    }

    /** True if the case has a label that is not a constant expression or {@code default}. */
    public static boolean hasPatternOrNull(CaseTree c) {
        try {
            Method labels = CaseTree.class.getMethod("getLabels");
            for (Object label : (List<?>) labels.invoke(c)) {
                String kind = ((Tree) label).getKind().name();
                if (!kind.equals("CONSTANT_CASE_LABEL") && !kind.equals("DEFAULT_CASE_LABEL")
                        && !(label instanceof com.sun.source.tree.ExpressionTree)) {
                    return true;
                }
                if (kind.equals("CONSTANT_CASE_LABEL")) {
                    Object e = label.getClass().getMethod("getConstantExpression").invoke(label);
                    if (e instanceof Tree && ((Tree) e).getKind() == Tree.Kind.NULL_LITERAL) {
                        return true;
                    }
                }
                if (label instanceof Tree && ((Tree) label).getKind() == Tree.Kind.NULL_LITERAL) {
                    return true;
                }
            }
            Method guard = findMethod(c, "getGuard");
            return guard != null && guard.invoke(c) != null;
        } catch (NoSuchMethodException e) {
            return false; // JDK 17 without the preview API: only expression labels exist
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /**
     * The labels of a case as trees (JDK 21+: constant, pattern and default labels; JDK 17: the
     * expressions), and its guard or null.
     */
    @SuppressWarnings("unchecked")
    public static List<? extends Tree> labels(CaseTree c) {
        try {
            Method labels = CaseTree.class.getMethod("getLabels");
            return (List<? extends Tree>) labels.invoke(c);
        } catch (ReflectiveOperationException e) {
            return c.getExpressions();
        }
    }

    public static Tree guard(CaseTree c) {
        try {
            Method guard = findMethod(c, "getGuard");
            return guard == null ? null : (Tree) guard.invoke(c);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** Calls a no-argument accessor of a tree added after JDK 17 (patterns). */
    public static Object call(Tree tree, String accessor) {
        try {
            for (Class<?> i : tree.getClass().getInterfaces()) {
                try {
                    return i.getMethod(accessor).invoke(tree);
                } catch (NoSuchMethodException ignored) {
                    // try the next interface
                }
            }
            return tree.getClass().getMethod(accessor).invoke(tree);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + accessor + " of " + tree.getKind(), e);
        }
    }

    private static Method findMethod(CaseTree c, String name) {
        try {
            return CaseTree.class.getMethod(name);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
