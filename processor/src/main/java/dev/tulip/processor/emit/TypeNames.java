package dev.tulip.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import dev.tulip.processor.model.Env;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
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
 *
 * <p>It is also the one place that decides how generated code spells a type it may not name: a
 * private member class of the user's class (or a class nested in one) is printed as its nearest
 * accessible supertype ({@link #accessibleSupertype}), wherever it occurs (a type argument, an array
 * component...). The substitution is applied to every type the generated code mentions, so the
 * printed program stays consistently typed; members of such classes are reached through handles
 * ({@link PrivateAccessors}) and type tests through their class objects.
 */
public final class TypeNames {
    private final Env env;
    private final dev.tulip.processor.access.Access access;
    /**
     * Private classes that one state machine names through a type variable of its own
     * ({@code Kind} as {@code Kind$}), see {@link StandIns}; empty for the companion's helpers.
     */
    private final Map<TypeElement, TypeVariableName> standIns = new LinkedHashMap<>();

    public TypeNames(Env env, dev.tulip.processor.access.Access access) {
        this.env = env;
        this.access = access;
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
                if (standIns.containsKey(((DeclaredType) type).asElement())) {
                    return standIns.get(((DeclaredType) type).asElement());
                }
                if (isInaccessible(((DeclaredType) type).asElement())) {
                    return accessibleSupertype((TypeElement) ((DeclaredType) type).asElement());
                }
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
        List<? extends TypeMirror> typeArguments = type.getTypeArguments();
        for (int i = 0; i < typeArguments.size(); i++) {
            TypeMirror arg = typeArguments.get(i);
            if (isCaptured(arg)) {
                args.add(capturedAsWildcard((TypeVariable) arg));
            } else if (i < element.getTypeParameters().size() && isBounded(element.getTypeParameters().get(i))
                    && mentionsUnnamed(arg)) {
                // EnumSet<Kind> where Kind has no stand-in: EnumSet<Enum<?>> would be outside E's bound,
                // a wildcard is not (the helpers of the companion hand such values over as they are).
                args.add(wildcardFor(arg));
            } else {
                args.add(of(arg));
            }
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

    // ---------------- types generated code cannot name ----------------

    /**
     * True if generated code (another top-level class of the package) cannot name the class: it is
     * private or nested in a private class. Local and anonymous classes are printed where they are
     * declared, so they are not.
     */
    public boolean isInaccessible(Element element) {
        return element instanceof TypeElement && !isLocalClass(element) && !access.canName(element);
    }

    /** True if the type is, or mentions (as a type argument, array component, bound), a type generated code cannot name. */
    public boolean mentionsInaccessible(TypeMirror type) {
        return mentions(type, this::isInaccessible);
    }

    /** True if the type mentions a private class that has no stand-in: printed as an accessible supertype. */
    public boolean mentionsUnnamed(TypeMirror type) {
        return mentions(type, e -> isInaccessible(e) && !standIns.containsKey(e));
    }

    /** True if the type mentions a private class printed as its stand-in type variable. */
    public boolean mentionsStandIn(TypeMirror type) {
        return !standIns.isEmpty() && mentions(type, standIns::containsKey);
    }

    /** True if the type is, or mentions, an anonymous class (which no declaration outside its expression can name). */
    public boolean mentionsAnonymous(TypeMirror type) {
        return mentions(type, e -> e instanceof TypeElement && ((TypeElement) e).getNestingKind() == NestingKind.ANONYMOUS);
    }

    /** True if the type is, or mentions, the class of a type element that {@code test} accepts. */
    private static boolean mentions(TypeMirror type, Predicate<Element> test) {
        switch (type.getKind()) {
            case ARRAY:
                return mentions(((ArrayType) type).getComponentType(), test);
            case DECLARED: {
                DeclaredType d = (DeclaredType) type;
                if (test.test(d.asElement())) {
                    return true;
                }
                for (TypeMirror arg : d.getTypeArguments()) {
                    if (mentions(arg, test)) {
                        return true;
                    }
                }
                TypeMirror enclosing = d.getEnclosingType();
                return enclosing.getKind() == TypeKind.DECLARED && mentions(enclosing, test);
            }
            case WILDCARD: {
                WildcardType w = (WildcardType) type;
                return (w.getExtendsBound() != null && mentions(w.getExtendsBound(), test))
                        || (w.getSuperBound() != null && mentions(w.getSuperBound(), test));
            }
            case INTERSECTION:
                return ((IntersectionType) type).getBounds().stream().anyMatch(b -> mentions(b, test));
            case TYPEVAR:
                return isCaptured(type) && mentions(((TypeVariable) type).getUpperBound(), test);
            case EXECUTABLE: {
                javax.lang.model.type.ExecutableType e = (javax.lang.model.type.ExecutableType) type;
                return mentions(e.getReturnType(), test)
                        || e.getParameterTypes().stream().anyMatch(p -> mentions(p, test))
                        || e.getThrownTypes().stream().anyMatch(t -> mentions(t, test));
            }
            default:
                return false;
        }
    }

    /**
     * The classes generated code cannot name that a type mentions, outermost first; those with a
     * stand-in only if {@code withStandIns}.
     */
    public List<TypeElement> privateClassesIn(TypeMirror type, boolean withStandIns) {
        List<TypeElement> found = new ArrayList<>();
        new javax.lang.model.util.SimpleTypeVisitor14<Void, Void>() {
            @Override
            public Void visitDeclared(DeclaredType t, Void unused) {
                if (isInaccessible(t.asElement()) && (withStandIns || standIn(t.asElement()) == null)
                        && !found.contains((TypeElement) t.asElement())) {
                    found.add((TypeElement) t.asElement());
                }
                t.getTypeArguments().forEach(a -> a.accept(this, null));
                if (t.getEnclosingType().getKind() == TypeKind.DECLARED) {
                    t.getEnclosingType().accept(this, null);
                }
                return null;
            }

            @Override
            public Void visitArray(javax.lang.model.type.ArrayType t, Void unused) {
                return t.getComponentType().accept(this, null);
            }

            @Override
            public Void visitWildcard(javax.lang.model.type.WildcardType t, Void unused) {
                if (t.getExtendsBound() != null) {
                    t.getExtendsBound().accept(this, null);
                }
                if (t.getSuperBound() != null) {
                    t.getSuperBound().accept(this, null);
                }
                return null;
            }

            @Override
            public Void visitTypeVariable(javax.lang.model.type.TypeVariable t, Void unused) {
                if (TypeNames.isCaptured(t)) {
                    t.getUpperBound().accept(this, null);
                }
                return null;
            }

            @Override
            public Void visitIntersection(IntersectionType t, Void unused) {
                t.getBounds().forEach(b -> b.accept(this, null));
                return null;
            }
        }.visit(type);
        return found;
    }

    /** "the private class Outer.Item", for messages: the first class generated code cannot name that a type mentions. */
    public String privateName(TypeMirror type) {
        List<TypeElement> found = privateClassesIn(type, true);
        if (found.isEmpty()) {
            return "the private class " + type;
        }
        String name = found.get(0).getQualifiedName().toString();
        String pkg = env.elements.getPackageOf(found.get(0)).getQualifiedName().toString();
        return "the private class " + (!pkg.isEmpty() && name.startsWith(pkg + ".") ? name.substring(pkg.length() + 1) : name);
    }

    // ---------------- stand-in type variables ----------------

    /** Makes the state machine name {@code element} as {@code variable} (see {@link StandIns}). */
    void addStandIn(TypeElement element, TypeVariableName variable) {
        standIns.put(element, variable);
    }

    /** The stand-in of a private class, or null. */
    public TypeVariableName standIn(Element element) {
        return standIns.get(element);
    }

    /** The private classes with a stand-in, in the order they were given one. */
    public java.util.Set<TypeElement> standInClasses() {
        return java.util.Collections.unmodifiableSet(standIns.keySet());
    }

    /**
     * True if a value the companion's helpers spell without stand-ins ({@code Set<Enum<?>>}) may be
     * cast to {@code type} as the state machine spells it ({@code Set<Kind$>}) directly: the stand-ins
     * occur only as the type itself, an array component or a type argument. Deeper
     * ({@code List<List<Kind$>>}), the two spellings are provably distinct types and the cast goes
     * through {@code Object}.
     */
    private boolean castsDirectly(TypeMirror type) {
        switch (type.getKind()) {
            case ARRAY:
                return castsDirectly(((ArrayType) type).getComponentType());
            case DECLARED: {
                DeclaredType d = (DeclaredType) type;
                if (standIns.containsKey(d.asElement())) {
                    return true;
                }
                for (TypeMirror arg : d.getTypeArguments()) {
                    TypeMirror a = arg;
                    if (a.getKind() == TypeKind.WILDCARD) {
                        WildcardType w = (WildcardType) a;
                        a = w.getExtendsBound() != null ? w.getExtendsBound() : w.getSuperBound();
                    }
                    if (a != null && mentionsStandIn(a)
                            && !(a.getKind() == TypeKind.DECLARED && standIns.containsKey(((DeclaredType) a).asElement()))) {
                        return false;
                    }
                }
                return true;
            }
            default:
                return true;
        }
    }

    /**
     * The cast that turns a value typed as the companion's helpers spell {@code type} into one typed as
     * the state machine does: {@code (Set<Kind$>) }, or {@code (List<List<Kind$>>) (Object) } where the
     * direct cast would not compile ({@link #castsDirectly}).
     */
    public com.palantir.javapoet.CodeBlock castFromCompanion(TypeMirror type) {
        return castsDirectly(type) ? com.palantir.javapoet.CodeBlock.of("($T) ", of(type))
                : com.palantir.javapoet.CodeBlock.of("($T) ($T) ", of(type), Object.class);
    }

    /** True if a type parameter has a bound other than {@code Object}. */
    static boolean isBounded(javax.lang.model.element.TypeParameterElement p) {
        for (TypeMirror b : p.getBounds()) {
            if (!b.toString().equals("java.lang.Object")) {
                return true;
            }
        }
        return false;
    }

    /**
     * How generated code spells a class it cannot name: its nearest accessible superclass, else its
     * first accessible interface, else {@code Object}; {@code java.lang.Record} for a record and
     * {@code Enum<?>} for an enum. Type arguments that would name the class again are wildcards.
     */
    public TypeName accessibleSupertype(TypeElement element) {
        DeclaredType sup = accessibleSupertypeOf(element);
        return sup == null ? ClassName.OBJECT : supertypeName(sup);
    }

    /** The supertype {@link #accessibleSupertype} names, or null for {@code Object}. */
    public DeclaredType accessibleSupertypeOf(TypeElement element) {
        TypeMirror sup = element.getSuperclass();
        while (sup.getKind() == TypeKind.DECLARED) {
            TypeElement s = (TypeElement) ((DeclaredType) sup).asElement();
            if (!isInaccessible(s)) {
                if (s.getQualifiedName().contentEquals("java.lang.Object")) {
                    break;
                }
                return (DeclaredType) sup;
            }
            sup = s.getSuperclass();
        }
        java.util.Deque<TypeMirror> interfaces = new java.util.ArrayDeque<>(element.getInterfaces());
        while (!interfaces.isEmpty()) {
            DeclaredType i = (DeclaredType) interfaces.removeFirst();
            TypeElement ie = (TypeElement) i.asElement();
            if (!isInaccessible(ie)) {
                return i;
            }
            interfaces.addAll(ie.getInterfaces());
        }
        return null;
    }

    /** An accessible supertype, with the arguments that mention inaccessible types as {@code ?}. */
    private TypeName supertypeName(DeclaredType sup) {
        if (sup.getTypeArguments().isEmpty()) {
            return ClassName.get((TypeElement) sup.asElement());
        }
        List<TypeName> args = new ArrayList<>();
        for (TypeMirror arg : sup.getTypeArguments()) {
            args.add(mentionsInaccessible(arg) ? WildcardTypeName.subtypeOf(Object.class) : of(arg));
        }
        return ParameterizedTypeName.get(ClassName.get((TypeElement) sup.asElement()), args.toArray(new TypeName[0]));
    }

    /**
     * A type generated code can name that every value of {@code type} belongs to, for parameters that
     * the user's own code passes values to (the factory of an {@code @Async} method whose parameters
     * mention a private class): {@code Item} becomes its accessible supertype, {@code List<Item>}
     * becomes {@code List<?>}, {@code Map<String, List<Item>>} becomes
     * {@code Map<String, ? extends List<?>>}, {@code Item[]} becomes {@code Object[]}.
     */
    public TypeName supertypeFor(TypeMirror type) {
        if (!mentionsInaccessible(type)) {
            return of(type);
        }
        switch (type.getKind()) {
            case ARRAY:
                return ArrayTypeName.of(supertypeFor(((ArrayType) type).getComponentType()));
            case DECLARED: {
                DeclaredType d = (DeclaredType) type;
                TypeElement element = (TypeElement) d.asElement();
                if (isInaccessible(element)) {
                    return accessibleSupertype(element);
                }
                List<TypeName> args = new ArrayList<>();
                for (TypeMirror arg : d.getTypeArguments()) {
                    args.add(mentionsInaccessible(arg) ? wildcardFor(arg) : of(arg));
                }
                return ParameterizedTypeName.get(ClassName.get(element), args.toArray(new TypeName[0]));
            }
            default:
                return of(type);
        }
    }

    private TypeName wildcardFor(TypeMirror arg) {
        TypeMirror bound = arg;
        if (arg.getKind() == TypeKind.WILDCARD) {
            bound = ((WildcardType) arg).getExtendsBound();
            if (bound == null) {
                return WildcardTypeName.subtypeOf(Object.class); // ? super Item: only ? contains it
            }
        }
        TypeName sup = supertypeFor(bound);
        return sup.equals(ClassName.OBJECT) ? WildcardTypeName.subtypeOf(Object.class) : WildcardTypeName.subtypeOf(sup);
    }

    /**
     * True if {@code name} may be the type of a pattern ({@code instanceof T t}): a class, or a
     * generic class with unbounded wildcards only.
     */
    public static boolean isReifiable(TypeName name) {
        if (name instanceof ClassName) {
            return true;
        }
        if (name instanceof ParameterizedTypeName) {
            return ((ParameterizedTypeName) name).typeArguments().stream()
                    .allMatch(a -> a.equals(WildcardTypeName.subtypeOf(Object.class)));
        }
        if (name instanceof ArrayTypeName) {
            return isReifiable(((ArrayTypeName) name).componentType());
        }
        return name.isPrimitive();
    }

    /** The class name of a type element; local classes are named by their simple name. */
    public ClassName className(TypeElement element) {
        if (isInaccessible(element)) {
            throw new IllegalStateException("generated code cannot name " + element);
        }
        if (element.getNestingKind() == NestingKind.LOCAL) {
            return ClassName.get("", element.getSimpleName().toString());
        }
        access.named(element);
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
