package dev.tulip.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import dev.tulip.processor.model.Env;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * Turns attributed types into JavaPoet names for generated code, including what JavaPoet alone does
 * not handle: local and anonymous classes declared in the body, captured wildcards and intersection
 * types (which have no name, so declarations use a denotable projection).
 */
public final class TypeNames {
    private final Env env;

    public TypeNames(Env env) {
        this.env = env;
    }

    /** The name of a type as written in an expression context (a cast, a generic argument...). */
    public TypeName of(TypeMirror type) {
        switch (type.getKind()) {
            case BOOLEAN:
                return TypeName.BOOLEAN;
            case BYTE:
                return TypeName.BYTE;
            case SHORT:
                return TypeName.SHORT;
            case INT:
                return TypeName.INT;
            case LONG:
                return TypeName.LONG;
            case CHAR:
                return TypeName.CHAR;
            case FLOAT:
                return TypeName.FLOAT;
            case DOUBLE:
                return TypeName.DOUBLE;
            case VOID:
                return TypeName.VOID;
            case ARRAY:
                return ArrayTypeName.of(of(((ArrayType) type).getComponentType()));
            case TYPEVAR:
                if (isCaptured(type)) {
                    return of(upperBound((TypeVariable) type));
                }
                return TypeVariableName.get(((TypeVariable) type).asElement().getSimpleName().toString());
            case WILDCARD: {
                WildcardType w = (WildcardType) type;
                if (w.getExtendsBound() != null) {
                    return WildcardTypeName.subtypeOf(of(w.getExtendsBound()));
                }
                if (w.getSuperBound() != null) {
                    return WildcardTypeName.supertypeOf(of(w.getSuperBound()));
                }
                return WildcardTypeName.subtypeOf(Object.class);
            }
            case DECLARED:
                return declared((DeclaredType) type);
            case INTERSECTION:
                return of(((IntersectionType) type).getBounds().get(0));
            default:
                return ClassName.OBJECT;
        }
    }

    /** A denotable type for a declaration (field, local, temp) holding values of {@code type}. */
    public TypeName denotable(TypeMirror type) {
        return of(type);
    }

    public TypeName erasure(TypeMirror type) {
        return of(env.types.erasure(type));
    }

    /** True if the type has no name in source (declarations would need a projection and a cast). */
    public boolean isNonDenotable(TypeMirror type) {
        if (type.getKind() == TypeKind.INTERSECTION || isCaptured(type)) {
            return true;
        }
        if (type.getKind() == TypeKind.DECLARED) {
            Element e = ((DeclaredType) type).asElement();
            if (e instanceof TypeElement && ((TypeElement) e).getNestingKind() == NestingKind.ANONYMOUS) {
                return true;
            }
            for (TypeMirror arg : ((DeclaredType) type).getTypeArguments()) {
                if (isNonDenotable(arg)) {
                    return true;
                }
            }
        }
        if (type.getKind() == TypeKind.ARRAY) {
            return isNonDenotable(((ArrayType) type).getComponentType());
        }
        return false;
    }

    private TypeName declared(DeclaredType type) {
        TypeElement element = (TypeElement) type.asElement();
        if (element.getNestingKind() == NestingKind.ANONYMOUS) {
            // No name: use the superclass (or the interface it implements).
            List<? extends TypeMirror> supers = env.types.directSupertypes(type);
            return supers.isEmpty() ? ClassName.OBJECT : of(supers.get(supers.size() > 1 ? 1 : 0));
        }
        ClassName raw = className(element);
        List<TypeName> args = new ArrayList<>();
        for (TypeMirror arg : type.getTypeArguments()) {
            args.add(isCaptured(arg) ? capturedAsWildcard((TypeVariable) arg) : of(arg));
        }
        TypeMirror enclosing = type.getEnclosingType();
        if (enclosing.getKind() == TypeKind.DECLARED && !((DeclaredType) enclosing).getTypeArguments().isEmpty()
                && element.getNestingKind() == NestingKind.MEMBER) {
            TypeName outer = declared((DeclaredType) enclosing);
            if (outer instanceof ParameterizedTypeName) {
                return ((ParameterizedTypeName) outer).nestedClass(element.getSimpleName().toString(), args);
            }
        }
        return args.isEmpty() ? raw : ParameterizedTypeName.get(raw, args.toArray(new TypeName[0]));
    }

    /** The class name of a type element; local classes are named by their simple name. */
    public ClassName className(TypeElement element) {
        if (element.getNestingKind() == NestingKind.LOCAL) {
            return ClassName.get("", element.getSimpleName().toString());
        }
        return ClassName.get(element);
    }

    /**
     * The type variables in scope in an instance member of {@code owner}: its own, and those of the
     * classes enclosing an inner (non-static) class, outermost first.
     */
    public static List<com.palantir.javapoet.TypeVariableName> instanceTypeVariables(TypeElement owner) {
        List<com.palantir.javapoet.TypeVariableName> vars = new ArrayList<>();
        Element e = owner;
        java.util.Deque<TypeElement> chain = new java.util.ArrayDeque<>();
        while (e instanceof TypeElement) {
            TypeElement t = (TypeElement) e;
            chain.push(t);
            if (t.getNestingKind() != NestingKind.MEMBER || t.getModifiers().contains(javax.lang.model.element.Modifier.STATIC)
                    || t.getKind().isInterface() || t.getKind() == ElementKind.ENUM || t.getKind() == ElementKind.RECORD) {
                break;
            }
            e = t.getEnclosingElement();
        }
        for (TypeElement t : chain) {
            for (javax.lang.model.element.TypeParameterElement p : t.getTypeParameters()) {
                vars.add(com.palantir.javapoet.TypeVariableName.get(p));
            }
        }
        return vars;
    }

    /** A captured wildcard ({@code capture#1 of ? extends T}) named as the wildcard it came from. */
    private TypeName capturedAsWildcard(TypeVariable captured) {
        TypeMirror lower = captured.getLowerBound();
        if (lower != null && lower.getKind() != TypeKind.NULL && lower.getKind() != TypeKind.NONE) {
            return WildcardTypeName.supertypeOf(of(lower));
        }
        TypeMirror upper = captured.getUpperBound();
        if (upper == null || upper.toString().equals("java.lang.Object")) {
            return WildcardTypeName.subtypeOf(Object.class);
        }
        return WildcardTypeName.subtypeOf(of(upper));
    }

    public static boolean isCaptured(TypeMirror type) {
        return type.getKind() == TypeKind.TYPEVAR && type.toString().startsWith("capture#");
    }

    private static TypeMirror upperBound(TypeVariable var) {
        return var.getUpperBound();
    }

    /** True if the type is declared inside a method body (local or anonymous class). */
    public static boolean isLocalClass(Element element) {
        return element instanceof TypeElement && (((TypeElement) element).getNestingKind() == NestingKind.LOCAL
                || ((TypeElement) element).getNestingKind() == NestingKind.ANONYMOUS);
    }

    public static boolean isTypeLike(Element e) {
        return e != null && (e.getKind().isClass() || e.getKind().isInterface() || e.getKind() == ElementKind.RECORD
                || e.getKind() == ElementKind.ENUM || e.getKind() == ElementKind.ANNOTATION_TYPE);
    }
}
