package dev.tulip.processor.attribution;

import java.util.LinkedHashSet;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * The classes a class's signatures mention: supertypes, and the types of its fields, methods,
 * constructors, type parameters and member classes. javac reads them when it completes the class, so
 * a compilation that serves the class must be able to serve them too ({@link MainClassPath}).
 */
final class Signatures {
    private Signatures() {
    }

    /** The top-level classes mentioned by {@code type}'s signatures (with its member classes'). */
    static Set<TypeElement> mentionedBy(TypeElement type) {
        Set<TypeElement> found = new LinkedHashSet<>();
        collect(type, found, new java.util.HashSet<>());
        found.remove(outermost(type));
        return found;
    }

    private static void collect(TypeElement type, Set<TypeElement> found, Set<TypeMirror> seen) {
        add(type.getSuperclass(), found, seen);
        type.getInterfaces().forEach(i -> add(i, found, seen));
        type.getTypeParameters().forEach(p -> bounds(p, found, seen));
        for (Element member : type.getEnclosedElements()) {
            if (member instanceof TypeElement) {
                collect((TypeElement) member, found, seen);
            } else if (member instanceof VariableElement) {
                add(member.asType(), found, seen);
            } else if (member instanceof ExecutableElement) {
                ExecutableElement m = (ExecutableElement) member;
                add(m.getReturnType(), found, seen);
                m.getParameters().forEach(p -> add(p.asType(), found, seen));
                m.getThrownTypes().forEach(t -> add(t, found, seen));
                m.getTypeParameters().forEach(p -> bounds(p, found, seen));
            }
        }
    }

    private static void bounds(TypeParameterElement p, Set<TypeElement> found, Set<TypeMirror> seen) {
        p.getBounds().forEach(b -> add(b, found, seen));
    }

    private static void add(TypeMirror type, Set<TypeElement> found, Set<TypeMirror> seen) {
        if (type == null || !seen.add(type)) {
            return;
        }
        switch (type.getKind()) {
            case DECLARED: {
                DeclaredType d = (DeclaredType) type;
                found.add(outermost((TypeElement) d.asElement()));
                d.getTypeArguments().forEach(a -> add(a, found, seen));
                add(d.getEnclosingType(), found, seen);
                return;
            }
            case ARRAY:
                add(((ArrayType) type).getComponentType(), found, seen);
                return;
            case WILDCARD:
                add(((WildcardType) type).getExtendsBound(), found, seen);
                add(((WildcardType) type).getSuperBound(), found, seen);
                return;
            case TYPEVAR:
                add(((TypeVariable) type).getUpperBound(), found, seen);
                return;
            case INTERSECTION:
                ((IntersectionType) type).getBounds().forEach(b -> add(b, found, seen));
                return;
            default:
        }
    }

    private static TypeElement outermost(TypeElement type) {
        TypeElement top = type;
        while (top.getEnclosingElement() instanceof TypeElement) {
            top = (TypeElement) top.getEnclosingElement();
        }
        return top;
    }
}
