package dev.tulip.processor.emit;

import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import dev.tulip.processor.model.Env;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Stand-in type variables: how a state machine names a private class that its method gives to a
 * bounded type parameter ({@code EnumSet<Kind>}, {@code new EnumMap<Kind, V>(...)},
 * {@code Collections.max(kinds)}, a varargs {@code <T extends Comparable<T>>} method...).
 *
 * <p>Generated code is another top-level class: it cannot name {@code private enum Kind}, and
 * elsewhere spells it as an accessible supertype ({@code Enum<?>}), which is outside
 * {@code E extends Enum<E>}. Such a state machine instead declares a type variable bounded by the
 * class's accessible supertypes, {@code Kind$ extends Enum<Kind$>}, and spells every occurrence of
 * the class with it: {@code EnumSet<Kind$>} meets the bound, and {@code Set<Kind$>}, {@code Kind$[]},
 * {@code Comparator<Kind$>} keep the relations the method relies on. The factory creates the machine
 * with a diamond (javac infers a fresh type for {@code Kind$}; at run time it is erased to its first
 * bound, where the real class is), and values coming from the companion's helpers, which are typed
 * without stand-ins, are cast where they enter ({@code (Set<Kind$>) invoke$Demo$kinds$0()}).
 */
final class StandIns {
    private StandIns() {
    }

    /**
     * Why {@code type} cannot have a stand-in, or null if it can: a type variable cannot take type
     * arguments, so the class must not be generic nor an inner class of a generic class.
     */
    static String obstacle(TypeElement type) {
        TypeMirror t = type.asType();
        while (t.getKind() == TypeKind.DECLARED) {
            if (!((DeclaredType) t).getTypeArguments().isEmpty()) {
                return "it is generic";
            }
            t = ((DeclaredType) t).getEnclosingType();
        }
        return null;
    }

    /** A fresh name for the stand-in of {@code type}: its simple name and {@code $} ({@code Kind$, Kind$2}). */
    static TypeVariableName name(TypeElement type, Set<String> taken) {
        String base = type.getSimpleName() + "$";
        String name = base;
        for (int i = 2; !taken.add(name); i++) {
            name = base + i;
        }
        return TypeVariableName.get(name);
    }

    /** The declarations of the machine's stand-ins, with their bounds ({@code Kind$ extends Enum<Kind$>}). */
    static List<TypeVariableName> declarations(Env env, TypeNames typeNames) {
        List<TypeVariableName> declared = new ArrayList<>();
        for (TypeElement type : typeNames.standInClasses()) {
            List<TypeName> bounds = new ArrayList<>();
            for (TypeMirror bound : accessibleSupertypes(env, typeNames, type)) {
                bounds.add(typeNames.of(bound));
            }
            declared.add(TypeVariableName.get(typeNames.standIn(type).name(), bounds.toArray(new TypeName[0])));
        }
        return declared;
    }

    /**
     * The most specific supertypes of {@code type} that generated code can name, class first (a type
     * variable's bounds may list one class and then interfaces): walking up from the class, each path
     * stops at its first accessible type, and a type that is a supertype of another found is dropped.
     * {@code Object} is left out.
     */
    static List<TypeMirror> accessibleSupertypes(Env env, TypeNames typeNames, TypeElement type) {
        List<TypeMirror> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        collect(env, typeNames, env.types.directSupertypes(type.asType()), found, seen);
        List<TypeMirror> minimal = new ArrayList<>();
        for (TypeMirror candidate : found) {
            boolean redundant = candidate.toString().equals("java.lang.Object");
            for (TypeMirror other : found) {
                redundant |= other != candidate && !env.types.isSameType(other, candidate)
                        && env.types.isSubtype(other, candidate);
            }
            if (!redundant) {
                minimal.add(candidate);
            }
        }
        minimal.sort((a, b) -> Boolean.compare(isInterface(env, a), isInterface(env, b)));
        return minimal;
    }

    private static void collect(Env env, TypeNames typeNames, Collection<? extends TypeMirror> supertypes,
            List<TypeMirror> found, Set<String> seen) {
        for (TypeMirror s : supertypes) {
            if (s.getKind() != TypeKind.DECLARED || !seen.add(s.toString())) {
                continue;
            }
            if (typeNames.isInaccessible(((DeclaredType) s).asElement())) {
                collect(env, typeNames, env.types.directSupertypes(s), found, seen);
            } else {
                found.add(s);
            }
        }
    }

    private static boolean isInterface(Env env, TypeMirror t) {
        return env.types.asElement(t).getKind() == ElementKind.INTERFACE;
    }
}
