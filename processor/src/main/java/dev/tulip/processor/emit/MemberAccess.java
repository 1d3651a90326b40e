package dev.tulip.processor.emit;

import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.util.Elements;

/**
 * Decides whether generated code (a top-level class in the package of the {@code @Async} method's
 * class) can reach a member directly.
 */
public final class MemberAccess {
    private final Elements elements;
    private final PackageElement companionPackage;

    public MemberAccess(Elements elements, PackageElement companionPackage) {
        this.elements = elements;
        this.companionPackage = companionPackage;
    }

    /** True if the member and every class enclosing it are accessible from the companion class. */
    public boolean isAccessible(Element member) {
        for (Element e = member; e != null && e.getKind() != ElementKind.PACKAGE; e = e.getEnclosingElement()) {
            if (e.getKind() == ElementKind.METHOD || e.getKind() == ElementKind.CONSTRUCTOR
                    || e.getKind() == ElementKind.FIELD || e.getKind() == ElementKind.ENUM_CONSTANT
                    || e.getKind().isClass() || e.getKind().isInterface() || e.getKind() == ElementKind.RECORD
                    || e.getKind() == ElementKind.ENUM) {
                if (!isAccessibleModifiers(e)) {
                    return false;
                }
            } else {
                // Members of local classes: reachable where the class is in scope.
                return true;
            }
        }
        return true;
    }

    private boolean isAccessibleModifiers(Element e) {
        if (e.getModifiers().contains(Modifier.PUBLIC)) {
            return true;
        }
        if (e.getModifiers().contains(Modifier.PRIVATE)) {
            return false;
        }
        // Package-private and protected: the companion is in the same package or nothing.
        return elements.getPackageOf(e).equals(companionPackage)
                || e.getEnclosingElement().getKind().isInterface(); // interface members are implicitly public
    }
}
