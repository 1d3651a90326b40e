package dev.tulip.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import dev.tulip.processor.model.Env;
import dev.tulip.processor.model.KnownNames;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Static helpers in the companion class that reach private members of the user's classes through
 * var and method handles ({@code dev.tulip.internal.PrivateAccess}), so that {@code @Async} bodies may use
 * private fields, methods and constructors as they are written. One handle per member, created when
 * the companion is first used; each helper has the member's own signature and checked exceptions.
 *
 * <p>Private member classes work the same way: the companion holds their class objects (loaded by
 * binary name: at run time they are classes of the same package), and a helper's signature spells
 * such a class as its accessible supertype ({@link TypeNames#accessibleSupertype}); the handle
 * invocation casts back to the real class.
 */
public final class PrivateAccessors {
    static final ClassName PRIVATE_ACCESS = ClassName.bestGuess(KnownNames.PRIVATE_ACCESS);
    private final Env env;
    private final TypeNames typeNames;
    private final ClassName companion;
    /** Class objects of classes the companion cannot name; initialized before the handles that use them. */
    private final Map<String, FieldSpec> classes = new LinkedHashMap<>();
    private final Map<String, FieldSpec> handles = new LinkedHashMap<>();
    private final Map<String, MethodSpec> helpers = new LinkedHashMap<>();
    /** Names of {@link #erased} helpers, by instantiation. */
    private final Map<String, String> erasedNames = new LinkedHashMap<>();
    /** Lambdas of private functional interfaces. */
    final LambdaBridges lambdas;

    public PrivateAccessors(Env env, TypeNames typeNames, ClassName companion) {
        this.env = env;
        this.typeNames = typeNames;
        this.companion = companion;
        this.lambdas = new LambdaBridges(env, typeNames, companion, this);
    }

    public void addTo(TypeSpec.Builder companion) {
        classes.values().forEach(companion::addField);
        handles.values().forEach(companion::addField);
        helpers.values().forEach(companion::addMethod);
        lambdas.addTo(companion);
    }

    private String id(javax.lang.model.element.Element member) {
        return id((TypeElement) member.getEnclosingElement(), member);
    }

    private String id(TypeElement owner, javax.lang.model.element.Element member) {
        return owner.getSimpleName() + "$" + member.getSimpleName().toString().replace("<init>", "new");
    }

    // ---------------- class objects ----------------

    /**
     * The companion's field holding the class object of a class it cannot name, typed
     * {@code Class<S>} where S is how generated code spells the class (so {@code cast} returns an S).
     */
    private String classField(TypeElement type) {
        String binary = env.elements.getBinaryName(type).toString();
        String simple = binary.substring(binary.lastIndexOf('.') + 1);
        String name = simple + "$class";
        TypeName spelled = typeNames.accessibleSupertype(type);
        // A static field cannot mention type variables (ArrayList<K> for a private inner class of
        // Box<K>): then it is a Class<?>, and casts through it add their own (unchecked) cast.
        TypeName held = mentionsTypeVariable(spelled) ? WildcardTypeName.subtypeOf(Object.class) : spelled;
        if (held != spelled) {
            inexact.add(name);
        }
        classes.computeIfAbsent(name, n -> FieldSpec.builder(
                ParameterizedTypeName.get(ClassName.get(Class.class), held), n,
                Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("$L, which generated code cannot name (it is private).\n", simple.replace('$', '.'))
                .initializer("$T.type($T.lookup(), $S)", PRIVATE_ACCESS, MethodHandles.class, binary)
                .build());
        return name;
    }

    /** Class fields typed {@code Class<?>} rather than the class's spelling (see {@link #classField}). */
    private final java.util.Set<String> inexact = new java.util.HashSet<>();

    /**
     * True if {@link #classObject} of {@code type} is a {@code Class<S>} whose {@code cast} returns the
     * type's spelling {@code S}; false if it is a {@code Class<?>} (the spelling has type variables).
     */
    public boolean castsExactly(TypeMirror type) {
        TypeMirror erased = env.types.erasure(type);
        if (!typeNames.mentionsInaccessible(erased) || erased.getKind() != TypeKind.DECLARED) {
            return true;
        }
        return !inexact.contains(classField((TypeElement) env.types.asElement(erased)));
    }

    private static boolean mentionsTypeVariable(TypeName t) {
        if (t instanceof TypeVariableName) {
            return true;
        }
        if (t instanceof ParameterizedTypeName) {
            for (TypeName a : ((ParameterizedTypeName) t).typeArguments()) {
                if (mentionsTypeVariable(a)) {
                    return true;
                }
            }
            ParameterizedTypeName enclosing = ((ParameterizedTypeName) t).enclosingType();
            return enclosing != null && mentionsTypeVariable(enclosing);
        }
        if (t instanceof WildcardTypeName) {
            WildcardTypeName w = (WildcardTypeName) t;
            return w.upperBounds().stream().anyMatch(PrivateAccessors::mentionsTypeVariable)
                    || w.lowerBounds().stream().anyMatch(PrivateAccessors::mentionsTypeVariable);
        }
        if (t instanceof com.palantir.javapoet.ArrayTypeName) {
            return mentionsTypeVariable(((com.palantir.javapoet.ArrayTypeName) t).componentType());
        }
        return false;
    }

    /**
     * An expression for the class object of the erasure of {@code type}, usable anywhere in the
     * companion: a class literal, or the field holding a class generated code cannot name (with
     * {@code arrayType()} for arrays of it).
     */
    public CodeBlock classObject(TypeMirror type) {
        TypeMirror erased = env.types.erasure(type);
        if (!typeNames.mentionsInaccessible(erased)) {
            return CodeBlock.of("$T.class", typeNames.of(erased));
        }
        if (erased.getKind() == TypeKind.ARRAY) {
            return CodeBlock.of("$L.arrayType()", classObject(((javax.lang.model.type.ArrayType) erased).getComponentType()));
        }
        return CodeBlock.of("$T.$L", companion, classField((TypeElement) env.types.asElement(erased)));
    }

    private boolean isStatic(javax.lang.model.element.Element e) {
        return e.getModifiers().contains(Modifier.STATIC);
    }

    /**
     * The class a handle on {@code member} is looked up in: {@code site} (a class of the user's, see
     * {@link dev.tulip.processor.access.Access#handleSite}) or, when null, the class declaring it.
     */
    private static TypeElement lookupClass(javax.lang.model.element.Element member, DeclaredType site) {
        return site != null ? (TypeElement) site.asElement() : (TypeElement) member.getEnclosingElement();
    }

    private List<TypeVariableName> ownerVariables(javax.lang.model.element.Element member, DeclaredType site) {
        List<TypeVariableName> vars = new ArrayList<>();
        if (!isStatic(member)) {
            vars.addAll(TypeNames.instanceTypeVariables(lookupClass(member, site)));
        }
        return vars;
    }

    private TypeName ownerType(javax.lang.model.element.Element member, DeclaredType site) {
        return typeNames.of(lookupClass(member, site).asType());
    }

    /** The field's type as seen from the class the handle is looked up in. */
    private TypeMirror fieldType(VariableElement f, DeclaredType site) {
        return site == null ? f.asType() : env.types.asMemberOf(site, f);
    }

    private String fieldHandle(VariableElement f, DeclaredType site) {
        TypeElement in = lookupClass(f, site);
        String name = id(in, f) + "$handle";
        handles.computeIfAbsent(name, n -> FieldSpec.builder(VarHandle.class, n, Modifier.PRIVATE, Modifier.STATIC,
                Modifier.FINAL)
                .initializer("$T.field($T.lookup(), $L, $S, $L, $L)", PRIVATE_ACCESS, MethodHandles.class,
                        classObject(in.asType()), f.getSimpleName(), classObject(f.asType()), isStatic(f))
                .build());
        return name;
    }

    private MethodSpec.Builder fieldHelper(VariableElement f, DeclaredType site, String name, boolean cast) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addTypeVariables(ownerVariables(f, site));
        if (!isStatic(f)) {
            m.addParameter(ownerType(f, site), "self");
        }
        TypeMirror type = fieldType(f, site);
        boolean unchecked = !env.types.isSameType(type, env.types.erasure(type));
        if (unchecked || cast) {
            CodeBlock.Builder values = CodeBlock.builder().add("{");
            if (unchecked) {
                values.add("$S", "unchecked");
            }
            if (cast) {
                values.add(unchecked ? ", $S" : "$S", "cast");
            }
            m.addAnnotation(com.palantir.javapoet.AnnotationSpec.builder(SuppressWarnings.class)
                    .addMember("value", values.add("}").build()).build());
        }
        return m;
    }

    private String receiverArgs(VariableElement f) {
        return isStatic(f) ? "" : "self";
    }

    /** {@code static T get$f(Owner self)}; {@code site} as for {@link #lookupClass}. */
    public String getter(VariableElement f, DeclaredType site) {
        String name = "get$" + id(lookupClass(f, site), f);
        if (!helpers.containsKey(name)) {
            String h = fieldHandle(f, site);
            TypeName t = typeNames.of(fieldType(f, site));
            helpers.put(name, fieldHelper(f, site, name, false).returns(t)
                    .addStatement("return ($T) $L.get($L)", t, h, receiverArgs(f)).build());
        }
        return name;
    }

    /** {@code static T set$f(Owner self, T value)}: returns the value, as an assignment does. */
    public String setter(VariableElement f, DeclaredType site) {
        String name = "set$" + id(lookupClass(f, site), f);
        if (!helpers.containsKey(name)) {
            String h = fieldHandle(f, site);
            TypeMirror type = fieldType(f, site);
            TypeName t = typeNames.of(type);
            TypeName accepted = typeNames.supertypeFor(type);
            MethodSpec.Builder helper = fieldHelper(f, site, name, false).returns(t).addParameter(accepted, "value")
                    .addStatement("$L.set($L$Lvalue)", h, receiverArgs(f), isStatic(f) ? "" : ", ");
            if (accepted.equals(t)) {
                helper.addStatement("return value");
            } else { // only a generic type is widened: fieldHelper suppressed "unchecked"
                helper.addStatement("return ($T) value", t);
            }
            helpers.put(name, helper.build());
        }
        return name;
    }

    /** {@code ++}/{@code --} on a field: {@code static T postIncrement$f(Owner self)} and friends. */
    public String increment(VariableElement f, DeclaredType site, com.sun.source.tree.Tree.Kind kind) {
        String op = kind.toString().toLowerCase(java.util.Locale.ROOT).replace("_", "");
        String name = op + "$" + id(lookupClass(f, site), f);
        if (!helpers.containsKey(name)) {
            String get = getter(f, site);
            String set = setter(f, site);
            TypeName t = typeNames.of(fieldType(f, site));
            boolean post = Operators.isPostfix(kind);
            String sign = Operators.of(kind).substring(0, 1);
            String recv = receiverArgs(f);
            CodeBlock.Builder body = CodeBlock.builder()
                    .addStatement("$T old = $L($L)", t, get, recv)
                    .addStatement("$T updated = old", t)
                    .addStatement("updated$L$L", sign, sign)
                    .addStatement("$L($L$Lupdated)", set, recv, recv.isEmpty() ? "" : ", ")
                    .addStatement("return $L", post ? "old" : "updated");
            helpers.put(name, fieldHelper(f, site, name, false).returns(t).addCode(body.build()).build());
        }
        return name;
    }

    /** {@code f op= value}: {@code static T plusAssign$f(Owner self, T old, V value)}; the caller reads old first. */
    public String compound(VariableElement f, DeclaredType site, com.sun.source.tree.Tree.Kind kind,
            TypeMirror valueType) {
        String op = kind.toString().toLowerCase(java.util.Locale.ROOT).replace("_", "");
        String name = op + "$" + id(lookupClass(f, site), f) + "$"
                + typeNames.erasure(valueType).toString().replaceAll("[^A-Za-z0-9]", "");
        if (!helpers.containsKey(name)) {
            String set = setter(f, site);
            TypeName t = typeNames.of(fieldType(f, site));
            String recv = receiverArgs(f);
            String binary = Operators.binaryOf(kind);
            helpers.put(name, fieldHelper(f, site, name, true).returns(t)
                    .addParameter(t, "old")
                    .addParameter(typeNames.of(valueType), "value")
                    .addStatement("return $L($L$L($T) (old $L value))", set, recv, recv.isEmpty() ? "" : ", ", t, binary)
                    .build());
        }
        return name;
    }

    /** A method or constructor: {@code static R invoke$Owner$m$n(Owner self, params...) throws ...}. */
    public String method(ExecutableElement m) {
        return method(m, null);
    }

    /**
     * A method or constructor through a handle. With a {@code receiver} type (a class generated code
     * cannot name, on which a method of an accessible supertype is called, such as {@code compareTo}
     * of a private enum), the handle is looked up in the receiver's class and the helper's types are
     * the member's as seen from it; otherwise in the declaring class, with the member's own types.
     * An inner class's constructor takes the outer instance first, as its handle does.
     */
    public String method(ExecutableElement m, DeclaredType receiver) {
        TypeElement owner = receiver != null ? (TypeElement) receiver.asElement()
                : (TypeElement) m.getEnclosingElement();
        String name = "invoke$" + id(owner, m) + "$" + m.getParameters().size() + erasureKey(m);
        if (helpers.containsKey(name)) {
            return name;
        }
        boolean ctor = m.getKind() == javax.lang.model.element.ElementKind.CONSTRUCTOR;
        TypeMirror outer = ctor ? outerInstanceType(owner) : null;
        javax.lang.model.type.ExecutableType seen = receiver != null
                ? (javax.lang.model.type.ExecutableType) env.types.asMemberOf(receiver, m)
                : (javax.lang.model.type.ExecutableType) m.asType();
        String handle = name + "$handle";
        CodeBlock.Builder type = CodeBlock.builder().add("$T.methodType($L", MethodType.class,
                ctor ? CodeBlock.of("void.class") : classObject(m.getReturnType()));
        if (outer != null) {
            type.add(", $L", classObject(outer));
        }
        for (VariableElement p : m.getParameters()) {
            type.add(", $L", classObject(p.asType()));
        }
        type.add(")");
        CodeBlock init = ctor
                ? CodeBlock.of("$T.constructor($T.lookup(), $L, $L)", PRIVATE_ACCESS, MethodHandles.class,
                        classObject(owner.asType()), type.build())
                : CodeBlock.of("$T.method($T.lookup(), $L, $S, $L, $L)", PRIVATE_ACCESS, MethodHandles.class,
                        classObject(owner.asType()), m.getSimpleName(), type.build(), isStatic(m));
        handles.put(handle, FieldSpec.builder(MethodHandle.class, handle, Modifier.PRIVATE, Modifier.STATIC,
                Modifier.FINAL).initializer(init).build());
        MethodSpec.Builder helper = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addAnnotation(com.palantir.javapoet.AnnotationSpec.builder(SuppressWarnings.class)
                        .addMember("value", "$S", "unchecked").build());
        if (ctor) {
            // what the created class's type (and an inner class's outer instance) is written with
            helper.addTypeVariables(TypeNames.instanceTypeVariables(owner));
        } else if (receiver == null || env.types.isSameType(receiver, receiver.asElement().asType())) {
            // the declaring class's, or the user's subclass's, type variables (a site of Access.handleSite)
            helper.addTypeVariables(ownerVariables(m, receiver));
        }
        for (TypeParameterElement p : m.getTypeParameters()) {
            helper.addTypeVariable(TypeVariableName.get(p));
        }
        CodeBlock.Builder args = CodeBlock.builder();
        if (outer != null) {
            helper.addParameter(typeNames.of(outer), "outer");
            args.add("outer");
        }
        if (!ctor && !isStatic(m)) {
            helper.addParameter(receiver != null ? typeNames.of(receiver) : ownerType(m, null), "self");
            args.add("self");
        }
        List<? extends TypeMirror> paramTypes = seen.getParameterTypes();
        for (int i = 0; i < paramTypes.size(); i++) {
            String p = m.getParameters().get(i).getSimpleName().toString();
            helper.addParameter(typeNames.supertypeFor(paramTypes.get(i)), p);
            boolean last = i == paramTypes.size() - 1;
            if (last && m.isVarArgs() && typeNames.mentionsInaccessible(paramTypes.get(i))) {
                // The call site built an array of the accessible supertype; the member wants its own class.
                args.add(args.isEmpty() ? "$T.varargs($L, $L)" : ", $T.varargs($L, $L)", PRIVATE_ACCESS,
                        classObject(paramTypes.get(i)), p);
            } else {
                args.add(args.isEmpty() ? "$L" : ", $L", p);
            }
        }
        helper.varargs(m.isVarArgs());
        for (TypeMirror thrown : seen.getThrownTypes()) {
            helper.addException(typeNames.of(thrown));
        }
        TypeName ret = ctor ? typeNames.of(owner.asType()) : typeNames.of(seen.getReturnType());
        helper.returns(ret);
        if (receiver != null || typeNames.isInaccessible(owner)) {
            helper.addJavadoc("{@code $L.$L} ($L cannot be named here: it is private).\n",
                    owner.getSimpleName(), ctor ? "new" : m.getSimpleName(), owner.getSimpleName());
        }
        helpers.put(name, invoking(helper, handle, ret, args.build()).build());
        return name;
    }

    /**
     * {@code super.m(...)} (or {@code Iface.super.m(...)}) said in {@code caller}, through a handle that
     * runs {@code owner}'s implementation without dynamic dispatch ({@code invokespecial}): the state
     * machine is another class, where {@code super} would mean its own superclass.
     */
    public String superMethod(ExecutableElement m, TypeElement owner, TypeElement caller) {
        String name = "invokeSuper$" + id(owner, m) + "$" + m.getParameters().size() + erasureKey(m);
        if (helpers.containsKey(name)) {
            return name;
        }
        javax.lang.model.type.ExecutableType seen = (javax.lang.model.type.ExecutableType) env.types.asMemberOf(
                (javax.lang.model.type.DeclaredType) caller.asType(), m);
        String handle = name + "$handle";
        CodeBlock.Builder type = CodeBlock.builder().add("$T.methodType($L", MethodType.class,
                classObject(m.getReturnType()));
        for (VariableElement p : m.getParameters()) {
            type.add(", $L", classObject(p.asType()));
        }
        type.add(")");
        handles.put(handle, FieldSpec.builder(MethodHandle.class, handle, Modifier.PRIVATE, Modifier.STATIC,
                Modifier.FINAL).initializer("$T.special($T.lookup(), $L, $S, $L, $L)", PRIVATE_ACCESS,
                        MethodHandles.class, classObject(owner.asType()), m.getSimpleName(), type.build(),
                        classObject(caller.asType())).build());
        MethodSpec.Builder helper = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addJavadoc("{@code super.$L} in {@code $L}: $L's implementation, without dynamic dispatch.\n",
                        m.getSimpleName(), caller.getSimpleName(), owner.getSimpleName())
                .addAnnotation(com.palantir.javapoet.AnnotationSpec.builder(SuppressWarnings.class)
                        .addMember("value", "$S", "unchecked").build());
        helper.addTypeVariables(TypeNames.instanceTypeVariables(caller));
        for (TypeParameterElement p : m.getTypeParameters()) {
            helper.addTypeVariable(TypeVariableName.get(p));
        }
        helper.addParameter(typeNames.of(caller.asType()), "self");
        CodeBlock.Builder args = CodeBlock.builder().add("self");
        List<? extends TypeMirror> paramTypes = seen.getParameterTypes();
        for (int i = 0; i < paramTypes.size(); i++) {
            String p = "p" + i;
            helper.addParameter(typeNames.supertypeFor(paramTypes.get(i)), p);
            args.add(", $L", p);
        }
        helper.varargs(m.isVarArgs());
        for (TypeMirror thrown : seen.getThrownTypes()) {
            helper.addException(typeNames.of(thrown));
        }
        TypeName ret = typeNames.of(seen.getReturnType());
        helper.returns(ret);
        helpers.put(name, invoking(helper, handle, ret, args.build()).build());
        return name;
    }

    /**
     * A call of a generic method whose bounded type parameter is given a private type
     * ({@code Collections.max(kinds)}, {@code T extends Comparable<? super T>} with {@code T = Kind}):
     * generated code spells {@code Kind} as {@code Enum<?>}, outside the bound, so it cannot make the
     * call itself. The helper takes and returns the instantiated types as generated code spells them and
     * calls the method through a handle on its erasure, which is all the method is at run time. One
     * helper per instantiation.
     */
    public String erased(ExecutableElement m, javax.lang.model.type.ExecutableType instantiated, TypeMirror receiver) {
        TypeElement owner = (TypeElement) m.getEnclosingElement();
        boolean isStatic = isStatic(m);
        StringBuilder key = new StringBuilder("erased$" + id(owner, m));
        List<TypeName> params = new ArrayList<>();
        for (TypeMirror p : instantiated.getParameterTypes()) {
            params.add(typeNames.supertypeFor(p));
        }
        TypeName ret = typeNames.of(instantiated.getReturnType());
        String signature = (receiver == null ? "" : typeNames.of(receiver) + ";") + params + ret;
        String name = erasedNames.computeIfAbsent(signature + key, k -> key + "$" + (erasedNames.size() + 1));
        if (helpers.containsKey(name)) {
            return name;
        }
        String handle = "erased$" + id(owner, m) + erasureKey(m) + "$handle"; // one per method: instantiations share it
        CodeBlock.Builder type = CodeBlock.builder().add("$T.methodType($L", MethodType.class,
                classObject(m.getReturnType()));
        for (VariableElement p : m.getParameters()) {
            type.add(", $L", classObject(p.asType()));
        }
        type.add(")");
        handles.computeIfAbsent(handle, h -> FieldSpec.builder(MethodHandle.class, h, Modifier.PRIVATE, Modifier.STATIC,
                Modifier.FINAL).initializer("$T.accessible($T.lookup(), $T.class, $S, $L, $L)", PRIVATE_ACCESS,
                        MethodHandles.class, env.types.erasure(owner.asType()), m.getSimpleName(), type.build(), isStatic)
                .build());
        MethodSpec.Builder helper = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addJavadoc("{@code $L.$L} with a private type for its bounded type parameter, called on its erasure.\n",
                        owner.getSimpleName(), m.getSimpleName())
                .addAnnotation(com.palantir.javapoet.AnnotationSpec.builder(SuppressWarnings.class)
                        .addMember("value", "$S", "unchecked").build());
        CodeBlock.Builder args = CodeBlock.builder();
        if (!isStatic) {
            helper.addParameter(typeNames.of(receiver), "self");
            args.add("self");
        }
        for (int i = 0; i < params.size(); i++) {
            String p = m.getParameters().get(i).getSimpleName().toString();
            helper.addParameter(params.get(i), p);
            args.add(args.isEmpty() ? "$L" : ", $L", p);
        }
        for (TypeMirror thrown : instantiated.getThrownTypes()) {
            helper.addException(typeNames.of(thrown));
        }
        helper.returns(ret);
        helpers.put(name, invoking(helper, handle, ret, args.build()).build());
        return name;
    }

    /**
     * A record component read by a translated record pattern: the accessor called through a handle (a
     * private record) or directly, what it throws wrapped in a {@code MatchException} as Java's record
     * patterns do. {@code static C component$Order$dish$C(Record self)}, where C is the component's
     * type as seen from {@code record}.
     */
    public String component(ExecutableElement accessor, DeclaredType record) {
        TypeElement owner = (TypeElement) record.asElement();
        TypeMirror seen = ((javax.lang.model.type.ExecutableType) env.types.asMemberOf(record, accessor)).getReturnType();
        TypeName ret = typeNames.of(seen);
        String name = "component$" + id(owner, accessor) + "$" + ret.toString().replaceAll("[a-z0-9_]+\\.", "").replaceAll("[^A-Za-z0-9]", "");
        if (helpers.containsKey(name)) {
            return name;
        }
        MethodSpec.Builder helper = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addJavadoc("{@code $L.$L()}, read by a record pattern.\n", owner.getSimpleName(),
                        accessor.getSimpleName())
                .addParameter(typeNames.of(record), "self")
                .returns(ret)
                .beginControlFlow("try");
        if (typeNames.isInaccessible(owner)) {
            String handle = "invoke$" + id(owner, accessor) + "$0$handle";
            handles.computeIfAbsent(handle, h -> FieldSpec.builder(MethodHandle.class, h, Modifier.PRIVATE,
                    Modifier.STATIC, Modifier.FINAL).initializer("$T.method($T.lookup(), $L, $S, $T.methodType($L), false)",
                            PRIVATE_ACCESS, MethodHandles.class, classObject(owner.asType()), accessor.getSimpleName(),
                            MethodType.class, classObject(accessor.getReturnType())).build());
            if (!env.types.isSameType(seen, env.types.erasure(seen))) {
                helper.addAnnotation(com.palantir.javapoet.AnnotationSpec.builder(SuppressWarnings.class)
                        .addMember("value", "$S", "unchecked").build());
            }
            helper.addStatement("return ($T) $L.invoke(self)", ret, handle);
        } else {
            helper.addStatement("return self.$L()", accessor.getSimpleName());
        }
        // what javac's record patterns do (MatchException exists where record patterns do: Java 21)
        helper.nextControlFlow("catch ($T thrown$$)", Throwable.class)
                .addStatement("throw new $T(thrown$$.toString(), thrown$$)", TreePrinter.MATCH_EXCEPTION)
                .endControlFlow();
        helpers.put(name, helper.build());
        return name;
    }

    /** A helper's body: invoke the handle with {@code args}, exceptions passing through unchanged. */
    private static MethodSpec.Builder invoking(MethodSpec.Builder helper, String handle, TypeName ret, CodeBlock args) {
        helper.beginControlFlow("try");
        if (ret.equals(TypeName.VOID)) {
            helper.addStatement("$L.invoke($L)", handle, args);
        } else {
            helper.addStatement("return ($T) $L.invoke($L)", ret, handle, args);
        }
        // not "t": the helper's parameters keep the member's parameter names
        helper.nextControlFlow("catch ($T thrown$$)", Throwable.class);
        helper.addStatement("throw $T.rethrow(thrown$$)", PRIVATE_ACCESS);
        return helper.endControlFlow();
    }

    /**
     * {@code static Outer outer$Inner(Inner self)}: {@code Outer.this} of an instance of an inner class,
     * which only the inner class's own code can write. Read through the field in which the JVM's inner
     * classes keep their enclosing instance ({@code PrivateAccess.enclosingInstance}).
     */
    public String enclosingInstance(TypeElement inner) {
        String name = "outer$" + env.elements.getBinaryName(inner).toString()
                .substring(env.elements.getPackageOf(inner).getQualifiedName().length()).replaceAll("[^A-Za-z0-9]", "");
        if (!helpers.containsKey(name)) {
            TypeElement outer = (TypeElement) inner.getEnclosingElement();
            String handle = name + "$handle";
            handles.put(handle, FieldSpec.builder(MethodHandle.class, handle, Modifier.PRIVATE, Modifier.STATIC,
                    Modifier.FINAL).initializer("$T.enclosingInstance($T.lookup(), $L)", PRIVATE_ACCESS,
                            MethodHandles.class, classObject(inner.asType())).build());
            MethodSpec.Builder helper = MethodSpec.methodBuilder(name)
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .addJavadoc("{@code $L.this} of an instance of {@code $L}.\n", outer.getSimpleName(),
                            inner.getSimpleName())
                    .addTypeVariables(TypeNames.instanceTypeVariables(inner))
                    .addParameter(typeNames.of(inner.asType()), "self");
            TypeName ret = typeNames.of(PrivateAccessors.outerInstanceType(inner));
            if (!env.types.isSameType(outer.asType(), env.types.erasure(outer.asType()))) {
                helper.addAnnotation(com.palantir.javapoet.AnnotationSpec.builder(SuppressWarnings.class)
                        .addMember("value", "$S", "unchecked").build());
            }
            helpers.put(name, invoking(helper, handle, ret, CodeBlock.of("self")).returns(ret).build());
        }
        return name;
    }

    /** The type of the outer instance an inner (non-static member) class's constructor takes first, or null. */
    public static TypeMirror outerInstanceType(TypeElement created) {
        if (created.getNestingKind() != javax.lang.model.element.NestingKind.MEMBER
                || created.getModifiers().contains(Modifier.STATIC)
                || created.getKind() != javax.lang.model.element.ElementKind.CLASS) {
            return null;
        }
        return created.getEnclosingElement().asType();
    }

    private String erasureKey(ExecutableElement m) {
        StringBuilder key = new StringBuilder();
        for (VariableElement p : m.getParameters()) {
            String s = env.types.erasure(p.asType()).toString();
            key.append('$').append(s.substring(s.lastIndexOf('.') + 1).replaceAll("[^A-Za-z0-9]", ""));
        }
        return key.toString();
    }
}
