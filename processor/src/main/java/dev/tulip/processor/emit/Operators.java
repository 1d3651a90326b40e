package dev.tulip.processor.emit;

import com.sun.source.tree.Tree;

/** Java operator spellings by tree kind. */
final class Operators {
    private Operators() {
    }

    static String of(Tree.Kind kind) {
        switch (kind) {
            case POSTFIX_INCREMENT:
            case PREFIX_INCREMENT:
                return "++";
            case POSTFIX_DECREMENT:
            case PREFIX_DECREMENT:
                return "--";
            case UNARY_PLUS:
                return "+";
            case UNARY_MINUS:
                return "-";
            case BITWISE_COMPLEMENT:
                return "~";
            case LOGICAL_COMPLEMENT:
                return "!";
            case MULTIPLY:
                return "*";
            case DIVIDE:
                return "/";
            case REMAINDER:
                return "%";
            case PLUS:
                return "+";
            case MINUS:
                return "-";
            case LEFT_SHIFT:
                return "<<";
            case RIGHT_SHIFT:
                return ">>";
            case UNSIGNED_RIGHT_SHIFT:
                return ">>>";
            case LESS_THAN:
                return "<";
            case GREATER_THAN:
                return ">";
            case LESS_THAN_EQUAL:
                return "<=";
            case GREATER_THAN_EQUAL:
                return ">=";
            case EQUAL_TO:
                return "==";
            case NOT_EQUAL_TO:
                return "!=";
            case AND:
                return "&";
            case XOR:
                return "^";
            case OR:
                return "|";
            case CONDITIONAL_AND:
                return "&&";
            case CONDITIONAL_OR:
                return "||";
            case MULTIPLY_ASSIGNMENT:
                return "*=";
            case DIVIDE_ASSIGNMENT:
                return "/=";
            case REMAINDER_ASSIGNMENT:
                return "%=";
            case PLUS_ASSIGNMENT:
                return "+=";
            case MINUS_ASSIGNMENT:
                return "-=";
            case LEFT_SHIFT_ASSIGNMENT:
                return "<<=";
            case RIGHT_SHIFT_ASSIGNMENT:
                return ">>=";
            case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT:
                return ">>>=";
            case AND_ASSIGNMENT:
                return "&=";
            case XOR_ASSIGNMENT:
                return "^=";
            case OR_ASSIGNMENT:
                return "|=";
            default:
                throw new IllegalArgumentException("not an operator: " + kind);
        }
    }

    /** The binary operator of a compound assignment: {@code +=} gives {@code +}. */
    static String binaryOf(Tree.Kind compound) {
        String op = of(compound);
        return op.substring(0, op.length() - 1);
    }

    static boolean isIncrementOrDecrement(Tree.Kind kind) {
        return kind == Tree.Kind.POSTFIX_INCREMENT || kind == Tree.Kind.PREFIX_INCREMENT
                || kind == Tree.Kind.POSTFIX_DECREMENT || kind == Tree.Kind.PREFIX_DECREMENT;
    }

    static boolean isPostfix(Tree.Kind kind) {
        return kind == Tree.Kind.POSTFIX_INCREMENT || kind == Tree.Kind.POSTFIX_DECREMENT;
    }
}
