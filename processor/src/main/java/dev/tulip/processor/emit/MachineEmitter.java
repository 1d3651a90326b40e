package dev.tulip.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import dev.tulip.processor.ir.Block;
import dev.tulip.processor.ir.Cfg;
import dev.tulip.processor.ir.FinallyFrame;
import dev.tulip.processor.ir.Op;
import dev.tulip.processor.ir.Terminator;
import dev.tulip.processor.ir.TryRegion;
import dev.tulip.processor.ir.Var;
import dev.tulip.processor.liveness.GraphCleanup;
import dev.tulip.processor.liveness.Liveness;
import dev.tulip.processor.model.AsyncMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeParameterElement;

/**
 * Emits one state-machine class from the lowered graph: fields for what lives across suspensions,
 * a constructor, and {@code resume}, a switch over the states inside a dispatch loop, with one catch
 * that routes exceptions to the handler of the state that raised them.
 */
public final class MachineEmitter {
    static final ClassName AWAITABLE = ClassName.get("dev.tulip", "Awaitable");

    private final AsyncMethod method;
    private final dev.tulip.processor.model.Env env;
    private final Cfg cfg;
    private final Liveness liveness;
    private final TypeNames typeNames;
    private final String dispatch;
    private final String caught;
    private final String awaiting;
    private final String running;
    private final FactorySignature signatureTypes;
    private final List<TypeVariableName> typeVariables;
    /** Type variables standing for private classes (see {@link StandIns}): the machine's own, not the factory's. */
    private final List<TypeVariableName> standIns;

    public MachineEmitter(dev.tulip.processor.model.Env env, AsyncMethod method, Cfg cfg, Liveness liveness,
            TypeNames typeNames, String dispatchLabel, String caughtName, String awaitingName, String runningName) {
        this.method = method;
        this.env = env;
        this.standIns = StandIns.declarations(env, typeNames);
        this.cfg = cfg;
        this.liveness = liveness;
        this.typeNames = typeNames;
        this.dispatch = dispatchLabel;
        this.caught = caughtName;
        this.awaiting = awaitingName;
        this.running = runningName;
        this.signatureTypes = new FactorySignature(method, typeNames);
        this.typeVariables = signatureTypes.typeVariables();
    }

    /** The factory's view of the method's types, which the machine shares. */
    public FactorySignature signatureTypes() {
        return signatureTypes;
    }

    /** True if creating the machine needs type arguments ({@code new Machine<>(...)}). */
    public boolean isGeneric() {
        return !typeVariables.isEmpty() || !standIns.isEmpty();
    }

    private ClassName baseClass() {
        return signatureTypes.baseClass();
    }

    /** What resume returns: the yielded value for a generator, an awaitable otherwise. */
    private TypeName resumeType() {
        return method.kind == dev.tulip.processor.model.AsyncMethod.Kind.GENERATOR ? ClassName.OBJECT
                : ParameterizedTypeName.get(AWAITABLE, com.palantir.javapoet.WildcardTypeName.subtypeOf(Object.class));
    }

    private TypeName resultType() {
        return signatureTypes.resultType();
    }

    private TypeName constructorParameterType(javax.lang.model.element.VariableElement p) {
        return signatureTypes.constructorParameterType(p);
    }

    private TypeName selfType() {
        return signatureTypes.selfType();
    }

    private List<TreePrinter.HoistedType> hoisted = List.of();

    /** The body's local records, enums and interfaces, declared as members of the machine. */
    public void hoist(List<TreePrinter.HoistedType> types) {
        this.hoisted = types;
    }

    public TypeSpec emit(String fileName, long line) {
        TypeSpec.Builder type = TypeSpec.classBuilder(method.machineName)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addTypeVariables(typeVariables)
                .addTypeVariables(standIns)
                .superclass(ParameterizedTypeName.get(baseClass(), resultType()))
                .addJavadoc("{@code $L} ($L:$L) as a resumable state machine.\n", signature(), fileName, line)
                .addJavadoc("\n<p>Each {@code case} of {@link #resume} is a state: the code between two suspension\n"
                        + "points. {@code state} says where to continue; locals that live across an await are fields.\n");
        for (javax.lang.model.element.TypeElement standIn : typeNames.standInClasses()) {
            type.addJavadoc("\n<p>{@code $L} stands for {@code $L}, which generated code cannot name (it is private),\n"
                    + "where {@code $L} is given to a bounded type parameter: its bounds are the class's accessible\n"
                    + "supertypes, so that types like {@code EnumSet<$L>} can be written.\n",
                    typeNames.standIn(standIn).name(), standIn.getSimpleName(), standIn.getSimpleName(),
                    typeNames.standIn(standIn).name());
        }
        List<Var> fields = new ArrayList<>();
        for (Var v : cfg.vars) {
            if (v.tier == Var.Tier.FIELD) {
                fields.add(v);
            }
        }
        MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
        if (!method.isStatic()) {
            type.addField(FieldSpec.builder(selfType(), "self", Modifier.PRIVATE).build());
            ctor.addParameter(selfType(), "self");
            ctor.addStatement("this.self = self");
        }
        boolean unchecked = false;
        for (Var v : fields) {
            type.addField(FieldSpec.builder(v.type, v.name, Modifier.PRIVATE).build());
            if (v.kind == Var.Kind.PARAMETER) {
                javax.lang.model.element.VariableElement p = (javax.lang.model.element.VariableElement) v.element;
                TypeName accepted = constructorParameterType(p);
                ctor.addParameter(accepted, v.name);
                if (accepted.equals(v.type)) {
                    ctor.addStatement("this.$L = $L", v.name, v.name);
                } else {
                    ctor.addStatement("this.$L = $L$L", v.name, typeNames.castFromCompanion(p.asType()), v.name);
                    unchecked = true;
                }
            }
        }
        if (unchecked) {
            ctor.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "unchecked").build());
        }
        type.addMethod(ctor.build());
        type.addMethod(MethodSpec.methodBuilder("name")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .returns(String.class)
                .addStatement("return $S", method.displayName())
                .build());
        for (TreePrinter.HoistedType h : hoisted) {
            // A placeholder JavaPoet renders (so the declaration's types are imported and JavaPoet knows
            // the member's name); CompanionEmitter replaces it with the declaration itself.
            type.addType(TypeSpec.classBuilder(h.name)
                    .addStaticBlock(CodeBlock.builder().add(CompanionEmitter.HOISTED_BEGIN + "\n")
                            .add(h.declaration).add(CompanionEmitter.HOISTED_END + "\n").build())
                    .build());
        }
        if (method.kind == AsyncMethod.Kind.COROUTINE) { // generators are driven by their consumer, not a task
            addAsyncFrame(type);
        }
        type.addMethod(resume());
        MethodSpec release = release(fields);
        if (release != null) {
            type.addMethod(release);
        }
        return type.build();
    }

    /**
     * {@code asyncFrame()}: the method and the line of the await each state resumes from, so that an
     * exception passing through this coroutine shows where it waited (see Coroutine.asyncFrame).
     */
    private void addAsyncFrame(TypeSpec.Builder type) {
        int states = 0;
        for (Block b : cfg.blocks) {
            states = Math.max(states, b.state + 1);
        }
        long[] lines = new long[states];
        boolean any = false;
        for (Block b : cfg.blocks) {
            if (b.state >= 0 && b.isResumePoint && b.suspendedLine > 0) {
                lines[b.state] = b.suspendedLine;
                any = true;
            }
        }
        if (!any) {
            return;
        }
        CodeBlock.Builder table = CodeBlock.builder().add("{");
        for (int i = 0; i < lines.length; i++) {
            table.add(i == 0 ? "$L" : ", $L", lines[i]);
        }
        type.addField(FieldSpec.builder(int[].class, "awaitLines$", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The source line of the await each state resumes from (0: none).\n")
                .initializer(table.add("}").build()).build());
        String binary = env.elements.getBinaryName(method.owner).toString();
        type.addMethod(MethodSpec.methodBuilder("asyncFrame")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .returns(StackTraceElement.class)
                .addStatement("return asyncFrame($S, $S, $S, awaitLines$$)", binary, method.element.getSimpleName(),
                        method.fileName())
                .build());
    }

    private String signature() {
        StringBuilder s = new StringBuilder(method.displayName()).append('(');
        for (int i = 0; i < method.element.getParameters().size(); i++) {
            if (i > 0) {
                s.append(", ");
            }
            s.append(typeNames.of(method.element.getParameters().get(i).asType()).toString()
                    .replaceAll("(?<![\\w$])([a-z][a-z0-9_]*\\.)+", "")); // package prefixes only: Kitchen.Lock stays
        }
        return s.append(')').toString();
    }

    /**
     * javac 17 analyses the condition of a do-while (and the update of a for) even when the body cannot
     * complete normally, and a switch expression there makes the loop look alive: a printed loop that
     * always jumps out then ends its state with "possible fall-through into case". The states of the
     * machine never fall through, so that warning is suppressed where this shape occurs.
     */
    private static boolean hasLoopJavacMayThinkAlive(com.sun.source.tree.MethodTree tree) {
        boolean[] found = {false};
        new com.sun.source.util.TreeScanner<Void, Void>() {
            @Override
            public Void visitDoWhileLoop(com.sun.source.tree.DoWhileLoopTree node, Void unused) {
                found[0] |= hasSwitchExpression(node.getCondition());
                return super.visitDoWhileLoop(node, unused);
            }

            @Override
            public Void visitForLoop(com.sun.source.tree.ForLoopTree node, Void unused) {
                for (com.sun.source.tree.Tree update : node.getUpdate()) {
                    found[0] |= hasSwitchExpression(update);
                }
                return super.visitForLoop(node, unused);
            }
        }.scan(tree.getBody(), null);
        return found[0];
    }

    private static boolean hasSwitchExpression(com.sun.source.tree.Tree tree) {
        boolean[] found = {false};
        new com.sun.source.util.TreeScanner<Void, Void>() {
            @Override
            public Void visitSwitchExpression(com.sun.source.tree.SwitchExpressionTree node, Void unused) {
                found[0] = true;
                return null;
            }
        }.scan(tree, null);
        return found[0];
    }

    private MethodSpec release(List<Var> fields) {
        CodeBlock.Builder body = CodeBlock.builder();
        if (!method.isStatic()) {
            body.addStatement("self = null");
        }
        for (Var v : fields) {
            if (!v.isPrimitive) {
                body.addStatement("$L = null", v.name);
            }
        }
        if (body.isEmpty()) {
            return null;
        }
        return MethodSpec.methodBuilder("release")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .addJavadoc("Drops every reference once the state machine has finished.\n")
                .addCode(body.build())
                .build();
    }

    private MethodSpec resume() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("resume")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .returns(resumeType())
                .addParameter(Object.class, "sent")
                .addParameter(Throwable.class, "thrown")
                .addException(Throwable.class);
        Set<String> suppress = new LinkedHashSet<>();
        suppress.add("unchecked");
        if (hasLoopJavacMayThinkAlive(method.tree)) {
            suppress.add("fallthrough");
        }
        SuppressWarnings user = method.element.getAnnotation(SuppressWarnings.class);
        if (user != null) {
            for (String w : user.value()) {
                suppress.add(w);
            }
        }
        AnnotationSpec.Builder sw = AnnotationSpec.builder(SuppressWarnings.class);
        if (suppress.size() == 1) {
            sw.addMember("value", "$S", suppress.iterator().next());
        } else {
            CodeBlock.Builder arr = CodeBlock.builder().add("{");
            int i = 0;
            for (String w : suppress) {
                arr.add(i++ == 0 ? "$S" : ", $S", w);
            }
            m.addAnnotation(sw.addMember("value", arr.add("}").build()).build());
            sw = null;
        }
        if (sw != null) {
            m.addAnnotation(sw.build());
        }
        CodeBlock.Builder body = CodeBlock.builder();
        for (Var v : cfg.vars) {
            if (v.tier == Var.Tier.METHOD_LOCAL) {
                body.addStatement("$T $L = $L", v.type, v.name, v.defaultValue());
            }
        }
        boolean loop = cfg.needsLoop || cfg.hasRegions;
        if (loop) {
            body.add("$L: for (;;) {\n$>", dispatch);
        }
        if (cfg.hasRegions) {
            // A jump out of a try printed as written sets state before that try's finally (or resource
            // closing) runs: what it throws belongs to the state that was running, not to the target.
            body.addStatement("int $L = state", running);
            body.add("try {\n$>");
        }
        body.add("switch (state) {\n$>");
        for (Block b : cfg.blocks) {
            state(body, b);
        }
        body.add("default:\n$>");
        body.addStatement("throw new $T($S + state)", IllegalStateException.class,
                method.displayName() + " resumed in unknown state ");
        body.add("$<");
        body.add("$<}\n");
        if (cfg.hasRegions) {
            body.add("$<} catch ($T $L) {\n$>", Throwable.class, caught);
            exceptionDispatch(body);
            body.add("$<}\n");
        }
        if (loop) {
            body.add("$<}\n");
        }
        return m.addCode(body.build()).build();
    }

    private void state(CodeBlock.Builder body, Block b) {
        body.add("case $L: {$L\n$>", b.state, b.label == null ? "" : " // " + b.label);
        Set<Var> declared = new LinkedHashSet<>();
        for (Op op : b.ops) {
            declareFirstUses(body, op.uses, op instanceof Op.Assign ? ((Op.Assign) op).target : null, declared);
            op(body, op, declared);
        }
        if (b.terminator != null) {
            declareFirstUses(body, b.terminator.uses, null, declared);
        }
        terminator(body, b);
        body.add("$<}\n");
    }

    /**
     * Declares the block-local variables that printed code assigns before any {@link Op.Assign} to them
     * does (a pattern binding copied out of its match, {@code bound(p = p$match)}); {@code assigned} is
     * the variable the op itself declares, if any.
     */
    private static void declareFirstUses(CodeBlock.Builder body, Set<Var> uses, Var assigned, Set<Var> declared) {
        for (Var v : uses) {
            if (v != assigned && v.tier == Var.Tier.BLOCK_LOCAL && declared.add(v)) {
                body.addStatement("$T $L = $L", v.type, v.name, v.defaultValue());
            }
        }
    }

    private void op(CodeBlock.Builder body, Op op, Set<Var> declared) {
        if (op instanceof Op.Comment) {
            body.add("// $L\n", ((Op.Comment) op).text);
        } else if (op instanceof Op.Stmt) {
            body.add(((Op.Stmt) op).code);
        } else if (op instanceof Op.Assign) {
            Op.Assign a = (Op.Assign) op;
            Var v = a.target;
            boolean declareHere = v.tier == Var.Tier.BLOCK_LOCAL && declared.add(v);
            if (a.value == null) {
                if (declareHere) {
                    body.addStatement("$T $L", v.type, v.name);
                }
            } else if (declareHere && v.nonDenotable) {
                body.addStatement("var $L = $L", v.name, a.value);
            } else if (declareHere) {
                body.addStatement("$T $L = $L", v.type, v.name, a.value);
            } else {
                body.addStatement("$L = $L", v.name, a.value);
            }
        } else if (op instanceof Op.Resume) {
            Op.Resume r = (Op.Resume) op;
            body.beginControlFlow("if (thrown != null)").addStatement("throw thrown").endControlFlow();
            if (r.target != null) {
                Var v = r.target;
                CodeBlock value = r.valueType.equals(ClassName.OBJECT) ? CodeBlock.of("sent")
                        : CodeBlock.of("($T) sent", r.valueType);
                if (v.tier == Var.Tier.BLOCK_LOCAL && declared.add(v)) {
                    body.addStatement("$T $L = $L", v.type, v.name, value);
                } else {
                    body.addStatement("$L = $L", v.name, value);
                }
            }
        }
    }

    private void jump(CodeBlock.Builder body, Block target) {
        body.addStatement("state = $L", target.state);
        body.addStatement("continue $L", dispatch);
    }

    private void terminator(CodeBlock.Builder body, Block b) {
        Terminator t = b.terminator;
        if (t instanceof Terminator.Goto) {
            jump(body, ((Terminator.Goto) t).target);
        } else if (t instanceof Terminator.Branch) {
            Terminator.Branch br = (Terminator.Branch) t;
            body.addStatement("state = $L ? $L : $L", br.condition, br.ifTrue.state, br.ifFalse.state);
            body.addStatement("continue $L", dispatch);
        } else if (t instanceof Terminator.Switch) {
            Terminator.Switch sw = (Terminator.Switch) t;
            body.add("switch ($L) {\n$>", sw.selector);
            // Constant labels going to the same state share a group; a pattern label stands alone
            // (Java forbids falling into a pattern).
            for (int i = 0; i < sw.labels.size(); i++) {
                Block target = sw.targets.get(i);
                body.add("case $L:\n", sw.labels.get(i));
                boolean last = i + 1 == sw.labels.size() || sw.targets.get(i + 1) != target
                        || sw.patterns.get(i) || sw.patterns.get(i + 1);
                if (last) {
                    body.add("$>");
                    body.add(sw.onMatch.get(i));
                    body.addStatement("state = $L", target.state);
                    body.addStatement("break");
                    body.add("$<");
                }
            }
            body.add("default:\n$>");
            body.addStatement("state = $L", sw.otherwise.state);
            body.add("$<$<}\n");
            body.addStatement("continue $L", dispatch);
        } else if (t instanceof Terminator.Suspend) {
            Terminator.Suspend s = (Terminator.Suspend) t;
            Set<Var> cleared = liveness.clearedAt(b);
            if (cleared.isEmpty()) {
                body.addStatement("state = $L", s.resume.state);
                body.addStatement("return $L", s.awaitable);
            } else {
                // Evaluate what to await first (it may read them), then drop the dead references.
                body.addStatement("$T $L = $L", resumeType(), awaiting, s.awaitable);
                for (Var v : cleared) {
                    body.addStatement("$L = null", v.name);
                }
                body.addStatement("state = $L", s.resume.state);
                body.addStatement("return $L", awaiting);
            }
        } else if (t instanceof Terminator.Return) {
            CodeBlock value = ((Terminator.Return) t).value;
            if (value == null) {
                body.addStatement("return complete()");
            } else {
                body.addStatement("return complete($L)", value);
            }
        } else if (t instanceof Terminator.Throw) {
            body.addStatement("throw $L", ((Terminator.Throw) t).exception);
        } else if (t instanceof Terminator.Abrupt) {
            return; // the printed code already jumped, returned or threw
        } else if (t instanceof Terminator.FinallyExit) {
            finallyExit(body, ((Terminator.FinallyExit) t).frame);
        } else {
            throw new IllegalStateException("block " + b + " has no terminator");
        }
    }

    private void finallyExit(CodeBlock.Builder body, FinallyFrame f) {
        body.beginControlFlow("if ($L != null)", f.exception.name)
                .addStatement("$T rethrown = $L", Throwable.class, f.exception.name)
                .addStatement("$L = null", f.exception.name)
                .addStatement("throw rethrown")
                .endControlFlow();
        if (f.pending.size() == 1) {
            pending(body, f, f.pending.get(0));
            return;
        }
        body.add("switch ($L) {\n$>", f.target.name);
        for (FinallyFrame.Pending p : f.pending) {
            body.add("case $L:\n$>", p.code);
            pending(body, f, p);
            body.add("$<");
        }
        body.add("default:\n$>");
        body.addStatement("throw new $T($S + $L)", IllegalStateException.class, "bad finally record ", f.target.name);
        body.add("$<$<}\n");
    }

    private void pending(CodeBlock.Builder body, FinallyFrame f, FinallyFrame.Pending p) {
        if (p.next != null) {
            jump(body, p.next);
        } else if (p.chainTo != null) {
            if (f.result != null && FinallyFrame.leadsToReturn(p)) {
                body.addStatement("$L = $L", p.chainTo.result.name, f.result.name);
            }
            body.addStatement("$L = null", p.chainTo.exception.name);
            body.addStatement("$L = $L", p.chainTo.target.name, p.chainCode);
            jump(body, p.chainTo.entry);
        } else if (method.kind == dev.tulip.processor.model.AsyncMethod.Kind.ASYNC_GENERATOR) {
            body.addStatement("return complete()");
        } else {
            if (f.result == null) {
                throw new IllegalStateException("return through finally without a result variable");
            }
            body.addStatement("return complete($L)", f.result.name);
        }
    }

    /** {@code catch (Throwable caught)}: send the exception to the handler of the state that raised it. */
    private void exceptionDispatch(CodeBlock.Builder body) {
        Map<TryRegion, List<Block>> byRegion = new LinkedHashMap<>();
        for (Block b : cfg.blocks) {
            if (b.region != null) {
                byRegion.computeIfAbsent(b.region, k -> new ArrayList<>()).add(b);
            }
        }
        body.add("switch ($L) {\n$>", running);
        for (Map.Entry<TryRegion, List<Block>> e : byRegion.entrySet()) {
            for (Block b : e.getValue()) {
                body.add("case $L:\n", b.state);
            }
            body.add("$>// $L\n", e.getKey().description);
            handlerChain(body, e.getKey());
            body.add("$<");
        }
        body.add("default:\n$>");
        body.addStatement("throw $L", caught);
        body.add("$<$<}\n");
    }

    private void handlerChain(CodeBlock.Builder body, TryRegion region) {
        for (TryRegion r = region; r != null; r = r.parent) {
            for (TryRegion.Catch c : r.catches) {
                boolean all = c.types.stream().anyMatch(t -> t.toString().equals("java.lang.Throwable"));
                if (all) {
                    body.addStatement("thrown = $L", caught);
                    jump(body, c.handler);
                    return;
                }
                CodeBlock.Builder test = CodeBlock.builder();
                for (int i = 0; i < c.types.size(); i++) {
                    test.add(i == 0 ? "" : " || ");
                    CodeBlock privateClass = c.privateClasses.get(i);
                    if (privateClass != null) {
                        test.add("$L.isInstance($L)", privateClass, caught);
                    } else {
                        test.add("$L instanceof $T", caught, c.types.get(i));
                    }
                }
                body.beginControlFlow("if ($L)", test.build());
                body.addStatement("thrown = $L", caught);
                jump(body, c.handler);
                body.endControlFlow();
            }
            if (r.finallyFrame != null) {
                body.addStatement("$L = $L", r.finallyFrame.exception.name, caught);
                jump(body, r.finallyFrame.entry);
                return;
            }
        }
        body.addStatement("throw $L", caught);
    }

    /** Unused-state check for tests: every block has a state. */
    static boolean allNumbered(Cfg cfg) {
        return cfg.blocks.stream().allMatch(b -> b.state >= 0) && !GraphCleanup.successors(cfg.entry).contains(null);
    }
}
