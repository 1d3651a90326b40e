package dev.tulip.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import dev.tulip.processor.model.Env;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;

/**
 * Lambdas and method references whose target is a private functional interface of the user's class
 * ({@code private interface Op { int apply(int x); }}). The companion cannot name {@code Op}, so it
 * cannot write a lambda of that type. It declares a package-private mirror, {@code Kitchen$Op$Lambda},
 * with {@code Op}'s type parameters and method (types spelled as everywhere in generated code), writes
 * the lambda as one of those, and turns it into an {@code Op} with {@code LambdaMetafactory} called with
 * the enclosing class's private lookup ({@code dev.tulip.internal.PrivateAccess.lambdaFactory}): the mechanism
 * javac's own lambdas use, one hidden class per interface, linked once when the companion is first used.
 */
final class LambdaBridges {
    private final Env env;
    private final TypeNames typeNames;
    private final ClassName companion;
    private final PrivateAccessors accessors;
    private final Map<String, TypeSpec> mirrors = new LinkedHashMap<>();
    private final Map<String, FieldSpec> factories = new LinkedHashMap<>();

    LambdaBridges(Env env, TypeNames typeNames, ClassName companion, PrivateAccessors accessors) {
        this.env = env;
        this.typeNames = typeNames;
        this.companion = companion;
        this.accessors = accessors;
    }

    void addTo(TypeSpec.Builder type) {
        mirrors.values().forEach(type::addType);
        factories.values().forEach(type::addField);
    }

    /**
     * The method a lambda of {@code iface} implements: its single abstract method that is not one of
     * {@code Object}'s, or null if it has none or several (not a functional interface).
     */
    ExecutableElement functionalMethod(TypeElement iface) {
        ExecutableElement found = null;
        for (Element e : env.elements.getAllMembers(iface)) {
            if (e.getKind() == ElementKind.METHOD && e.getModifiers().contains(Modifier.ABSTRACT)
                    && !isObjectMethod((ExecutableElement) e)) {
                if (found != null) {
                    return null;
                }
                found = (ExecutableElement) e;
            }
        }
        return found;
    }

    static boolean isObjectMethod(ExecutableElement m) {
        String n = m.getSimpleName().toString();
        int arity = m.getParameters().size();
        return (n.equals("equals") && arity == 1) || (n.equals("hashCode") && arity == 0)
                || (n.equals("toString") && arity == 0);
    }

    /** What prevents lambdas of {@code iface} from being bridged, or null if nothing does. */
    String obstacle(TypeElement iface) {
        ExecutableElement sam = functionalMethod(iface);
        if (sam == null) {
            return "it is not a functional interface";
        }
        if (!sam.getTypeParameters().isEmpty()) {
            return "its method is generic";
        }
        TypeMirror serializable = env.elements.getTypeElement("java.io.Serializable").asType();
        if (env.types.isAssignable(env.types.erasure(iface.asType()), serializable)) {
            return "it is Serializable, and a lambda of it made at run time cannot be serialized";
        }
        return null;
    }

    /**
     * The mirror interface to write a lambda of {@code target} as, with the target's type arguments
     * ({@code Op$Lambda<String>} for {@code Op<String>}): javac then derives the same function type.
     */
    TypeName mirrorOf(DeclaredType target) {
        TypeElement iface = (TypeElement) target.asElement();
        ClassName mirror = mirror(iface);
        if (target.getTypeArguments().isEmpty()) {
            return mirror;
        }
        List<TypeName> args = new ArrayList<>();
        for (TypeMirror arg : target.getTypeArguments()) {
            args.add(typeNames.of(arg));
        }
        return ParameterizedTypeName.get(mirror, args.toArray(new TypeName[0]));
    }

    /** {@code Op$Lambda}, declared on first use. */
    private ClassName mirror(TypeElement iface) {
        String name = simpleBinaryName(iface) + "$Lambda";
        ClassName mirror = companion.nestedClass(name);
        if (mirrors.containsKey(name)) {
            return mirror;
        }
        ExecutableElement sam = functionalMethod(iface);
        ExecutableType seen = (ExecutableType) env.types.asMemberOf((DeclaredType) iface.asType(), sam);
        TypeSpec.Builder type = TypeSpec.interfaceBuilder(name)
                .addAnnotation(FunctionalInterface.class)
                .addJavadoc("Lambdas of $L, which generated code cannot name (it is private), are written as this\n"
                        + "interface's and turned into one by {@link #$L}.\n",
                        iface.getQualifiedName(), factoryName(iface));
        for (TypeParameterElement p : iface.getTypeParameters()) {
            List<TypeName> bounds = new ArrayList<>();
            for (TypeMirror b : p.getBounds()) {
                TypeName bound = typeNames.of(b);
                if (!bound.equals(ClassName.OBJECT)) {
                    bounds.add(bound);
                }
            }
            type.addTypeVariable(TypeVariableName.get(p.getSimpleName().toString(), bounds.toArray(new TypeName[0])));
        }
        MethodSpec.Builder method = MethodSpec.methodBuilder(sam.getSimpleName().toString())
                .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                .returns(typeNames.of(seen.getReturnType()))
                .varargs(sam.isVarArgs());
        List<? extends VariableElement> params = sam.getParameters();
        for (int i = 0; i < params.size(); i++) {
            method.addParameter(typeNames.of(seen.getParameterTypes().get(i)), params.get(i).getSimpleName().toString());
        }
        for (TypeMirror thrown : seen.getThrownTypes()) {
            method.addException(typeNames.of(thrown));
        }
        mirrors.put(name, type.addMethod(method.build()).build());
        return mirror;
    }

    /**
     * The companion's field holding the handle that makes an {@code Op} from an {@code Op$Lambda}
     * (see {@code PrivateAccess.lambda}), declared on first use.
     */
    String factory(TypeElement iface) {
        String name = factoryName(iface);
        if (factories.containsKey(name)) {
            return name;
        }
        ClassName mirror = mirror(iface);
        ExecutableElement sam = functionalMethod(iface);
        ExecutableType seen = (ExecutableType) env.types.asMemberOf((DeclaredType) iface.asType(), sam);
        CodeBlock.Builder init = CodeBlock.builder().add("$T.lambdaFactory($T.lookup(), $L, $T.class, $L, $L",
                PrivateAccessors.PRIVATE_ACCESS, MethodHandles.class, accessors.classObject(iface.asType()), mirror,
                erased(sam.getReturnType(), sam.getParameters().stream().map(Element::asType).toList()),
                erased(seen.getReturnType(), seen.getParameterTypes()));
        for (ExecutableElement overridden : overridden(iface, sam)) {
            init.add(", $L", erased(overridden.getReturnType(),
                    overridden.getParameters().stream().map(Element::asType).toList()));
        }
        factories.put(name, FieldSpec.builder(MethodHandle.class, name, Modifier.PRIVATE, Modifier.STATIC,
                Modifier.FINAL).addJavadoc("Makes a $L from a {@link $T}.\n", iface.getQualifiedName(), mirror)
                .initializer(init.add(")").build()).build());
        return name;
    }

    private String factoryName(TypeElement iface) {
        return simpleBinaryName(iface) + "$lambda";
    }

    private String simpleBinaryName(TypeElement iface) {
        String binary = env.elements.getBinaryName(iface).toString();
        return binary.substring(binary.lastIndexOf('.') + 1);
    }

    /** {@code MethodType.methodType(...)} of the erasure of a signature, with the real classes. */
    private CodeBlock erased(TypeMirror returned, List<? extends TypeMirror> params) {
        CodeBlock.Builder type = CodeBlock.builder().add("$T.methodType($L", MethodType.class,
                accessors.classObject(returned));
        for (TypeMirror p : params) {
            type.add(", $L", accessors.classObject(p));
        }
        return type.add(")").build();
    }

    /**
     * The methods of superinterfaces that {@code sam} overrides with another erasure: the class made
     * at run time implements them too (javac's bridges), so a caller through the superinterface works.
     */
    private List<ExecutableElement> overridden(TypeElement iface, ExecutableElement sam) {
        List<ExecutableElement> found = new ArrayList<>();
        Set<String> erasures = new LinkedHashSet<>();
        erasures.add(erasureKey(sam));
        Deque<TypeMirror> pending = new ArrayDeque<>(iface.getInterfaces());
        while (!pending.isEmpty()) {
            TypeElement sup = (TypeElement) env.types.asElement(pending.removeFirst());
            pending.addAll(sup.getInterfaces());
            for (Element e : sup.getEnclosedElements()) {
                if (e.getKind() == ElementKind.METHOD && e != sam
                        && e.getSimpleName().contentEquals(sam.getSimpleName())
                        && env.elements.overrides(sam, (ExecutableElement) e, iface)
                        && erasures.add(erasureKey((ExecutableElement) e))) {
                    found.add((ExecutableElement) e);
                }
            }
        }
        return found;
    }

    private String erasureKey(ExecutableElement m) {
        StringBuilder key = new StringBuilder(env.types.erasure(m.getReturnType()).toString()).append('(');
        for (VariableElement p : m.getParameters()) {
            key.append(env.types.erasure(p.asType())).append(',');
        }
        return key.toString();
    }
}
