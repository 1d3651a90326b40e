package dev.tulip;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;

/**
 * Support for generated code: lets a companion class {@code KitchenAsync} reach the private members of
 * {@code Kitchen} that its {@code @Async} methods use, through method and var handles, without asking
 * users to widen visibility. Not meant to be called by hand.
 */
public final class PrivateAccess {
    private PrivateAccess() {
    }

    /**
     * A var handle on a field of {@code owner}.
     *
     * @param caller the companion's {@code MethodHandles.lookup()}
     * @param owner the class declaring the field
     * @param name the field's name
     * @param type the field's type
     * @param isStatic whether the field is static
     * @return the handle
     */
    public static VarHandle field(MethodHandles.Lookup caller, Class<?> owner, String name, Class<?> type,
            boolean isStatic) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(owner, caller);
            return isStatic ? lookup.findStaticVarHandle(owner, name, type) : lookup.findVarHandle(owner, name, type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach field " + owner.getName() + "." + name
                    + " from generated code: recompile both classes together", e);
        }
    }

    /**
     * A method handle on a method of {@code owner}; an instance method takes its receiver first.
     *
     * @param caller the companion's {@code MethodHandles.lookup()}
     * @param owner the class declaring the method
     * @param name the method's name
     * @param type the method's type (erased)
     * @param isStatic whether the method is static
     * @return the handle
     */
    public static MethodHandle method(MethodHandles.Lookup caller, Class<?> owner, String name, MethodType type,
            boolean isStatic) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(owner, caller);
            return isStatic ? lookup.findStatic(owner, name, type) : lookup.findVirtual(owner, name, type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach method " + owner.getName() + "." + name
                    + " from generated code: recompile both classes together", e);
        }
    }

    /**
     * A method handle on a constructor of {@code owner}.
     *
     * @param caller the companion's {@code MethodHandles.lookup()}
     * @param owner the class
     * @param type the constructor's type (returning void, erased)
     * @return the handle
     */
    public static MethodHandle constructor(MethodHandles.Lookup caller, Class<?> owner, MethodType type) {
        try {
            return MethodHandles.privateLookupIn(owner, caller).findConstructor(owner, type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach a constructor of " + owner.getName()
                    + " from generated code: recompile both classes together", e);
        }
    }

    /**
     * Rethrows what a handle threw, unchanged (the helper declares the same checked exceptions as the
     * member it calls).
     *
     * @param t the exception
     * @return never returns
     */
    public static RuntimeException rethrow(Throwable t) {
        throw Sneaky.raise(t);
    }
}
