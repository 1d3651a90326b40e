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
        if (e == null || e.getKind() != ElementKind.METHOD) {
            return false;
        }
        for (AnnotationMirror a : e.getAnnotationMirrors()) {
            Element type = a.getAnnotationType().asElement();
            if (type instanceof TypeElement
                    && ((TypeElement) type).getQualifiedName().contentEquals(KnownNames.ASYNC)) {
                return true;
            }
        }
        return false;
    }
}
