package dev.tulip.processor.emit;

import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Parameterizable;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * Finds a bounded type parameter ({@code <T extends Comparable<? super T>>}) instantiated with a type
 * that mentions a private nested type without a stand-in type variable ({@link StandIns}). Generated
 * code spells such a type as an accessible supertype ({@code Enum<?>}, {@code Object}), which does not
 * meet the bound, so the call or the type could not be written as it is.
 */
final class BoundedInstantiation {
    private final TypeNames typeNames;

    /** A type parameter and the type it is given, which mentions a private class. */
    static final class Unmet {
        final TypeParameterElement parameter;
        final TypeMirror actual;

        Unmet(TypeParameterElement parameter, TypeMirror actual) {
            this.parameter = parameter;
            this.actual = actual;
        }
    }

    BoundedInstantiation(TypeNames typeNames) {
        this.typeNames = typeNames;
    }

    /** The offending type parameter of a call, or null: {@code declared} against {@code instantiated}. */
    TypeParameterElement inCall(ExecutableElement declared, ExecutableType instantiated) {
        Unmet unmet = unmetInCall(declared, instantiated);
        return unmet == null ? null : unmet.parameter;
    }

    /** {@link #inCall} with the type the parameter is given. */
    Unmet unmetInCall(ExecutableElement declared, ExecutableType instantiated) {
        if (declared.getTypeParameters().isEmpty()) {
            return null;
        }
        List<? extends TypeMirror> formal = ((ExecutableType) declared.asType()).getParameterTypes();
        List<? extends TypeMirror> actual = instantiated.getParameterTypes();
        for (int i = 0; i < Math.min(formal.size(), actual.size()); i++) {
            Unmet found = match(declared, formal.get(i), actual.get(i));
            if (found != null) {
                return found;
            }
        }
        return match(declared, ((ExecutableType) declared.asType()).getReturnType(), instantiated.getReturnType());
    }

    /** The offending type parameter of a generic class instantiated as {@code type}, or null. */
    Unmet inType(DeclaredType type) {
        List<? extends TypeParameterElement> params = ((javax.lang.model.element.TypeElement) type.asElement())
                .getTypeParameters();
        List<? extends TypeMirror> args = type.getTypeArguments();
        for (int i = 0; i < Math.min(params.size(), args.size()); i++) {
            if (TypeNames.isBounded(params.get(i)) && typeNames.mentionsUnnamed(args.get(i))) {
                return new Unmet(params.get(i), args.get(i));
            }
        }
        return null;
    }

    /**
     * The first type mentioned in {@code type} (itself, a type argument, an array component) that
     * gives a private type to a bounded type parameter of an accessible generic class
     * ({@code EnumSet<Kind>}: generated code could only write {@code EnumSet<Enum<?>>}, outside
     * {@code E extends Enum<E>}), or null.
     */
    DeclaredType violatingType(TypeMirror type) {
        switch (type.getKind()) {
            case ARRAY:
                return violatingType(((ArrayType) type).getComponentType());
            case WILDCARD: {
                WildcardType w = (WildcardType) type;
                TypeMirror bound = w.getExtendsBound() != null ? w.getExtendsBound() : w.getSuperBound();
                return bound == null ? null : violatingType(bound);
            }
            case DECLARED: {
                DeclaredType d = (DeclaredType) type;
                if (typeNames.isInaccessible(d.asElement())) {
                    return null; // spelled as an accessible supertype: its arguments are not printed
                }
                if (inType(d) != null) {
                    return d;
                }
                for (TypeMirror arg : d.getTypeArguments()) {
                    DeclaredType found = violatingType(arg);
                    if (found != null) {
                        return found;
                    }
                }
                return null;
            }
            default:
                return null;
        }
    }

    /** Walks a formal type and its instantiation side by side, down to the owner's type variables. */
    private Unmet match(Parameterizable owner, TypeMirror formal, TypeMirror actual) {
        if (formal == null || actual == null) {
            return null;
        }
        if (formal.getKind() == TypeKind.TYPEVAR) {
            javax.lang.model.element.Element var = ((TypeVariable) formal).asElement();
            if (var instanceof TypeParameterElement && ((TypeParameterElement) var).getGenericElement() == owner
                    && TypeNames.isBounded((TypeParameterElement) var) && typeNames.mentionsUnnamed(actual)) {
                return new Unmet((TypeParameterElement) var, actual);
            }
            return null;
        }
        if (formal.getKind() == TypeKind.ARRAY && actual.getKind() == TypeKind.ARRAY) {
            return match(owner, ((ArrayType) formal).getComponentType(), ((ArrayType) actual).getComponentType());
        }
        if (formal.getKind() == TypeKind.WILDCARD && actual.getKind() == TypeKind.WILDCARD) {
            WildcardType f = (WildcardType) formal;
            WildcardType a = (WildcardType) actual;
            Unmet up = match(owner, f.getExtendsBound(), a.getExtendsBound());
            return up != null ? up : match(owner, f.getSuperBound(), a.getSuperBound());
        }
        if (formal.getKind() == TypeKind.DECLARED && actual.getKind() == TypeKind.DECLARED) {
            List<? extends TypeMirror> fa = ((DeclaredType) formal).getTypeArguments();
            List<? extends TypeMirror> aa = ((DeclaredType) actual).getTypeArguments();
            for (int i = 0; i < Math.min(fa.size(), aa.size()); i++) {
                Unmet found = match(owner, fa.get(i), aa.get(i));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
