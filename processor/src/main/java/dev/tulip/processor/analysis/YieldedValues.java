package dev.tulip.processor.analysis;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import dev.tulip.processor.model.Env;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The values a {@code Tulip.yield(value)} can hand out, for checking them against the generator's
 * element type: the parameter is an Object, so javac types a conditional or a switch expression
 * written there by that target, not by its results.
 */
final class YieldedValues {
    private YieldedValues() {
    }

    /** True if a value of {@code type} may be yielded by a generator of {@code element}s. */
    static boolean fits(Env env, TypeMirror type, TypeMirror element) {
        if (type.getKind() == TypeKind.NULL) {
            return true;
        }
        return env.types.isAssignable(type, element);
    }

    /**
     * The result expressions of a conditional ({@code c ? a : b}) or switch expression (its arrow
     * expressions and {@code yield} statements); empty for any other expression.
     */
    static List<TreePath> results(TreePath path) {
        Tree e = path.getLeaf();
        List<TreePath> out = new ArrayList<>();
        if (e instanceof ConditionalExpressionTree) {
            ConditionalExpressionTree c = (ConditionalExpressionTree) e;
            out.add(new TreePath(path, c.getTrueExpression()));
            out.add(new TreePath(path, c.getFalseExpression()));
        } else if (e instanceof SwitchExpressionTree) {
            for (CaseTree c : ((SwitchExpressionTree) e).getCases()) {
                TreePath casePath = new TreePath(path, c);
                if (c.getBody() instanceof com.sun.source.tree.ExpressionTree) {
                    out.add(new TreePath(casePath, c.getBody()));
                } else {
                    collectYields(casePath, out);
                }
            }
        }
        return out;
    }

    /** The {@code yield} statements of one case that belong to this switch, not to a nested one. */
    private static void collectYields(TreePath casePath, List<TreePath> out) {
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitYield(YieldTree node, Void unused) {
                out.add(new TreePath(getCurrentPath(), node.getValue()));
                return null;
            }

            @Override
            public Void visitSwitchExpression(SwitchExpressionTree node, Void unused) {
                return null;
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
                return null;
            }

            @Override
            public Void visitClass(ClassTree node, Void unused) {
                return null;
            }
        }.scan(casePath, null);
    }
}
