package dev.tulip.processor.emit;

import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import dev.tulip.processor.analysis.PathIndex;
import dev.tulip.processor.model.AsyncMethod;
import dev.tulip.processor.model.Env;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
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

    /**
     * Decides which private classes of one method need a stand-in, before lowering: those given to a
     * bounded type parameter in a type ({@code EnumSet<Kind> ks}, {@code new EnumMap<>(Kind.class)}), a
     * call ({@code Collections.max(kinds)}) or a method reference ({@code Collections::max}). Throws
     * {@link TreePrinter.Unsupported} at the first such use a stand-in cannot serve: a generic private
     * class, or a bound that itself names a private class.
     */
    static final class Chooser {
        private final AsyncMethod method;
        private final PathIndex index;
        private final TypeNames typeNames;
        private final BoundedInstantiation bounds;

        Chooser(AsyncMethod method, PathIndex index, TypeNames typeNames, BoundedInstantiation bounds) {
            this.method = method;
            this.index = index;
            this.typeNames = typeNames;
            this.bounds = bounds;
        }

        private TypeMirror elementType(VariableTree tree) {
            Element e = index.element(tree);
            return e == null ? null : e.asType();
        }

        void run() {
            Set<String> taken = new java.util.HashSet<>();
            if (!method.isStatic()) {
                TypeNames.instanceTypeVariables(method.owner).forEach(v -> taken.add(v.name()));
            }
            method.element.getTypeParameters().forEach(p -> taken.add(p.getSimpleName().toString()));
            com.sun.source.util.TreeScanner<Void, Void> scanner = new com.sun.source.util.TreeScanner<>() {
                @Override
                public Void scan(Tree tree, Void unused) {
                    if (tree instanceof ExpressionTree || tree instanceof VariableTree) {
                        TypeMirror t = tree instanceof VariableTree ? elementType((VariableTree) tree) : index.typeOrNull(tree);
                        for (DeclaredType bad = t == null ? null : bounds.violatingType(t); bad != null;
                                bad = bounds.violatingType(t)) {
                            standInFor(tree, bad, bounds.inType(bad), taken, true);
                        }
                    }
                    if (tree instanceof MethodInvocationTree) {
                        Element m = index.element(tree);
                        TypeMirror seen = index.typeOrNull(((MethodInvocationTree) tree).getMethodSelect());
                        if (m instanceof ExecutableElement && seen instanceof javax.lang.model.type.ExecutableType) {
                            // A class that cannot have a stand-in leaves the call to a helper on its erasure
                            // (see Run.erasedCall), which reports what it cannot do either.
                            for (BoundedInstantiation.Unmet u = bounds.unmetInCall((ExecutableElement) m,
                                    (javax.lang.model.type.ExecutableType) seen); u != null
                                    && standInFor(tree, null, u, taken, false);
                                    u = bounds.unmetInCall((ExecutableElement) m, (javax.lang.model.type.ExecutableType) seen)) {
                                // each round gives stand-ins to the classes of one type parameter
                            }
                        }
                    }
                    if (tree instanceof MemberReferenceTree && index.element(tree) instanceof ExecutableElement) {
                        // Collections::max as a Function<Collection<Kind>, Kind>: its instantiation is the
                        // functional interface's, so every private class there gets a stand-in
                        ExecutableElement m = (ExecutableElement) index.element(tree);
                        TypeMirror fi = index.typeOrNull(tree);
                        for (javax.lang.model.element.TypeParameterElement p : m.getTypeParameters()) {
                            if (fi != null && TypeNames.isBounded(p) && typeNames.mentionsUnnamed(fi)) {
                                standInFor(tree, null, new BoundedInstantiation.Unmet(p, fi), taken, true);
                            }
                        }
                    }
                    return super.scan(tree, unused);
                }
            };
            scanner.scan(method.tree.getParameters(), null);
            scanner.scan(method.tree.getBody(), null);
        }

        /**
         * Gives a stand-in to each private class in the type given to a bounded type parameter. If one
         * cannot have one, throws when {@code required}, else gives none and returns false.
         */
        private boolean standInFor(Tree at, DeclaredType type, BoundedInstantiation.Unmet unmet, Set<String> taken,
                boolean required) {
            javax.lang.model.element.TypeParameterElement param = unmet.parameter;
            String what = type != null ? "a value of type " + type + ", whose type parameter " + param
                    : "a private type as the type argument " + param + " of " + param.getGenericElement().getSimpleName();
            for (TypeMirror bound : param.getBounds()) {
                if (typeNames.mentionsInaccessible(bound)) {
                    if (!required) {
                        return false;
                    }
                    throw new TreePrinter.Unsupported(at, what + (type != null ? " is" : ",") + " bounded by " + param.getBounds()
                            + ", which names a private class (make that class package-private)");
                }
            }
            List<TypeElement> unnamed = typeNames.privateClassesIn(unmet.actual, false);
            if (unnamed.isEmpty()) { // mentioned where a stand-in cannot replace it (never seen): as before stand-ins
                if (!required) {
                    return false;
                }
                throw new TreePrinter.Unsupported(at, what + (type != null ? " is" : ",") + " bounded by " + param.getBounds()
                        + ": generated code spells " + typeNames.privateName(unmet.actual) + " as an accessible supertype, which does"
                        + " not meet the bound (make that type package-private)");
            }
            for (TypeElement c : unnamed) {
                String obstacle = StandIns.obstacle(c);
                if (obstacle != null && !required) {
                    return false;
                }
                if (obstacle != null) {
                    throw new TreePrinter.Unsupported(at, what + (type != null ? " is" : ",") + " bounded by " + param.getBounds()
                            + ": generated code cannot name " + typeNames.privateName(c.asType())
                            + ", and cannot stand for it with a type variable since " + obstacle
                            + " (make that class package-private, or keep the value behind a method of the enclosing class)");
                }
            }
            for (TypeElement c : unnamed) {
                typeNames.addStandIn(c, StandIns.name(c, taken));
            }
            return true;
        }
    }
}
