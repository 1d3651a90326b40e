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
import dev.tulip.processor.emit.FactorySignature;
import dev.tulip.processor.emit.MachineEmitter;
import dev.tulip.processor.access.Access;
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
import javax.tools.JavaFileObject;
import com.sun.source.util.Trees;
import dev.tulip.processor.attribution.JavacEnvironment;
import dev.tulip.processor.attribution.MainMirror;
import dev.tulip.processor.attribution.ShadowCompilation;
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
    /**
     * The annotations Tulip claims: its own, and javax.annotation.processing.Generated, which marks its
     * output (claiming them keeps -Xlint:processing quiet, as a processor supporting only them would).
     */
    private static final Set<String> OWN =
            Set.of(KnownNames.ASYNC, KnownNames.GENERATOR_METHOD, "javax.annotation.processing.Generated");
    private MainMirror mirror;
    /**
     * javac's own environment, for the Trees API and the shadow compilation's reads of libraries; the
     * one {@link #init} was given (perhaps Gradle's decorator) serves everything else, above all the
     * writing of companions, so a build tool sees their originating elements (see JavacEnvironment).
     */
    private javax.annotation.processing.ProcessingEnvironment javac;
    private Diagnostics diagnostics;
    /** Classes whose methods refer to types not generated yet: retried next round. */
    private final Set<String> deferred = new LinkedHashSet<>();
    /** Simple names of every {@code @Async} and generator method seen: plain code calling one is checked. */
    private final Set<String> asyncMethodNames = new LinkedHashSet<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        // "*": misuse checks look at every compilation unit that mentions Tulip's markers, even in a
        // compilation without any annotation. process() claims only when every annotation it is given is
        // its own (see OWN), so other processors still see theirs.
        return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public synchronized void init(javax.annotation.processing.ProcessingEnvironment processingEnv) {
        super.init(processingEnv);
        javac = JavacEnvironment.unwrap(processingEnv);
        mirror = new MainMirror(javac);
        diagnostics = new Diagnostics(mirror);
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
            processTimed(round);
            return claims(annotations);
        } finally {
            processingNanos += System.nanoTime() - start;
            if (round.processingOver() && Boolean.parseBoolean(processingEnv.getOptions().get("tulip.timing"))) {
                processingEnv.getMessager().printMessage(javax.tools.Diagnostic.Kind.NOTE,
                        "Tulip: " + processingNanos / 1_000_000 + " ms in the processor");
            }
        }
    }

    /**
     * Claims the round's annotations only if they are all Tulip's own or java.lang's (which javac never
     * reports as unclaimed): claiming is all or nothing, and another processor's annotations must stay
     * visible to it.
     */
    private static boolean claims(Set<? extends TypeElement> annotations) {
        return !annotations.isEmpty() && annotations.stream().map(a -> a.getQualifiedName().toString())
                .allMatch(n -> OWN.contains(n) || n.startsWith("java.lang."));
    }

    private void processTimed(RoundEnvironment round) {
        TypeElement async = processingEnv.getElementUtils().getTypeElement(KnownNames.ASYNC);
        if (async == null) {
            return; // the runtime is not on the class path: nothing of ours to do
        }
        for (Element root : round.getRootElements()) {
            mirror.addRoot(root);
        }
        // The work of this round, found on the user's compilation without attributing anything.
        Set<String> owners = new LinkedHashSet<>(deferred);
        deferred.clear();
        List<Element> annotated = new ArrayList<>(round.getElementsAnnotatedWith(async));
        TypeElement generatorMethod = processingEnv.getElementUtils().getTypeElement(KnownNames.GENERATOR_METHOD);
        if (generatorMethod != null) {
            annotated.addAll(round.getElementsAnnotatedWith(generatorMethod));
        }
        for (Element e : annotated) {
            if (e.getKind() != ElementKind.METHOD) {
                continue;
            }
            asyncMethodNames.add(e.getSimpleName().toString());
            TypeElement owner = (TypeElement) e.getEnclosingElement();
            if (owner.getNestingKind() == NestingKind.LOCAL || owner.getNestingKind() == NestingKind.ANONYMOUS) {
                diagnostics.error(e, "@Async methods must be declared in a named top-level or member class:"
                        + " the generated companion class must be able to name '" + owner.getSimpleName() + "'");
            } else {
                owners.add(owner.getQualifiedName().toString());
            }
        }
        Set<String> names = PlainCodeCheck.markerNames(asyncMethodNames);
        List<JavaFileObject> toCheck = new ArrayList<>();
        for (Element root : round.getRootElements()) {
            JavaFileObject file = root instanceof TypeElement ? mirror.sourceOf((TypeElement) root) : null;
            if (file != null && !toCheck.contains(file) && mentions(file, names)) {
                toCheck.add(file);
            }
        }
        if (owners.isEmpty() && toCheck.isEmpty()) {
            return;
        }
        ShadowCompilation shadow = openShadow(owners, round.processingOver());
        try {
            mirror.use(shadow);
            Env env = new Env(processingEnv, shadow, diagnostics);
            for (String name : owners) {
                TypeElement owner = shadow.type(name);
                if (owner != null) {
                    compileOwner(env, shadow, owner, owners, round.processingOver());
                }
            }
            List<com.sun.source.tree.CompilationUnitTree> units = new ArrayList<>();
            for (JavaFileObject file : toCheck) {
                if (shadow.unit(file) != null) {
                    units.add(shadow.unit(file));
                }
            }
            new PlainCodeCheck(env).check(units, names);
        } finally {
            mirror.use(null);
            shadow.close();
        }
    }

    private static boolean mentions(JavaFileObject file, Set<String> names) {
        try {
            return PlainCodeCheck.mayMention(file.getCharContent(true), names);
        } catch (IOException e) {
            return true; // let the check read it, and fail loudly there if it cannot
        }
    }

    /**
     * Whether the module of {@code type} reads java.compiler, where {@code @Generated} lives: always in
     * the unnamed module; in a named one only if it requires it, directly or through a chain of
     * {@code requires transitive} (a modular user who does not would get "package
     * javax.annotation.processing is not visible" in the companion).
     */
    private boolean readsJavaCompiler(TypeElement type) {
        javax.lang.model.element.ModuleElement module = processingEnv.getElementUtils().getModuleOf(type);
        if (module == null || module.isUnnamed()) {
            return true;
        }
        java.util.ArrayDeque<javax.lang.model.element.ModuleElement> todo = new java.util.ArrayDeque<>();
        Set<String> seen = new java.util.HashSet<>();
        boolean first = true;
        todo.add(module);
        while (!todo.isEmpty()) {
            javax.lang.model.element.ModuleElement m = todo.poll();
            for (javax.lang.model.element.ModuleElement.RequiresDirective r
                    : javax.lang.model.util.ElementFilter.requiresIn(m.getDirectives())) {
                if (!first && !r.isTransitive()) {
                    continue;
                }
                String name = r.getDependency().getQualifiedName().toString();
                if (name.equals("java.compiler")) {
                    return true;
                }
                if (seen.add(name)) {
                    todo.add(r.getDependency());
                }
            }
            first = false;
        }
        return false;
    }

    /**
     * The shadow compilation for this round. javac's platform is the API of the user's source version
     * when the user compiles with {@code --release} (the usual case, tried first), or the running JDK's
     * when compiling with {@code -source} only: if the bodies to compile do not attribute cleanly on the
     * first, the second is tried, and the one that attributes them is kept.
     */
    private ShadowCompilation openShadow(Set<String> owners, boolean lastRound) {
        ShadowCompilation shadow = ShadowCompilation.open(javac, mirror, true);
        boolean runningJdkDiffers = processingEnv.getSourceVersion().ordinal() < Runtime.version().feature();
        if (owners.isEmpty() || !runningJdkDiffers || attributesCleanly(shadow, owners)) {
            return shadow;
        }
        ShadowCompilation other = ShadowCompilation.open(javac, mirror, false);
        if (attributesCleanly(other, owners)) {
            shadow.close();
            return other;
        }
        other.close();
        return shadow;
    }

    /** True if every compiled body of these classes attributes without an unresolved type or call. */
    private boolean attributesCleanly(ShadowCompilation shadow, Set<String> owners) {
        for (String name : owners) {
            TypeElement owner = shadow.type(name);
            if (owner == null) {
                return false;
            }
            Map<Element, TreePath> paths = memberPaths(shadow.trees(), owner);
            for (Element m : owner.getEnclosedElements()) {
                TreePath path = paths.get(m);
                if (path != null && hasAsync(m) && !attribute(shadow.trees(), path)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean hasAsync(Element m) {
        return dev.tulip.processor.analysis.Markers.isCompiledMethod(m);
    }

    private void compileOwner(Env env, ShadowCompilation shadow, TypeElement owner, Set<String> owners,
            boolean lastRound) {
        List<AsyncMethod> valid = new ArrayList<>();
        Map<Element, TreePath> paths = memberPaths(env.trees, owner);
        for (Element m : owner.getEnclosedElements()) {
            if (m.getKind() == ElementKind.METHOD && hasAsync(m)) {
                AsyncMethod am = validate(env, (ExecutableElement) m, paths.get(m));
                if (am != null) {
                    valid.add(am);
                }
            }
        }
        if (valid.isEmpty() || companionNameTaken(env, owner, valid.get(0).companion)) {
            return;
        }
        // Attribute every body first: a body that mentions a type another processor (or we) will
        // generate this round must wait for the next round, and so must its whole companion.
        Set<AsyncMethod> unresolved = new java.util.HashSet<>();
        for (AsyncMethod m : valid) {
            if (!attribute(env.trees, m.path)) {
                if (!lastRound) {
                    deferred.add(owner.getQualifiedName().toString());
                    return;
                }
                unresolved.add(m);
            }
        }
        Access access = new Access(env, owner);
        dev.tulip.processor.emit.PrivateAccessors accessors =
                new dev.tulip.processor.emit.PrivateAccessors(env, new TypeNames(env, access),
                        dev.tulip.processor.model.Companions.companionOf(owner));
        CompanionEmitter companion = new CompanionEmitter(owner, mirror.mainType(owner), valid.get(0).companion,
                valid.get(0).fileName(), env.elements.getTypeElement("javax.annotation.processing.Generated") != null
                        && readsJavaCompiler(mirror.mainType(owner)));
        dev.tulip.processor.emit.MachineNames machineNames = new dev.tulip.processor.emit.MachineNames(
                env.elements, valid.get(0).unit, owner, valid.get(0).companion.simpleName());
        for (AsyncMethod m : valid) {
            m.machineName = machineNames.allocate(m.element.getSimpleName());
            if (unresolved.contains(m) && javacReportsErrorIn(env, shadow, m, owners)) {
                companion.addUncompiled(new FactorySignature(m, new TypeNames(env, access)));
                continue;
            }
            try {
                TypeNames typeNames = new TypeNames(env, access);
                PathIndex index = new PathIndex(env.trees, m.path);
                BodyAnalysis analysis = new BodyAnalysis(env, m, index);
                if (!analysis.run()) {
                    companion.addUncompiled(new FactorySignature(m, typeNames));
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
                if (!fieldsHaveNames(env, m, cfg, index, typeNames)) {
                    companion.addUncompiled(new FactorySignature(m, typeNames));
                    continue;
                }
                MachineEmitter machine = new MachineEmitter(env, m, cfg, liveness, typeNames, lowerer.dispatchLabel(),
                        lowerer.caughtName(), lowerer.awaitingName(), lowerer.runningName());
                machine.hoist(printer.hoistedTypes());
                companion.add(machine, machine.emit(m.fileName(), printer.line(m.tree)));
            } catch (TreePrinter.Unsupported u) {
                env.diagnostics.error(m.unit, u.tree, "Tulip cannot compile " + u.getMessage() + " in @Async method '"
                        + m.element.getSimpleName() + "'");
                addUncompiled(env, companion, m, access);
            } catch (Diagnostics.Reported r) {
                addUncompiled(env, companion, m, access);
            } catch (RuntimeException | StackOverflowError bug) {
                StringWriter trace = new StringWriter();
                bug.printStackTrace(new PrintWriter(trace));
                env.diagnostics.error(m.element, "Internal error in Tulip while compiling @Async method '"
                        + m.element.getSimpleName() + "': " + bug + ". Please report this bug with the method's code."
                        + "\n" + trace);
                addUncompiled(env, companion, m, access);
            }
        }
        companion.addAccessors(accessors);
        try {
            companion.writeTo(env.processing.getFiler(), access.namesAuxiliary());
        } catch (IOException e) {
            env.diagnostics.error(owner, "Tulip could not write " + valid.get(0).companion + ": " + e.getMessage());
        } catch (RuntimeException bug) {
            // a bug of ours while assembling the file: one error at the class, never a javac crash
            env.diagnostics.error(owner, "Internal error in Tulip while writing " + valid.get(0).companion + ": " + bug
                    + ". Please report this bug with the class's code.");
        }
    }

    /**
     * True (and reported) if one of the user's own source files declares a class with the companion's
     * name: the companion's name is fixed ({@code Foo} gets {@code FooAsync}; callers are written
     * against it), so the only way out is renaming one of the two classes.
     */
    private boolean companionNameTaken(Env env, TypeElement owner, com.palantir.javapoet.ClassName companion) {
        TypeElement existing = processingEnv.getElementUtils().getTypeElement(companion.canonicalName());
        JavaFileObject file = existing == null ? null : mirror.sourceOf(existing);
        if (file == null) {
            return false;
        }
        try {
            if (file.getCharContent(true).toString().startsWith("// Generated by Tulip")) {
                return false; // an earlier build's output, given back as a source: javac reports the duplicate
            }
        } catch (IOException e) {
            return false;
        }
        env.diagnostics.error(owner, "the @Async methods of " + owner.getSimpleName() + " compile into the generated"
                + " class " + companion.canonicalName() + ", but " + file.getName()
                + " declares a class of that name: rename one of the two classes");
        return true;
    }

    /**
     * Adds the factory of a method that failed to compile (an error was reported), so that its callers
     * still resolve; if even its signature cannot be written, the method is left out (the error stands).
     */
    private static void addUncompiled(Env env, CompanionEmitter companion, AsyncMethod m, Access access) {
        try {
            companion.addUncompiled(new FactorySignature(m, new TypeNames(env, access)));
        } catch (RuntimeException e) {
            // the method's own error is reported already; its callers will not resolve
        }
    }

    /**
     * Whether javac reports an error of its own in the body of {@code m}, which it could not resolve:
     * then Tulip adds nothing (javac's error is the real one), and the compilation fails on it. A body
     * that names a companion Tulip generates in this round (which javac cannot see yet) is reported
     * here instead, since javac will see that class and report nothing.
     */
    private boolean javacReportsErrorIn(Env env, ShadowCompilation shadow, AsyncMethod m, Set<String> owners) {
        com.sun.source.util.SourcePositions positions = env.trees.getSourcePositions();
        long start = positions.getStartPosition(m.unit, m.tree.getBody());
        long end = positions.getEndPosition(m.unit, m.tree.getBody());
        List<javax.tools.Diagnostic<? extends JavaFileObject>> errors =
                shadow.errors(m.unit.getSourceFile(), start, end);
        if (errors.isEmpty()) {
            return false;
        }
        for (String name : owners) {
            TypeElement owner = shadow.type(name);
            if (owner == null) {
                continue;
            }
            String companion = dev.tulip.processor.model.Companions.companionOf(owner).simpleName();
            for (javax.tools.Diagnostic<? extends JavaFileObject> d : errors) {
                if (java.util.regex.Pattern.compile("\\b" + companion + "\\b").matcher(d.getMessage(null)).find()) {
                    env.diagnostics.error(m.unit, innermostAt(env, m, d.getPosition()), "'" + m.element.getSimpleName() + "' names "
                            + companion + ", the class Tulip generates from " + owner.getSimpleName()
                            + ": inside @Async code, call the @Async methods themselves (write cook(x), not "
                            + companion + ".cook(x)); Tulip sends each call to the factory");
                    return true;
                }
            }
        }
        // javac reports the body's errors itself. Should it ever not (a shadow that disagrees with the
        // compilation it mirrors), this warning says why the factory throws instead of compiling silently.
        env.diagnostics.warning(m.element, "Tulip did not compile @Async method '" + m.element.getSimpleName()
                + "': javac reports errors in its body (" + errors.get(0).getMessage(null).lines().findFirst().orElse("")
                + "); until they are fixed its factory only lets callers compile, and throws if called");
        return true;
    }

    /** The innermost tree of the method's body that spans {@code position} (the body if none does). */
    private static com.sun.source.tree.Tree innermostAt(Env env, AsyncMethod m, long position) {
        com.sun.source.util.SourcePositions positions = env.trees.getSourcePositions();
        com.sun.source.tree.Tree[] found = {m.tree.getBody()};
        new com.sun.source.util.TreeScanner<Void, Void>() {
            @Override
            public Void scan(com.sun.source.tree.Tree tree, Void unused) {
                if (tree != null && positions.getStartPosition(m.unit, tree) <= position
                        && position < positions.getEndPosition(m.unit, tree)) {
                    found[0] = tree;
                }
                return super.scan(tree, unused);
            }
        }.scan(m.tree.getBody(), null);
        return found[0];
    }

    /**
     * The paths of a class's member declarations, found in one pass (Trees.getPath(element) searches the
     * whole file each time, which is quadratic for a class with many methods).
     */
    private static Map<Element, TreePath> memberPaths(Trees trees, TypeElement owner) {
        Map<Element, TreePath> paths = new HashMap<>();
        TreePath classPath = trees.getPath(owner);
        if (classPath == null || !(classPath.getLeaf() instanceof com.sun.source.tree.ClassTree)) {
            return paths;
        }
        for (com.sun.source.tree.Tree member : ((com.sun.source.tree.ClassTree) classPath.getLeaf()).getMembers()) {
            if (member instanceof com.sun.source.tree.MethodTree) {
                TreePath p = new TreePath(classPath, member);
                Element e = trees.getElement(p);
                if (e != null) {
                    paths.put(e, p);
                }
            }
        }
        return paths;
    }

    /**
     * A local that lives across a suspension becomes a field of the state machine, and a field's type
     * must have a name: one holding an instance of an anonymous class (a {@code var}) cannot be one.
     * Reports each such local at its declaration. (A local used within one state stays a {@code var}.)
     */
    private static boolean fieldsHaveNames(Env env, AsyncMethod m, Cfg cfg, PathIndex index, TypeNames typeNames) {
        boolean ok = true;
        for (dev.tulip.processor.ir.Var v : cfg.vars) {
            if (v.tier == dev.tulip.processor.ir.Var.Tier.FIELD && v.element != null
                    && typeNames.mentionsAnonymous(v.element.asType())) {
                TreePath declaration = index.declaration(v.element);
                String message = "'" + v.element.getSimpleName() + "' holds an instance of an anonymous class and is"
                        + " used after a suspension: the state machine keeps it in a field, and a field's type"
                        + " cannot name an anonymous class. Declare a named (local or nested) class instead";
                if (declaration != null) {
                    env.diagnostics.error(declaration, message);
                } else {
                    env.diagnostics.error(m.element, message);
                }
                ok = false;
            }
        }
        return ok;
    }

    /** Checks the method's declaration; reports and returns null if it cannot be an @Async method. */
    private AsyncMethod validate(Env env, ExecutableElement m, TreePath knownPath) {
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
     * Attributes the method body in the shadow compilation through the public Trees API: asking for the
     * element of a tree javac has not attributed yet makes it attribute the enclosing class, after which
     * the types and elements of every tree are available. Returns false if the body refers to types
     * that do not exist (yet).
     */
    private static boolean attribute(Trees trees, TreePath method) {
        BlockTree body = ((com.sun.source.tree.MethodTree) method.getLeaf()).getBody();
        if (body == null || body.getStatements().isEmpty()) {
            return true;
        }
        TreePath bodyPath = new TreePath(method, body);
        List<? extends StatementTree> stmts = body.getStatements();
        trees.getElement(new TreePath(bodyPath, stmts.get(0)));
        return !dev.tulip.processor.analysis.ErrorTypes.anyIn(trees, bodyPath);
    }
}
