package dev.tulip.processor.analysis;

import dev.tulip.processor.model.Env;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * What javac attributes when it attributes a class during annotation processing: the class's
 * top-level class (enclosing classes come first, and a class's member classes with it) and those of its
 * superclasses that have source in this compilation. The checks of what javac cannot attribute twice
 * ({@link RecordConstructorCheck}, {@link AnonymousVarCheck}) look at all of them.
 */
public final class AttributedClasses {
    private AttributedClasses() {
    }

    /**
     * The classes javac attributes along with {@code c}: attributing a class first attributes its
     * enclosing classes and its superclasses, so every top-level class of those that has source here.
     */
    public static Set<TypeElement> with(Env env, TypeElement c) {
        Set<TypeElement> tops = new LinkedHashSet<>();
        Deque<TypeElement> work = new ArrayDeque<>();
        Set<TypeElement> seen = new HashSet<>();
        work.add(c);
        while (!work.isEmpty()) {
            TypeElement t = work.poll();
            if (!seen.add(t) || env.trees.getPath(t) == null) {
                continue;
            }
            TypeElement top = t;
            for (Element e = t; e instanceof TypeElement; e = e.getEnclosingElement()) {
                top = (TypeElement) e;
                TypeMirror sup = top.getSuperclass();
                if (sup.getKind() == TypeKind.DECLARED) {
                    work.add((TypeElement) ((DeclaredType) sup).asElement());
                }
            }
            tops.add(top);
        }
        return tops;
    }

}
