package dev.tulip.processor.analysis;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.VariableElement;

/**
 * Whether a statement can complete normally, by the rules javac applies (JLS 14.22): the lowering must
 * not put a jump after a printed statement that cannot, or javac would reject it as unreachable.
 */
public final class Reachability {
    private final PathIndex index;

    public Reachability(PathIndex index) {
        this.index = index;
    }

    public boolean canCompleteNormally(StatementTree s) {
        switch (s.getKind()) {
            case BLOCK:
                return block(((BlockTree) s).getStatements());
            case RETURN:
            case THROW:
            case BREAK:
            case CONTINUE:
            case YIELD:
                return false;
            case IF: {
                IfTree i = (IfTree) s;
                return i.getElseStatement() == null || canCompleteNormally(i.getThenStatement())
                        || canCompleteNormally(i.getElseStatement());
            }
            case LABELED_STATEMENT: {
                LabeledStatementTree l = (LabeledStatementTree) s;
                return canCompleteNormally(l.getStatement()) || breaksTo(l.getStatement(), l);
            }
            case WHILE_LOOP: {
                WhileLoopTree w = (WhileLoopTree) s;
                return !isConstantTrue(w.getCondition()) || breaksTo(w.getStatement(), w);
            }
            case DO_WHILE_LOOP: {
                DoWhileLoopTree d = (DoWhileLoopTree) s;
                boolean bodyOrContinue = canCompleteNormally(d.getStatement()) || continuesTo(d.getStatement(), d);
                return (bodyOrContinue && !isConstantTrue(d.getCondition())) || breaksTo(d.getStatement(), d);
            }
            case FOR_LOOP: {
                ForLoopTree f = (ForLoopTree) s;
                return (f.getCondition() != null && !isConstantTrue(f.getCondition())) || breaksTo(f.getStatement(), f);
            }
            case SWITCH:
                return switchCompletes((SwitchTree) s);
            case SYNCHRONIZED:
                return canCompleteNormally(((SynchronizedTree) s).getBlock());
            case TRY: {
                TryTree t = (TryTree) s;
                boolean body = canCompleteNormally(t.getBlock());
                for (var c : t.getCatches()) {
                    body |= canCompleteNormally(c.getBlock());
                }
                return body && (t.getFinallyBlock() == null || canCompleteNormally(t.getFinallyBlock()));
            }
            default:
                return true;
        }
    }

    private boolean block(List<? extends StatementTree> statements) {
        return statements.isEmpty() || canCompleteNormally(statements.get(statements.size() - 1));
    }

    private boolean switchCompletes(SwitchTree s) {
        List<? extends CaseTree> cases = s.getCases();
        boolean hasDefault = cases.stream().anyMatch(c -> c.getExpressions().isEmpty());
        if (!hasDefault || cases.isEmpty()) {
            return true;
        }
        for (CaseTree c : cases) {
            if (breaksTo(c, s)) {
                return true;
            }
        }
        CaseTree last = cases.get(cases.size() - 1);
        if (last.getCaseKind() == CaseTree.CaseKind.RULE) {
            for (CaseTree c : cases) {
                Tree body = c.getBody();
                if (body instanceof ExpressionTree || (body instanceof StatementTree
                        && canCompleteNormally((StatementTree) body))) {
                    return true;
                }
            }
            return false;
        }
        return block(last.getStatements());
    }

    /** True for {@code true}, {@code (true)}, {@code !false} and constant boolean variables. */
    public boolean isConstantTrue(ExpressionTree e) {
        Object v = constant(e);
        return Boolean.TRUE.equals(v);
    }

    private Object constant(ExpressionTree e) {
        switch (e.getKind()) {
            case BOOLEAN_LITERAL:
                return ((LiteralTree) e).getValue();
            case PARENTHESIZED:
                return constant(((ParenthesizedTree) e).getExpression());
            case LOGICAL_COMPLEMENT: {
                Object v = constant(((UnaryTree) e).getExpression());
                return v instanceof Boolean ? !(Boolean) v : null;
            }
            case IDENTIFIER:
            case MEMBER_SELECT: {
                Element el = index.element(e);
                return el instanceof VariableElement ? ((VariableElement) el).getConstantValue() : null;
            }
            default:
                return null;
        }
    }

    /** Is there a break inside {@code body} that exits {@code target}? */
    private boolean breaksTo(Tree body, Tree target) {
        return jumpsTo(body, target, true);
    }

    private boolean continuesTo(Tree body, Tree target) {
        return jumpsTo(body, target, false);
    }

    private boolean jumpsTo(Tree body, Tree target, boolean isBreak) {
        boolean[] found = {false};
        javax.lang.model.element.Name label = target instanceof LabeledStatementTree
                ? ((LabeledStatementTree) target).getLabel() : null;
        new TreeScanner<Void, Integer>() {
            @Override
            public Void visitBreak(BreakTree node, Integer depth) {
                if (isBreak && matches(node.getLabel(), depth)) {
                    found[0] = true;
                }
                return null;
            }

            @Override
            public Void visitContinue(com.sun.source.tree.ContinueTree node, Integer depth) {
                if (!isBreak && matches(node.getLabel(), depth)) {
                    found[0] = true;
                }
                return null;
            }

            private boolean matches(javax.lang.model.element.Name l, int depth) {
                if (l != null) {
                    return l.equals(label) || (label == null && parentLabel(target, l));
                }
                return depth == 0 && label == null;
            }

            @Override
            public Void visitWhileLoop(WhileLoopTree node, Integer depth) {
                return super.visitWhileLoop(node, depth + 1);
            }

            @Override
            public Void visitDoWhileLoop(DoWhileLoopTree node, Integer depth) {
                return super.visitDoWhileLoop(node, depth + 1);
            }

            @Override
            public Void visitForLoop(ForLoopTree node, Integer depth) {
                return super.visitForLoop(node, depth + 1);
            }

            @Override
            public Void visitEnhancedForLoop(com.sun.source.tree.EnhancedForLoopTree node, Integer depth) {
                return super.visitEnhancedForLoop(node, depth + 1);
            }

            @Override
            public Void visitSwitch(SwitchTree node, Integer depth) {
                // An unlabeled break inside a nested switch exits that switch (continue still passes).
                return super.visitSwitch(node, isBreak ? depth + 1 : depth);
            }

            @Override
            public Void visitLambdaExpression(com.sun.source.tree.LambdaExpressionTree node, Integer depth) {
                return null;
            }

            @Override
            public Void visitClass(com.sun.source.tree.ClassTree node, Integer depth) {
                return null;
            }

            @Override
            public Void visitSwitchExpression(com.sun.source.tree.SwitchExpressionTree node, Integer depth) {
                return null;
            }
        }.scan(body, 0);
        return found[0];
    }

    /** A labeled break to the label that wraps the loop itself ({@code l: while (...) { break l; }}). */
    private boolean parentLabel(Tree loop, javax.lang.model.element.Name label) {
        Tree parent = index.path(loop).getParentPath().getLeaf();
        return parent instanceof LabeledStatementTree && ((LabeledStatementTree) parent).getLabel().equals(label);
    }
}
