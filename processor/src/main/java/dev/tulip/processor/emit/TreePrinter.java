package dev.tulip.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.TypeParameterTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import dev.tulip.processor.analysis.Markers;
import dev.tulip.processor.analysis.PathIndex;
import dev.tulip.processor.model.AsyncMethod;
import dev.tulip.processor.model.Companions;
import dev.tulip.processor.model.Env;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.Name;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Re-prints statements and expressions of an {@code @Async} body as code of the generated state
 * machine: "await-free code is emitted as written", with every name resolved for its new home.
 *
 * <ul>
 *   <li>types become {@code $T} references, so the companion's imports are right;</li>
 *   <li>{@code this} and implicit member accesses of the enclosing class go through the machine's
 *       {@code self} field; static members are qualified with their class;</li>
 *   <li>calls to {@code @Async} methods go to their companions' factories;</li>
 *   <li>locals the lowering tracks are renamed (fields, hoisted locals, captured copies);</li>
 *   <li>jumps that leave the printed code for exploded states are translated by the lowering;</li>
 *   <li>subtrees listed in a substitution map are replaced (spilled temporaries, await results).</li>
 *   <li>private members, and every use of a private nested class of the user's code (which the
 *       companion cannot name), go through {@link PrivateAccessors}: handles, class objects, and
 *       types spelled as an accessible supertype ({@link TypeNames#accessibleSupertype}).</li>
 * </ul>
 */
public final class TreePrinter {
    /** Thrown by a switch whose cases were exhaustive when compiled and match nothing (Java 21). */
    static final ClassName MATCH_EXCEPTION = ClassName.get("java.lang", "MatchException");
    private final Env env;
    private final AsyncMethod method;
    private final PathIndex index;
    private final TypeNames typeNames;
    private final BoundedInstantiation bounds;
    private final dev.tulip.processor.access.Access access;
    private final PrivateAccessors accessors;
    private final SwitchForms switchForms;
    /** Numbers the values a translated pattern names ({@code selector$1}, {@code record$2}), unique in the method. */
    private int matchCount;
    private final String selfName;
    private final CharSequence source;

    public TreePrinter(Env env, AsyncMethod method, PathIndex index, TypeNames typeNames, dev.tulip.processor.access.Access access,
            PrivateAccessors accessors, String selfName) {
        this.env = env;
        this.accessors = accessors;
        this.method = method;
        this.index = index;
        this.typeNames = typeNames;
        this.bounds = new BoundedInstantiation(typeNames);
        this.switchForms = new SwitchForms(env, index, typeNames);
        this.access = access;
        this.selfName = selfName;
        try {
            this.source = method.unit.getSourceFile().getCharContent(true);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the source of " + method.displayName(), e);
        }
    }

    /** Gives stand-in type variables to the private classes the method gives to bounded type parameters ({@link StandIns}). */
    public void chooseStandIns() {
        new StandIns.Chooser(method, index, typeNames, bounds).run();
    }

    public CodeBlock expression(ExpressionTree tree, Map<Tree, CodeBlock> subst, PrintHooks hooks) {
        Run run = new Run(subst, hooks);
        run.expr(tree);
        return run.out.build();
    }

    public CodeBlock statement(StatementTree tree, Map<Tree, CodeBlock> subst, PrintHooks hooks) {
        Run run = new Run(subst, hooks);
        run.stmt(tree);
        return run.out.build();
    }

    /** A case label of an exploded switch, with what to run when it matches. */
    public static final class SwitchLabel {
        public final CodeBlock label;
        /** Copies of pattern bindings into state-machine variables ({@code s = s$match;}), or empty. */
        public final CodeBlock onMatch;
        public final boolean isPattern;

        SwitchLabel(CodeBlock label, CodeBlock onMatch, boolean isPattern) {
            this.label = label;
            this.onMatch = onMatch;
            this.isPattern = isPattern;
        }
    }

    /**
     * Prints one case label (a constant, an enum constant, {@code null} or a pattern, as the switch's mode
     * needs: see {@link SwitchForms}) with the case's guard, for the dispatch switch of an exploded switch.
     */
    public SwitchLabel switchLabel(SwitchForms.Mode mode, ExpressionTree selector, Tree label, Tree guard,
            PrintHooks hooks) {
        Run run = new Run(Map.of(), hooks);
        if (mode == SwitchForms.Mode.GUARDS && run.translatedLabel(label)) {
            run.guardedLabel(selector, List.of(label), guard);
            return run.switchLabel(true);
        }
        Tree pattern = SwitchForms.patternOf(label);
        if (pattern != null) {
            run.pattern(pattern);
        } else if ((mode == SwitchForms.Mode.ORDINALS || mode == SwitchForms.Mode.NULLABLE_ORDINALS)
                && SwitchForms.isNull(label)) {
            run.out.add("-1 /* null */"); // see PrivateAccess.nullableOrdinal
        } else {
            run.caseLabel(SwitchForms.constantOf(label));
        }
        boolean isPattern = pattern != null;
        if (guard != null) {
            run.out.add(" when ");
            run.expr((ExpressionTree) guard);
        }
        return run.switchLabel(isPattern || guard != null);
    }

    /** {@code target = value}, for a value computed elsewhere (private fields go through their setter). */
    public CodeBlock assignment(ExpressionTree target, CodeBlock value, Map<Tree, CodeBlock> subst, PrintHooks hooks) {
        Run run = new Run(subst, hooks);
        run.assignValue(target, value);
        return run.out.build();
    }

    /** The first line of a tree's source, for comments. */
    public String sourceLine(Tree tree) {
        long start = env.positions.getStartPosition(method.unit, tree);
        long end = env.positions.getEndPosition(method.unit, tree);
        if (start < 0 || end < start) {
            return "";
        }
        String text = source.subSequence((int) start, (int) end).toString();
        int nl = text.indexOf('\n');
        if (nl >= 0) {
            text = text.substring(0, nl).trim();
            if (text.endsWith("{")) {
                text = text + " ... }";
            } else {
                text = text + " ...";
            }
        }
        text = text.replaceAll("\\s+", " ").trim();
        return text.length() > 90 ? text.substring(0, 87) + "..." : text;
    }

    public long line(Tree tree) {
        long pos = env.positions.getStartPosition(method.unit, tree);
        return pos < 0 ? -1 : method.unit.getLineMap().getLineNumber(pos);
    }

    private String sourceText(Tree tree) {
        long start = env.positions.getStartPosition(method.unit, tree);
        long end = env.positions.getEndPosition(method.unit, tree);
        if (start < 0 || end < start) {
            return ""; // a tree javac synthesized (the inferred type of a var pattern...)
        }
        return source.subSequence((int) start, (int) end).toString();
    }

    /** A local record, enum or interface of the body, printed as a member of the state machine. */
    public static final class HoistedType {
        public final String name;
        public final CodeBlock declaration;

        HoistedType(String name, CodeBlock declaration) {
            this.name = name;
            this.declaration = declaration;
        }
    }

    private final List<HoistedType> hoisted = new ArrayList<>();

    /** The local records, enums and interfaces of the body, to be declared as members of the state machine. */
    public List<HoistedType> hoistedTypes() {
        return hoisted;
    }

    /** Local classes of the body declared before a suspension (and capturing nothing): hoisted too. */
    private final Set<Tree> hoistedClasses = new java.util.HashSet<>();

    /**
     * Declares this local class as a member of the state machine (an inner class: its instances still
     * reach the receiver, {@code self}) rather than where it is written; the lowering asks for it when
     * the class's scope spans a suspension.
     */
    public void hoistLocalClass(ClassTree tree) {
        hoistedClasses.add(tree);
    }

    /**
     * The name of a local variable or parameter of the method that this local class's body uses (and so
     * captures), or null if it uses none.
     */
    public String capturedLocal(ClassTree tree) {
        String[] found = {null};
        new com.sun.source.util.TreeScanner<Void, Void>() {
            final Set<Element> inside = new java.util.HashSet<>();

            @Override
            public Void visitVariable(VariableTree node, Void unused) {
                Element e = index.element(node);
                if (e != null) {
                    inside.add(e);
                }
                return super.visitVariable(node, unused);
            }

            @Override
            public Void visitIdentifier(IdentifierTree node, Void unused) {
                Element e = found[0] == null ? index.element(node) : null;
                if (e != null && !inside.contains(e) && (e.getKind() == ElementKind.LOCAL_VARIABLE
                        || e.getKind() == ElementKind.PARAMETER || e.getKind() == ElementKind.EXCEPTION_PARAMETER
                        || e.getKind() == ElementKind.RESOURCE_VARIABLE || e.getKind() == ElementKind.BINDING_VARIABLE)) {
                    found[0] = node.getName().toString();
                }
                return null;
            }
        }.scan(tree, null);
        return found[0];
    }

    /** Bound method references to @Async methods printed so far: numbers their synthetic names. */
    private int boundReferences;

    /** One printing job: its substitutions, hooks, output, and the native jump targets seen so far. */
    private final class Run {
        final Map<Tree, CodeBlock> subst;
        final PrintHooks hooks;
        /** Where printing goes; swapped while a pattern test is assembled. */
        CodeBlock.Builder out = CodeBlock.builder();
        /** Loops, switches and labeled statements being printed: jumps to them stay native. */
        final Deque<Tree> nativeTargets = new ArrayDeque<>();
        /** Local and anonymous classes being printed, innermost first. */
        final Deque<TypeElement> classFrames = new ArrayDeque<>();
        int lambdaDepth;
        /** Numbers the variables of catch clauses rewritten for private exception classes. */
        int privateCatchCount;
        /** Pattern bindings that live in state-machine variables, renamed while their pattern is printed. */
        final Map<Element, String> matchNames = new java.util.HashMap<>();
        /** {@code tracked = tracked$match} assignments owed by the pattern just printed. */
        final List<String[]> binds = new java.util.ArrayList<>();
        /** Set when a method reference printed as an expression that already has its functional type. */
        boolean typedFunction;

        Run(Map<Tree, CodeBlock> subst, PrintHooks hooks) {
            this.subst = subst;
            this.hooks = hooks;
        }

        boolean inNestedFrame() {
            return lambdaDepth > 0 || !classFrames.isEmpty();
        }

        // ---------------- expressions ----------------

        void expr(ExpressionTree tree) {
            CodeBlock replacement = subst.get(tree);
            if (replacement != null) {
                hooks.substituted(tree);
                out.add(replacement);
                return;
            }
            if (privateFieldWrite(tree)) {
                return;
            }
            switch (tree.getKind()) {
                case IDENTIFIER:
                    identifier((IdentifierTree) tree, false);
                    return;
                case MEMBER_SELECT:
                    memberSelect((MemberSelectTree) tree);
                    return;
                case METHOD_INVOCATION:
                    invocation((MethodInvocationTree) tree);
                    return;
                case NEW_CLASS:
                    newClass((NewClassTree) tree);
                    return;
                case NEW_ARRAY:
                    newArray((NewArrayTree) tree);
                    return;
                case LAMBDA_EXPRESSION:
                    lambda((LambdaExpressionTree) tree);
                    return;
                case MEMBER_REFERENCE:
                    memberReference((MemberReferenceTree) tree);
                    return;
                case PARENTHESIZED:
                    out.add("(");
                    expr(((ParenthesizedTree) tree).getExpression());
                    out.add(")");
                    return;
                case CONDITIONAL_EXPRESSION: {
                    ConditionalExpressionTree c = (ConditionalExpressionTree) tree;
                    expr(c.getCondition());
                    out.add(" ? ");
                    expr(c.getTrueExpression());
                    out.add(" : ");
                    expr(c.getFalseExpression());
                    return;
                }
                case TYPE_CAST: {
                    TypeCastTree c = (TypeCastTree) tree;
                    if (privateCast(c)) {
                        return;
                    }
                    out.add("(");
                    type(c.getType());
                    out.add(") ");
                    expr(c.getExpression());
                    return;
                }
                case INSTANCE_OF:
                    instanceOf((InstanceOfTree) tree);
                    return;
                case ARRAY_ACCESS: {
                    ArrayAccessTree a = (ArrayAccessTree) tree;
                    expr(a.getExpression());
                    out.add("[");
                    expr(a.getIndex());
                    out.add("]");
                    return;
                }
                case ASSIGNMENT: {
                    AssignmentTree a = (AssignmentTree) tree;
                    target(a.getVariable());
                    out.add(" = ");
                    expr(a.getExpression());
                    return;
                }
                case SWITCH_EXPRESSION:
                    switchExpression((SwitchExpressionTree) tree);
                    return;
                case INT_LITERAL:
                case LONG_LITERAL:
                case FLOAT_LITERAL:
                case DOUBLE_LITERAL:
                case BOOLEAN_LITERAL:
                case CHAR_LITERAL:
                case STRING_LITERAL:
                case NULL_LITERAL:
                    out.add("$L", sourceText(tree));
                    return;
                case ARRAY_TYPE:
                case PARAMETERIZED_TYPE:
                case PRIMITIVE_TYPE:
                case UNION_TYPE:
                case INTERSECTION_TYPE:
                case ANNOTATED_TYPE:
                    type(tree);
                    return;
                default:
                    break;
            }
            if (tree instanceof CompoundAssignmentTree) {
                CompoundAssignmentTree c = (CompoundAssignmentTree) tree;
                target(c.getVariable());
                out.add(" $L ", Operators.of(tree.getKind()));
                expr(c.getExpression());
                return;
            }
            if (tree instanceof UnaryTree) {
                UnaryTree u = (UnaryTree) tree;
                String op = Operators.of(tree.getKind());
                boolean assigns = Operators.isIncrementOrDecrement(tree.getKind());
                if (Operators.isPostfix(tree.getKind())) {
                    if (assigns) {
                        target(u.getExpression());
                    } else {
                        expr(u.getExpression());
                    }
                    out.add("$L", op);
                } else {
                    out.add("$L", op);
                    if (assigns) {
                        target(u.getExpression());
                    } else {
                        expr(u.getExpression());
                    }
                }
                return;
            }
            if (tree instanceof BinaryTree) {
                BinaryTree b = (BinaryTree) tree;
                expr(b.getLeftOperand());
                out.add(" $L ", Operators.of(tree.getKind()));
                expr(b.getRightOperand());
                return;
            }
            throw new Unsupported(tree, "this kind of expression (" + tree.getKind() + ")");
        }

        /** The target of an assignment: a definition when it is a local. */
        void target(ExpressionTree tree) {
            CodeBlock replacement = subst.get(tree);
            if (replacement != null) {
                hooks.substituted(tree);
                out.add(replacement);
                return;
            }
            if (tree.getKind() == Tree.Kind.IDENTIFIER) {
                identifier((IdentifierTree) tree, true);
            } else if (tree.getKind() == Tree.Kind.PARENTHESIZED) {
                out.add("(");
                target(((ParenthesizedTree) tree).getExpression());
                out.add(")");
            } else {
                expr(tree);
            }
        }

        void identifier(IdentifierTree tree, boolean definition) {
            String name = tree.getName().toString();
            if (name.equals("this")) {
                out.add("$L", classFrames.isEmpty() ? self(tree) : "this");
                return;
            }
            if (name.equals("super")) {
                out.add("super");
                return;
            }
            Element e = index.element(tree);
            if (e == null) {
                out.add("$L", name);
                return;
            }
            switch (e.getKind()) {
                case LOCAL_VARIABLE:
                case PARAMETER:
                case EXCEPTION_PARAMETER:
                case RESOURCE_VARIABLE:
                case BINDING_VARIABLE: {
                    String matched = matchNames.get(e);
                    if (matched != null) {
                        out.add("$L", matched);
                        return;
                    }
                    String renamed = hooks.local(e, definition, inNestedFrame());
                    if (renamed != null && !definition && e.asType().getKind() == TypeKind.INTERSECTION) {
                        // Stored as its first bound (an intersection has no name): cast back for members.
                        out.add("(($L) $L)", intersection((IntersectionType) e.asType()), renamed);
                        return;
                    }
                    if (renamed == null && isBoxedBinding(e)) {
                        out.add(definition ? CodeBlock.of("$L[0]", name) : boxedRead(name, e));
                        return;
                    }
                    out.add("$L", renamed != null ? renamed : name);
                    return;
                }
                case FIELD:
                case ENUM_CONSTANT:
                    field(tree, e, null);
                    return;
                case PACKAGE:
                    out.add("$L", name);
                    return;
                default:
                    if (TypeNames.isTypeLike(e)) {
                        typeElement(tree, (TypeElement) e);
                        return;
                    }
                    out.add("$L", name);
            }
        }

        /** An intersection type as written in a cast: {@code Serializable & Comparable<?>}. */
        CodeBlock intersection(IntersectionType type) {
            CodeBlock.Builder b = CodeBlock.builder();
            for (TypeMirror bound : type.getBounds()) {
                b.add(b.isEmpty() ? "$T" : " & $T", typeNames.of(bound));
            }
            return b.build();
        }

        /** A field read or written through an implicit receiver ({@code qualifier == null}) or a qualifier. */
        void field(Tree tree, Element field, ExpressionTree qualifier) {
            boolean isStatic = field.getModifiers().contains(Modifier.STATIC);
            TypeElement owner = (TypeElement) field.getEnclosingElement();
            if (qualifier == null && (isStatic ? TypeNames.isLocalClass(owner) : memberOfLocalFrame(field))) {
                out.add("$L", field.getSimpleName());
                return;
            }
            if (viaAccessor(field, qualifier) && inlinedConstant(field, qualifier)) {
                return;
            }
            if (viaAccessor(field, qualifier)) {
                fromCompanion((ExpressionTree) tree, () -> {
                    out.add("$T.$L(", method.companion, accessors.getter((VariableElement) field,
                            handleSite(field, qualifier)));
                    if (!isStatic) {
                        receiver(tree, qualifier, field);
                    }
                    out.add(")");
                });
                return;
            }
            if (isStatic) {
                if (qualifier != null && qualifier.getKind() != Tree.Kind.IDENTIFIER
                        && qualifier.getKind() != Tree.Kind.MEMBER_SELECT) {
                    // A static field through an expression: keep the expression's evaluation.
                    expr(qualifier);
                    out.add(".$L", field.getSimpleName());
                    return;
                }
                Element q = qualifier == null ? null : index.element(qualifier);
                if (qualifier != null && !(q != null && TypeNames.isTypeLike(q))) {
                    expr(qualifier); // a static field through a variable: as written
                } else {
                    staticQualifier(tree, field, qualifier);
                }
                out.add(".$L", field.getSimpleName());
                return;
            }
            receiver(tree, qualifier, field);
            out.add(".$L", field.getSimpleName());
        }

        /**
         * A constant variable (JLS 4.12.4) that generated code cannot reach directly, written as its
         * value, as javac itself compiles every use of one (JLS 13.1): a getter call is not a constant
         * expression, and a {@code case} label or another constant needs one. Only where the
         * qualifier has no evaluation of its own to keep (none, a type name, {@code this}).
         */
        boolean inlinedConstant(Element field, ExpressionTree qualifier) {
            Object value = field instanceof VariableElement ? ((VariableElement) field).getConstantValue() : null;
            if (value == null) {
                return false;
            }
            ExpressionTree q = qualifier == null ? null : stripParens(qualifier);
            Element named = q == null ? null : index.element(q);
            if (q != null && !isThis(q) && !(named != null && TypeNames.isTypeLike(named))) {
                return false;
            }
            String text = env.elements.getConstantExpression(value);
            // (-1): a negative value after a unary minus must not become a decrement (--1)
            out.add("$L", text.startsWith("-") ? "(" + text + ")" : text);
            return true;
        }

        /**
         * The qualifying type of a use of {@code member} (JLS 13.1) in generated code: the class named
         * for a static member (or the innermost class around the method of which it is a member, for an
         * unqualified one), the static type of the receiver for an instance member (the enclosing
         * instance that has it, for an unqualified one), the created class for a constructor. Null for a
         * static member no class generated code can name qualifies.
         */
        TypeMirror qualifyingType(Element member, ExpressionTree qualifier) {
            if (member.getKind() == ElementKind.CONSTRUCTOR) {
                return member.getEnclosingElement().asType();
            }
            boolean isStatic = member.getModifiers().contains(Modifier.STATIC);
            ExpressionTree q = qualifier == null ? null : stripParens(qualifier);
            Element named = q == null ? null : index.element(q);
            if (isStatic && (q == null || (named != null && TypeNames.isTypeLike(named)))) {
                if (named != null && access.canName(named)) {
                    return named.asType();
                }
                TypeElement c = access.staticQualifier(member);
                return c == null ? null : c.asType();
            }
            if (q == null || isThis(q)) {
                return (q == null ? access.implicitReceiver(member) : method.owner).asType();
            }
            return typeOf(q);
        }

        /** The class generated code writes before a static member reached directly (see {@link #qualifyingType}). */
        void staticQualifier(Tree at, Element member, ExpressionTree qualifier) {
            TypeMirror q = qualifyingType(member, qualifier);
            if (q == null) {
                throw new IllegalStateException("a static member no class can qualify was printed directly: " + member);
            }
            typeElement(at, (TypeElement) ((DeclaredType) q).asElement());
        }

        /** {@code Outer.this}: evaluating it twice has no effect. */
        boolean isOuterThis(ExpressionTree tree) {
            return tree.getKind() == Tree.Kind.MEMBER_SELECT
                    && ((MemberSelectTree) tree).getIdentifier().contentEquals("this");
        }

        boolean isThis(ExpressionTree tree) {
            return tree.getKind() == Tree.Kind.IDENTIFIER && ((IdentifierTree) tree).getName().contentEquals("this");
        }

        /** Where a handle on {@code member} is looked up ({@link dev.tulip.processor.access.Access#handleSite}). */
        DeclaredType handleSite(Element member, ExpressionTree qualifier) {
            return access.handleSite(member, qualifyingType(member, qualifier));
        }

        /**
         * {@code super.m} or {@code X.super.m} meaning the enclosing class's superclass (or interface):
         * in the body itself or a lambda, not inside an anonymous or local class of the body, where
         * {@code super} is that class's own and stays as written.
         */
        boolean isSuperOfEnclosingClass(ExpressionTree select) {
            if (!classFrames.isEmpty() || select.getKind() != Tree.Kind.MEMBER_SELECT) {
                return false;
            }
            ExpressionTree q = ((MemberSelectTree) select).getExpression();
            if (q instanceof IdentifierTree) {
                return ((IdentifierTree) q).getName().contentEquals("super");
            }
            return q instanceof MemberSelectTree && ((MemberSelectTree) q).getIdentifier().contentEquals("super");
        }

        /** A super call through a handle on the implementation it names (see PrivateAccessors.superMethod). */
        void superCall(MethodInvocationTree tree, ExecutableElement m, MemberSelectTree select) {
            ExpressionTree q = select.getExpression();
            TypeElement owner;
            if (q instanceof MemberSelectTree) {
                // Iface.super.m(): the interface named before super.
                owner = (TypeElement) index.element(((MemberSelectTree) q).getExpression());
            } else {
                owner = (TypeElement) env.types.asElement(method.owner.getSuperclass());
            }
            fromCompanion(tree, () -> {
                out.add("$T.$L(", method.companion, accessors.superMethod(m, owner, method.owner));
                out.add("$L", self(tree));
                for (ExpressionTree arg : tree.getArguments()) {
                    out.add(", ");
                    expr(arg);
                }
                out.add(")");
            });
        }

        /**
         * Prints, with {@code print}, a call of a companion helper whose value is {@code tree}'s. The
         * helpers spell private classes without stand-ins ({@code Set<Enum<?>>}, see {@link StandIns}),
         * so a value whose type mentions one is cast to the machine's spelling ({@code (Set<Kind$>)}),
         * unless it is discarded (an expression statement, where a cast could not stand).
         */
        void fromCompanion(ExpressionTree tree, Runnable print) {
            TypeMirror type = typeOf(tree);
            if (type == null || !typeNames.mentionsStandIn(type) || isDiscarded(tree)) {
                print.run();
                return;
            }
            out.add("($L", typeNames.castFromCompanion(type));
            print.run();
            out.add(")");
        }

        /** True if the value of {@code tree} is dropped: an expression statement, or the body of a void lambda. */
        boolean isDiscarded(ExpressionTree tree) {
            com.sun.source.util.TreePath parent = index.path(tree).getParentPath();
            Tree p = parent == null ? null : parent.getLeaf();
            if (p instanceof ExpressionStatementTree) {
                return true;
            }
            if (p instanceof LambdaExpressionTree && ((LambdaExpressionTree) p).getBody() == tree) {
                TypeMirror fi = typeOf(p);
                Element e = fi == null ? null : env.types.asElement(fi);
                ExecutableElement sam = e instanceof TypeElement ? accessors.lambdas.functionalMethod((TypeElement) e) : null;
                return sam != null && sam.getReturnType().getKind() == TypeKind.VOID;
            }
            return false;
        }

        /**
         * The receiver of an instance member's use: the qualifier, or for an implicit one the enclosing
         * instance that has the member ({@code self}, or an outer instance of an inner class).
         */
        void receiver(Tree at, ExpressionTree qualifier, Element member) {
            if (qualifier == null) {
                enclosingInstance(at, access.hopsTo(access.implicitReceiver(member)));
            } else if (isThis(qualifier)) {
                // Inside a local or anonymous class being printed, 'this' is that class's instance.
                out.add("$L", classFrames.isEmpty() ? self(at) : "this");
            } else {
                expr(qualifier);
            }
        }

        /**
         * The instance of the class {@code hops} inner-class levels out from the method's class: {@code self}
         * for 0, then {@code Outer.this} of each level, read through the companion
         * ({@link PrivateAccessors#enclosingInstance}).
         */
        void enclosingInstance(Tree at, int hops) {
            if (hops < 0) {
                throw new IllegalStateException("no enclosing instance for a member used at line " + line(at));
            }
            TypeElement inner = method.owner;
            List<TypeElement> levels = new ArrayList<>();
            for (int i = 0; i < hops; i++) {
                levels.add(inner);
                inner = (TypeElement) inner.getEnclosingElement();
            }
            for (int i = levels.size() - 1; i >= 0; i--) {
                out.add("$T.$L(", method.companion, accessors.enclosingInstance(levels.get(i)));
            }
            out.add("$L", self(at));
            for (int i = 0; i < levels.size(); i++) {
                out.add(")");
            }
        }

        /**
         * True if generated code must reach the member through a helper of {@link PrivateAccessors}: it is
         * not accessible through its qualifying type ({@link dev.tulip.processor.access.Access#isDirect}), or
         * its type mentions a class generated code cannot name (a direct use would hand over or take back
         * values of a type it spells differently). Members of local and anonymous classes are printed
         * with the class, so never.
         */
        boolean viaAccessor(Element member, ExpressionTree qualifier) {
            if (TypeNames.isLocalClass(member.getEnclosingElement())) {
                return false;
            }
            if (typeNames.mentionsInaccessible(member.asType())) {
                return true;
            }
            TypeMirror q = qualifyingType(member, qualifier);
            if (q != null && q.getKind() == TypeKind.DECLARED && !access.canName(((DeclaredType) q).asElement())) {
                // A receiver of a private class: the accessible supertype it is printed as qualifies an
                // accessible member ({@link #handleReceiver} decides whether that suffices).
                return !access.isDirect(member, member.getEnclosingElement().asType());
            }
            return q == null || !access.isDirect(member, q);
        }

        /**
         * For an instance method of an accessible class called on a receiver whose type generated code
         * cannot name ({@code kind.compareTo(other)} on a private enum): that type if the call must go
         * through a handle looked up in it, or null when it can be printed as is because the accessible
         * supertype the receiver is printed as has the method with the same types ({@code kind.name()},
         * {@code item.toString()}).
         */
        DeclaredType handleReceiver(ExpressionTree qualifier, ExecutableElement m) {
            if (qualifier == null || m.getModifiers().contains(Modifier.STATIC)) {
                return null;
            }
            TypeMirror r = index.type(stripParens(qualifier));
            if (r == null || r.getKind() != TypeKind.DECLARED || !typeNames.isInaccessible(((DeclaredType) r).asElement())) {
                return null;
            }
            DeclaredType printedAs = typeNames.accessibleSupertypeOf((TypeElement) ((DeclaredType) r).asElement());
            TypeMirror printed = printedAs == null ? env.elements.getTypeElement("java.lang.Object").asType() : printedAs;
            boolean inherited = env.types.isSubtype(env.types.erasure(printed),
                    env.types.erasure(m.getEnclosingElement().asType()));
            if (inherited && !typeNames.mentionsInaccessible(env.types.asMemberOf((DeclaredType) r, m))) {
                return null;
            }
            return (DeclaredType) r;
        }

        /** If {@code target} is a field the companion cannot reach, the field; else null. */
        VariableElement inaccessibleField(ExpressionTree target) {
            ExpressionTree t = stripParens(target);
            if (subst.containsKey(t) || (t.getKind() != Tree.Kind.IDENTIFIER && t.getKind() != Tree.Kind.MEMBER_SELECT)) {
                return null;
            }
            Element e = index.element(t);
            if (e == null || e.getKind() != ElementKind.FIELD || !viaAccessor(e, qualifierOf(t))) {
                return null;
            }
            if (t.getKind() == Tree.Kind.IDENTIFIER && !e.getModifiers().contains(Modifier.STATIC)
                    && memberOfLocalFrame(e)) {
                return null;
            }
            return (VariableElement) e;
        }

        ExpressionTree qualifierOf(ExpressionTree target) {
            ExpressionTree t = stripParens(target);
            return t.getKind() == Tree.Kind.MEMBER_SELECT ? ((MemberSelectTree) t).getExpression() : null;
        }

        void assignValue(ExpressionTree target, CodeBlock value) {
            VariableElement f = inaccessibleField(target);
            if (f == null) {
                target(target);
                out.add(" = $L", value);
                return;
            }
            ExpressionTree q = qualifierOf(target);
            out.add("$T.$L(", method.companion, accessors.setter(f, handleSite(f, q)));
            if (!f.getModifiers().contains(Modifier.STATIC)) {
                receiver(target, q, f);
                out.add(", ");
            }
            out.add("$L)", value);
        }

        /** Assignments to fields the companion cannot reach go through generated helpers. */
        boolean privateFieldWrite(ExpressionTree tree) {
            if (tree.getKind() == Tree.Kind.ASSIGNMENT) {
                AssignmentTree a = (AssignmentTree) tree;
                VariableElement f = inaccessibleField(a.getVariable());
                if (f == null) {
                    return false;
                }
                ExpressionTree q = qualifierOf(a.getVariable());
                fromCompanion(tree, () -> {
                    out.add("$T.$L(", method.companion, accessors.setter(f, handleSite(f, q)));
                    if (!f.getModifiers().contains(Modifier.STATIC)) {
                        receiver(tree, q, f);
                        out.add(", ");
                    }
                    expr(a.getExpression());
                    out.add(")");
                });
                return true;
            }
            if (tree instanceof CompoundAssignmentTree) {
                CompoundAssignmentTree c = (CompoundAssignmentTree) tree;
                VariableElement f = inaccessibleField(c.getVariable());
                if (f == null) {
                    return false;
                }
                ExpressionTree q = qualifierOf(c.getVariable());
                if (q != null && q.getKind() != Tree.Kind.IDENTIFIER && !isOuterThis(q)) {
                    throw new Unsupported(tree, "a compound assignment to a private field through an expression"
                            + " (assign the receiver to a local first)");
                }
                boolean isStatic = f.getModifiers().contains(Modifier.STATIC);
                DeclaredType site = handleSite(f, q);
                out.add("$T.$L(", method.companion, accessors.compound(f, site, tree.getKind(),
                        index.type(c.getExpression())));
                if (!isStatic) {
                    receiver(tree, q, f);
                    out.add(", ");
                }
                out.add("$T.$L(", method.companion, accessors.getter(f, site));
                if (!isStatic) {
                    receiver(tree, q, f);
                }
                out.add("), ");
                expr(c.getExpression());
                out.add(")");
                return true;
            }
            if (tree instanceof UnaryTree && Operators.isIncrementOrDecrement(tree.getKind())) {
                VariableElement f = inaccessibleField(((UnaryTree) tree).getExpression());
                if (f == null) {
                    return false;
                }
                ExpressionTree q = qualifierOf(((UnaryTree) tree).getExpression());
                out.add("$T.$L(", method.companion, accessors.increment(f, handleSite(f, q), tree.getKind()));
                if (!f.getModifiers().contains(Modifier.STATIC)) {
                    receiver(tree, q, f);
                }
                out.add(")");
                return true;
            }
            return false;
        }

        /** True if an instance member is reached through a local or anonymous class being printed. */
        boolean memberOfLocalFrame(Element member) {
            for (TypeElement frame : classFrames) {
                if (env.elements.getAllMembers(frame).contains(member)) {
                    return true;
                }
            }
            return false;
        }

        String self(Tree at) {
            if (selfName == null) {
                throw new Unsupported(at, "'this' in a static method");
            }
            return selfName;
        }

        void typeElement(Tree at, TypeElement type) {
            if (typeNames.isInaccessible(type)) {
                throw new Unsupported(at, "naming the private class " + type.getSimpleName() + " here");
            }
            out.add("$T", typeNames.className(type));
        }

        void memberSelect(MemberSelectTree tree) {
            String name = tree.getIdentifier().toString();
            Element e = index.element(tree);
            if (name.equals("class")) {
                TypeMirror t = typeOf(tree.getExpression());
                if (t != null && typeNames.mentionsInaccessible(t)) {
                    // The class object the companion holds (a class literal would name the class).
                    CodeBlock cls = accessors.classObject(t);
                    if (t.getKind() == TypeKind.ARRAY) {
                        out.add("(($T) ($T) $L)", typeNames.of(index.type(tree)),
                                ParameterizedTypeName.get(ClassName.get(Class.class), WildcardTypeName.subtypeOf(Object.class)),
                                cls);
                    } else {
                        fromCompanion(tree, () -> out.add(cls));
                    }
                    return;
                }
                type(tree.getExpression());
                out.add(".class");
                return;
            }
            if (name.equals("this")) {
                Element q = index.element(tree.getExpression());
                if (q != null && !TypeNames.isLocalClass(q) && classFrames.stream().noneMatch(f -> f.equals(q))) {
                    enclosingInstance(tree, access.hopsTo((TypeElement) q)); // Outer.this: maybe an outer instance
                } else {
                    expr(tree.getExpression());
                    out.add(".this");
                }
                return;
            }
            if (e != null && TypeNames.isTypeLike(e)) {
                typeElement(tree, (TypeElement) e);
                return;
            }
            if (e != null && e.getKind() == ElementKind.PACKAGE) {
                out.add("$L", sourceText(tree));
                return;
            }
            if (e != null && (e.getKind() == ElementKind.FIELD || e.getKind() == ElementKind.ENUM_CONSTANT)) {
                field(tree, e, tree.getExpression());
                return;
            }
            expr(tree.getExpression());
            out.add(".$L", name);
        }

        void invocation(MethodInvocationTree tree) {
            Element e = index.element(tree);
            if (!(e instanceof ExecutableElement)) {
                throw new Unsupported(tree, "a call that javac could not resolve");
            }
            ExecutableElement m = (ExecutableElement) e;
            ExpressionTree select = tree.getMethodSelect();
            if (Markers.isSuspension(m)) {
                throw new IllegalStateException("suspension left in printed code at line " + line(tree));
            }
            String name = m.getSimpleName().toString();
            boolean isStatic = m.getModifiers().contains(Modifier.STATIC);
            if (Markers.isCompiledMethod(m)) {
                asyncCall(tree, m, select, isStatic);
                return;
            }
            boolean superCall = select.getKind() == Tree.Kind.MEMBER_SELECT
                    && ((MemberSelectTree) select).getExpression() instanceof IdentifierTree
                    && ((IdentifierTree) ((MemberSelectTree) select).getExpression()).getName().contentEquals("super");
            if (!superCall && m.getKind() == ElementKind.METHOD && privateCall(tree, m, select, isStatic)) {
                return;
            }
            if (isSuperOfEnclosingClass(select) && m.getKind() == ElementKind.METHOD && !isStatic) {
                superCall(tree, m, (MemberSelectTree) select);
                return;
            }
            if (isSuperOfEnclosingClass(select) && isStatic) {
                // super.staticMethod(): no dispatch either way, the class that declares it.
                if (!access.isDirect(m, m.getEnclosingElement().asType())) {
                    throw new Unsupported(tree, "a static method of the superclass that generated code cannot reach"
                            + " (call it through its class)");
                }
                typeElement(tree, (TypeElement) m.getEnclosingElement());
                out.add(".");
                typeArguments(tree.getTypeArguments());
                out.add("$L(", name);
                for (int i = 0; i < tree.getArguments().size(); i++) {
                    out.add(i == 0 ? "" : ", ");
                    expr(tree.getArguments().get(i));
                }
                out.add(")");
                return;
            }
            TypeMirror instantiated = typeOf(select);
            if (instantiated instanceof javax.lang.model.type.ExecutableType) {
                javax.lang.model.type.ExecutableType seen = (javax.lang.model.type.ExecutableType) instantiated;
                javax.lang.model.element.TypeParameterElement unmet = bounds.inCall(m, seen);
                if (unmet != null && erasedCall(tree, m, select, isStatic, seen)) {
                    return;
                }
                checkBounds(tree, m, unmet);
            }
            if (select.getKind() == Tree.Kind.IDENTIFIER) {
                if (name.equals("this") || name.equals("super") || m.getKind() == ElementKind.CONSTRUCTOR) {
                    out.add("$L", ((IdentifierTree) select).getName());
                } else if (isStatic) {
                    TypeElement owner = (TypeElement) m.getEnclosingElement();
                    if (TypeNames.isLocalClass(owner)) {
                        out.add("$L", name);
                    } else {
                        checkAccess(tree, m, null);
                        staticQualifier(tree, m, null);
                        out.add(".");
                        typeArguments(tree.getTypeArguments());
                        out.add("$L", name);
                    }
                } else if (memberOfLocalFrame(m)) {
                    typeArgumentsWithReceiver(tree, null);
                    out.add("$L", name);
                } else {
                    checkAccess(tree, m, null);
                    receiver(tree, null, m);
                    out.add(".");
                    typeArguments(tree.getTypeArguments());
                    out.add("$L", name);
                }
            } else if (select.getKind() == Tree.Kind.MEMBER_SELECT) {
                MemberSelectTree ms = (MemberSelectTree) select;
                if (!(ms.getExpression() instanceof IdentifierTree
                        && ((IdentifierTree) ms.getExpression()).getName().contentEquals("super"))) {
                    checkAccess(tree, m, ms.getExpression());
                }
                Element q = index.element(ms.getExpression());
                if (isStatic && q != null && TypeNames.isTypeLike(q)) {
                    staticQualifier(tree, m, ms.getExpression());
                } else {
                    expr(ms.getExpression());
                }
                out.add(".");
                typeArguments(tree.getTypeArguments());
                out.add("$L", name);
            } else {
                expr(select);
            }
            arguments(tree.getArguments());
        }

        /**
         * A call of a generic method whose bounded type parameter is given a private type, through a
         * helper on its erasure ({@link PrivateAccessors#erased}). False (the caller then reports it)
         * when the helper could not be typed: a varargs method, or instantiated types that mention type
         * variables, or an instance method called without a receiver expression.
         */
        boolean erasedCall(MethodInvocationTree tree, ExecutableElement m, ExpressionTree select, boolean isStatic,
                javax.lang.model.type.ExecutableType seen) {
            ExpressionTree q = select.getKind() == Tree.Kind.MEMBER_SELECT
                    ? ((MemberSelectTree) select).getExpression() : null;
            TypeMirror qualifying = qualifyingType(m, q);
            if (m.isVarArgs() || mentionsTypeVariable(seen) || (!isStatic && q == null) || qualifying == null
                    || !access.isDirect(m, qualifying)) {
                return false;
            }
            TypeMirror receiver = isStatic ? null : typeOf(q);
            if (receiver != null && mentionsTypeVariable(receiver)) {
                return false;
            }
            fromCompanion(tree, () -> {
                out.add("$T.", method.companion);
                helperArguments(accessors.erased(m, seen, receiver), isStatic ? null : () -> receiver(tree, q, m),
                        tree.getArguments());
            });
            return true;
        }

        /** {@code helper(first, args...)}: a call of a companion helper, {@code first} printed first if not null. */
        void helperArguments(String helper, Runnable first, List<? extends ExpressionTree> args) {
            out.add("$L(", helper);
            if (first != null) {
                first.run();
            }
            for (int i = 0; i < args.size(); i++) {
                out.add(i == 0 && first == null ? "" : ", ");
                expr(args.get(i));
            }
            out.add(")");
        }

        /** True if the type mentions a type variable (not a capture, which prints as its bound). */
        boolean mentionsTypeVariable(TypeMirror type) {
            Boolean found = new javax.lang.model.util.SimpleTypeVisitor14<Boolean, Void>(false) {
                @Override
                public Boolean visitTypeVariable(javax.lang.model.type.TypeVariable t, Void unused) {
                    return !TypeNames.isCaptured(t);
                }

                @Override
                public Boolean visitDeclared(DeclaredType t, Void unused) {
                    return t.getTypeArguments().stream().anyMatch(a -> a.accept(this, null));
                }

                @Override
                public Boolean visitArray(javax.lang.model.type.ArrayType t, Void unused) {
                    return t.getComponentType().accept(this, null);
                }

                @Override
                public Boolean visitWildcard(javax.lang.model.type.WildcardType t, Void unused) {
                    return (t.getExtendsBound() != null && t.getExtendsBound().accept(this, null))
                            || (t.getSuperBound() != null && t.getSuperBound().accept(this, null));
                }

                @Override
                public Boolean visitExecutable(javax.lang.model.type.ExecutableType t, Void unused) {
                    return t.getReturnType().accept(this, null)
                            || t.getParameterTypes().stream().anyMatch(p -> p.accept(this, null));
                }
            }.visit(type);
            return found;
        }

        /** A call the companion cannot make directly: through a generated helper. */
        boolean privateCall(MethodInvocationTree tree, ExecutableElement m, ExpressionTree select, boolean isStatic) {
            ExpressionTree q = select.getKind() == Tree.Kind.MEMBER_SELECT
                    ? ((MemberSelectTree) select).getExpression() : null;
            if (select.getKind() == Tree.Kind.IDENTIFIER && !isStatic && memberOfLocalFrame(m)) {
                return false;
            }
            DeclaredType site;
            if (viaAccessor(m, q)) {
                site = handleSite(m, q);
            } else {
                site = handleReceiver(q, m);
                if (site == null) {
                    return false;
                }
            }
            fromCompanion(tree, () -> {
                out.add("$T.", method.companion);
                typeArguments(tree.getTypeArguments());
                helperArguments(accessors.method(m, site), isStatic ? null : () -> receiver(tree, q, m),
                        tree.getArguments());
            });
            return true;
        }

        void checkAccess(Tree tree, ExecutableElement m, ExpressionTree qualifier) {
            if (viaAccessor(m, qualifier)) {
                throw new IllegalStateException("inaccessible method printed directly: " + m + " at line " + line(tree));
            }
        }

        void typeArgumentsWithReceiver(MethodInvocationTree tree, String receiver) {
            if (!tree.getTypeArguments().isEmpty()) {
                out.add("this.");
                typeArguments(tree.getTypeArguments());
            }
        }

        /** A call to an {@code @Async} method: its companion's factory, receiver first. */
        void asyncCall(MethodInvocationTree tree, ExecutableElement m, ExpressionTree select, boolean isStatic) {
            TypeMirror type = typeOf(tree);
            if (type != null && typeNames.mentionsInaccessible(m.getReturnType()) && isOperand(tree)) {
                // The factory returns Coroutine<R>, R inferred from the context; a receiver has none (R
                // would be Object), so the call is cast to its type as this method sees it.
                out.add("(($T) ($T) ", typeNames.of(type), Object.class);
                asyncFactoryCall(tree, m, select, isStatic);
                out.add(")");
                return;
            }
            asyncFactoryCall(tree, m, select, isStatic);
        }

        /** True if {@code tree} is the receiver of a member access or the source of a for-each loop. */
        boolean isOperand(ExpressionTree tree) {
            com.sun.source.util.TreePath parent = index.path(tree).getParentPath();
            Tree p = parent == null ? null : parent.getLeaf();
            return (p instanceof MemberSelectTree && ((MemberSelectTree) p).getExpression() == tree)
                    || (p instanceof EnhancedForLoopTree && ((EnhancedForLoopTree) p).getExpression() == tree);
        }

        void asyncFactoryCall(MethodInvocationTree tree, ExecutableElement m, ExpressionTree select, boolean isStatic) {
            // The factory declares no exceptions (see CompanionEmitter.factory): the call declares the
            // method's checked ones again, so that generated catch clauses are valid where the user's are.
            List<TypeMirror> declared = checkedThrown(select, m);
            for (TypeMirror thrown : declared) {
                out.add("$T.<$T>raising().value(", DECLARED, typeNames.of(thrown));
            }
            ClassName companion = Companions.companionOf((TypeElement) m.getEnclosingElement());
            out.add("$T.", companion);
            typeArguments(tree.getTypeArguments());
            out.add("$L(", m.getSimpleName());
            boolean first = true;
            if (!isStatic) {
                if (select.getKind() == Tree.Kind.MEMBER_SELECT) {
                    ExpressionTree receiver = ((MemberSelectTree) select).getExpression();
                    expr(receiver);
                } else {
                    receiver(tree, null, m);
                }
                first = false;
            }
            for (ExpressionTree arg : tree.getArguments()) {
                if (!first) {
                    out.add(", ");
                }
                first = false;
                expr(arg);
            }
            out.add(")");
            for (int i = 0; i < declared.size(); i++) {
                out.add(")");
            }
        }

        /**
         * The checked exceptions a call of {@code m} declares, as instantiated at this call ({@code throws
         * E} with {@code E} inferred), leaving out those generated code cannot name (private classes:
         * their catch clauses test class objects instead).
         */
        List<TypeMirror> checkedThrown(ExpressionTree select, ExecutableElement m) {
            TypeMirror atCall = typeOf(select);
            List<? extends TypeMirror> thrown = atCall instanceof javax.lang.model.type.ExecutableType
                    ? ((javax.lang.model.type.ExecutableType) atCall).getThrownTypes() : m.getThrownTypes();
            TypeMirror runtime = env.elements.getTypeElement("java.lang.RuntimeException").asType();
            TypeMirror error = env.elements.getTypeElement("java.lang.Error").asType();
            List<TypeMirror> checked = new java.util.ArrayList<>();
            for (TypeMirror t : thrown) {
                if (t.getKind() == javax.lang.model.type.TypeKind.TYPEVAR || t.getKind() == javax.lang.model.type.TypeKind.ERROR
                        || env.types.isSubtype(t, runtime) || env.types.isSubtype(t, error)
                        || typeNames.mentionsInaccessible(t)) {
                    continue;
                }
                checked.add(t);
            }
            return checked;
        }

        void typeArguments(List<? extends Tree> args) {
            if (args.isEmpty()) {
                return;
            }
            out.add("<");
            for (int i = 0; i < args.size(); i++) {
                if (i > 0) {
                    out.add(", ");
                }
                type(args.get(i));
            }
            out.add(">");
        }

        void arguments(List<? extends ExpressionTree> args) {
            out.add("(");
            for (int i = 0; i < args.size(); i++) {
                if (i > 0) {
                    out.add(", ");
                }
                expr(args.get(i));
            }
            out.add(")");
        }

        void newClass(NewClassTree tree) {
            Element ctorElement = index.element(tree);
            if (tree.getClassBody() != null) {
                TypeMirror created = typeOf(tree.getIdentifier());
                // new Comparator<Item>() {...} is written with Item's spelling; new Item() {...} cannot be
                if (created != null && created.getKind() == TypeKind.DECLARED
                        && typeNames.isInaccessible(((DeclaredType) created).asElement())) {
                    throw new Unsupported(tree.getIdentifier(), "an anonymous class extending or implementing "
                            + privateName(created) + " (declare a named nested class instead)");
                }
            }
            // (new EnumMap<Kind, V>(...): rejected before printing, see checkBoundedTypes)
            if (tree.getClassBody() == null && ctorElement instanceof ExecutableElement && viaAccessor(ctorElement, null)) {
                privateConstructor(tree, (ExecutableElement) ctorElement);
                return;
            }
            if (tree.getEnclosingExpression() != null) {
                expr(tree.getEnclosingExpression());
                out.add(".");
            }
            TypeElement inner = innerClassCreated(tree);
            if (inner != null) {
                // new Inner() means Outer.this.new Inner(): the outer instance is an enclosing instance
                enclosingInstance(tree, access.hopsTo((TypeElement) inner.getEnclosingElement()));
                out.add(".");
            }
            out.add("new ");
            typeArguments(tree.getTypeArguments());
            ExpressionTree id = tree.getIdentifier();
            if (tree.getEnclosingExpression() != null) {
                // o.new Inner(): the simple name, resolved against o's class.
                out.add("$L", sourceText(id));
            } else if (inner != null) {
                out.add("$L", inner.getSimpleName()); // the simple name, resolved against the outer instance's class
                if (id.getKind() == Tree.Kind.PARAMETERIZED_TYPE) {
                    List<? extends Tree> args = ((com.sun.source.tree.ParameterizedTypeTree) id).getTypeArguments();
                    out.add(args.isEmpty() ? "<>" : "");
                    typeArguments(args);
                }
            } else if (id.getKind() == Tree.Kind.PARAMETERIZED_TYPE
                    && ((com.sun.source.tree.ParameterizedTypeTree) id).getTypeArguments().isEmpty()) {
                type(((com.sun.source.tree.ParameterizedTypeTree) id).getType());
                out.add("<>");
            } else {
                type(id);
            }
            arguments(tree.getArguments());
            if (tree.getClassBody() != null) {
                TypeElement anon = (TypeElement) index.element(tree.getClassBody());
                classBody(tree.getClassBody(), anon);
            }
            Element ctor = index.element(tree);
            // (a protected constructor is accessible to an anonymous class creation anywhere: JLS 6.6.2.2)
            if (ctor != null && !access.isDirect(ctor, null) && !ctor.getModifiers().contains(Modifier.PROTECTED)
                    && !TypeNames.isLocalClass(ctor.getEnclosingElement())) {
                throw new Unsupported(tree, "an anonymous subclass calling an inaccessible constructor");
            }
        }

        /**
         * {@code new C(args)} through a constructor handle; an inner class's outer instance comes
         * first (checked for null, as {@code outer.new C()} does).
         */
        void privateConstructor(NewClassTree tree, ExecutableElement ctor) {
            Runnable outer = null;
            if (PrivateAccessors.outerInstanceType((TypeElement) ctor.getEnclosingElement()) != null) {
                outer = () -> {
                    if (tree.getEnclosingExpression() != null) {
                        out.add("$T.requireNonNull(", java.util.Objects.class);
                        expr(tree.getEnclosingExpression());
                        out.add(")");
                    } else {
                        enclosingInstance(tree, access.hopsTo(
                                (TypeElement) ctor.getEnclosingElement().getEnclosingElement()));
                    }
                };
            }
            Runnable outerInstance = outer;
            fromCompanion(tree, () -> {
                out.add("$T.", method.companion);
                helperArguments(accessors.method(ctor), outerInstance, tree.getArguments());
            });
        }

        /**
         * The inner (non-static member) class that {@code new C(...)} creates without an explicit outer
         * instance, when that instance is an enclosing instance of the method (Java fills in
         * {@code Outer.this}), or null.
         */
        TypeElement innerClassCreated(NewClassTree tree) {
            Element ctor = index.element(tree);
            if (ctor == null || tree.getEnclosingExpression() != null) {
                return null;
            }
            TypeElement created = (TypeElement) ctor.getEnclosingElement();
            if (tree.getClassBody() != null) {
                // An anonymous class: its superclass decides.
                TypeMirror sup = created.getSuperclass();
                if (sup.getKind() == TypeKind.DECLARED) {
                    created = (TypeElement) env.types.asElement(sup);
                }
            }
            if (created.getNestingKind() != NestingKind.MEMBER || created.getModifiers().contains(Modifier.STATIC)
                    || created.getKind() != ElementKind.CLASS) {
                return null;
            }
            // An inner class of the user's class, created without an explicit outer instance.
            if (!classFrames.isEmpty() && memberOfLocalFrame(created)) {
                return null;
            }
            return selfName != null ? created : null;
        }

        void newArray(NewArrayTree tree) {
            if (privateArray(tree, typeOf(tree))) {
                return;
            }
            if (tree.getType() == null) {
                // {a, b} shorthand: spell the type, valid outside declarations too.
                out.add("new $T", typeNames.of(index.type(tree)));
                initializers(tree.getInitializers());
                return;
            }
            Tree base = tree.getType();
            int extra = 0;
            while (base.getKind() == Tree.Kind.ARRAY_TYPE && !tree.getDimensions().isEmpty()) {
                base = ((ArrayTypeTree) base).getType();
                extra++;
            }
            out.add("new ");
            type(base);
            for (ExpressionTree dim : tree.getDimensions()) {
                out.add("[");
                expr(dim);
                out.add("]");
            }
            for (int i = 0; i < extra; i++) {
                out.add("[]");
            }
            if (tree.getInitializers() != null) {
                out.add("[]");
                initializers(tree.getInitializers());
            }
        }

        void initializers(List<? extends ExpressionTree> inits) {
            out.add("{");
            for (int i = 0; i < inits.size(); i++) {
                if (i > 0) {
                    out.add(", ");
                }
                ExpressionTree init = inits.get(i);
                if (init.getKind() == Tree.Kind.NEW_ARRAY && ((NewArrayTree) init).getType() == null) {
                    initializers(((NewArrayTree) init).getInitializers());
                } else {
                    expr(init);
                }
            }
            out.add("}");
        }

        void lambda(LambdaExpressionTree tree) {
            functional(tree, "a lambda", () -> plainLambda(tree));
        }

        /** A lambda or method reference, bridged when it implements a private interface. */
        void functional(ExpressionTree tree, String what, Runnable print) {
            DeclaredType bridged = privateFunctionalTarget(tree, what);
            if (bridged != null) {
                bridgedLambda(bridged, print);
            } else {
                print.run();
            }
        }

        void plainLambda(LambdaExpressionTree tree) {
            List<? extends VariableTree> params = tree.getParameters();
            boolean explicit = tree.getParameters().stream().anyMatch(p -> p.getType() != null
                    && env.positions.getStartPosition(method.unit, p.getType()) >= 0
                    && !sourceText(p.getType()).equals("var"));
            if (params.size() == 1 && !explicit && !sourceText(tree).startsWith("(")) {
                out.add("$L", params.get(0).getName());
            } else {
                out.add("(");
                for (int i = 0; i < params.size(); i++) {
                    if (i > 0) {
                        out.add(", ");
                    }
                    if (explicit) {
                        modifiers(params.get(i).getModifiers(), false);
                        type(params.get(i).getType());
                        out.add(" ");
                    }
                    out.add("$L", params.get(i).getName());
                }
                out.add(")");
            }
            out.add(" -> ");
            lambdaDepth++;
            Deque<Tree> saved = new ArrayDeque<>(nativeTargets);
            nativeTargets.clear();
            nativeTargets.push(tree); // returns inside are the lambda's own
            try {
                if (tree.getBody() instanceof BlockTree) {
                    blockBody((BlockTree) tree.getBody(), false);
                } else {
                    expr((ExpressionTree) tree.getBody());
                }
            } finally {
                nativeTargets.clear();
                nativeTargets.addAll(saved);
                lambdaDepth--;
            }
        }

        void memberReference(MemberReferenceTree tree) {
            functional(tree, "a method reference", () -> plainMemberReference(tree));
        }

        /**
         * A bound reference to an {@code @Async} method ({@code this::fetch}, {@code client::fetch}): a
         * lambda calling the factory on the receiver. The lambda is cast to the reference's functional
         * type, so that overload resolution and inference around it see what javac saw for the
         * reference; a receiver other than {@code this} is evaluated and null-checked once, where the
         * reference is, through {@code Bind.bind} (JLS 15.13.3).
         */
        void boundAsyncReference(MemberReferenceTree tree, ExecutableElement target, ExpressionTree q) {
            TypeMirror functional = typeOf(tree);
            Element fe = functional == null ? null : env.types.asElement(functional);
            ExecutableElement sam = fe instanceof TypeElement
                    ? accessors.lambdas.functionalMethod((TypeElement) fe) : null;
            boolean isThis = isThisExpression(q);
            if (sam == null || (q instanceof IdentifierTree && ((IdentifierTree) q).getName().contentEquals("super"))
                    || (q instanceof MemberSelectTree && ((MemberSelectTree) q).getIdentifier().contentEquals("super"))) {
                throw new Unsupported(tree, "a method reference through 'super' to an @Async method; write a lambda"
                        + " that calls it instead");
            }
            TypeName functionalType = nameableOrNull(functional);
            TypeName receiverType = isThis ? null : nameableOrNull(typeOf(q));
            if (!isThis && (functionalType == null || receiverType == null)) {
                throw new Unsupported(tree, "a bound method reference to an @Async method whose receiver or functional"
                        + " type generated code cannot name; write a lambda that calls it instead");
            }
            int id = ++boundReferences;
            String receiver = "receiver$" + id;
            if (!isThis) {
                out.add("$T.<$T, $T>bind(", BIND, receiverType, functionalType);
                expr(q);
                out.add(", $L -> ", receiver);
            } else if (functionalType != null) {
                out.add("(($T) ", functionalType);
            }
            StringBuilder params = new StringBuilder();
            for (int i = 0; i < sam.getParameters().size(); i++) {
                params.append(i > 0 ? ", " : "").append("arg$").append(id).append('_').append(i);
            }
            ClassName companion = Companions.companionOf((TypeElement) target.getEnclosingElement());
            out.add("($L) -> $T.", params, companion);
            typeArguments(tree.getTypeArguments() == null ? List.of() : tree.getTypeArguments());
            out.add("$L(", target.getSimpleName());
            if (isThis) {
                expr(q);
            } else {
                out.add("$L", receiver);
            }
            if (params.length() > 0) {
                out.add(", $L", params);
            }
            out.add(")");
            if (!isThis || functionalType != null) {
                out.add(")");
            }
        }

        boolean isThisExpression(ExpressionTree q) {
            return (q instanceof IdentifierTree && ((IdentifierTree) q).getName().contentEquals("this"))
                    || (q instanceof MemberSelectTree && ((MemberSelectTree) q).getIdentifier().contentEquals("this"));
        }

        /** The type as generated code writes it, or null if it cannot (a private or anonymous class in it). */
        TypeName nameableOrNull(TypeMirror type) {
            if (type == null || type.getKind() == javax.lang.model.type.TypeKind.ERROR
                    || type.getKind() == javax.lang.model.type.TypeKind.INTERSECTION
                    || typeNames.mentionsInaccessible(type) || typeNames.mentionsAnonymous(type)) {
                return null;
            }
            return typeNames.denotable(type);
        }

        void plainMemberReference(MemberReferenceTree tree) {
            ExpressionTree q = tree.getQualifierExpression();
            Element target = index.element(tree);
            Element qe = index.element(q);
            String name = tree.getName().toString();
            if (target != null && Markers.isCompiledMethod(target)) {
                if (qe != null && TypeNames.isTypeLike(qe)) {
                    out.add("$T::$L", Companions.companionOf((TypeElement) target.getEnclosingElement()), name);
                    return;
                }
                boundAsyncReference(tree, (ExecutableElement) target, q);
                return;
            }
            if (privateMemberReference(tree, target, qe)) {
                return;
            }
            if (q.getKind() == Tree.Kind.IDENTIFIER && ((IdentifierTree) q).getName().contentEquals("this")) {
                out.add("$L", classFrames.isEmpty() ? self(tree) : "this");
            } else if (qe != null && TypeNames.isTypeLike(qe)) {
                type(q);
            } else {
                expr(q);
            }
            out.add("::");
            typeArguments(tree.getTypeArguments() == null ? List.of() : tree.getTypeArguments());
            out.add("$L", name.equals("<init>") ? "new" : name);
        }

        /** A pattern (JDK 16+ binding, JDK 21+ record deconstruction, JDK 22+ unnamed). */
        void pattern(Tree p) {
            String kind = p.getKind().name();
            if (p instanceof BindingPatternTree) {
                VariableTree binding = ((BindingPatternTree) p).getVariable();
                Element e = index.element(binding);
                if (e != null && typeNames.mentionsInaccessible(e.asType())) {
                    // a private class itself is translated (see match): here it is a type argument
                    throw new Unsupported(p, "a pattern on " + e.asType() + ", whose type arguments name "
                            + privateName(e.asType()) + " (match it with wildcards, as in 'List<?> l')");
                }
                String tracked = hooks.local(e, true, inNestedFrame());
                modifiers(binding.getModifiers(), false);
                if (isVar(binding)) {
                    out.add("var");
                } else {
                    type(binding.getType());
                }
                if (tracked != null) {
                    // The binding lives in a state-machine variable: match into a fresh name, then copy.
                    String fresh = tracked + "$match";
                    matchNames.put(e, fresh);
                    binds.add(new String[] {tracked, fresh});
                    out.add(" $L", fresh);
                } else {
                    out.add(" $L", binding.getName());
                }
            } else if (kind.equals("DECONSTRUCTION_PATTERN")) {
                Tree deconstructor = (Tree) dev.tulip.processor.analysis.CaseLabels.call(p, "getDeconstructor");
                TypeMirror record = typeOf(deconstructor);
                if (record != null && typeNames.mentionsInaccessible(record)) {
                    throw new Unsupported(p, "a record pattern on " + record + ", whose type arguments name "
                            + privateName(record) + " (match it with wildcards, as in 'Box<?>(var c)')");
                }
                type(deconstructor);
                out.add("(");
                List<?> nested = (List<?>) dev.tulip.processor.analysis.CaseLabels.call(p, "getNestedPatterns");
                for (int i = 0; i < nested.size(); i++) {
                    if (i > 0) {
                        out.add(", ");
                    }
                    pattern((Tree) nested.get(i));
                }
                out.add(")");
            } else if (kind.equals("ANY_PATTERN")) {
                out.add("_");
            } else if (kind.equals("PARENTHESIZED_PATTERN")) {
                out.add("(");
                pattern((Tree) dev.tulip.processor.analysis.CaseLabels.call(p, "getPattern"));
                out.add(")");
            } else {
                throw new Unsupported(p, "this kind of pattern (" + kind + ")");
            }
        }

        void instanceOf(InstanceOfTree tree) {
            Tree pattern = tree.getPattern();
            TypeMirror tested = typeOf(tree.getType());
            if (pattern == null && tested != null && typeNames.mentionsInaccessible(env.types.erasure(tested))) {
                // instanceof a class generated code cannot name: its class object tests
                out.add("$L.isInstance(", accessors.classObject(tested));
                expr(tree.getExpression());
                out.add(")");
                return;
            }
            if (pattern == null) {
                expr(tree.getExpression());
                out.add(" instanceof ");
                type(tree.getType());
                return;
            }
            CodeBlock.Builder saved = CodeBlock.builder();
            int before = binds.size();
            // Print into a side buffer first: whether parentheses are needed depends on the bindings.
            CodeBlock.Builder outer = swapOut(saved);
            if (pattern instanceof BindingPatternTree && typeNames.mentionsInaccessible(
                    env.types.erasure(index.element(((BindingPatternTree) pattern).getVariable()).asType()))) {
                privateTypePattern(() -> expr(tree.getExpression()), (BindingPatternTree) pattern);
            } else if (switchForms.translated(pattern)) {
                // a record pattern over a private type: tested once, then matched through handles
                CodeBlock.Builder testOut = swapOut(CodeBlock.builder());
                expr(tree.getExpression());
                CodeBlock value = swapOut(testOut).build();
                match(value, typeOf(tree.getExpression()), pattern, false);
            } else {
                expr(tree.getExpression());
                out.add(" instanceof ");
                pattern(pattern);
            }
            CodeBlock test = swapOut(outer).build();
            if (binds.size() == before) {
                out.add(test);
                return;
            }
            // Bindings that live in state-machine variables are copied when the match succeeds.
            out.add("($L", test);
            for (String[] b : binds.subList(before, binds.size())) {
                out.add(" && bound($L = $L)", b[0], b[1]);
            }
            out.add(")");
            binds.subList(before, binds.size()).clear();
        }

        /** Redirects printing to {@code next}, returning the builder printed to so far. */
        CodeBlock.Builder swapOut(CodeBlock.Builder next) {
            CodeBlock.Builder previous = out;
            out = next;
            return previous;
        }

        void switchExpression(SwitchExpressionTree tree) {
            out.add("switch (");
            SwitchForms.Mode mode = selector(tree.getExpression(), tree.getCases());
            out.add(") {\n$>");
            nativeTargets.push(tree);
            try {
                cases(tree.getExpression(), tree.getCases(), mode);
                if ((mode == SwitchForms.Mode.ORDINALS || mode == SwitchForms.Mode.NULLABLE_ORDINALS)
                        && tree.getCases().stream().noneMatch(TreePrinter::isDefault)) {
                    // javac adds this case to an exhaustive enum switch; on ordinals it must be written
                    boolean rules = tree.getCases().get(0).getCaseKind() == CaseTree.CaseKind.RULE;
                    out.add(rules ? "default -> throw $L;\n" : "default:\n$>throw $L;\n$<", noMatch());
                }
            } finally {
                nativeTargets.pop();
            }
            out.add("$<}");
        }

        /** Prints a switch selector as its mode needs it (see {@link SwitchForms}), and returns the mode. */
        SwitchForms.Mode selector(ExpressionTree selector, List<? extends CaseTree> cases) {
            SwitchForms.Mode mode = switchForms.mode(selector, cases);
            CodeBlock.Builder outer = swapOut(CodeBlock.builder());
            expr(stripParens(selector));
            CodeBlock printed = swapOut(outer).build();
            out.add(switchSelector(mode, printed));
            return mode;
        }

        // ---------------- types and modifiers ----------------

        void type(Tree typeTree) {
            TypeMirror projected = typeTree.getKind() == Tree.Kind.PRIMITIVE_TYPE ? null : typeOf(typeTree);
            if (projected != null && typeNames.mentionsInaccessible(projected)) {
                // It names a private class: spelled as its accessible supertype (see TypeNames).
                out.add("$T", typeNames.of(projected));
                return;
            }
            if (typeTree.getKind() == Tree.Kind.IDENTIFIER || typeTree.getKind() == Tree.Kind.MEMBER_SELECT) {
                Element e = index.element(typeTree);
                if (e != null && TypeNames.isTypeLike(e)) {
                    if (TypeNames.isLocalClass(e)) {
                        out.add("$L", sourceText(typeTree));
                    } else {
                        typeElement(typeTree, (TypeElement) e);
                    }
                    return;
                }
                if (e != null && e.getKind() == ElementKind.TYPE_PARAMETER) {
                    out.add("$L", e.getSimpleName());
                    return;
                }
            }
            if (typeTree.getKind() == Tree.Kind.PARAMETERIZED_TYPE) {
                com.sun.source.tree.ParameterizedTypeTree p = (com.sun.source.tree.ParameterizedTypeTree) typeTree;
                type(p.getType());
                typeArguments(p.getTypeArguments());
                return;
            }
            if (typeTree.getKind() == Tree.Kind.ARRAY_TYPE) {
                type(((ArrayTypeTree) typeTree).getType());
                out.add("[]");
                return;
            }
            if (typeTree.getKind() == Tree.Kind.UNION_TYPE) {
                List<? extends Tree> alts = ((com.sun.source.tree.UnionTypeTree) typeTree).getTypeAlternatives();
                for (int i = 0; i < alts.size(); i++) {
                    if (i > 0) {
                        out.add(" | ");
                    }
                    type(alts.get(i));
                }
                return;
            }
            if (typeTree.getKind() == Tree.Kind.INTERSECTION_TYPE) {
                List<? extends Tree> bounds = ((com.sun.source.tree.IntersectionTypeTree) typeTree).getBounds();
                for (int i = 0; i < bounds.size(); i++) {
                    if (i > 0) {
                        out.add(" & ");
                    }
                    type(bounds.get(i));
                }
                return;
            }
            if (typeTree.getKind() == Tree.Kind.EXTENDS_WILDCARD || typeTree.getKind() == Tree.Kind.SUPER_WILDCARD
                    || typeTree.getKind() == Tree.Kind.UNBOUNDED_WILDCARD) {
                com.sun.source.tree.WildcardTree w = (com.sun.source.tree.WildcardTree) typeTree;
                out.add("?");
                if (w.getBound() != null) {
                    out.add(typeTree.getKind() == Tree.Kind.EXTENDS_WILDCARD ? " extends " : " super ");
                    type(w.getBound());
                }
                return;
            }
            if (typeTree.getKind() == Tree.Kind.PRIMITIVE_TYPE) {
                out.add("$L", sourceText(typeTree));
                return;
            }
            if (typeTree.getKind() == Tree.Kind.ANNOTATED_TYPE) {
                type(((com.sun.source.tree.AnnotatedTypeTree) typeTree).getUnderlyingType());
                return;
            }
            TypeMirror t = index.type(typeTree);
            if (t == null) {
                throw new Unsupported(typeTree, "a type javac could not resolve");
            }
            out.add("$T", typeNames.of(t));
        }

        void modifiers(ModifiersTree mods, boolean trailingSpaceAfterAnnotationsOnOwnLine) {
            for (AnnotationTree a : mods.getAnnotations()) {
                annotation(a);
                out.add(" ");
            }
            for (Modifier m : mods.getFlags()) {
                out.add("$L ", m.toString());
            }
        }

        void annotation(AnnotationTree a) {
            out.add("@");
            type(a.getAnnotationType());
            if (!a.getArguments().isEmpty()) {
                out.add("(");
                for (int i = 0; i < a.getArguments().size(); i++) {
                    if (i > 0) {
                        out.add(", ");
                    }
                    ExpressionTree arg = a.getArguments().get(i);
                    if (arg.getKind() == Tree.Kind.ASSIGNMENT) {
                        AssignmentTree as = (AssignmentTree) arg;
                        out.add("$L = ", ((IdentifierTree) as.getVariable()).getName());
                        annotationValue(as.getExpression());
                    } else {
                        annotationValue(arg);
                    }
                }
                out.add(")");
            }
        }

        void annotationValue(ExpressionTree value) {
            if (value.getKind() == Tree.Kind.NEW_ARRAY && ((NewArrayTree) value).getType() == null) {
                initializers(((NewArrayTree) value).getInitializers());
            } else if (value instanceof AnnotationTree) {
                annotation((AnnotationTree) value);
            } else {
                expr(value);
            }
        }

        // ---------------- statements ----------------

        void stmt(StatementTree tree) {
            switch (tree.getKind()) {
                case BLOCK:
                    blockBody((BlockTree) tree, true);
                    return;
                case VARIABLE:
                    localVariable((VariableTree) tree);
                    return;
                case EXPRESSION_STATEMENT:
                    expr(((ExpressionStatementTree) tree).getExpression());
                    out.add(";\n");
                    return;
                case IF:
                    ifStatement((IfTree) tree);
                    return;
                case WHILE_LOOP: {
                    WhileLoopTree w = (WhileLoopTree) tree;
                    out.add("while (");
                    expr(stripParens(w.getCondition()));
                    out.add(") ");
                    loopBody(tree, w.getStatement());
                    out.add("\n");
                    return;
                }
                case DO_WHILE_LOOP: {
                    DoWhileLoopTree d = (DoWhileLoopTree) tree;
                    out.add("do ");
                    loopBody(tree, d.getStatement());
                    out.add(" while (");
                    expr(stripParens(d.getCondition()));
                    out.add(");\n");
                    return;
                }
                case FOR_LOOP:
                    forLoop((ForLoopTree) tree);
                    return;
                case ENHANCED_FOR_LOOP: {
                    EnhancedForLoopTree f = (EnhancedForLoopTree) tree;
                    out.add("for (");
                    variableHeader(f.getVariable());
                    out.add(" : ");
                    expr(f.getExpression());
                    out.add(") ");
                    loopBody(tree, f.getStatement());
                    out.add("\n");
                    return;
                }
                case LABELED_STATEMENT: {
                    LabeledStatementTree l = (LabeledStatementTree) tree;
                    out.add("$L: ", l.getLabel());
                    nativeTargets.push(l);
                    try {
                        stmt(l.getStatement());
                    } finally {
                        nativeTargets.pop();
                    }
                    return;
                }
                case SWITCH: {
                    SwitchTree s = (SwitchTree) tree;
                    out.add("switch (");
                    SwitchForms.Mode mode = selector(s.getExpression(), s.getCases());
                    out.add(") {\n$>");
                    nativeTargets.push(s);
                    try {
                        cases(s.getExpression(), s.getCases(), mode);
                    } finally {
                        nativeTargets.pop();
                    }
                    out.add("$<}\n");
                    return;
                }
                case TRY:
                    tryStatement((TryTree) tree);
                    return;
                case SYNCHRONIZED: {
                    SynchronizedTree s = (SynchronizedTree) tree;
                    out.add("synchronized (");
                    expr(stripParens(s.getExpression()));
                    out.add(") ");
                    blockBody(s.getBlock(), false);
                    out.add("\n");
                    return;
                }
                case THROW:
                    out.add("throw ");
                    expr(((ThrowTree) tree).getExpression());
                    out.add(";\n");
                    return;
                case RETURN:
                case BREAK:
                case CONTINUE:
                case YIELD:
                    jump(tree);
                    return;
                case EMPTY_STATEMENT:
                    out.add(";\n");
                    return;
                case ASSERT: {
                    AssertTree a = (AssertTree) tree;
                    out.add("assert ");
                    expr(a.getCondition());
                    if (a.getDetail() != null) {
                        out.add(" : ");
                        expr(a.getDetail());
                    }
                    out.add(";\n");
                    return;
                }
                case CLASS:
                case INTERFACE:
                case RECORD:
                case ENUM:
                    localClass((ClassTree) tree);
                    return;
                default:
                    throw new Unsupported(tree, "this kind of statement (" + tree.getKind() + ")");
            }
        }

        void blockBody(BlockTree block, boolean newline) {
            out.add("{\n$>");
            for (StatementTree s : block.getStatements()) {
                if (!isImplicitSuperCall(s)) {
                    stmt(s);
                }
            }
            out.add("$<}");
            if (newline) {
                out.add("\n");
            }
        }

        /** A statement in a braced position; single statements get braces for clarity. */
        void braced(StatementTree body) {
            if (body instanceof BlockTree) {
                blockBody((BlockTree) body, false);
            } else {
                out.add("{\n$>");
                stmt(body);
                out.add("$<}");
            }
        }

        void loopBody(StatementTree loop, StatementTree body) {
            nativeTargets.push(loop);
            try {
                braced(body);
            } finally {
                nativeTargets.pop();
            }
        }

        void ifStatement(IfTree tree) {
            out.add("if (");
            expr(stripParens(tree.getCondition()));
            out.add(") ");
            braced(tree.getThenStatement());
            StatementTree otherwise = tree.getElseStatement();
            if (otherwise == null) {
                out.add("\n");
            } else if (otherwise instanceof IfTree) {
                out.add(" else ");
                ifStatement((IfTree) otherwise);
            } else {
                out.add(" else ");
                braced(otherwise);
                out.add("\n");
            }
        }

        void forLoop(ForLoopTree tree) {
            out.add("for (");
            List<? extends StatementTree> init = tree.getInitializer();
            for (int i = 0; i < init.size(); i++) {
                StatementTree s = init.get(i);
                if (s instanceof VariableTree) {
                    if (i == 0) {
                        variableHeader((VariableTree) s);
                    } else {
                        out.add(", $L", ((VariableTree) s).getName());
                    }
                    if (((VariableTree) s).getInitializer() != null) {
                        out.add(" = ");
                        variableInitializer((VariableTree) s);
                    }
                } else {
                    if (i > 0) {
                        out.add(", ");
                    }
                    expr(((ExpressionStatementTree) s).getExpression());
                }
            }
            out.add("; ");
            if (tree.getCondition() != null) {
                expr(tree.getCondition());
            }
            out.add("; ");
            List<? extends ExpressionStatementTree> update = tree.getUpdate();
            for (int i = 0; i < update.size(); i++) {
                if (i > 0) {
                    out.add(", ");
                }
                expr(update.get(i).getExpression());
            }
            out.add(") ");
            loopBody(tree, tree.getStatement());
            out.add("\n");
        }

        void cases(ExpressionTree selector, List<? extends CaseTree> cases, SwitchForms.Mode mode) {
            boolean ordinals = mode == SwitchForms.Mode.ORDINALS || mode == SwitchForms.Mode.NULLABLE_ORDINALS;
            for (CaseTree c : cases) {
                List<? extends Tree> labels = dev.tulip.processor.analysis.CaseLabels.labels(c);
                Tree guard = dev.tulip.processor.analysis.CaseLabels.guard(c);
                if (labels.isEmpty() || labels.stream().anyMatch(SwitchForms::isDefault)
                        && (labels.size() == 1 || ordinals)) {
                    out.add("default"); // case null, default: on nullable ordinals, -1 goes to default
                } else if (mode == SwitchForms.Mode.GUARDS && labels.stream().anyMatch(this::translatedLabel)) {
                    out.add("case ");
                    guardedLabel(selector, labels, guard);
                } else {
                    out.add("case ");
                    for (int i = 0; i < labels.size(); i++) {
                        if (i > 0) {
                            out.add(", ");
                        }
                        Tree label = labels.get(i);
                        Tree pattern = SwitchForms.patternOf(label);
                        if (SwitchForms.isDefault(label)) {
                            out.add("default");
                        } else if (pattern != null) {
                            pattern(pattern);
                        } else if (ordinals && SwitchForms.isNull(label)) {
                            out.add("-1 /* null */"); // see PrivateAccess.nullableOrdinal
                        } else {
                            caseLabel(SwitchForms.constantOf(label));
                        }
                    }
                    if (guard != null) {
                        out.add(" when ");
                        expr((ExpressionTree) guard);
                    }
                }
                if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
                    out.add(" -> ");
                    Tree body = c.getBody();
                    if (body instanceof BlockTree) {
                        blockBody((BlockTree) body, true);
                    } else if (body instanceof StatementTree) {
                        stmt((StatementTree) body);
                    } else {
                        expr((ExpressionTree) body);
                        out.add(";\n");
                    }
                } else {
                    out.add(":\n$>");
                    for (StatementTree s : c.getStatements()) {
                        stmt(s);
                    }
                    out.add("$<");
                }
            }
            if (mode == SwitchForms.Mode.GUARDS && !switchForms.hasCatchAll(selector, cases)) {
                // The source's cases were exhaustive; its guarded translation is not, to javac.
                boolean rules = cases.get(0).getCaseKind() == CaseTree.CaseKind.RULE;
                out.add(rules ? "default -> throw $L;\n" : "default:\n$>throw $L;\n$<", noMatch());
            }
        }

        /** What was printed as an exploded switch's label, with the copies of its tracked bindings. */
        SwitchLabel switchLabel(boolean isPattern) {
            CodeBlock.Builder onMatch = CodeBlock.builder();
            for (String[] b : binds) {
                onMatch.addStatement("$L = $L", b[0], b[1]);
            }
            return new SwitchLabel(out.build(), onMatch.build(), isPattern);
        }

        /** A label that {@link SwitchForms.Mode#GUARDS} translates: a private pattern, or a private enum's constant. */
        boolean translatedLabel(Tree label) {
            Tree pattern = SwitchForms.patternOf(label);
            if (pattern != null) {
                return switchForms.translated(pattern);
            }
            ExpressionTree constant = SwitchForms.constantOf(label);
            Element e = constant == null || SwitchForms.isNull(label) ? null : index.element(constant);
            return e != null && e.getKind() == ElementKind.ENUM_CONSTANT && typeNames.isInaccessible(e.getEnclosingElement());
        }

        /**
         * The labels of a case, translated: {@code Object selector$1 when <test> && (<guard>)}, where the
         * test matches the pattern through class objects and handles ({@link #match}), or compares the
         * selector with each private enum constant.
         */
        void guardedLabel(ExpressionTree selector, List<? extends Tree> labels, Tree guard) {
            String name = "selector$" + (++matchCount);
            CodeBlock value = CodeBlock.of("$L", name);
            out.add("$T $L when ", Object.class, name);
            TypeMirror selectorType = typeOf(stripParens(selector));
            if (labels.size() == 1 && SwitchForms.patternOf(labels.get(0)) != null) {
                match(value, selectorType, SwitchForms.patternOf(labels.get(0)), false);
            } else {
                out.add(labels.size() > 1 && guard != null ? "(" : "");
                for (int i = 0; i < labels.size(); i++) {
                    ExpressionTree constant = SwitchForms.constantOf(labels.get(i));
                    if (constant == null || SwitchForms.isNull(labels.get(i))) {
                        throw new Unsupported(labels.get(i), "this label beside a private enum constant in one case"
                                + " (give it a case of its own)");
                    }
                    out.add(i == 0 ? "$L == " : " || $L == ", name);
                    expr(constant);
                }
                out.add(labels.size() > 1 && guard != null ? ")" : "");
            }
            if (guard != null) {
                out.add(" && (");
                expr((ExpressionTree) guard);
                out.add(")");
            }
        }

        void caseLabel(ExpressionTree label) {
            Element e = index.element(label);
            if (e != null && e.getKind() == ElementKind.ENUM_CONSTANT && typeNames.isInaccessible(e.getEnclosingElement())) {
                out.add("$L /* $L */", ordinal(e), e.getSimpleName());
                return;
            }
            if (e != null && e.getKind() == ElementKind.ENUM_CONSTANT && label.getKind() == Tree.Kind.IDENTIFIER) {
                out.add("$L", e.getSimpleName());
            } else {
                expr(label);
            }
        }

        void tryStatement(TryTree tree) {
            out.add("try ");
            if (!tree.getResources().isEmpty()) {
                out.add("(");
                List<? extends Tree> resources = tree.getResources();
                for (int i = 0; i < resources.size(); i++) {
                    if (i > 0) {
                        out.add("; ");
                    }
                    Tree r = resources.get(i);
                    if (r instanceof VariableTree) {
                        variableHeader((VariableTree) r);
                        out.add(" = ");
                        variableInitializer((VariableTree) r);
                    } else {
                        expr((ExpressionTree) r);
                    }
                }
                out.add(") ");
            }
            blockBody(tree.getBlock(), false);
            if (tree.getCatches().stream().anyMatch(c -> catchesPrivate(c.getParameter()))) {
                privateCatches(tree.getCatches());
            } else {
                for (CatchTree c : tree.getCatches()) {
                    out.add(" catch (");
                    variableHeader(c.getParameter());
                    out.add(") ");
                    blockBody(c.getBlock(), false);
                }
            }
            if (tree.getFinallyBlock() != null) {
                out.add(" finally ");
                blockBody(tree.getFinallyBlock(), false);
            }
            out.add("\n");
        }

        void localVariable(VariableTree tree) {
            Element e = index.element(tree);
            String tracked = hooks.local(e, true, inNestedFrame());
            if (tracked != null) {
                throw new IllegalStateException("tracked local " + tree.getName() + " declared in printed code");
            }
            variableHeader(tree);
            if (tree.getInitializer() != null) {
                out.add(" = ");
                variableInitializer(tree);
            }
            out.add(";\n");
        }

        void variableInitializer(VariableTree tree) {
            ExpressionTree init = tree.getInitializer();
            if (init.getKind() == Tree.Kind.NEW_ARRAY && subst.get(init) == null
                    && privateArray((NewArrayTree) init, index.element(tree).asType())) {
                return;
            }
            if (init.getKind() == Tree.Kind.NEW_ARRAY && ((NewArrayTree) init).getType() == null
                    && subst.get(init) == null) {
                initializers(((NewArrayTree) init).getInitializers());
            } else {
                expr(init);
            }
        }

        /** Modifiers, type and name of a declaration (no initializer). */
        void variableHeader(VariableTree tree) {
            modifiers(tree.getModifiers(), false);
            if (isVar(tree)) {
                out.add("var");
            } else {
                type(tree.getType());
            }
            out.add(" $L", tree.getName());
        }

        boolean isVar(VariableTree tree) {
            Tree type = tree.getType();
            if (type == null) {
                return true;
            }
            long pos = env.positions.getStartPosition(method.unit, type);
            String text = sourceText(type);
            return pos < 0 || text.isEmpty() || text.equals("var");
        }

        void jump(StatementTree tree) {
            if (isNative(tree)) {
                nativeJump(tree);
                return;
            }
            CodeBlock code = hooks.jump(tree);
            if (code == null) {
                nativeJump(tree);
            } else {
                out.add(code);
            }
        }

        boolean isNative(StatementTree tree) {
            switch (tree.getKind()) {
                case RETURN:
                    return nativeTargets.stream().anyMatch(t -> t.getKind() == Tree.Kind.LAMBDA_EXPRESSION
                            || t.getKind() == Tree.Kind.METHOD);
                case YIELD:
                    for (Tree t : nativeTargets) {
                        if (t.getKind() == Tree.Kind.SWITCH_EXPRESSION) {
                            return true;
                        }
                        if (t.getKind() == Tree.Kind.LAMBDA_EXPRESSION || t.getKind() == Tree.Kind.METHOD) {
                            return false;
                        }
                    }
                    return false;
                case BREAK:
                case CONTINUE: {
                    Name label = tree.getKind() == Tree.Kind.BREAK ? ((BreakTree) tree).getLabel()
                            : ((ContinueTree) tree).getLabel();
                    for (Tree t : nativeTargets) {
                        if (t.getKind() == Tree.Kind.LAMBDA_EXPRESSION || t.getKind() == Tree.Kind.METHOD) {
                            return false;
                        }
                        if (label != null) {
                            if (t instanceof LabeledStatementTree && ((LabeledStatementTree) t).getLabel().equals(label)) {
                                return true;
                            }
                        } else if (isLoop(t) || (tree.getKind() == Tree.Kind.BREAK && t.getKind() == Tree.Kind.SWITCH)) {
                            return true;
                        }
                    }
                    return false;
                }
                default:
                    return true;
            }
        }

        void nativeJump(StatementTree tree) {
            switch (tree.getKind()) {
                case RETURN: {
                    ReturnTree r = (ReturnTree) tree;
                    out.add("return");
                    if (r.getExpression() != null) {
                        out.add(" ");
                        expr(r.getExpression());
                    }
                    out.add(";\n");
                    return;
                }
                case YIELD:
                    out.add("yield ");
                    expr(((YieldTree) tree).getValue());
                    out.add(";\n");
                    return;
                case BREAK: {
                    Name label = ((BreakTree) tree).getLabel();
                    if (label == null) {
                        out.add("break;\n");
                    } else {
                        out.add("break $L;\n", label);
                    }
                    return;
                }
                case CONTINUE: {
                    Name label = ((ContinueTree) tree).getLabel();
                    if (label == null) {
                        out.add("continue;\n");
                    } else {
                        out.add("continue $L;\n", label);
                    }
                    return;
                }
                default:
                    throw new IllegalStateException(tree.getKind().toString());
            }
        }

        // ---------------- local and anonymous classes ----------------

        void localClass(ClassTree tree) {
            TypeElement type = (TypeElement) index.element(tree);
            boolean implicitlyStatic = tree.getKind() != Tree.Kind.CLASS;
            if ((implicitlyStatic || hoistedClasses.contains(tree)) && classFrames.isEmpty() && lambdaDepth == 0) {
                hoist(tree, type);
                return;
            }
            printLocalType(tree, type);
        }

        void printLocalType(ClassTree tree, TypeElement type) {
            List<Tree> supers = new java.util.ArrayList<>(tree.getImplementsClause());
            if (tree.getExtendsClause() != null) {
                supers.add(tree.getExtendsClause());
            }
            for (Tree sup : supers) {
                TypeMirror t = typeOf(sup);
                if (t != null && t.getKind() == TypeKind.DECLARED && typeNames.isInaccessible(((DeclaredType) t).asElement())) {
                    throw new Unsupported(sup, "a local class extending or implementing " + privateName(t)
                            + " (declare it as a nested class of the enclosing class instead)");
                }
            }
            for (Element member : type.getEnclosedElements()) {
                boolean isStatic = tree.getKind() == Tree.Kind.INTERFACE || member.getModifiers().contains(Modifier.STATIC);
                if (isStatic && typeNames.mentionsStandIn(member.asType())) {
                    Tree at = env.trees.getTree(member);
                    throw new Unsupported(at != null && index.typeOrNull(at) != null ? at : tree, "the static member '"
                            + member.getSimpleName() + "' of a local " + (tree.getKind() == Tree.Kind.INTERFACE ? "interface"
                            : "class") + ", whose type mentions a private class that this method gives to a bounded type"
                            + " parameter: the state machine names that class with a type variable of its own, out of reach"
                            + " of static code (declare the local type as a nested class of the enclosing class instead)");
                }
            }
            modifiers(tree.getModifiers(), false);
            out.add("$L $L", keyword(tree), tree.getSimpleName());
            typeParameters(tree.getTypeParameters());
            if (tree.getKind() == Tree.Kind.RECORD) {
                recordHeader(tree, type);
            }
            if (tree.getExtendsClause() != null) {
                out.add(" extends ");
                type(tree.getExtendsClause());
            }
            if (!tree.getImplementsClause().isEmpty()) {
                out.add(tree.getKind() == Tree.Kind.INTERFACE ? " extends " : " implements ");
                for (int i = 0; i < tree.getImplementsClause().size(); i++) {
                    if (i > 0) {
                        out.add(", ");
                    }
                    type(tree.getImplementsClause().get(i));
                }
            }
            out.add(" ");
            classBody(tree, type);
            out.add("\n");
        }

        /**
         * The {@code super();} javac's attribution adds to a constructor that has no explicit constructor
         * call: not the user's (its text is not a super call), and illegal as written in a record's or an
         * enum's constructor.
         */
        boolean isImplicitSuperCall(StatementTree s) {
            if (!(s instanceof ExpressionStatementTree)
                    || !(((ExpressionStatementTree) s).getExpression() instanceof MethodInvocationTree)) {
                return false;
            }
            MethodInvocationTree call = (MethodInvocationTree) ((ExpressionStatementTree) s).getExpression();
            if (!(call.getMethodSelect() instanceof IdentifierTree)
                    || !((IdentifierTree) call.getMethodSelect()).getName().contentEquals("super")
                    || !call.getArguments().isEmpty()) {
                return false;
            }
            return !sourceText(s).startsWith("super");
        }

        String keyword(ClassTree tree) {
            switch (tree.getKind()) {
                case INTERFACE:
                    return "interface";
                case RECORD:
                    return "record";
                case ENUM:
                    return "enum";
                default:
                    return "class";
            }
        }

        /**
         * A local record, enum or interface of the method's own body: implicitly static, it captures
         * nothing, so it is declared once as a member of the state machine (where fields holding its
         * values across suspensions can name it) instead of inside the state that reaches it, whose scope
         * would end at the next suspension. Its place in the body keeps a comment.
         */
        void hoist(ClassTree tree, TypeElement type) {
            String name = tree.getSimpleName().toString();
            for (HoistedType h : hoisted) {
                if (h.name.equals(name)) {
                    throw new Unsupported(tree, "two local types named '" + name + "' in one @Async method (they"
                            + " become members of its state machine; rename one)");
                }
            }
            CodeBlock.Builder saved = out;
            out = CodeBlock.builder();
            try {
                printLocalType(tree, type);
                hoisted.add(new HoistedType(name, out.build()));
            } finally {
                out = saved;
            }
            out.add("// local $L $L: declared in the state machine, as a member\n", keyword(tree), name);
        }

        /** The components of a record's header, {@code (int x, String... tags)}. */
        void recordHeader(ClassTree tree, TypeElement type) {
            out.add("(");
            boolean first = true;
            List<? extends Element> components = type.getRecordComponents();
            int i = 0;
            for (Tree member : tree.getMembers()) {
                if (!(member instanceof VariableTree)) {
                    continue;
                }
                VariableTree v = (VariableTree) member;
                Element e = index.element(v);
                if (e == null || e.getModifiers().contains(Modifier.STATIC)) {
                    continue;
                }
                if (!first) {
                    out.add(", ");
                }
                first = false;
                modifiers(withoutFlags(v.getModifiers()), false);
                boolean varargs = ++i == components.size() && isVarArgsRecord(type)
                        && v.getType().getKind() == Tree.Kind.ARRAY_TYPE;
                if (varargs) {
                    type(((ArrayTypeTree) v.getType()).getType());
                    out.add("...");
                } else {
                    type(v.getType());
                }
                out.add(" $L", v.getName());
            }
            out.add(")");
        }

        boolean isVarArgsRecord(TypeElement type) {
            for (Element e : type.getEnclosedElements()) {
                if (e.getKind() == ElementKind.CONSTRUCTOR && ((ExecutableElement) e).getParameters().size()
                        == type.getRecordComponents().size()) {
                    boolean canonical = true;
                    List<? extends VariableElement> ps = ((ExecutableElement) e).getParameters();
                    for (int k = 0; k < ps.size(); k++) {
                        canonical &= env.types.isSameType(ps.get(k).asType(), type.getRecordComponents().get(k).asType());
                    }
                    if (canonical) {
                        return ((ExecutableElement) e).isVarArgs();
                    }
                }
            }
            return false;
        }

        /** The annotations of a modifiers tree, without its flags (javac adds private final to components). */
        ModifiersTree withoutFlags(ModifiersTree mods) {
            return new ModifiersTree() {
                @Override
                public Set<Modifier> getFlags() {
                    return Set.of();
                }

                @Override
                public List<? extends AnnotationTree> getAnnotations() {
                    return mods.getAnnotations();
                }

                @Override
                public Kind getKind() {
                    return Kind.MODIFIERS;
                }

                @Override
                public <R, D> R accept(com.sun.source.tree.TreeVisitor<R, D> v, D d) {
                    return v.visitModifiers(this, d);
                }
            };
        }

        void typeParameters(List<? extends TypeParameterTree> params) {
            if (params.isEmpty()) {
                return;
            }
            out.add("<");
            for (int i = 0; i < params.size(); i++) {
                if (i > 0) {
                    out.add(", ");
                }
                TypeParameterTree p = params.get(i);
                out.add("$L", p.getName());
                if (!p.getBounds().isEmpty()) {
                    out.add(" extends ");
                    for (int j = 0; j < p.getBounds().size(); j++) {
                        if (j > 0) {
                            out.add(" & ");
                        }
                        type(p.getBounds().get(j));
                    }
                }
            }
            out.add(">");
        }

        void classBody(ClassTree body, TypeElement type) {
            for (Tree member : body.getMembers()) {
                if (member instanceof MethodTree) {
                    rejectUnwritableOverride((MethodTree) member, type);
                }
            }
            classFrames.push(type);
            Deque<Tree> saved = new ArrayDeque<>(nativeTargets);
            nativeTargets.clear();
            try {
                out.add("{\n$>");
                if (type.getKind() == ElementKind.ENUM && type.getNestingKind() != javax.lang.model.element.NestingKind.ANONYMOUS) {
                    enumConstants(body);
                }
                for (Tree member : body.getMembers()) {
                    Element e = member instanceof VariableTree ? index.element(member) : null;
                    if (e != null && (e.getKind() == ElementKind.ENUM_CONSTANT || (type.getKind() == ElementKind.RECORD
                            && e.getKind() == ElementKind.FIELD && !e.getModifiers().contains(Modifier.STATIC)))) {
                        continue; // printed above, or in the record's header
                    }
                    member(member);
                }
                out.add("$<}");
            } finally {
                nativeTargets.clear();
                nativeTargets.addAll(saved);
                classFrames.pop();
            }
        }

        /** An enum's constants, {@code A, B(1), C { ... };}, with their arguments and bodies. */
        void enumConstants(ClassTree body) {
            boolean first = true;
            for (Tree member : body.getMembers()) {
                Element e = member instanceof VariableTree ? index.element(member) : null;
                if (e == null || e.getKind() != ElementKind.ENUM_CONSTANT) {
                    continue;
                }
                if (!first) {
                    out.add(",\n");
                }
                first = false;
                VariableTree v = (VariableTree) member;
                modifiers(withoutFlags(v.getModifiers()), false);
                out.add("$L", v.getName());
                if (v.getInitializer() instanceof NewClassTree) {
                    NewClassTree init = (NewClassTree) v.getInitializer();
                    if (!init.getArguments().isEmpty()) {
                        arguments(init.getArguments());
                    }
                    if (init.getClassBody() != null) {
                        out.add(" ");
                        classBody(init.getClassBody(), (TypeElement) index.element(init.getClassBody()));
                    }
                }
            }
            out.add(";\n");
        }

        /** True if {@code m} is a record's compact canonical constructor ({@code Range { ... }}). */
        boolean isCompactConstructor(MethodTree m) {
            TypeElement owner = classFrames.peek();
            if (owner == null || owner.getKind() != ElementKind.RECORD || !m.getName().contentEquals("<init>")) {
                return false;
            }
            String text = sourceText(m);
            java.util.regex.Matcher after = java.util.regex.Pattern.compile("\\b" + owner.getSimpleName() + "\\s*([({])")
                    .matcher(text);
            return after.find() && after.group(1).equals("{");
        }

        /**
         * Rejects a method of a local or anonymous class that overrides one whose own signature names a
         * private type ({@code abstract int on(Item i)} of an accessible class): the companion would
         * write {@code on(Object i)}, which overrides nothing. One reached through type arguments
         * ({@code compare(T, T)} of {@code Comparator<Item>}) is written with the spelled type and overrides.
         */
        void rejectUnwritableOverride(MethodTree tree, TypeElement type) {
            Element e = index.element(tree);
            if (!(e instanceof ExecutableElement) || e.getKind() != ElementKind.METHOD) {
                return;
            }
            for (TypeMirror sup : env.types.directSupertypes(type.asType())) {
                for (Element other : env.elements.getAllMembers((TypeElement) env.types.asElement(sup))) {
                    if (other.getKind() == ElementKind.METHOD && other.getSimpleName().equals(e.getSimpleName())
                            && env.elements.overrides((ExecutableElement) e, (ExecutableElement) other, type)
                            && typeNames.mentionsInaccessible(env.types.erasure(other.asType()))) {
                        javax.lang.model.type.ExecutableType signature =
                                (javax.lang.model.type.ExecutableType) env.types.erasure(other.asType());
                        TypeMirror named = signature.getReturnType();
                        for (TypeMirror p : signature.getParameterTypes()) {
                            named = typeNames.mentionsInaccessible(named) ? named : p;
                        }
                        throw new Unsupported(tree, "a method overriding " + other.getEnclosingElement().getSimpleName()
                                + "." + other.getSimpleName() + ", whose signature names " + privateName(named)
                                + ": generated code cannot write that signature (declare the class as a nested class of"
                                + " the enclosing class instead)");
                    }
                }
            }
        }

        void member(Tree member) {
            Element e = index.element(member);
            if (e != null && env.elements.getOrigin(e) != javax.lang.model.util.Elements.Origin.EXPLICIT) {
                return; // default constructors and other members javac added
            }
            switch (member.getKind()) {
                case VARIABLE: {
                    VariableTree v = (VariableTree) member;
                    variableHeader(v);
                    if (v.getInitializer() != null) {
                        out.add(" = ");
                        variableInitializer(v);
                    }
                    out.add(";\n");
                    return;
                }
                case METHOD:
                    methodMember((MethodTree) member);
                    return;
                case BLOCK: {
                    BlockTree b = (BlockTree) member;
                    if (b.isStatic()) {
                        out.add("static ");
                    }
                    nativeTargets.push(member);
                    try {
                        blockBody(b, true);
                    } finally {
                        nativeTargets.pop();
                    }
                    return;
                }
                case CLASS:
                case INTERFACE:
                case RECORD:
                case ENUM:
                    localClass((ClassTree) member);
                    return;
                default:
                    throw new Unsupported(member, "this kind of class member (" + member.getKind() + ")");
            }
        }

        void methodMember(MethodTree m) {
            if (isCompactConstructor(m)) {
                modifiers(m.getModifiers(), false);
                out.add("$L ", classFrames.peek().getSimpleName());
                nativeTargets.push(m);
                try {
                    blockBody(m.getBody(), true);
                } finally {
                    nativeTargets.pop();
                }
                return;
            }
            modifiers(m.getModifiers(), false);
            typeParameters(m.getTypeParameters());
            if (!m.getTypeParameters().isEmpty()) {
                out.add(" ");
            }
            boolean ctor = m.getName().contentEquals("<init>");
            if (ctor) {
                out.add("$L(", classFrames.peek().getSimpleName());
            } else {
                type(m.getReturnType());
                out.add(" $L(", m.getName());
            }
            for (int i = 0; i < m.getParameters().size(); i++) {
                if (i > 0) {
                    out.add(", ");
                }
                VariableTree p = m.getParameters().get(i);
                modifiers(p.getModifiers(), false);
                ExecutableElement me = (ExecutableElement) index.element(m);
                if (me != null && me.isVarArgs() && i == m.getParameters().size() - 1
                        && p.getType().getKind() == Tree.Kind.ARRAY_TYPE) {
                    type(((ArrayTypeTree) p.getType()).getType());
                    out.add("...");
                } else {
                    type(p.getType());
                }
                out.add(" $L", p.getName());
            }
            out.add(")");
            if (!m.getThrows().isEmpty()) {
                out.add(" throws ");
                for (int i = 0; i < m.getThrows().size(); i++) {
                    if (i > 0) {
                        out.add(", ");
                    }
                    type(m.getThrows().get(i));
                }
            }
            if (m.getBody() == null) {
                out.add(";\n");
                return;
            }
            out.add(" ");
            nativeTargets.push(m);
            try {
                blockBody(m.getBody(), true);
            } finally {
                nativeTargets.pop();
            }
        }

        // ---------------- private classes of the user's code ----------------

        /** The attributed type of a tree, or null for a tree javac synthesized (outside the index). */
        TypeMirror typeOf(Tree tree) {
            return index.typeOrNull(tree);
        }

        /**
         * A pattern binding of a private class that is declared in printed code and whose accessible
         * supertype cannot be a pattern type over the tested expression ({@code Object}, or a generic
         * class): it is a one-element box ({@link #privateTypePattern}).
         */
        boolean isBoxedBinding(Element e) {
            if (e.getKind() != ElementKind.BINDING_VARIABLE || !typeNames.mentionsInaccessible(env.types.erasure(e.asType()))) {
                return false;
            }
            TypeName printed = typeNames.of(e.asType());
            return printed.equals(ClassName.OBJECT) || !TypeNames.isReifiable(printed);
        }

        CodeBlock boxedRead(String box, Element binding) {
            TypeName printed = typeNames.of(binding.asType());
            return printed.equals(ClassName.OBJECT) ? CodeBlock.of("$L[0]", box)
                    : CodeBlock.of("(($T) $L[0])", printed, box);
        }

        /**
         * {@code e instanceof Item i} when generated code cannot name {@code Item}: the class object
         * tests, and the binding gets the value when it matches. Java 17 forbids a pattern whose type
         * is a supertype of the expression's, so the test goes through {@code PrivateAccess.instance}
         * (whose result is an {@code Object}: {@code instance(Item$class, e) instanceof Record i});
         * when the accessible supertype is {@code Object} itself, {@code PrivateAccess.match} boxes
         * the value ({@code match(Item$class, e) instanceof Object[] i}) and {@code i} is read
         * {@code i[0]}.
         */
        void privateTypePattern(Runnable printTested, BindingPatternTree pattern) {
            VariableTree binding = pattern.getVariable();
            Element e = index.element(binding);
            TypeName printed = typeNames.of(e.asType());
            boolean boxed = isBoxedBinding(e);
            String tracked = hooks.local(e, true, inNestedFrame());
            out.add("$T.$L($L, ", PrivateAccessors.PRIVATE_ACCESS, boxed ? "match" : "instance",
                    accessors.classObject(e.asType()));
            printTested.run();
            out.add(") instanceof ");
            modifiers(binding.getModifiers(), false);
            out.add("$T", boxed ? ArrayTypeName.of(ClassName.OBJECT) : printed);
            if (tracked != null) {
                // The binding lives in a state-machine variable: match into a fresh name, then copy.
                String fresh = tracked + "$match";
                CodeBlock value = boxed ? boxedRead(fresh, e) : CodeBlock.of("$L", fresh);
                matchNames.put(e, value.toString());
                binds.add(new String[] {tracked, value.toString()});
                out.add(" $L", fresh);
            } else {
                out.add(" $L", binding.getName());
            }
        }

        /**
         * Prints a condition that is true when {@code value} matches the pattern, and that binds the
         * pattern's variables with {@code instanceof} patterns inside it (in a case's guard, Java scopes
         * them over the case's body): the translation of a pattern over a type generated code cannot
         * name. {@code value} is printed once, so it is evaluated once; a record pattern reads each
         * component once, in order, through {@link PrivateAccessors#component}. A nested type pattern
         * that is unconditional for its component matches null too, as Java's does.
         */
        void match(CodeBlock value, TypeMirror valueType, Tree p, boolean nested) {
            String kind = p.getKind().name();
            if (kind.equals("PARENTHESIZED_PATTERN")) {
                match(value, valueType, (Tree) dev.tulip.processor.analysis.CaseLabels.call(p, "getPattern"), nested);
                return;
            }
            if (kind.equals("ANY_PATTERN")) {
                out.add("$T.evaluated($L)", PrivateAccessors.PRIVATE_ACCESS, value);
                return;
            }
            if (p instanceof BindingPatternTree) {
                Element e = index.element(((BindingPatternTree) p).getVariable());
                if (nested && valueType != null && switchForms.unconditional(valueType, e.asType())) {
                    bindAlways(value, e);
                } else if (typeNames.mentionsInaccessible(env.types.erasure(e.asType()))) {
                    privateTypePattern(() -> out.add("$L", value), (BindingPatternTree) p);
                } else {
                    out.add("$L instanceof ", value);
                    pattern(p);
                }
                return;
            }
            if (!kind.equals("DECONSTRUCTION_PATTERN") || !switchForms.translated(p)) {
                out.add("$L instanceof ", value);
                pattern(p);
                return;
            }
            DeclaredType record = (DeclaredType) typeOf((Tree) dev.tulip.processor.analysis.CaseLabels.call(p,
                    "getDeconstructor"));
            TypeElement element = (TypeElement) record.asElement();
            String name = "record$" + (++matchCount);
            if (typeNames.isInaccessible(element)) {
                out.add("$T.instance($L, $L) instanceof $T $L", PrivateAccessors.PRIVATE_ACCESS,
                        accessors.classObject(record), value, typeNames.of(env.types.erasure(record)), name);
            } else if (!record.getTypeArguments().isEmpty()) {
                throw new Unsupported(p, "a record pattern on the generic record " + element.getSimpleName()
                        + " with a pattern on " + privateName(privateTypeIn(p)) + " inside it (bind the component with 'var'"
                        + " and test it with instanceof)");
            } else {
                out.add("$L instanceof $T $L", value, typeNames.of(record), name);
            }
            List<?> patterns = (List<?>) dev.tulip.processor.analysis.CaseLabels.call(p, "getNestedPatterns");
            List<? extends javax.lang.model.element.RecordComponentElement> components = element.getRecordComponents();
            for (int i = 0; i < components.size(); i++) {
                ExecutableElement accessor = components.get(i).getAccessor();
                TypeMirror componentType = ((javax.lang.model.type.ExecutableType) env.types.asMemberOf(record, accessor))
                        .getReturnType();
                out.add(" && ");
                match(CodeBlock.of("$T.$L($L)", method.companion, accessors.component(accessor, record), name),
                        componentType, (Tree) patterns.get(i), true);
            }
        }

        /** The first type a translated pattern tests or binds that generated code cannot name. */
        TypeMirror privateTypeIn(Tree p) {
            if (p instanceof BindingPatternTree) {
                return index.element(((BindingPatternTree) p).getVariable()).asType();
            }
            String kind = p.getKind().name();
            if (kind.equals("PARENTHESIZED_PATTERN")) {
                return privateTypeIn((Tree) dev.tulip.processor.analysis.CaseLabels.call(p, "getPattern"));
            }
            TypeMirror record = typeOf((Tree) dev.tulip.processor.analysis.CaseLabels.call(p, "getDeconstructor"));
            if (typeNames.mentionsInaccessible(env.types.erasure(record))) {
                return record;
            }
            for (Object nested : (List<?>) dev.tulip.processor.analysis.CaseLabels.call(p, "getNestedPatterns")) {
                if (switchForms.translated((Tree) nested)) {
                    return privateTypeIn((Tree) nested);
                }
            }
            return record;
        }

        /**
         * Binds a nested pattern's variable to a component whatever its value, null included: a
         * reference through {@code PrivateAccess.bound(v) instanceof Bound(var x)}, a primitive through
         * a one-element array ({@code new int[] {v} instanceof int[] x$box}, read {@code x$box[0]}).
         */
        void bindAlways(CodeBlock value, Element binding) {
            String tracked = hooks.local(binding, true, inNestedFrame());
            String name = tracked != null ? tracked + "$match" : binding.getSimpleName().toString();
            String read = name;
            if (binding.asType().getKind().isPrimitive()) {
                TypeName t = typeNames.of(binding.asType());
                out.add("new $T[] {$L} instanceof $T[] $L$$box", t, value, t, name);
                read = name + "$box[0]";
                matchNames.put(binding, read);
            } else {
                out.add("$T.bound($L) instanceof $T(var $L)", PrivateAccessors.PRIVATE_ACCESS, value,
                        PrivateAccessors.PRIVATE_ACCESS.nestedClass("Bound"), name);
                if (typeNames.mentionsStandIn(binding.asType())) {
                    // typed as the companion's helper returns the component: cast to the machine's spelling
                    read = CodeBlock.of("(($T) $L)", typeNames.of(binding.asType()), name).toString();
                }
                matchNames.put(binding, read); // else its type is the component's as printed: no box to read through
            }
            if (tracked != null) {
                binds.add(new String[] {tracked, read});
            }
        }

        /** {@code (Item) x} when generated code cannot name {@code Item}: its class object casts. */
        boolean privateCast(TypeCastTree c) {
            TypeMirror target = typeOf(c.getType());
            if (target == null || !typeNames.mentionsInaccessible(env.types.erasure(target))) {
                return false;
            }
            if (target.getKind() == TypeKind.INTERSECTION) {
                throw new Unsupported(c, "a cast to an intersection with " + privateName(target));
            }
            CodeBlock cls = accessors.classObject(target);
            if (target.getKind() == TypeKind.DECLARED && !typeNames.mentionsStandIn(target)
                    && accessors.castsExactly(target)) {
                out.add("$L.cast(", cls); // Class<S>.cast returns the accessible supertype S
                expr(c.getExpression());
                out.add(")");
            } else {
                out.add("(($T) $L.cast(", typeNames.of(target), cls);
                expr(c.getExpression());
                out.add("))");
            }
            return true;
        }

        /**
         * An array whose component class generated code cannot name, created reflectively so it has
         * the real class ({@code new Item[n]}, {@code new Item[] {a, b}}, {@code Item[] a = {...}}),
         * as later code may hand it to a member that expects one. False for any other array.
         */
        boolean privateArray(NewArrayTree tree, TypeMirror type) {
            if (type == null || type.getKind() != TypeKind.ARRAY
                    || !typeNames.mentionsInaccessible(env.types.erasure(type))) {
                return false;
            }
            TypeMirror component = ((javax.lang.model.type.ArrayType) type).getComponentType();
            if (tree.getInitializers() != null) {
                out.add("(($T) $T.arrayOf($L", typeNames.of(type), PrivateAccessors.PRIVATE_ACCESS,
                        accessors.classObject(component));
                for (ExpressionTree init : tree.getInitializers()) {
                    out.add(", ");
                    if (init.getKind() == Tree.Kind.NEW_ARRAY && ((NewArrayTree) init).getType() == null) {
                        privateArray((NewArrayTree) init, component);
                    } else {
                        expr(init);
                    }
                }
                out.add("))");
                return true;
            }
            TypeMirror remaining = type;
            for (int i = 0; i < tree.getDimensions().size(); i++) {
                remaining = ((javax.lang.model.type.ArrayType) remaining).getComponentType();
            }
            out.add("(($T) $T.newInstance($L", typeNames.of(type), java.lang.reflect.Array.class,
                    accessors.classObject(remaining));
            for (ExpressionTree dim : tree.getDimensions()) {
                out.add(", ");
                expr(dim);
            }
            out.add("))");
            return true;
        }

        /**
         * The private functional interface a lambda or method reference implements, which the
         * companion cannot name (it writes one of its mirror: {@link LambdaBridges}), or null.
         */
        DeclaredType privateFunctionalTarget(ExpressionTree tree, String what) {
            TypeMirror t = typeOf(tree);
            if (t == null || t.getKind() != TypeKind.DECLARED) {
                return null; // an intersection target comes from a cast, which rejects a private bound
            }
            TypeElement iface = (TypeElement) ((DeclaredType) t).asElement();
            if (!typeNames.isInaccessible(iface)) {
                return null; // Function<Item, String>: an accessible interface, spelled with Item's supertype
            }
            String obstacle = accessors.lambdas.obstacle(iface);
            if (obstacle != null) {
                throw new Unsupported(tree, what + " implementing " + privateName(t) + ": " + obstacle
                        + " (make the interface package-private, or implement it with a nested class)");
            }
            ExecutableElement sam = accessors.lambdas.functionalMethod(iface);
            if (sam != null && typeNames.mentionsStandIn(env.types.asMemberOf((DeclaredType) t, sam))) {
                throw new Unsupported(tree, what + " implementing " + privateName(t) + ", whose method mentions a private"
                        + " class that this method gives to a bounded type parameter: generated code names that class with a"
                        + " type variable of the state machine, which the interface's mirror cannot use (implement the"
                        + " interface with a nested class)");
            }
            return (DeclaredType) t;
        }

        /**
         * {@code PrivateAccess.lambda(Op$lambda, (Op$Lambda<...>) <lambda>)}: the lambda written as
         * one of the mirror interface, made an {@code Op} by the companion's factory handle.
         */
        void bridgedLambda(DeclaredType target, Runnable printLambda) {
            TypeElement iface = (TypeElement) target.asElement();
            TypeName held = typeNames.of(target);
            boolean cast = !held.equals(ClassName.OBJECT);
            if (cast) {
                out.add("(($T) ", held);
            }
            out.add("$T.lambda($T.$L, ", PrivateAccessors.PRIVATE_ACCESS, method.companion,
                    accessors.lambdas.factory(iface));
            CodeBlock.Builder outer = swapOut(CodeBlock.builder());
            typedFunction = false;
            printLambda.run();
            CodeBlock printed = swapOut(outer).build();
            if (!typedFunction) {
                out.add("($T) ", accessors.lambdas.mirrorOf(target)); // gives the lambda its type
            }
            out.add("$L", printed);
            out.add(cast ? "))" : ")");
        }

        /** A functional interface type as generated code writes lambdas of it: a private one's mirror. */
        TypeName functionalType(TypeMirror fi) {
            if (fi.getKind() == TypeKind.DECLARED && typeNames.isInaccessible(((DeclaredType) fi).asElement())) {
                return accessors.lambdas.mirrorOf((DeclaredType) fi);
            }
            return typeNames.of(fi);
        }

        /**
         * A method reference to a member reached through a handle ({@code Item::qty}, {@code Item::new},
         * {@code Kind::valueOf}, {@code item::qty}): a reference to the companion's static helper, which
         * has the member's parameters (the receiver first); a bound receiver is evaluated (and checked
         * for null) once, when the reference is. False for any other reference.
         */
        boolean privateMemberReference(MemberReferenceTree tree, Element target, Element qualifier) {
            ExpressionTree q = tree.getQualifierExpression();
            TypeMirror qType = typeOf(q);
            boolean typeQualifier = qualifier != null && TypeNames.isTypeLike(qualifier);
            boolean privateQualifier = qType != null && typeNames.mentionsInaccessible(env.types.erasure(qType));
            if (tree.getMode() == MemberReferenceTree.ReferenceMode.NEW && qType != null
                    && qType.getKind() == TypeKind.ARRAY && privateQualifier) {
                // Item[]::new: an array of the real class
                out.add("length$$ -> ($T) $T.newInstance($L, length$$)", typeNames.of(qType),
                        java.lang.reflect.Array.class,
                        accessors.classObject(((javax.lang.model.type.ArrayType) qType).getComponentType()));
                return true;
            }
            if (!(target instanceof ExecutableElement)) {
                return false;
            }
            ExecutableElement m = (ExecutableElement) target;
            boolean isStatic = m.getModifiers().contains(Modifier.STATIC) || m.getKind() == ElementKind.CONSTRUCTOR;
            DeclaredType receiverType;
            if (viaAccessor(m, q)) {
                receiverType = handleSite(m, q);
            } else {
                if (!privateQualifier || isStatic) {
                    return false;
                }
                receiverType = (DeclaredType) qType; // Item::toString: looked up in Item
            }
            if (m.getKind() == ElementKind.CONSTRUCTOR
                    && PrivateAccessors.outerInstanceType((TypeElement) m.getEnclosingElement()) != null) {
                throw new Unsupported(tree, "a constructor reference to the inner class "
                        + m.getEnclosingElement().getSimpleName() + " (write a lambda)");
            }
            String helper = accessors.method(m, receiverType);
            TypeMirror fi = index.type(tree);
            TypeName standInResult = standInResult(fi);
            if ((typeQualifier || isStatic) && standInResult == null) {
                out.add("$T::$L", method.companion, helper);
                return true;
            }
            int arity = functionalArity(tree, fi);
            CodeBlock.Builder params = CodeBlock.builder();
            for (int i = 0; i < arity; i++) {
                params.add(i == 0 ? "arg$$$L" : ", arg$$$L", i);
            }
            CodeBlock ps = params.build();
            CodeBlock cast = standInResult == null ? CodeBlock.of("") : CodeBlock.of("($T) ", standInResult);
            if (typeQualifier || isStatic) {
                // the helper returns the companion's spelling: a lambda casts it to the machine's (Kind$)
                out.add("($L) -> $L$T.$L($L)", ps, cast, method.companion, helper, ps);
                return true;
            }
            // expr::m: evaluate the receiver now, then call through the helper
            typedFunction = true;
            out.add("(($T) receiver$$ -> ($L) -> $L$T.$L(receiver$$$L$L)).apply(", ParameterizedTypeName.get(
                    ClassName.get(java.util.function.Function.class), typeNames.of(qType).box(), functionalType(fi)),
                    ps, cast, method.companion, helper, arity == 0 ? "" : ", ", ps);
            if (q.getKind() == Tree.Kind.IDENTIFIER && ((IdentifierTree) q).getName().contentEquals("this")) {
                out.add("$L", classFrames.isEmpty() ? self(tree) : "this");
            } else {
                out.add("$T.requireNonNull(", java.util.Objects.class);
                expr(q);
                out.add(")");
            }
            out.add(")");
            return true;
        }

        /**
         * The result type of a functional interface's method as the machine spells it, if it mentions a
         * stand-in (see {@link StandIns}); else null.
         */
        TypeName standInResult(TypeMirror fi) {
            if (fi == null || fi.getKind() != TypeKind.DECLARED) {
                return null;
            }
            ExecutableElement sam = accessors.lambdas.functionalMethod((TypeElement) env.types.asElement(fi));
            if (sam == null) {
                return null;
            }
            TypeMirror result = ((javax.lang.model.type.ExecutableType) env.types.asMemberOf((DeclaredType) fi, sam))
                    .getReturnType();
            if (result.getKind() == TypeKind.WILDCARD) {
                result = ((javax.lang.model.type.WildcardType) result).getExtendsBound();
            }
            return result != null && typeNames.mentionsStandIn(result) ? typeNames.of(result) : null;
        }

        /** The number of parameters of a functional interface's method. */
        int functionalArity(Tree at, TypeMirror fi) {
            ExecutableElement sam = accessors.lambdas.functionalMethod((TypeElement) env.types.asElement(fi));
            if (sam == null) {
                throw new Unsupported(at, "a method reference to a non-functional type " + fi);
            }
            return sam.getParameters().size();
        }

        boolean isPrivateEnum(TypeMirror t) {
            return t != null && t.getKind() == TypeKind.DECLARED
                    && ((DeclaredType) t).asElement().getKind() == ElementKind.ENUM
                    && typeNames.isInaccessible(((DeclaredType) t).asElement());
        }

        boolean catchesPrivate(VariableTree parameter) {
            return catchAlternatives(parameter).stream().anyMatch(typeNames::mentionsInaccessible);
        }

        /**
         * Catch clauses naming a private class, which generated code cannot write: one
         * {@code catch (Throwable)} tests the clauses in order, through the class objects, and
         * rethrows what none takes (unchanged, and unchecked as far as javac knows: only exceptions
         * the try block could throw get there).
         */
        void privateCatches(List<? extends CatchTree> catches) {
            String caught = "exception$" + (++privateCatchCount);
            out.add(" catch (final $T $L) {\n$>", Throwable.class, caught);
            for (int i = 0; i < catches.size(); i++) {
                VariableTree p = catches.get(i).getParameter();
                out.add(i == 0 ? "if (" : "} else if (");
                List<TypeMirror> alternatives = catchAlternatives(p);
                for (int j = 0; j < alternatives.size(); j++) {
                    out.add(j == 0 ? "" : " || ");
                    out.add("$L.isInstance($L)", accessors.classObject(alternatives.get(j)), caught);
                }
                out.add(") {\n$>");
                TypeName declared = typeNames.of(catchParameterType(p));
                modifiers(p.getModifiers(), false);
                out.add("$T $L = ($T) $L;\n", declared, p.getName(), declared, caught);
                for (StatementTree st : catches.get(i).getBlock().getStatements()) {
                    stmt(st);
                }
                out.add("$<");
            }
            out.add("} else {\n$>throw $T.rethrow($L);\n$<}\n", PrivateAccessors.PRIVATE_ACCESS, caught);
            out.add("$<}");
        }

        List<TypeMirror> catchAlternatives(VariableTree parameter) {
            Tree type = parameter.getType();
            List<TypeMirror> types = new ArrayList<>();
            if (type instanceof com.sun.source.tree.UnionTypeTree) {
                for (Tree alt : ((com.sun.source.tree.UnionTypeTree) type).getTypeAlternatives()) {
                    types.add(index.type(alt));
                }
            } else {
                types.add(index.type(type));
            }
            return types;
        }
    }

/** The ordinal of an enum constant: its position among the constants, in declaration order. */
    static int ordinal(Element constant) {
        int i = 0;
        for (Element e : constant.getEnclosingElement().getEnclosedElements()) {
            if (e.getKind() == ElementKind.ENUM_CONSTANT) {
                if (e.equals(constant)) {
                    return i;
                }
                i++;
            }
        }
        throw new IllegalStateException("not a constant of its enum: " + constant);
    }

    static boolean isDefault(CaseTree c) {
        List<? extends Tree> labels = dev.tulip.processor.analysis.CaseLabels.labels(c);
        return labels.isEmpty() || labels.stream().anyMatch(SwitchForms::isDefault);
    }

    /** Rejects a bounded type parameter given a private type (see {@link BoundedInstantiation}). */
    void checkBounds(Tree at, Element callee, javax.lang.model.element.TypeParameterElement param) {
        if (param == null) {
            return;
        }
        String owner = param.getGenericElement().getSimpleName().toString();
        throw new Unsupported(at, "a private type as the type argument " + param + " of " + owner + ", bounded by "
                + param.getBounds() + ": the state machine holds values of a private type as an accessible"
                + " supertype, which does not meet the bound (use a Comparator, a plain collection, or make the"
                + " type package-private)");
    }

    /** "the private class Outer.Item", for messages: the first private class a type mentions. */
    String privateName(TypeMirror type) {
        return typeNames.privateName(type);
    }

    /**
     * What an exhaustive switch throws when no case matches at run time (a constant or subclass added
     * after compilation): a {@code MatchException} where the platform has it (Java 21, JEP 441), else
     * the {@code IncompatibleClassChangeError} javac 17 throws for an enum switch expression.
     */
    public CodeBlock noMatch() {
        return env.elements.getTypeElement("java.lang.MatchException") != null
                ? CodeBlock.of("new $T(null, null)", MATCH_EXCEPTION)
                : CodeBlock.of("new $T()", IncompatibleClassChangeError.class);
    }

    /** How a switch is printed (see {@link SwitchForms}): the same for its dispatch when exploded. */
    public SwitchForms.Mode switchMode(ExpressionTree selector, List<? extends CaseTree> cases) {
        return switchForms.mode(selector, cases);
    }

    /** A switch's printed selector as its mode tests it: a private enum's ordinal, -1 for null if a case says null. */
    public static CodeBlock switchSelector(SwitchForms.Mode mode, CodeBlock printed) {
        switch (mode) {
            case ORDINALS:
                // null still throws NullPointerException, as the switch would
                return printed.toString().matches("[A-Za-z_$][\\w$.]*") ? CodeBlock.of("$L.ordinal()", printed)
                        : CodeBlock.of("($L).ordinal()", printed);
            case NULLABLE_ORDINALS:
                return CodeBlock.of("$T.nullableOrdinal($L)", PrivateAccessors.PRIVATE_ACCESS, printed);
            default:
                return printed;
        }
    }

    /**
     * The class object to test a caught exception against when generated code cannot name its class
     * (a private nested exception class), or null when {@code instanceof} can.
     */
    public CodeBlock privateCatchTest(TypeMirror caught) {
        return typeNames.mentionsInaccessible(caught) ? accessors.classObject(caught) : null;
    }

    /** The declared type of a catch parameter; for a multi-catch, the closest common superclass. */
    public TypeMirror catchParameterType(VariableTree p) {
        Element e = index.element(p);
        if (!(p.getType() instanceof com.sun.source.tree.UnionTypeTree)) {
            return e.asType();
        }
        List<TypeMirror> alts = new ArrayList<>();
        for (Tree alt : ((com.sun.source.tree.UnionTypeTree) p.getType()).getTypeAlternatives()) {
            alts.add(index.type(alt));
        }
        TypeMirror candidate = alts.get(0);
        while (true) {
            boolean all = true;
            for (TypeMirror a : alts) {
                if (!env.types.isSubtype(a, candidate)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return candidate;
            }
            List<? extends TypeMirror> supers = env.types.directSupertypes(candidate);
            candidate = supers.isEmpty() ? env.elements.getTypeElement("java.lang.Throwable").asType() : supers.get(0);
        }
    }

    static boolean isLoop(Tree t) {
        switch (t.getKind()) {
            case WHILE_LOOP:
            case DO_WHILE_LOOP:
            case FOR_LOOP:
            case ENHANCED_FOR_LOOP:
                return true;
            default:
                return false;
        }
    }

    public static ExpressionTree stripParens(ExpressionTree e) {
        while (e.getKind() == Tree.Kind.PARENTHESIZED) {
            e = ((ParenthesizedTree) e).getExpression();
        }
        return e;
    }

    /** A form the printer cannot translate: reported as an error at the tree's position. */
    /** The runtime's binding of method-reference receivers ({@code dev.tulip.internal.Bind}). */
    static final ClassName BIND = ClassName.bestGuess(dev.tulip.processor.model.KnownNames.BIND);

    /** The runtime's identity that declares an exception in generated code ({@code dev.tulip.internal.Declared}). */
    static final ClassName DECLARED = ClassName.bestGuess(dev.tulip.processor.model.KnownNames.DECLARED);

    public static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;
        public final transient Tree tree;

        public Unsupported(Tree tree, String what) {
            super(what);
            this.tree = tree;
        }
    }
}
