package dev.tulip.processor.access;

import dev.tulip.processor.model.Env;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * How generated code reaches the members and names the classes that an {@code @Async} body uses: the
 * one place where the JLS accessibility rules (6.6) are applied, from the point of view of the
 * companion, a top-level class in the package of the method's class, in the same module, and a
 * subclass of nothing the user wrote.
 *
 * <ul>
 *   <li>A class can be named if it and every class around it is public, or not private and in the
 *       companion's package ({@link #canName}). Others are spelled as an accessible supertype.</li>
 *   <li>A member is used directly when it is accessible through its <em>qualifying type</em> (the
 *       static type of the receiver, or the class named for a static member), whatever class
 *       declares it: {@code sb.length()} is {@code StringBuilder}'s public method although
 *       {@code AbstractStringBuilder} declares it ({@link #isDirect}). javac writes the qualifying type
 *       into the class file (JLS 13.1), so the call resolves as the user's did.</li>
 *   <li>Otherwise through a method or var handle, looked up with the private access of a class of the
 *       user's (always possible: same package, same module): the declaring class for a private member,
 *       and, for a protected member of a superclass in another package (JLS 6.6.2), the user's class
 *       that is the subclass, with the subclass as the handle's reference class ({@link #handleSite}):
 *       a private lookup in the declaring class would need its package opened ({@code java.base} opens
 *       none).</li>
 *   <li>A static member used without a qualifier (or through a class generated code cannot name) is
 *       qualified with the innermost class around the method of which it is a member
 *       ({@link #staticQualifier}); an instance member used without a qualifier belongs to the innermost
 *       enclosing instance that has it ({@link #implicitReceiver}), which for an inner class may be
 *       the outer instance.</li>
 * </ul>
 */
public final class Access {
    private final Env env;
    private final PackageElement companionPackage;
    /** The class of the method being compiled: where every use in its body occurs. */
    private final TypeElement site;
    private boolean namesAuxiliary;

    public Access(Env env, TypeElement site) {
        this.env = env;
        this.site = site;
        this.companionPackage = env.elements.getPackageOf(site);
    }

    /**
     * JLS 6.6.1 for classes: true if generated code can name {@code type}: it, and every class around
     * it, is public, or not private and in the companion's package (a protected member class of a
     * superclass in another package cannot be named either). Local and anonymous classes are printed
     * where they are declared, so they can.
     */
    public boolean canName(Element type) {
        for (Element e = type; e != null && isClass(e); e = e.getEnclosingElement()) {
            NestingKind nesting = ((TypeElement) e).getNestingKind();
            if (nesting == NestingKind.LOCAL || nesting == NestingKind.ANONYMOUS) {
                return true;
            }
            if (!accessible(e)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Records that generated code names {@code type}; true once it has named an <em>auxiliary</em>
     * class (a top-level class declared in a file of another name), which javac's
     * {@code -Xlint:auxiliaryclass} reports wherever another file uses it: the companion then suppresses
     * that warning, which is about its own uses.
     */
    public void named(TypeElement type) {
        if (namesAuxiliary) {
            return;
        }
        TypeElement top = type;
        while (top.getEnclosingElement() instanceof TypeElement) {
            top = (TypeElement) top.getEnclosingElement();
        }
        com.sun.source.util.TreePath path = env.trees.getPath(top);
        if (path != null) {
            String file = path.getCompilationUnit().getSourceFile().getName();
            namesAuxiliary = !file.endsWith("/" + top.getSimpleName() + ".java") && !file.endsWith("\\" + top.getSimpleName() + ".java")
                    && !file.equals(top.getSimpleName() + ".java");
        }
    }

    /** True if generated code named an auxiliary class ({@link #named}). */
    public boolean namesAuxiliary() {
        return namesAuxiliary;
    }

    /**
     * JLS 6.6.1 for members: true if generated code can use {@code member} directly through a qualifier
     * of type {@code qualifying} (for a static member, the class it names; for an array, its members are
     * public). Members of local and anonymous classes are printed with their class.
     */
    public boolean isDirect(Element member, TypeMirror qualifying) {
        Element owner = member.getEnclosingElement();
        if (owner instanceof TypeElement && isLocalOrAnonymous((TypeElement) owner)) {
            return true;
        }
        if (qualifying != null && qualifying.getKind() == TypeKind.ARRAY) {
            return true;
        }
        TypeElement q = qualifying != null && qualifying.getKind() == TypeKind.DECLARED
                ? (TypeElement) ((DeclaredType) qualifying).asElement() : (TypeElement) owner;
        return canName(q) && accessible(member);
    }

    /** True if the member is accessible from the companion given an accessible qualifying type. */
    private boolean accessible(Element e) {
        if (e.getModifiers().contains(Modifier.PUBLIC)) {
            return true;
        }
        if (e.getModifiers().contains(Modifier.PRIVATE)) {
            return false;
        }
        Element owner = e.getEnclosingElement();
        if (owner != null && isClass(owner) && owner.getKind().isInterface()) {
            return true; // interface members are implicitly public
        }
        // package access, and protected access within the package (JLS 6.6.2 applies only outside it)
        return env.elements.getPackageOf(e).equals(companionPackage);
    }

    /**
     * The class in which a handle on a member that is not used directly is looked up (with that class's
     * private access, and that class as the handle's reference class), or null for the class declaring
     * the member (a private member: the user's class or a nestmate of it).
     *
     * <p>A protected member declared in another package is accessible in the body of a subclass S, and
     * for an instance member only through a qualifier of type S or a subclass (JLS 6.6.2.1): S is the
     * innermost class around the method that meets this, which javac has checked exists.
     */
    public DeclaredType handleSite(Element member, TypeMirror qualifying) {
        if (!member.getModifiers().contains(Modifier.PROTECTED)) {
            return null;
        }
        TypeElement declaring = (TypeElement) member.getEnclosingElement();
        if (env.elements.getPackageOf(declaring).equals(companionPackage)) {
            return null;
        }
        boolean instance = !member.getModifiers().contains(Modifier.STATIC) && member.getKind() != ElementKind.CONSTRUCTOR;
        for (TypeElement s = site; s != null; s = enclosingClass(s)) {
            if (!isSubclass(s, declaring)) {
                continue;
            }
            if (instance && qualifying != null && qualifying.getKind() == TypeKind.DECLARED
                    && !isSubclass((TypeElement) ((DeclaredType) qualifying).asElement(), s)) {
                continue;
            }
            return (DeclaredType) s.asType();
        }
        return null;
    }

    /**
     * The class generated code writes before a static member used without a qualifier, or with one it
     * cannot name: the innermost class around the method of which the member is a member (JLS 13.1's
     * qualifying type) and that generated code can name, else the declaring class; null if none can be
     * named (the member is then reached through a handle).
     */
    public TypeElement staticQualifier(Element member) {
        TypeElement declaring = (TypeElement) member.getEnclosingElement();
        boolean inheritable = !(declaring.getKind().isInterface() && member.getKind() == ElementKind.METHOD);
        if (inheritable) {
            for (TypeElement c = site; c != null; c = enclosingClass(c)) {
                if (isSubclass(c, declaring) && canName(c) && isDirect(member, c.asType())) {
                    return c;
                }
            }
        }
        return canName(declaring) ? declaring : null;
    }

    /**
     * The enclosing instance an instance member used without a qualifier belongs to: the innermost
     * class around the method (the method's own class first) of which it is a member. For the method's
     * class that is {@code this}; for an enclosing class of an inner class, {@code Outer.this}.
     */
    public TypeElement implicitReceiver(Element member) {
        TypeElement declaring = (TypeElement) member.getEnclosingElement();
        for (TypeElement c = site; c != null; c = enclosingClass(c)) {
            if (isSubclass(c, declaring) && env.elements.getAllMembers(c).contains(member)) {
                return c;
            }
            if (c.getModifiers().contains(Modifier.STATIC) || c.getNestingKind() == NestingKind.TOP_LEVEL) {
                break; // a static class has no enclosing instance
            }
        }
        return site;
    }

    /**
     * The enclosing instance of class {@code outer} as seen from the method's class: how many inner-class
     * hops out it is (0 for the method's own instance), or -1 if the method's class is not (transitively)
     * an inner class of a subclass of {@code outer}.
     */
    public int hopsTo(TypeElement outer) {
        int hops = 0;
        for (TypeElement c = site; c != null; c = enclosingClass(c), hops++) {
            if (isSubclass(c, outer)) {
                return hops;
            }
            if (c.getModifiers().contains(Modifier.STATIC) || c.getNestingKind() != NestingKind.MEMBER
                    || !c.getKind().isClass() || c.getKind() == ElementKind.ENUM || c.getKind() == ElementKind.RECORD) {
                return -1; // no enclosing instance beyond this class
            }
        }
        return -1;
    }

    /** The class around a member class, or null. */
    private static TypeElement enclosingClass(TypeElement c) {
        Element e = c.getEnclosingElement();
        return e instanceof TypeElement ? (TypeElement) e : null;
    }

    private boolean isSubclass(TypeElement sub, TypeElement sup) {
        return env.types.isSubtype(env.types.erasure(sub.asType()), env.types.erasure(sup.asType()));
    }

    private static boolean isClass(Element e) {
        return e.getKind().isClass() || e.getKind().isInterface();
    }

    private static boolean isLocalOrAnonymous(TypeElement c) {
        return c.getNestingKind() == NestingKind.LOCAL || c.getNestingKind() == NestingKind.ANONYMOUS;
    }
}
