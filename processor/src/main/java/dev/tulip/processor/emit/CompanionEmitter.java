package dev.tulip.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import dev.tulip.processor.model.AsyncMethod;
import java.util.List;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Assembles the companion class {@code <SimpleName>Async}: one static factory per {@code @Async}
 * method and the state machines behind them.
 */
public final class CompanionEmitter {
    private final TypeSpec.Builder companion;
    private final ClassName name;
    private final String sourceFile;

    /**
     * @param owner the class whose methods are compiled (as the shadow compilation sees it)
     * @param origin the same class in the user's compilation: the generated file's one originating element
     */
    public CompanionEmitter(TypeElement owner, TypeElement origin, ClassName name, String sourceFile,
            boolean generatedAvailable) {
        this.name = name;
        this.sourceFile = sourceFile;
        this.companion = TypeSpec.classBuilder(name)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addOriginatingElement(origin)
                .addJavadoc("The {@code @Async} methods of {@link $T}, compiled into state machines by Tulip.\n",
                        ClassName.get(owner))
                .addJavadoc("\n<p>Call a factory to get a coroutine; nothing runs until it is awaited or scheduled\n"
                        + "(for example with {@code Tulip.run(...)} or {@code createTask(...)}). Each nested class is\n"
                        + "the state machine of one method: its {@code resume} method holds the method's code, cut\n"
                        + "at every {@code await} into numbered states; comments point at the original lines.\n")
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        if (generatedAvailable) {
            companion.addAnnotation(AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
                    .addMember("value", "$S", "dev.tulip.processor.TulipProcessor")
                    .addMember("comments", "$S", "from " + sourceFile)
                    .build());
        }
    }

    /** A type variable name that none of {@code taken} has: R, R1, R2... */
    private static TypeVariableName freshVariable(List<TypeVariableName> taken) {
        java.util.Set<String> names = new java.util.HashSet<>();
        taken.forEach(v -> names.add(v.name()));
        String name = "R";
        for (int i = 2; names.contains(name); i++) {
            name = "R" + i;
        }
        return TypeVariableName.get(name);
    }

    /** Adds the factory and the state machine of one method. */
    public void add(AsyncMethod method, MachineEmitter machine, TypeSpec machineType) {
        MethodSpec.Builder factory = MethodSpec.methodBuilder(method.element.getSimpleName().toString())
                .addModifiers(Modifier.STATIC)
                .addTypeVariables(machine.typeVariables())
                .returns(ParameterizedTypeName.get(machine.baseClass(), machine.resultType()))
                .addJavadoc(method.kind == AsyncMethod.Kind.COROUTINE
                        ? "Creates the coroutine of {@code $L}; nothing runs until it is awaited or scheduled.\n"
                        : "Creates the generator of {@code $L}; nothing runs until it is iterated.\n",
                        method.displayName());
        if (method.element.getModifiers().contains(Modifier.PUBLIC)) {
            factory.addModifiers(Modifier.PUBLIC);
        }
        CodeBlock.Builder args = CodeBlock.builder();
        String receiver = "self";
        List<? extends VariableElement> params = method.element.getParameters();
        for (VariableElement p : params) {
            if (p.getSimpleName().contentEquals(receiver)) {
                receiver = "receiver";
            }
        }
        if (!method.isStatic()) {
            factory.addParameter(machine.selfType(), receiver);
            factory.addJavadoc("\n@param $L the receiver of the call\n", receiver);
            args.add("$L", receiver);
        }
        // Types of the user's private classes have no name here: the factory takes what every value
        // of the parameter's type is (List<Item> -> List<?>), and hands the state machine the
        // (unchecked, but exact by construction) projection its fields use (List<Object>).
        boolean unchecked = false;
        for (VariableElement p : params) {
            TypeName accepted = machine.factoryParameterType(p);
            TypeName field = machine.constructorParameterType(p);
            factory.addParameter(accepted, p.getSimpleName().toString());
            String arg = accepted.equals(field) ? "$L" : "($T) $L";
            Object[] values = accepted.equals(field) ? new Object[] {p.getSimpleName()}
                    : new Object[] {field, p.getSimpleName()};
            args.add(args.isEmpty() ? arg : ", " + arg, values);
            unchecked |= !accepted.equals(field);
        }
        // The factory only creates the state machine, but it declares what the method declares: calls in
        // @Async bodies are redirected here and javac must check their try/catch as written, and plain
        // code can then catch a checked exception around run(...) or the awaiting of the result.
        // A private exception class cannot be named here; it is left out rather than widened (to
        // Exception), which would make every caller handle Exception.
        for (javax.lang.model.type.TypeMirror thrown : method.element.getThrownTypes()) {
            if (!machine.isPrivateType(thrown)) {
                factory.addException(TypeName.get(thrown));
            }
        }
        factory.varargs(method.element.isVarArgs());
        if (method.element.getAnnotation(SafeVarargs.class) != null) {
            factory.addAnnotation(SafeVarargs.class);
        }
        CodeBlock created = CodeBlock.of("new $L$L($L)", method.machineName,
                machine.isGeneric() ? "<>" : "", args.build());
        if (machine.resultMentionsPrivateClass()) {
            // Coroutine<Item> cannot be written here: the caller's context picks the type argument
            // (Coroutine<Item> c = KitchenAsync.order(...) compiles in Kitchen, where Item has a name).
            TypeVariableName result = freshVariable(machine.typeVariables());
            factory.addTypeVariable(result);
            factory.returns(ParameterizedTypeName.get(machine.baseClass(), result));
            factory.addJavadoc("\n<p>Its result type mentions a private class of {@code $L}, which cannot be named here:"
                    + " the type argument {@code $L} is inferred from the caller's context.\n",
                    method.owner.getSimpleName(), result);
            factory.addStatement("return ($T) ($T) $L", ParameterizedTypeName.get(machine.baseClass(), result),
                    ParameterizedTypeName.get(machine.baseClass(), WildcardTypeName.subtypeOf(Object.class)), created);
            unchecked = true;
        } else {
            factory.addStatement("return $L", created);
        }
        if (unchecked) {
            factory.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "unchecked")
                    .build());
        }
        companion.addMethod(factory.build());
        companion.addType(machineType);
    }

    public void addAccessors(PrivateAccessors accessors) {
        accessors.addTo(companion);
    }

    /**
     * The companion's file. With {@code namesAuxiliaryClass} (its code names a class declared in a file of
     * another name), it suppresses {@code -Xlint:auxiliaryclass}, which would otherwise report each of
     * its own uses of that class.
     */
    public JavaFile build(boolean namesAuxiliaryClass) {
        if (namesAuxiliaryClass) {
            companion.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                    .addMember("value", "$S", "auxiliaryclass").build());
        }
        return JavaFile.builder(name.packageName(), companion.build())
                .addFileComment("Generated by Tulip from $L. Do not edit: change the @Async methods instead.",
                        sourceFile)
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }
}
