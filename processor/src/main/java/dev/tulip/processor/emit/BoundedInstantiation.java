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
 * that mentions a private nested type. The state machine holds such values as an accessible supertype
 * ({@code Enum<?>}, {@code Object}), which does not meet the bound, so the call could not compile.
 */
final class BoundedInstantiation {
    private final TypeNames typeNames;

    BoundedInstantiation(TypeNames typeNames) {
        this.typeNames = typeNames;
    }

    /** The offending type parameter of a call, or null: {@code declared} against {@code instantiated}. */
    TypeParameterElement inCall(ExecutableElement declared, ExecutableType instantiated) {
        if (declared.getTypeParameters().isEmpty()) {
            return null;
        }
        List<? extends TypeMirror> formal = ((ExecutableType) declared.asType()).getParameterTypes();
        List<? extends TypeMirror> actual = instantiated.getParameterTypes();
        for (int i = 0; i < Math.min(formal.size(), actual.size()); i++) {
            TypeParameterElement found = match(declared, formal.get(i), actual.get(i));
            if (found != null) {
                return found;
            }
        }
        return match(declared, ((ExecutableType) declared.asType()).getReturnType(), instantiated.getReturnType());
    }

    /** The offending type parameter of a generic class instantiated as {@code type}, or null. */
    TypeParameterElement inType(DeclaredType type) {
        List<? extends TypeParameterElement> params = ((javax.lang.model.element.TypeElement) type.asElement())
                .getTypeParameters();
        List<? extends TypeMirror> args = type.getTypeArguments();
        for (int i = 0; i < Math.min(params.size(), args.size()); i++) {
            if (isBounded(params.get(i)) && typeNames.mentionsInaccessible(args.get(i))) {
                return params.get(i);
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
    private TypeParameterElement match(Parameterizable owner, TypeMirror formal, TypeMirror actual) {
        if (formal == null || actual == null) {
            return null;
        }
        if (formal.getKind() == TypeKind.TYPEVAR) {
            javax.lang.model.element.Element var = ((TypeVariable) formal).asElement();
            if (var instanceof TypeParameterElement && ((TypeParameterElement) var).getGenericElement() == owner
                    && isBounded((TypeParameterElement) var) && typeNames.mentionsInaccessible(actual)) {
                return (TypeParameterElement) var;
            }
            return null;
        }
        if (formal.getKind() == TypeKind.ARRAY && actual.getKind() == TypeKind.ARRAY) {
            return match(owner, ((ArrayType) formal).getComponentType(), ((ArrayType) actual).getComponentType());
        }
        if (formal.getKind() == TypeKind.WILDCARD && actual.getKind() == TypeKind.WILDCARD) {
            WildcardType f = (WildcardType) formal;
            WildcardType a = (WildcardType) actual;
            TypeParameterElement up = match(owner, f.getExtendsBound(), a.getExtendsBound());
            return up != null ? up : match(owner, f.getSuperBound(), a.getSuperBound());
        }
        if (formal.getKind() == TypeKind.DECLARED && actual.getKind() == TypeKind.DECLARED) {
            List<? extends TypeMirror> fa = ((DeclaredType) formal).getTypeArguments();
            List<? extends TypeMirror> aa = ((DeclaredType) actual).getTypeArguments();
            for (int i = 0; i < Math.min(fa.size(), aa.size()); i++) {
                TypeParameterElement found = match(owner, fa.get(i), aa.get(i));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static boolean isBounded(TypeParameterElement p) {
        for (TypeMirror b : p.getBounds()) {
            if (!b.toString().equals("java.lang.Object")) {
                return true;
            }
        }
        return false;
    }
}
