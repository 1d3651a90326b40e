package dev.tulip.processor.analysis;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import dev.tulip.processor.model.Env;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reports {@code var} locals whose type mentions an anonymous class in a class the processor had
 * javac attribute. javac records the inferred type of a {@code var} as a synthetic type tree naming
 * the class ({@code Outer$1}); after annotation processing it attributes the class again, cannot
 * resolve that name, and fails with "cannot find symbol class Outer$1" (without a position on javac
 * 17). The processor cannot avoid attributing a class whose {@code @Async} bodies it compiles, so it
 * says where the problem is and how to write the declaration instead.
 */
public final class AnonymousVarCheck {
    private final Env env;
    private final Set<ClassTree> checked = Collections.newSetFromMap(new IdentityHashMap<>());

    public AnonymousVarCheck(Env env) {
        this.env = env;
    }

    /**
     * Checks a top-level class javac attributed, everything nested in it included (attributing a class
     * attributes its member classes too).
     */
    public void check(TreePath classPath) {
        if (!(classPath.getLeaf() instanceof ClassTree) || !checked.add((ClassTree) classPath.getLeaf())) {
            return;
        }
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitVariable(VariableTree node, Void unused) {
                Element local = env.trees.getElement(getCurrentPath());
                if (local != null && isVar(getCurrentPath(), node) && mentionsAnonymous(local.asType())) {
                    env.diagnostics.error(getCurrentPath(), "javac cannot compile 'var " + node.getName() + "' holding an"
                            + " anonymous class in a class that an annotation processor attributed (after"
                            + " processing it re-reads the inferred type as the name of the anonymous class, which"
                            + " does not resolve: 'cannot find symbol'). Declare '" + node.getName() + "' with a"
                            + " named type: the anonymous class' supertype, or a named nested or local class");
                }
                return super.visitVariable(node, unused);
            }
        }.scan(classPath, null);
    }

    /**
     * Before attribution, whether the class may declare a {@code var} holding an anonymous class: a
     * {@code var} whose initializer creates one (outside lambdas); errs on the side of yes.
     */
    public static boolean mayDeclareOne(TreePath classPath) {
        boolean[] found = {false};
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitVariable(VariableTree node, Void unused) {
                if (node.getInitializer() != null && (node.getType() == null
                        || String.valueOf(node.getType()).equals("var")) && createsAnonymous(node.getInitializer())) {
                    found[0] = true;
                }
                return super.visitVariable(node, unused);
            }
        }.scan(classPath, null);
        return found[0];
    }

    private static boolean createsAnonymous(com.sun.source.tree.Tree initializer) {
        boolean[] found = {false};
        new com.sun.source.util.TreeScanner<Void, Void>() {
            @Override
            public Void visitNewClass(com.sun.source.tree.NewClassTree node, Void unused) {
                found[0] |= node.getClassBody() != null;
                return super.visitNewClass(node, unused);
            }

            @Override
            public Void visitLambdaExpression(com.sun.source.tree.LambdaExpressionTree node, Void unused) {
                return null;
            }
        }.scan(initializer, null);
        return found[0];
    }

    /** Declared with {@code var}: no type tree, or one javac synthesized (no position) or spelled "var". */
    private boolean isVar(TreePath path, VariableTree node) {
        if (node.getType() == null) {
            return true;
        }
        com.sun.source.tree.CompilationUnitTree unit = path.getCompilationUnit();
        long start = env.positions.getStartPosition(unit, node.getType());
        long end = env.positions.getEndPosition(unit, node.getType());
        if (start < 0 || end <= start) {
            return true;
        }
        try {
            return unit.getSourceFile().getCharContent(true).subSequence((int) start, (int) end).toString().equals("var");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static boolean mentionsAnonymous(TypeMirror type) {
        if (type.getKind() == TypeKind.ARRAY) {
            return mentionsAnonymous(((ArrayType) type).getComponentType());
        }
        if (type.getKind() != TypeKind.DECLARED) {
            return false;
        }
        Element e = ((DeclaredType) type).asElement();
        if (e instanceof TypeElement && ((TypeElement) e).getNestingKind() == NestingKind.ANONYMOUS) {
            return true;
        }
        for (TypeMirror arg : ((DeclaredType) type).getTypeArguments()) {
            if (mentionsAnonymous(arg)) {
                return true;
            }
        }
        return false;
    }
}
