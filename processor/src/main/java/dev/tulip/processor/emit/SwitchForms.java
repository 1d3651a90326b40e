package dev.tulip.processor.emit;

import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import dev.tulip.processor.analysis.CaseLabels;
import dev.tulip.processor.analysis.PathIndex;
import dev.tulip.processor.model.Env;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * How generated code writes a switch (and a pattern) that involves a private nested type of the
 * user's class, which it cannot name in a case label:
 * <ul>
 *   <li>a switch on a private enum with constant labels runs on the constants' ordinals
 *       ({@link Mode#ORDINALS}), with {@code -1} standing for {@code case null}
 *       ({@link Mode#NULLABLE_ORDINALS});</li>
 *   <li>a pattern switch with a pattern over a private type, or a private enum switch with patterns,
 *       labels those cases {@code case Object selector$1 when <test>} ({@link Mode#GUARDS}): the test
 *       uses class objects and accessor handles, and binds the pattern's variables with
 *       {@code instanceof} patterns inside the guard, which Java scopes over the case's body.</li>
 * </ul>
 */
public final class SwitchForms {
    /** How a switch's selector and labels are printed. */
    public enum Mode {
        /** As written. */
        AS_WRITTEN,
        /** On the ordinal of a private enum, its constants labelled by ordinal. */
        ORDINALS,
        /** {@link #ORDINALS}, with {@code PrivateAccess.nullableOrdinal} so that {@code case null} is {@code -1}. */
        NULLABLE_ORDINALS,
        /** Private patterns (and a private enum's constants) as guarded {@code Object} patterns. */
        GUARDS
    }

    private final Env env;
    private final PathIndex index;
    private final TypeNames typeNames;

    SwitchForms(Env env, PathIndex index, TypeNames typeNames) {
        this.env = env;
        this.index = index;
        this.typeNames = typeNames;
    }

    Mode mode(ExpressionTree selector, List<? extends CaseTree> cases) {
        TypeMirror t = index.typeOrNull(TreePrinter.stripParens(selector));
        boolean privateEnum = t != null && t.getKind() == TypeKind.DECLARED
                && ((DeclaredType) t).asElement().getKind() == ElementKind.ENUM
                && typeNames.isInaccessible(((DeclaredType) t).asElement());
        boolean nullLabel = false;
        for (CaseTree c : cases) {
            for (Tree label : CaseLabels.labels(c)) {
                Tree pattern = patternOf(label);
                if (pattern != null && (privateEnum || translated(pattern))) {
                    return Mode.GUARDS;
                }
                nullLabel |= isNull(label);
            }
        }
        if (!privateEnum) {
            return Mode.AS_WRITTEN;
        }
        return nullLabel ? Mode.NULLABLE_ORDINALS : Mode.ORDINALS;
    }

    /** The pattern of a pattern label (JDK 21: a PATTERN_CASE_LABEL; JDK 20: the pattern itself), else null. */
    static Tree patternOf(Tree label) {
        String kind = label.getKind().name();
        if (kind.equals("PATTERN_CASE_LABEL")) {
            return (Tree) CaseLabels.call(label, "getPattern");
        }
        if (label instanceof BindingPatternTree || kind.equals("DECONSTRUCTION_PATTERN")
                || kind.equals("PARENTHESIZED_PATTERN")) {
            return label;
        }
        return null;
    }

    /** The expression of a constant label, or null for a pattern or default label. */
    static ExpressionTree constantOf(Tree label) {
        String kind = label.getKind().name();
        if (kind.equals("CONSTANT_CASE_LABEL")) {
            return (ExpressionTree) CaseLabels.call(label, "getConstantExpression");
        }
        return label instanceof ExpressionTree ? (ExpressionTree) label : null;
    }

    static boolean isNull(Tree label) {
        ExpressionTree e = constantOf(label);
        return e != null && e.getKind() == Tree.Kind.NULL_LITERAL;
    }

    static boolean isDefault(Tree label) {
        return label.getKind().name().equals("DEFAULT_CASE_LABEL");
    }

    /**
     * True if the pattern tests or binds a type generated code cannot name, so that it is printed
     * as a test ({@code TreePrinter}'s {@code match}) rather than as written.
     */
    boolean translated(Tree p) {
        String kind = p.getKind().name();
        if (p instanceof BindingPatternTree) {
            Element e = index.element(((BindingPatternTree) p).getVariable());
            return e != null && typeNames.mentionsInaccessible(env.types.erasure(e.asType()));
        }
        if (kind.equals("PARENTHESIZED_PATTERN")) {
            return translated((Tree) CaseLabels.call(p, "getPattern"));
        }
        if (kind.equals("DECONSTRUCTION_PATTERN")) {
            TypeMirror record = index.typeOrNull((Tree) CaseLabels.call(p, "getDeconstructor"));
            if (record != null && typeNames.mentionsInaccessible(env.types.erasure(record))) {
                return true;
            }
            for (Object nested : (List<?>) CaseLabels.call(p, "getNestedPatterns")) {
                if (translated((Tree) nested)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * True if a nested type pattern of type {@code pattern} matches every value of a record component
     * of type {@code component}, null included (JLS 14.30.3); a primitive one must be exact in Java 21.
     */
    boolean unconditional(TypeMirror component, TypeMirror pattern) {
        if (pattern.getKind().isPrimitive() || component.getKind().isPrimitive()) {
            return true;
        }
        return env.types.isSubtype(env.types.erasure(component), env.types.erasure(pattern));
    }

    /**
     * True if some case already matches whatever a guarded translation leaves unmatched, so that no
     * {@code default} may be added: a default label, or an unguarded type pattern that is
     * unconditional for the selector.
     */
    boolean hasCatchAll(ExpressionTree selector, List<? extends CaseTree> cases) {
        TypeMirror t = index.typeOrNull(TreePrinter.stripParens(selector));
        for (CaseTree c : cases) {
            List<? extends Tree> labels = CaseLabels.labels(c);
            if (labels.isEmpty()) {
                return true;
            }
            for (Tree label : labels) {
                if (isDefault(label)) {
                    return true;
                }
                Tree pattern = patternOf(label);
                if (pattern instanceof BindingPatternTree && CaseLabels.guard(c) == null && t != null
                        && !translated(pattern)) {
                    Element e = index.element(((BindingPatternTree) pattern).getVariable());
                    if (e != null && unconditional(t, e.asType())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
