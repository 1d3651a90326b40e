package dev.tulip;

/** Python-like {@code repr} of values for diagnostics: strings in single quotes. */
final class Repr {
    private Repr() {
    }

    static String of(Object value) {
        if (value instanceof CharSequence) {
            return "'" + value + "'";
        }
        if (value instanceof Character) {
            return "'" + value + "'";
        }
        return String.valueOf(value);
    }
}
