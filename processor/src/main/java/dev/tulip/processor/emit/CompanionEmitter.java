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
import javax.tools.JavaFileObject;

/**
 * Assembles the companion class {@code <SimpleName>Async}: one static factory per {@code @Async}
 * method and the state machines behind them.
 */
public final class CompanionEmitter {
    private final TypeSpec.Builder companion;
    private final ClassName name;
    private final String sourceFile;
    private final TypeElement origin;
    /** Marks the declaration of a hoisted local type inside its placeholder (see {@link #unwrapHoisted}). */
    static final String HOISTED_BEGIN = "// tulip:hoisted-begin";
    static final String HOISTED_END = "// tulip:hoisted-end";
    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile(
            "(?m)^( *)class (\\w+) \\{\n *static \\{\n *" + HOISTED_BEGIN + "\n((?s:.*?))\n *" + HOISTED_END
                    + "\n *\\}\n\\1\\}\n");

    /**
     * @param owner the class whose methods are compiled (as the shadow compilation sees it)
     * @param origin the same class in the user's compilation: the generated file's one originating element
     */
    public CompanionEmitter(TypeElement owner, TypeElement origin, ClassName name, String sourceFile,
            boolean generatedAvailable) {
        this.origin = origin;
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
    public void add(MachineEmitter machine, TypeSpec machineType) {
        FactorySignature signature = machine.signatureTypes();
        AsyncMethod method = signature.method();
        MethodSpec.Builder factory = factory(signature);
        CodeBlock.Builder args = CodeBlock.builder();
        if (!method.isStatic()) {
            args.add("$L", receiverName(method));
        }
        // Types of the user's private classes have no name here: the factory takes what every value
        // of the parameter's type is (List<Item> -> List<?>), and hands the state machine the
        // (unchecked, but exact by construction) projection its fields use (List<Object>).
        boolean unchecked = false;
        for (VariableElement p : method.element.getParameters()) {
            TypeName accepted = signature.factoryParameterType(p);
            TypeName field = signature.constructorParameterType(p);
            String arg = accepted.equals(field) ? "$L" : "($T) $L";
            Object[] values = accepted.equals(field) ? new Object[] {p.getSimpleName()}
                    : new Object[] {field, p.getSimpleName()};
            args.add(args.isEmpty() ? arg : ", " + arg, values);
            unchecked |= !accepted.equals(field);
        }
        CodeBlock created = CodeBlock.of("new $L$L($L)", method.machineName,
                machine.isGeneric() ? "<>" : "", args.build());
        if (signature.resultMentionsPrivateClass()) {
            ParameterizedTypeName returned = (ParameterizedTypeName) factory.build().returnType();
            factory.addStatement("return ($T) ($T) $L", returned,
                    ParameterizedTypeName.get(signature.baseClass(), WildcardTypeName.subtypeOf(Object.class)), created);
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

    /**
     * Adds the factory of a method whose body was not compiled because the compilation reports an error
     * in it (Tulip's own, or javac's where javac could not resolve the body). The compilation fails
     * either way; the factory only lets the callers of the method resolve, so that the error reported
     * is the real one and not a cascade of "cannot find symbol" at every call of the companion.
     */
    public void addUncompiled(FactorySignature signature) {
        MethodSpec.Builder factory = factory(signature);
        factory.addJavadoc("\n<p>Not compiled: the compiler reported an error in the method's body.\n");
        factory.addStatement("throw new $T($S)", IllegalStateException.class, signature.method().displayName()
                + " was not compiled: the compiler reported an error in its body");
        companion.addMethod(factory.build());
    }

    /** The receiver parameter's name: {@code self}, unless a parameter of the method has it. */
    private static String receiverName(AsyncMethod method) {
        for (VariableElement p : method.element.getParameters()) {
            if (p.getSimpleName().contentEquals("self")) {
                return "receiver";
            }
        }
        return "self";
    }

    /**
     * The factory's declaration, without its body.
     *
     * <p>It declares no exceptions, whatever the method declares: creating a coroutine runs none of its
     * code, so a checked exception of the method can only arrive where the coroutine is awaited or run.
     * javac still checks the method's body and every {@code await} of its calls as written, in the
     * user's source; generated code that calls the factory inside a {@code try} names the exceptions
     * again (see {@code TreePrinter}'s async calls) so that its catch clauses stay valid Java.
     */
    private MethodSpec.Builder factory(FactorySignature signature) {
        AsyncMethod method = signature.method();
        MethodSpec.Builder factory = MethodSpec.methodBuilder(method.element.getSimpleName().toString())
                .addModifiers(Modifier.STATIC)
                .addTypeVariables(signature.typeVariables())
                .returns(signature.returnType())
                .addJavadoc(method.kind == AsyncMethod.Kind.COROUTINE
                        ? "Creates the coroutine of {@code $L}; nothing runs until it is awaited or scheduled.\n"
                        : "Creates the generator of {@code $L}; nothing runs until it is iterated.\n",
                        method.displayName());
        if (method.element.getModifiers().contains(Modifier.PUBLIC)) {
            factory.addModifiers(Modifier.PUBLIC);
        }
        if (!method.isStatic()) {
            String receiver = receiverName(method);
            factory.addParameter(signature.selfType(), receiver);
            factory.addJavadoc("\n@param $L the receiver of the call\n", receiver);
        }
        for (VariableElement p : method.element.getParameters()) {
            factory.addParameter(signature.factoryParameterType(p), p.getSimpleName().toString());
        }
        factory.varargs(method.element.isVarArgs());
        if (method.element.getAnnotation(SafeVarargs.class) != null) {
            factory.addAnnotation(SafeVarargs.class);
        }
        if (signature.resultMentionsPrivateClass()) {
            // Coroutine<Item> cannot be written here: the caller's context picks the type argument
            // (Coroutine<Item> c = KitchenAsync.order(...) compiles in Kitchen, where Item has a name).
            TypeVariableName result = freshVariable(signature.typeVariables());
            factory.addTypeVariable(result);
            factory.returns(ParameterizedTypeName.get(signature.baseClass(), result));
            factory.addJavadoc("\n<p>Its result type mentions a private class of {@code $L}, which cannot be named here:"
                    + " the type argument {@code $L} is inferred from the caller's context.\n",
                    method.owner.getSimpleName(), result);
        }
        return factory;
    }

    public void addAccessors(PrivateAccessors accessors) {
        accessors.addTo(companion);
    }

    /** Writes the companion's file (see {@link #build}) with the declarations of hoisted local types in place. */
    public void writeTo(javax.annotation.processing.Filer filer, boolean namesAuxiliaryClass) throws java.io.IOException {
        JavaFile file = build(namesAuxiliaryClass);
        String text = unwrapHoisted(file.toString());
        JavaFileObject out = filer.createSourceFile(name.canonicalName(), origin);
        try (java.io.Writer w = out.openWriter()) {
            w.write(text);
        }
    }

    /**
     * Replaces each placeholder {@code class Point { static { <declaration> } }} with the declaration,
     * one level less indented: JavaPoet has no way to add a member type written as code, and rendering
     * the declaration inside the file is what imports its types.
     */
    static String unwrapHoisted(String text) {
        java.util.regex.Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder result = new StringBuilder();
        while (m.find()) {
            String indent = m.group(1);
            StringBuilder declaration = new StringBuilder();
            for (String line : m.group(3).split("\n", -1)) {
                String stripped = line.startsWith(indent + "        ") ? line.substring(8) : line.strip();
                declaration.append(line.isBlank() ? "" : stripped).append('\n');
            }
            m.appendReplacement(result, java.util.regex.Matcher.quoteReplacement(declaration.toString()));
        }
        m.appendTail(result);
        if (text.contains(HOISTED_BEGIN) && result.indexOf(HOISTED_BEGIN) >= 0) {
            throw new IllegalStateException("a hoisted local type's placeholder was not replaced");
        }
        return result.toString();
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
