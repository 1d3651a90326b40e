package dev.tulip.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import dev.tulip.processor.model.Env;
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
import javax.lang.model.type.TypeMirror;

/**
 * Static helpers in the companion class that reach private members of the user's classes through
 * var and method handles ({@code dev.tulip.PrivateAccess}), so that {@code @Async} bodies may use
 * private fields, methods and constructors as they are written. One handle per member, created when
 * the companion is first used; each helper has the member's own signature and checked exceptions.
 */
public final class PrivateAccessors {
    private static final ClassName PRIVATE_ACCESS = ClassName.get("dev.tulip", "PrivateAccess");
    private final Env env;
    private final TypeNames typeNames;
    private final Map<String, FieldSpec> handles = new LinkedHashMap<>();
    private final Map<String, MethodSpec> helpers = new LinkedHashMap<>();

    public PrivateAccessors(Env env, TypeNames typeNames) {
        this.env = env;
        this.typeNames = typeNames;
    }

    public void addTo(TypeSpec.Builder companion) {
        handles.values().forEach(companion::addField);
        helpers.values().forEach(companion::addMethod);
    }

    private String id(javax.lang.model.element.Element member) {
        TypeElement owner = (TypeElement) member.getEnclosingElement();
        return owner.getSimpleName() + "$" + member.getSimpleName().toString().replace("<init>", "new");
    }

    private boolean isStatic(javax.lang.model.element.Element e) {
        return e.getModifiers().contains(Modifier.STATIC);
    }

    private List<TypeVariableName> ownerVariables(javax.lang.model.element.Element member) {
        List<TypeVariableName> vars = new ArrayList<>();
        if (!isStatic(member)) {
            vars.addAll(TypeNames.instanceTypeVariables((TypeElement) member.getEnclosingElement()));
        }
        return vars;
    }

    private TypeName ownerType(javax.lang.model.element.Element member) {
        return typeNames.of(member.getEnclosingElement().asType());
    }

    private TypeName erasedClass(TypeMirror t) {
        return typeNames.erasure(t);
    }

    private String fieldHandle(VariableElement f) {
        String name = id(f) + "$handle";
        handles.computeIfAbsent(name, n -> FieldSpec.builder(VarHandle.class, n, Modifier.PRIVATE, Modifier.STATIC,
                Modifier.FINAL)
                .initializer("$T.field($T.lookup(), $T.class, $S, $T.class, $L)", PRIVATE_ACCESS, MethodHandles.class,
                        erasedClass(f.getEnclosingElement().asType()), f.getSimpleName(), erasedClass(f.asType()),
                        isStatic(f))
                .build());
        return name;
    }

    private MethodSpec.Builder fieldHelper(VariableElement f, String name, boolean cast) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addTypeVariables(ownerVariables(f));
        if (!isStatic(f)) {
            m.addParameter(ownerType(f), "self");
        }
        boolean unchecked = !env.types.isSameType(f.asType(), env.types.erasure(f.asType()));
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

    /** {@code static T get$f(Owner self)}. */
    public String getter(VariableElement f) {
        String name = "get$" + id(f);
        if (!helpers.containsKey(name)) {
            String h = fieldHandle(f);
            TypeName t = typeNames.of(f.asType());
            helpers.put(name, fieldHelper(f, name, false).returns(t)
                    .addStatement("return ($T) $L.get($L)", t, h, receiverArgs(f)).build());
        }
        return name;
    }

    /** {@code static T set$f(Owner self, T value)}: returns the value, as an assignment does. */
    public String setter(VariableElement f) {
        String name = "set$" + id(f);
        if (!helpers.containsKey(name)) {
            String h = fieldHandle(f);
            TypeName t = typeNames.of(f.asType());
            helpers.put(name, fieldHelper(f, name, false).returns(t).addParameter(t, "value")
                    .addStatement("$L.set($L$Lvalue)", h, receiverArgs(f), isStatic(f) ? "" : ", ")
                    .addStatement("return value").build());
        }
        return name;
    }

    /** {@code ++}/{@code --} on a field: {@code static T postIncrement$f(Owner self)} and friends. */
    public String increment(VariableElement f, com.sun.source.tree.Tree.Kind kind) {
        String op = kind.toString().toLowerCase(java.util.Locale.ROOT).replace("_", "");
        String name = op + "$" + id(f);
        if (!helpers.containsKey(name)) {
            String get = getter(f);
            String set = setter(f);
            TypeName t = typeNames.of(f.asType());
            boolean post = Operators.isPostfix(kind);
            String sign = Operators.of(kind).substring(0, 1);
            String recv = receiverArgs(f);
            CodeBlock.Builder body = CodeBlock.builder()
                    .addStatement("$T old = $L($L)", t, get, recv)
                    .addStatement("$T updated = old", t)
                    .addStatement("updated$L$L", sign, sign)
                    .addStatement("$L($L$Lupdated)", set, recv, recv.isEmpty() ? "" : ", ")
                    .addStatement("return $L", post ? "old" : "updated");
            helpers.put(name, fieldHelper(f, name, false).returns(t).addCode(body.build()).build());
        }
        return name;
    }

    /** {@code f op= value}: {@code static T plusAssign$f(Owner self, T old, V value)}; the caller reads old first. */
    public String compound(VariableElement f, com.sun.source.tree.Tree.Kind kind, TypeMirror valueType) {
        String op = kind.toString().toLowerCase(java.util.Locale.ROOT).replace("_", "");
        String name = op + "$" + id(f) + "$" + erasedClass(valueType).toString().replaceAll("[^A-Za-z0-9]", "");
        if (!helpers.containsKey(name)) {
            String set = setter(f);
            TypeName t = typeNames.of(f.asType());
            String recv = receiverArgs(f);
            String binary = Operators.binaryOf(kind);
            helpers.put(name, fieldHelper(f, name, true).returns(t)
                    .addParameter(t, "old")
                    .addParameter(typeNames.of(valueType), "value")
                    .addStatement("return $L($L$L($T) (old $L value))", set, recv, recv.isEmpty() ? "" : ", ", t, binary)
                    .build());
        }
        return name;
    }

    /** A method: {@code static R m$Owner(Owner self, params...) throws ...}. */
    public String method(ExecutableElement m) {
        String name = "invoke$" + id(m) + "$" + m.getParameters().size() + erasureKey(m);
        if (!helpers.containsKey(name)) {
            boolean ctor = m.getKind() == javax.lang.model.element.ElementKind.CONSTRUCTOR;
            String handle = name + "$handle";
            TypeElement owner = (TypeElement) m.getEnclosingElement();
            CodeBlock.Builder type = CodeBlock.builder().add("$T.methodType($T.class", MethodType.class,
                    ctor ? TypeName.VOID : erasedClass(m.getReturnType()));
            for (VariableElement p : m.getParameters()) {
                type.add(", $T.class", erasedClass(p.asType()));
            }
            type.add(")");
            CodeBlock init = ctor
                    ? CodeBlock.of("$T.constructor($T.lookup(), $T.class, $L)", PRIVATE_ACCESS, MethodHandles.class,
                            erasedClass(owner.asType()), type.build())
                    : CodeBlock.of("$T.method($T.lookup(), $T.class, $S, $L, $L)", PRIVATE_ACCESS, MethodHandles.class,
                            erasedClass(owner.asType()), m.getSimpleName(), type.build(), isStatic(m));
            handles.put(handle, FieldSpec.builder(MethodHandle.class, handle, Modifier.PRIVATE, Modifier.STATIC,
                    Modifier.FINAL).initializer(init).build());
            MethodSpec.Builder helper = MethodSpec.methodBuilder(name)
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .addAnnotation(com.palantir.javapoet.AnnotationSpec.builder(SuppressWarnings.class)
                            .addMember("value", "$S", "unchecked").build());
            if (!ctor) {
                helper.addTypeVariables(ownerVariables(m));
            }
            for (TypeParameterElement p : m.getTypeParameters()) {
                helper.addTypeVariable(TypeVariableName.get(p));
            }
            CodeBlock.Builder args = CodeBlock.builder();
            if (!ctor && !isStatic(m)) {
                helper.addParameter(ownerType(m), "self");
                args.add("self");
            }
            for (VariableElement p : m.getParameters()) {
                helper.addParameter(typeNames.of(p.asType()), p.getSimpleName().toString());
                args.add(args.isEmpty() ? "$L" : ", $L", p.getSimpleName());
            }
            helper.varargs(m.isVarArgs());
            for (TypeMirror thrown : m.getThrownTypes()) {
                helper.addException(typeNames.of(thrown));
            }
            TypeName ret = ctor ? typeNames.of(owner.asType()) : typeNames.of(m.getReturnType());
            helper.returns(ret);
            helper.beginControlFlow("try");
            if (ret.equals(TypeName.VOID)) {
                helper.addStatement("$L.invoke($L)", handle, args.build());
            } else {
                helper.addStatement("return ($T) $L.invoke($L)", ret, handle, args.build());
            }
            helper.nextControlFlow("catch ($T t)", Throwable.class);
            helper.addStatement("throw $T.rethrow(t)", PRIVATE_ACCESS);
            helper.endControlFlow();
            helpers.put(name, helper.build());
        }
        return name;
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
