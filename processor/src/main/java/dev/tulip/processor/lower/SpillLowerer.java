package dev.tulip.processor.lower;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import dev.tulip.processor.analysis.Markers;
import dev.tulip.processor.emit.TreePrinter;
import dev.tulip.processor.emit.TypeNames;
import dev.tulip.processor.ir.Block;
import dev.tulip.processor.ir.Op;
import dev.tulip.processor.ir.Terminator;
import dev.tulip.processor.ir.Var;
import dev.tulip.processor.model.KnownNames;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Lowers expressions that suspend, keeping Java's left-to-right evaluation order (JLS 15.7): every
 * operand evaluated before the last operand that contains an await is spilled into a temporary first
 * (unless its value cannot change: constants, {@code this}, effectively final locals); {@code &&},
 * {@code ||} and {@code ?:} become branches writing a temporary; compound assignments read the old
 * value before the right-hand side (JLS 15.26.2). Afterwards, printing the expression with the
 * substitution map yields await-free code with the same meaning.
 */
final class SpillLowerer {
    private final Lowerer l;
    /** Compound assignments replaced as a whole: their bare statement form. */
    private final Map<Tree, CodeBlock> bareForms = new IdentityHashMap<>();

    SpillLowerer(Lowerer lowerer) {
        this.l = lowerer;
    }

    boolean isDirectAwait(ExpressionTree e) {
        return l.analysis.isAwait(TreePrinter.stripParens(e));
    }

    /** An expression statement. */
    void statement(ExpressionTree expression) {
        ExpressionTree e = TreePrinter.stripParens(expression);
        if (l.analysis.isAwait(e)) {
            awaitInto((MethodInvocationTree) e, null, false);
            return;
        }
        if (e.getKind() == Tree.Kind.ASSIGNMENT) {
            AssignmentTree a = (AssignmentTree) e;
            ExpressionTree target = TreePrinter.stripParens(a.getVariable());
            Var v = target.getKind() == Tree.Kind.IDENTIFIER ? l.locals.get(l.index.element(target)) : null;
            if (v != null && isDirectAwait(a.getExpression())) {
                awaitInto((MethodInvocationTree) TreePrinter.stripParens(a.getExpression()), v, false);
                return;
            }
        }
        Map<Tree, CodeBlock> subst = new IdentityHashMap<>();
        lower(e, subst);
        CodeBlock bare = bareForms.get(e);
        Lowerer.Hooks hooks = l.new Hooks();
        CodeBlock code = bare != null ? bare : l.print(e, subst, hooks);
        Op.Stmt op = new Op.Stmt(CodeBlock.of("$L;\n", code));
        hooks.flushInto(op);
        if (bare != null) {
            op.uses.addAll(bareUses.getOrDefault(e, List.of()));
        }
        l.emit(op);
    }

    /** {@code target = e} (or its declaration). */
    void assignTo(Var target, ExpressionTree e, boolean isDeclaration) {
        if (isDirectAwait(e)) {
            awaitInto((MethodInvocationTree) TreePrinter.stripParens(e), target, isDeclaration);
            return;
        }
        Map<Tree, CodeBlock> subst = new IdentityHashMap<>();
        lower(e, subst);
        assign(target, e, subst, isDeclaration);
    }

    /**
     * Suspends at a marker ({@code await(x)}, {@code Tulip.yield(v)}, {@code Tulip.yieldFrom(s)}); the
     * resume point stores the value that comes back in {@code target} (or drops it).
     */
    void awaitInto(MethodInvocationTree await, Var target, boolean isDeclaration) {
        Map<Tree, CodeBlock> subst = new IdentityHashMap<>();
        Element marker = l.index.element(await);
        ExpressionTree operand = await.getArguments().isEmpty() ? null : await.getArguments().get(0);
        Lowerer.Hooks hooks = l.new Hooks();
        CodeBlock code;
        if (operand == null) {
            code = CodeBlock.of("null");
        } else {
            lower(operand, subst);
            code = l.print(operand, subst, hooks);
        }
        if (Markers.isAwaitOfStage(marker)) {
            code = CodeBlock.of("$T.$L($L)", ClassName.get("dev.tulip", "Tulip"), KnownNames.WRAP_FUTURE, code);
        } else if (Markers.isYieldFrom(marker)) {
            code = CodeBlock.of("delegate($L)", code);
        } else if (Markers.isYield(marker)
                && l.method.kind == dev.tulip.processor.model.AsyncMethod.Kind.ASYNC_GENERATOR) {
            // yield takes an Object, so a conditional written there is typed Object: the analysis
            // checked that each of its results fits the element type, the cast restores that type.
            TypeMirror valueType = l.index.type(operand);
            boolean fits = valueType == null || l.env.types.isAssignable(valueType, l.method.resultType);
            code = fits ? CodeBlock.of("yielded($L)", code)
                    : CodeBlock.of("yielded(($T) $L)", l.typeNames.of(l.method.resultType), code);
        }
        Block resume = l.newBlockAfter(await);
        resume.isResumePoint = true;
        resume.suspendedLine = l.printer.line(await);
        resume.label = Markers.isAwait(marker) ? "resumed after await" : Markers.isYieldFrom(marker)
                ? "resumed after yieldFrom" : "resumed after yield";
        Terminator.Suspend suspend = new Terminator.Suspend(code, resume);
        hooks.flushInto(suspend);
        l.terminate(suspend);
        l.current = resume;
        TypeMirror valueType = l.index.type(await);
        l.emit(new Op.Resume(target, isDeclaration, target == null ? null : l.typeNames.of(valueType)));
    }

    /**
     * Lowers {@code e} so that it can be printed with {@code subst}: the awaits it contains, and the
     * operands they must not overtake, are evaluated into temporaries, in order.
     */
    void lower(ExpressionTree e, Map<Tree, CodeBlock> subst) {
        if (!l.analysis.suspends(e) || subst.containsKey(e)) {
            return;
        }
        switch (e.getKind()) {
            case PARENTHESIZED:
                lower(((ParenthesizedTree) e).getExpression(), subst);
                return;
            case METHOD_INVOCATION: {
                MethodInvocationTree mi = (MethodInvocationTree) e;
                if (l.analysis.isAwait(mi)) {
                    Var t = awaitToTemp(mi);
                    l.substitute(subst, e, CodeBlock.of("$L", t.name), List.of(t));
                    return;
                }
                List<ExpressionTree> ops = new ArrayList<>();
                ExpressionTree receiver = valueReceiver(mi.getMethodSelect());
                if (receiver != null) {
                    ops.add(receiver);
                }
                ops.addAll(mi.getArguments());
                operands(ops, subst);
                return;
            }
            case NEW_CLASS: {
                NewClassTree nc = (NewClassTree) e;
                List<ExpressionTree> ops = new ArrayList<>();
                if (nc.getEnclosingExpression() != null) {
                    ops.add(nc.getEnclosingExpression());
                }
                ops.addAll(nc.getArguments());
                operands(ops, subst);
                return;
            }
            case NEW_ARRAY: {
                NewArrayTree na = (NewArrayTree) e;
                List<ExpressionTree> ops = new ArrayList<>(na.getDimensions());
                if (na.getInitializers() != null) {
                    ops.addAll(na.getInitializers());
                }
                operands(ops, subst);
                return;
            }
            case CONDITIONAL_AND:
            case CONDITIONAL_OR:
                shortCircuit((BinaryTree) e, subst);
                return;
            case CONDITIONAL_EXPRESSION:
                conditional((ConditionalExpressionTree) e, subst);
                return;
            case ASSIGNMENT:
                assignment((AssignmentTree) e, subst);
                return;
            case ARRAY_ACCESS: {
                ArrayAccessTree a = (ArrayAccessTree) e;
                operands(List.of(a.getExpression(), a.getIndex()), subst);
                return;
            }
            case MEMBER_SELECT:
                lower(((MemberSelectTree) e).getExpression(), subst);
                return;
            case TYPE_CAST:
                lower(((TypeCastTree) e).getExpression(), subst);
                return;
            case INSTANCE_OF:
                lower(((InstanceOfTree) e).getExpression(), subst);
                return;
            case MEMBER_REFERENCE:
                lower(((MemberReferenceTree) e).getQualifierExpression(), subst);
                return;
            case SWITCH_EXPRESSION:
                switchExpression((SwitchExpressionTree) e, subst);
                return;
            default:
                break;
        }
        if (e instanceof CompoundAssignmentTree) {
            compound((CompoundAssignmentTree) e, subst);
            return;
        }
        if (e instanceof UnaryTree) {
            UnaryTree u = (UnaryTree) e;
            if (isIncrement(e.getKind())) {
                lvalueParts(TreePrinter.stripParens(u.getExpression()), subst);
            } else {
                lower(u.getExpression(), subst);
            }
            return;
        }
        if (e instanceof BinaryTree) {
            BinaryTree b = (BinaryTree) e;
            operands(List.of(b.getLeftOperand(), b.getRightOperand()), subst);
            return;
        }
        throw new TreePrinter.Unsupported(e, "await inside this kind of expression (" + e.getKind() + ")");
    }

    /** The receiver expression evaluated before the arguments, or null (implicit, a type, super). */
    private ExpressionTree valueReceiver(ExpressionTree select) {
        if (select.getKind() != Tree.Kind.MEMBER_SELECT) {
            return null;
        }
        ExpressionTree q = ((MemberSelectTree) select).getExpression();
        Element qe = l.index.element(q);
        if (qe != null && (TypeNames.isTypeLike(qe) || qe.getKind() == ElementKind.PACKAGE)) {
            return null;
        }
        if (q instanceof IdentifierTree && ((IdentifierTree) q).getName().contentEquals("super")) {
            return null;
        }
        return q;
    }

    /** Evaluates operands in order up to the last one that suspends, spilling the ones before it. */
    private void operands(List<ExpressionTree> ops, Map<Tree, CodeBlock> subst) {
        int last = -1;
        for (int i = 0; i < ops.size(); i++) {
            if (l.analysis.suspends(ops.get(i))) {
                last = i;
            }
        }
        for (int i = 0; i <= last; i++) {
            ExpressionTree op = ops.get(i);
            lower(op, subst);
            if (i < last && !isStable(op, subst)) {
                spillToTemp(op, subst);
            }
        }
    }

    /** True if evaluating the operand later gives the same value with no lost side effect. */
    private boolean isStable(ExpressionTree e, Map<Tree, CodeBlock> subst) {
        if (subst.containsKey(e)) {
            // A temporary is stable; a compound assignment replaced by its bare form still has to run.
            return !bareForms.containsKey(e);
        }
        switch (e.getKind()) {
            case INT_LITERAL:
            case LONG_LITERAL:
            case FLOAT_LITERAL:
            case DOUBLE_LITERAL:
            case BOOLEAN_LITERAL:
            case CHAR_LITERAL:
            case STRING_LITERAL:
            case NULL_LITERAL:
            case LAMBDA_EXPRESSION:
                return true;
            case PARENTHESIZED:
                return isStable(((ParenthesizedTree) e).getExpression(), subst);
            case IDENTIFIER: {
                if (((IdentifierTree) e).getName().contentEquals("this")) {
                    return true;
                }
                Element el = l.index.element(e);
                if (el == null) {
                    return false;
                }
                switch (el.getKind()) {
                    case LOCAL_VARIABLE:
                    case PARAMETER:
                    case EXCEPTION_PARAMETER:
                    case RESOURCE_VARIABLE:
                    case BINDING_VARIABLE:
                        return !l.analysis.isReassigned(el);
                    case FIELD:
                    case ENUM_CONSTANT:
                        return el.getModifiers().contains(Modifier.STATIC) && el.getModifiers().contains(Modifier.FINAL);
                    default:
                        return TypeNames.isTypeLike(el);
                }
            }
            case MEMBER_SELECT: {
                String name = ((MemberSelectTree) e).getIdentifier().toString();
                Element el = l.index.element(e);
                return name.equals("class") || name.equals("this")
                        || (el != null && (TypeNames.isTypeLike(el) || (el.getKind() == ElementKind.ENUM_CONSTANT)));
            }
            default:
                return false;
        }
    }

    private void spillToTemp(ExpressionTree e, Map<Tree, CodeBlock> subst) {
        TypeMirror type = l.index.type(e);
        TypeName name = type == null || type.getKind() == TypeKind.NULL ? ClassName.OBJECT : l.typeNames.of(type);
        Var t = l.temp(name, "spill");
        assign(t, e, subst, true);
        l.substitute(subst, e, CodeBlock.of("$L", t.name), List.of(t));
    }

    private void assign(Var target, ExpressionTree e, Map<Tree, CodeBlock> subst, boolean isDeclaration) {
        Lowerer.Hooks hooks = l.new Hooks();
        CodeBlock code = l.print(e, subst, hooks);
        Op.Assign op = new Op.Assign(target, code, isDeclaration);
        hooks.flushInto(op);
        l.emit(op);
    }

    private Var awaitToTemp(MethodInvocationTree await) {
        TypeMirror type = l.index.type(await);
        Var t = l.temp(l.typeNames.of(type), "awaited");
        awaitInto(await, t, true);
        return t;
    }

    private void shortCircuit(BinaryTree e, Map<Tree, CodeBlock> subst) {
        lower(e.getLeftOperand(), subst);
        if (!l.analysis.suspends(e.getRightOperand())) {
            return;
        }
        Var t = l.temp(TypeName.BOOLEAN, "cond");
        assign(t, e.getLeftOperand(), subst, true);
        Block right = l.newBlock(e.getRightOperand());
        Block join = l.newBlockAfter(e);
        boolean and = e.getKind() == Tree.Kind.CONDITIONAL_AND;
        Terminator.Branch branch = new Terminator.Branch(CodeBlock.of("$L", t.name), and ? right : join,
                and ? join : right);
        branch.uses.add(t);
        l.terminate(branch);
        l.current = right;
        armInto(t, e.getRightOperand(), subst, join);
        joinAt(e, t, join, subst);
    }

    /** In the current block: {@code t = arm} (lowering its awaits first), then on to {@code join}. */
    private void armInto(Var t, ExpressionTree arm, Map<Tree, CodeBlock> subst, Block join) {
        lower(arm, subst);
        assign(t, arm, subst, false);
        l.gotoBlock(join);
    }

    /** Continues at {@code join}, where {@code e} is read from {@code t}. */
    private void joinAt(ExpressionTree e, Var t, Block join, Map<Tree, CodeBlock> subst) {
        l.current = join;
        l.substitute(subst, e, CodeBlock.of("$L", t.name), List.of(t));
    }

    private void conditional(ConditionalExpressionTree e, Map<Tree, CodeBlock> subst) {
        lower(e.getCondition(), subst);
        if (!l.analysis.suspends(e.getTrueExpression()) && !l.analysis.suspends(e.getFalseExpression())) {
            return;
        }
        Var t = l.temp(l.typeNames.of(l.index.type(e)), "choice");
        Lowerer.Hooks hooks = l.new Hooks();
        CodeBlock cond = l.print(e.getCondition(), subst, hooks);
        Block yes = l.newBlock(e.getTrueExpression());
        Block no = l.newBlock(e.getFalseExpression());
        Block join = l.newBlockAfter(e);
        Terminator.Branch branch = new Terminator.Branch(cond, yes, no);
        hooks.flushInto(branch);
        l.terminate(branch);
        l.current = yes;
        armInto(t, e.getTrueExpression(), subst, join);
        l.current = no;
        armInto(t, e.getFalseExpression(), subst, join);
        joinAt(e, t, join, subst);
    }

    private void assignment(AssignmentTree e, Map<Tree, CodeBlock> subst) {
        ExpressionTree target = TreePrinter.stripParens(e.getVariable());
        List<ExpressionTree> ops = new ArrayList<>();
        if (target.getKind() == Tree.Kind.ARRAY_ACCESS) {
            ops.add(((ArrayAccessTree) target).getExpression());
            ops.add(((ArrayAccessTree) target).getIndex());
        } else if (target.getKind() == Tree.Kind.MEMBER_SELECT) {
            ExpressionTree q = valueReceiver(target);
            if (q != null) {
                ops.add(q);
            }
        }
        ops.add(e.getExpression());
        operands(ops, subst);
    }

    /** The parts of an assignable expression that are evaluated before it is read or written. */
    private List<ExpressionTree> lvalueOperands(ExpressionTree target) {
        List<ExpressionTree> ops = new ArrayList<>();
        if (target.getKind() == Tree.Kind.ARRAY_ACCESS) {
            ops.add(((ArrayAccessTree) target).getExpression());
            ops.add(((ArrayAccessTree) target).getIndex());
        } else if (target.getKind() == Tree.Kind.MEMBER_SELECT) {
            ExpressionTree q = valueReceiver(target);
            if (q != null) {
                ops.add(q);
            }
        }
        return ops;
    }

    private void lvalueParts(ExpressionTree target, Map<Tree, CodeBlock> subst) {
        operands(lvalueOperands(target), subst);
    }

    private final Map<Tree, List<Var>> bareUses = new IdentityHashMap<>();

    private void compound(CompoundAssignmentTree e, Map<Tree, CodeBlock> subst) {
        ExpressionTree target = TreePrinter.stripParens(e.getVariable());
        if (!l.analysis.suspends(e.getExpression())) {
            lvalueParts(target, subst);
            return;
        }
        // The right side suspends: read the old value first (JLS 15.26.2), then combine.
        List<ExpressionTree> parts = lvalueOperands(target);
        for (ExpressionTree p : parts) {
            lower(p, subst);
            if (!isStable(p, subst)) {
                spillToTemp(p, subst);
            }
        }
        TypeMirror targetType = l.index.type(target);
        Var old = l.temp(l.typeNames.of(targetType), "old");
        assign(old, target, subst, true);
        lower(e.getExpression(), subst);
        Lowerer.Hooks hooks = l.new Hooks();
        CodeBlock rhs = l.print(e.getExpression(), subst, hooks);
        String op = compoundOperator(e.getKind());
        CodeBlock combined = CodeBlock.of(isPrimary(e.getExpression(), subst) ? "$L $L $L" : "$L $L ($L)", old.name,
                op, rhs);
        TypeName cast = castFor(targetType, l.index.type(e.getExpression()), e.getKind());
        CodeBlock value = cast == null ? combined : CodeBlock.of("($T) ($L)", cast, combined);
        CodeBlock bare = l.printer.assignment(target, value, subst, hooks);
        for (Op pre : hooks.preOps) {
            l.emit(pre);
        }
        List<Var> uses = new ArrayList<>(hooks.uses);
        uses.add(old);
        bareUses.put(e, uses);
        bareForms.put(e, bare);
        l.substitute(subst, e, CodeBlock.of("($L)", bare), uses);
    }

    /** True if the printed expression binds tighter than any binary operator (no parentheses needed). */
    private static boolean isPrimary(ExpressionTree e, Map<Tree, CodeBlock> subst) {
        if (subst.containsKey(e)) {
            return !subst.get(e).toString().contains(" ");
        }
        switch (e.getKind()) {
            case IDENTIFIER:
            case MEMBER_SELECT:
            case METHOD_INVOCATION:
            case ARRAY_ACCESS:
            case PARENTHESIZED:
            case INT_LITERAL:
            case LONG_LITERAL:
            case FLOAT_LITERAL:
            case DOUBLE_LITERAL:
            case BOOLEAN_LITERAL:
            case CHAR_LITERAL:
            case STRING_LITERAL:
            case NULL_LITERAL:
                return true;
            default:
                return false;
        }
    }

    /** The narrowing cast a compound assignment implies, or null when the operation's type already fits. */
    private TypeName castFor(TypeMirror target, TypeMirror operand, Tree.Kind kind) {
        TypeMirror t = unboxed(target);
        if (t == null || !t.getKind().isPrimitive()) {
            return null; // String +=, or an object type: no cast
        }
        if (t.getKind() == TypeKind.BOOLEAN) {
            return null;
        }
        TypeKind promoted;
        TypeMirror o = unboxed(operand);
        boolean shift = kind == Tree.Kind.LEFT_SHIFT_ASSIGNMENT || kind == Tree.Kind.RIGHT_SHIFT_ASSIGNMENT
                || kind == Tree.Kind.UNSIGNED_RIGHT_SHIFT_ASSIGNMENT;
        promoted = shift || o == null ? unaryPromotion(t.getKind()) : binaryPromotion(t.getKind(), o.getKind());
        if (promoted == t.getKind()) {
            return null; // the operation already has the (unboxed) target type: boxing needs no cast
        }
        return l.typeNames.of(t);
    }

    private TypeMirror unboxed(TypeMirror t) {
        if (t == null) {
            return null;
        }
        if (t.getKind().isPrimitive()) {
            return t;
        }
        try {
            return l.env.types.unboxedType(t);
        } catch (IllegalArgumentException notBoxed) {
            return null;
        }
    }

    private static TypeKind unaryPromotion(TypeKind k) {
        switch (k) {
            case BYTE:
            case SHORT:
            case CHAR:
                return TypeKind.INT;
            default:
                return k;
        }
    }

    private static TypeKind binaryPromotion(TypeKind a, TypeKind b) {
        if (a == TypeKind.DOUBLE || b == TypeKind.DOUBLE) {
            return TypeKind.DOUBLE;
        }
        if (a == TypeKind.FLOAT || b == TypeKind.FLOAT) {
            return TypeKind.FLOAT;
        }
        if (a == TypeKind.LONG || b == TypeKind.LONG) {
            return TypeKind.LONG;
        }
        if (a == TypeKind.BOOLEAN) {
            return TypeKind.BOOLEAN;
        }
        return TypeKind.INT;
    }

    private static String compoundOperator(Tree.Kind kind) {
        switch (kind) {
            case MULTIPLY_ASSIGNMENT:
                return "*";
            case DIVIDE_ASSIGNMENT:
                return "/";
            case REMAINDER_ASSIGNMENT:
                return "%";
            case PLUS_ASSIGNMENT:
                return "+";
            case MINUS_ASSIGNMENT:
                return "-";
            case LEFT_SHIFT_ASSIGNMENT:
                return "<<";
            case RIGHT_SHIFT_ASSIGNMENT:
                return ">>";
            case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT:
                return ">>>";
            case AND_ASSIGNMENT:
                return "&";
            case XOR_ASSIGNMENT:
                return "^";
            case OR_ASSIGNMENT:
                return "|";
            default:
                throw new IllegalArgumentException(kind.toString());
        }
    }

    private static boolean isIncrement(Tree.Kind kind) {
        return kind == Tree.Kind.POSTFIX_INCREMENT || kind == Tree.Kind.PREFIX_INCREMENT
                || kind == Tree.Kind.POSTFIX_DECREMENT || kind == Tree.Kind.PREFIX_DECREMENT;
    }

    private void switchExpression(SwitchExpressionTree e, Map<Tree, CodeBlock> subst) {
        Var t = l.temp(l.typeNames.of(l.index.type(e)), "switched");
        Block exit = l.newBlockAfter(e);
        l.switchCases(e, TreePrinter.stripParens(e.getExpression()), e.getCases(), null, exit, t);
        l.current = exit;
        l.substitute(subst, e, CodeBlock.of("$L", t.name), List.of(t));
    }
}
