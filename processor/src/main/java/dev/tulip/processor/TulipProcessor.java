package dev.tulip.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.TypeSpec;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.util.TreePath;
import dev.tulip.processor.analysis.BodyAnalysis;
import dev.tulip.processor.analysis.PathIndex;
import dev.tulip.processor.analysis.PlainCodeCheck;
import dev.tulip.processor.diag.Diagnostics;
import dev.tulip.processor.emit.CompanionEmitter;
import dev.tulip.processor.emit.MachineEmitter;
import dev.tulip.processor.emit.MemberAccess;
import dev.tulip.processor.emit.TreePrinter;
import dev.tulip.processor.emit.TypeNames;
import dev.tulip.processor.ir.Cfg;
import dev.tulip.processor.liveness.GraphCleanup;
import dev.tulip.processor.liveness.Liveness;
import dev.tulip.processor.lower.Lowerer;
import dev.tulip.processor.model.AsyncMethod;
import dev.tulip.processor.model.Env;
import dev.tulip.processor.model.KnownNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Tulip's annotation processor: compiles every {@code @Async} method into a state machine in the
 * companion class {@code <SimpleName>Async}, and rejects what cannot be compiled with one precise
 * error per problem.
 *
 * <p>Stages, each in its own package: {@code analysis} (attribution, validation), {@code lower}
 * (desugaring, spilling, the control-flow graph), {@code liveness} (hoisting, clearing), {@code emit}
 * (JavaPoet). Only JSR 269 and the public {@code com.sun.source} API are used.
 */
@AutoService(Processor.class)
public final class TulipProcessor extends AbstractProcessor {
    private Env env;
    private dev.tulip.processor.analysis.AnonymousVarCheck anonymousVars;
    private dev.tulip.processor.analysis.RecordConstructorCheck records;
    /** Classes whose methods refer to types not generated yet: retried next round. */
    private final Set<String> deferred = new LinkedHashSet<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        // javax.annotation.processing.Generated marks our own output: claiming it keeps -Xlint:processing quiet.
        return Set.of(KnownNames.ASYNC, KnownNames.GENERATOR_METHOD, "javax.annotation.processing.Generated");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public synchronized void init(javax.annotation.processing.ProcessingEnvironment processingEnv) {
        super.init(processingEnv);
        env = new Env(processingEnv);
        anonymousVars = new dev.tulip.processor.analysis.AnonymousVarCheck(env);
        records = new dev.tulip.processor.analysis.RecordConstructorCheck(env);
    }

    /** Total time spent in {@link #process}, reported with {@code -Atulip.timing=true}. */
    private long processingNanos;

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of("tulip.timing");
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        long start = System.nanoTime();
        try {
            return processTimed(annotations, round);
        } finally {
            processingNanos += System.nanoTime() - start;
            if (round.processingOver() && Boolean.parseBoolean(processingEnv.getOptions().get("tulip.timing"))) {
                processingEnv.getMessager().printMessage(javax.tools.Diagnostic.Kind.NOTE,
                        "Tulip: " + processingNanos / 1_000_000 + " ms in the processor");
            }
        }
    }

    private boolean processTimed(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        TypeElement async = env.elements.getTypeElement(KnownNames.ASYNC);
        if (async == null) {
            return false; // the runtime is not on the class path: nothing of ours to do
        }
        Map<TypeElement, List<ExecutableElement>> byOwner = new LinkedHashMap<>();
        for (String name : deferred) {
            TypeElement owner = env.elements.getTypeElement(name);
            if (owner != null) {
                byOwner.put(owner, new ArrayList<>());
            }
        }
        deferred.clear();
        List<Element> annotated = new ArrayList<>(round.getElementsAnnotatedWith(async));
        TypeElement generatorMethod = env.elements.getTypeElement(KnownNames.GENERATOR_METHOD);
        if (generatorMethod != null) {
            annotated.addAll(round.getElementsAnnotatedWith(generatorMethod));
        }
        for (Element e : annotated) {
            if (e.getKind() == ElementKind.METHOD) {
                byOwner.computeIfAbsent((TypeElement) e.getEnclosingElement(), k -> new ArrayList<>());
            }
        }
        for (Map.Entry<TypeElement, List<ExecutableElement>> entry : byOwner.entrySet()) {
            for (Element m : entry.getKey().getEnclosedElements()) {
                if (m.getKind() == ElementKind.METHOD && hasAsync(m)) {
                    entry.getValue().add((ExecutableElement) m);
                }
            }
        }
        for (Map.Entry<TypeElement, List<ExecutableElement>> entry : byOwner.entrySet()) {
            compileOwner(entry.getKey(), entry.getValue(), round.processingOver());
        }
        new PlainCodeCheck(env, records).check(round.getRootElements(), byOwner.keySet());
        return true;
    }

    private static boolean hasAsync(Element m) {
        return dev.tulip.processor.analysis.Markers.isCompiledMethod(m);
    }

    private void compileOwner(TypeElement owner, List<ExecutableElement> methods, boolean lastRound) {
        if (owner.getNestingKind() == NestingKind.LOCAL || owner.getNestingKind() == NestingKind.ANONYMOUS) {
            for (ExecutableElement m : methods) {
                env.diagnostics.error(m, "@Async methods must be declared in a named top-level or member class:"
                        + " the generated companion class must be able to name '" + owner.getSimpleName() + "'");
            }
            return;
        }
        List<AsyncMethod> valid = new ArrayList<>();
        Map<Element, TreePath> paths = memberPaths(owner);
        for (ExecutableElement m : methods) {
            AsyncMethod am = validate(m, paths.get(m));
            if (am != null) {
                valid.add(am);
            }
        }
        if (valid.isEmpty()) {
            return;
        }
        if (records.report(owner, "Tulip attributes the bodies of its @Async methods")) {
            return;
        }
        // Attribute every body first: a body that mentions a type another processor (or we) will
        // generate this round must wait for the next round, and so must its whole companion.
        for (AsyncMethod m : valid) {
            if (!attribute(m) && !lastRound) {
                deferred.add(owner.getQualifiedName().toString());
                return;
            }
        }
        for (TypeElement attributed : dev.tulip.processor.analysis.AttributedClasses.with(env, owner)) {
            anonymousVars.check(env.trees.getPath(attributed));
        }
        CompanionEmitter companion = null;
        MemberAccess access = new MemberAccess(env.elements, env.elements.getPackageOf(owner));
        dev.tulip.processor.emit.PrivateAccessors accessors =
                new dev.tulip.processor.emit.PrivateAccessors(env, new TypeNames(env, access),
                        dev.tulip.processor.model.Companions.companionOf(owner));
        Map<String, Integer> machineNames = new HashMap<>();
        boolean ok = true;
        for (AsyncMethod m : valid) {
            String base = Character.toUpperCase(m.element.getSimpleName().charAt(0))
                    + m.element.getSimpleName().toString().substring(1);
            int n = machineNames.merge(base, 1, Integer::sum);
            m.machineName = n == 1 ? base : base + n;
            try {
                TypeNames typeNames = new TypeNames(env, access);
                PathIndex index = new PathIndex(env.trees, m.path);
                BodyAnalysis analysis = new BodyAnalysis(env, m, index);
                if (!analysis.run()) {
                    ok = false;
                    continue;
                }
                TreePrinter printer = new TreePrinter(env, m, index, typeNames, access, accessors,
                        m.isStatic() ? null : "self");
                printer.chooseStandIns();
                Lowerer lowerer = new Lowerer(env, m, index, analysis, printer, typeNames);
                Cfg cfg = lowerer.lower();
                GraphCleanup.run(cfg);
                Liveness liveness = new Liveness(cfg);
                liveness.run();
                MachineEmitter machine = new MachineEmitter(env, m, cfg, liveness, typeNames, lowerer.dispatchLabel(),
                        lowerer.caughtName(), lowerer.awaitingName(), lowerer.runningName());
                TypeSpec type = machine.emit(m.fileName(), printer.line(m.tree));
                if (companion == null) {
                    companion = new CompanionEmitter(owner, m.companion, m.fileName(),
                            env.elements.getTypeElement("javax.annotation.processing.Generated") != null);
                }
                companion.add(m, machine, type);
            } catch (TreePrinter.Unsupported u) {
                ok = false;
                env.diagnostics.error(m.unit, u.tree, "Tulip cannot compile " + u.getMessage() + " in @Async method '"
                        + m.element.getSimpleName() + "'");
            } catch (Diagnostics.Reported r) {
                ok = false;
            } catch (RuntimeException | StackOverflowError bug) {
                ok = false;
                StringWriter trace = new StringWriter();
                bug.printStackTrace(new PrintWriter(trace));
                env.diagnostics.error(m.element, "Internal error in Tulip while compiling @Async method '"
                        + m.element.getSimpleName() + "': " + bug + ". Please report this bug with the method's code."
                        + "\n" + trace);
            }
        }
        if (ok && companion != null) {
            companion.addAccessors(accessors);
            try {
                companion.build().writeTo(env.processing.getFiler());
            } catch (IOException e) {
                env.diagnostics.error(owner, "Tulip could not write " + valid.get(0).companion + ": " + e.getMessage());
            }
        }
    }

    /** Checks the method's declaration; reports and returns null if it cannot be an @Async method. */
    /**
     * The paths of a class's member declarations, found in one pass (Trees.getPath(element) searches the
     * whole file each time, which is quadratic for a class with many methods).
     */
    private Map<Element, TreePath> memberPaths(TypeElement owner) {
        Map<Element, TreePath> paths = new HashMap<>();
        TreePath classPath = env.trees.getPath(owner);
        if (classPath == null || !(classPath.getLeaf() instanceof com.sun.source.tree.ClassTree)) {
            return paths;
        }
        for (com.sun.source.tree.Tree member : ((com.sun.source.tree.ClassTree) classPath.getLeaf()).getMembers()) {
            if (member instanceof com.sun.source.tree.MethodTree) {
                TreePath p = new TreePath(classPath, member);
                Element e = env.trees.getElement(p);
                if (e != null) {
                    paths.put(e, p);
                }
            }
        }
        return paths;
    }

    private AsyncMethod validate(ExecutableElement m, TreePath knownPath) {
        if (m.getModifiers().contains(Modifier.ABSTRACT)) {
            env.diagnostics.error(m, "@Async method '" + m.getSimpleName() + "' must have a body: Tulip compiles the"
                    + " body into a state machine. Remove @Async from abstract methods, or give it a body");
            return null;
        }
        if (m.getModifiers().contains(Modifier.SYNCHRONIZED)) {
            env.diagnostics.error(m, "'" + m.getSimpleName() + "' cannot be synchronized: its body runs later, step by"
                    + " step in a state machine, never under the monitor. Use a dev.tulip.Lock around the critical"
                    + " section: try (var held = await(lock.acquire())) { ... }");
            return null;
        }
        if (m.getModifiers().contains(Modifier.NATIVE)) {
            env.diagnostics.error(m, "@Async method '" + m.getSimpleName() + "' cannot be native: Tulip compiles the"
                    + " Java body into a state machine");
            return null;
        }
        TypeMirror ret = m.getReturnType();
        boolean isAsync = dev.tulip.processor.analysis.Markers.isAsyncMethod(m);
        boolean isGenerator = dev.tulip.processor.analysis.Markers.isGeneratorMethod(m);
        String returned = ret.getKind() == TypeKind.DECLARED
                ? ((TypeElement) ((DeclaredType) ret).asElement()).getQualifiedName().toString() : "";
        boolean oneArgument = ret.getKind() == TypeKind.DECLARED && ((DeclaredType) ret).getTypeArguments().size() == 1;
        AsyncMethod.Kind kind;
        if (isAsync && isGenerator) {
            env.diagnostics.error(m, "'" + m.getSimpleName() + "' cannot be both @Async and @Generator.Method: an @Async"
                    + " method that yields returns AsyncGenerator<T>; a plain generator is only @Generator.Method");
            return null;
        } else if (isGenerator) {
            if (!returned.equals(KnownNames.GENERATOR) || !oneArgument) {
                env.diagnostics.error(m, "@Generator.Method '" + m.getSimpleName() + "' must return Generator<T>, not "
                        + ret + ": declare it as Generator<" + boxedName(ret) + "> and end with"
                        + " 'return Tulip.doneYielding();'");
                return null;
            }
            kind = AsyncMethod.Kind.GENERATOR;
        } else if (returned.equals(KnownNames.ASYNC_GENERATOR) && oneArgument) {
            kind = AsyncMethod.Kind.ASYNC_GENERATOR;
        } else if (returned.equals(KnownNames.COROUTINE) && oneArgument) {
            kind = AsyncMethod.Kind.COROUTINE;
        } else {
            env.diagnostics.error(m, "@Async method '" + m.getSimpleName() + "' must return Coroutine<T>, not " + ret
                    + ": declare the result type as Coroutine<" + boxedName(ret) + "> (Coroutine<Void> for no result)"
                    + " and end with 'return done(value);' (or return AsyncGenerator<T> to yield values)");
            return null;
        }
        TreePath path = knownPath != null ? knownPath : env.trees.getPath(m);
        if (path == null) {
            return null; // from a class file: compiled already
        }
        TypeMirror result = ((DeclaredType) ret).getTypeArguments().get(0);
        if (result.getKind() == TypeKind.WILDCARD) {
            env.diagnostics.error(m, "'" + m.getSimpleName() + "' must name its result type: " + ret
                    + " has none. Declare it with a concrete type argument");
            return null;
        }
        return new AsyncMethod(m, path, result, kind);
    }

    private static String boxedName(TypeMirror t) {
        switch (t.getKind()) {
            case VOID:
                return "Void";
            case INT:
                return "Integer";
            case CHAR:
                return "Character";
            case BOOLEAN:
            case BYTE:
            case SHORT:
            case LONG:
            case FLOAT:
            case DOUBLE:
                String s = t.toString();
                return Character.toUpperCase(s.charAt(0)) + s.substring(1);
            default:
                return t.toString();
        }
    }

    /**
     * Attributes the method body through the public Trees API: asking for the element of a tree javac
     * has not attributed yet makes it attribute the enclosing class, after which the types and elements
     * of every tree are available. ({@code Trees.getScope} attributes only a copy of the body, and
     * javac 17 crashes copying {@code Iface.super.m()}.) Returns false if the body refers to types that
     * do not exist (yet).
     */
    private boolean attribute(AsyncMethod m) {
        BlockTree body = m.tree.getBody();
        if (body == null || body.getStatements().isEmpty()) {
            return true;
        }
        TreePath bodyPath = new TreePath(m.path, body);
        List<? extends StatementTree> stmts = body.getStatements();
        env.trees.getElement(new TreePath(bodyPath, stmts.get(0)));
        return !dev.tulip.processor.analysis.ErrorTypes.anyIn(env, bodyPath);
    }
}
