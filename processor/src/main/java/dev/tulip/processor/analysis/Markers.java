package dev.tulip.processor.analysis;

import dev.tulip.processor.model.KnownNames;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** Recognizes the runtime's markers and {@code @Async} methods from attributed elements. */
public final class Markers {
    private Markers() {
    }

    /** {@code Tulip.await(...)}, either overload. */
    public static boolean isAwait(Element e) {
        return isTulipMethod(e, KnownNames.AWAIT);
    }

    /** {@code Tulip.await(CompletionStage)}. */
    public static boolean isAwaitOfStage(Element e) {
        if (!isAwait(e)) {
            return false;
        }
        ExecutableElement m = (ExecutableElement) e;
        String param = m.getParameters().get(0).asType().toString();
        return param.startsWith(KnownNames.COMPLETION_STAGE);
    }

    /** {@code Tulip.done(...)}, either overload. */
    public static boolean isDone(Element e) {
        return isTulipMethod(e, KnownNames.DONE);
    }

    /** {@code Tulip.yield(...)}, with or without a value. */
    public static boolean isYield(Element e) {
        return isTulipMethod(e, KnownNames.YIELD);
    }

    /** {@code Tulip.yieldFrom(...)}. */
    public static boolean isYieldFrom(Element e) {
        return isTulipMethod(e, KnownNames.YIELD_FROM);
    }

    /** {@code Tulip.doneYielding(...)}. */
    public static boolean isDoneYielding(Element e) {
        return isTulipMethod(e, KnownNames.DONE_YIELDING);
    }

    /** Any suspension marker: await, yield, yieldFrom. */
    public static boolean isSuspension(Element e) {
        return isAwait(e) || isYield(e) || isYieldFrom(e);
    }

    /** A method annotated {@code @Generator.Method}. */
    public static boolean isGeneratorMethod(Element e) {
        return hasAnnotation(e, KnownNames.GENERATOR_METHOD);
    }

    /** A method the processor compiles: {@code @Async} or {@code @Generator.Method}; calls go to its factory. */
    public static boolean isCompiledMethod(Element e) {
        return isAsyncMethod(e) || isGeneratorMethod(e);
    }

    private static boolean hasAnnotation(Element e, String name) {
        if (e == null || e.getKind() != ElementKind.METHOD) {
            return false;
        }
        for (AnnotationMirror a : e.getAnnotationMirrors()) {
            Element type = a.getAnnotationType().asElement();
            if (type instanceof TypeElement && ((TypeElement) type).getQualifiedName().contentEquals(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTulipMethod(Element e, String name) {
        if (e == null || e.getKind() != ElementKind.METHOD || !e.getSimpleName().contentEquals(name)) {
            return false;
        }
        Element owner = e.getEnclosingElement();
        return owner instanceof TypeElement
                && ((TypeElement) owner).getQualifiedName().contentEquals(KnownNames.TULIP);
    }

    /** A method annotated {@code @Async} (from source or from a class file). */
    public static boolean isAsyncMethod(Element e) {
        return hasAnnotation(e, KnownNames.ASYNC);
    }
}
