package dev.tulip.processor.model;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/** One {@code @Async} or generator method being compiled, with everything the stages need to know about it. */
public final class AsyncMethod {
    /** What the method compiles into. */
    public enum Kind {
        /** {@code @Async} returning {@code Coroutine<T>}: awaits. */
        COROUTINE,
        /** {@code @Generator.Method} returning {@code Generator<T>}: yields and delegates. */
        GENERATOR,
        /** {@code @Async} returning {@code AsyncGenerator<T>}: awaits and yields. */
        ASYNC_GENERATOR;

        public boolean awaits() {
            return this != GENERATOR;
        }

        public boolean yields() {
            return this != COROUTINE;
        }
    }

    public final Kind kind;
    public final ExecutableElement element;
    public final TypeElement owner;
    public final TreePath path;
    public final MethodTree tree;
    public final CompilationUnitTree unit;
    /** The companion class holding the factory and the state machine. */
    public final ClassName companion;
    /** The {@code T} of {@code Coroutine<T>}. */
    public final TypeMirror resultType;
    /** Simple name of the state-machine class, unique within the companion. */
    public String machineName;

    public AsyncMethod(ExecutableElement element, TreePath path, TypeMirror resultType, Kind kind) {
        this.kind = kind;
        this.element = element;
        this.owner = (TypeElement) element.getEnclosingElement();
        this.path = path;
        this.tree = (MethodTree) path.getLeaf();
        this.unit = path.getCompilationUnit();
        this.companion = Companions.companionOf(owner);
        this.resultType = resultType;
    }

    public boolean isStatic() {
        return element.getModifiers().contains(Modifier.STATIC);
    }

    /** {@code Kitchen.cook}: how diagnostics and the coroutine's name refer to the method. */
    public String displayName() {
        return owner.getSimpleName() + "." + element.getSimpleName();
    }

    /** The source file's simple name, for {@code // Kitchen.java:17} comments. */
    public String fileName() {
        String uri = unit.getSourceFile().getName();
        int slash = Math.max(uri.lastIndexOf('/'), uri.lastIndexOf('\\'));
        return uri.substring(slash + 1);
    }
}
