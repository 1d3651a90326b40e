package dev.tulip.processor.model;

import com.palantir.javapoet.ClassName;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/** Naming of companion classes: {@code Kitchen} gets {@code KitchenAsync}, {@code Outer.Inner} gets {@code Outer_InnerAsync}. */
public final class Companions {
    private Companions() {
    }

    public static ClassName companionOf(TypeElement owner) {
        StringBuilder simple = new StringBuilder();
        Element e = owner;
        while (e.getKind().isClass() || e.getKind().isInterface() || e.getKind() == ElementKind.RECORD
                || e.getKind() == ElementKind.ENUM) {
            if (simple.length() > 0) {
                simple.insert(0, '_');
            }
            simple.insert(0, e.getSimpleName());
            e = e.getEnclosingElement();
        }
        while (!(e instanceof PackageElement)) {
            e = e.getEnclosingElement();
        }
        return ClassName.get(((PackageElement) e).getQualifiedName().toString(),
                simple + KnownNames.COMPANION_SUFFIX);
    }
}
