package dev.tulip.internal;

import java.lang.invoke.LambdaConversionException;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Support for generated code: lets a companion class {@code KitchenAsync} reach the private members of
 * {@code Kitchen} that its {@code @Async} methods use, through method and var handles, without asking
 * users to widen visibility. Not meant to be called by hand, and not API: its methods change with the
 * processor that writes the calls (see the package documentation).
 *
 * <p>Every method acts with the caller's own {@link MethodHandles.Lookup}: it reaches only what the
 * calling class could reach itself through {@code MethodHandles.privateLookupIn}, so making this class
 * public grants nothing.
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
            MethodHandle h = isStatic ? lookup.findStatic(owner, name, type) : lookup.findVirtual(owner, name, type);
            return h.asFixedArity(); // helpers pass a varargs array as it is, never its elements
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach method " + owner.getName() + "." + name
                    + " from generated code: recompile both classes together", e);
        }
    }

    /**
     * A method handle on a method the companion can call directly, for a call whose types generated code
     * cannot write: a generic method whose bounded type parameter is given a private type
     * ({@code Collections.max(List<Kind>)}), called with its erased signature.
     *
     * @param caller the companion's {@code MethodHandles.lookup()}
     * @param owner the class declaring the method
     * @param name the method's name
     * @param type the method's type (erased)
     * @param isStatic whether the method is static
     * @return the handle
     */
    public static MethodHandle accessible(MethodHandles.Lookup caller, Class<?> owner, String name, MethodType type,
            boolean isStatic) {
        try {
            MethodHandle h = isStatic ? caller.findStatic(owner, name, type) : caller.findVirtual(owner, name, type);
            return h.asFixedArity();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach method " + owner.getName() + "." + name
                    + " from generated code: recompile both classes together", e);
        }
    }

    /**
     * A method handle that calls {@code owner}'s implementation of a method without dynamic dispatch,
     * as {@code super.name(...)} in {@code caller}'s class would: Java's {@code invokespecial}. Its
     * receiver, first, is an instance of {@code specialCaller}.
     *
     * @param caller the companion's {@code MethodHandles.lookup()}
     * @param owner the superclass (or directly implemented interface) whose implementation runs
     * @param name the method's name
     * @param type the method's type (erased)
     * @param specialCaller the class whose method says {@code super}
     * @return the handle
     */
    public static MethodHandle special(MethodHandles.Lookup caller, Class<?> owner, String name, MethodType type,
            Class<?> specialCaller) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(specialCaller, caller);
            return lookup.findSpecial(owner, name, type, specialCaller).asFixedArity();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach " + owner.getName() + "." + name + " as a super call of "
                    + specialCaller.getName() + " from generated code: recompile both classes together", e);
        }
    }

    /**
     * A method handle reading the enclosing instance of an inner class's instance: what {@code Outer.this}
     * means in the inner class's code, which generated code (another class) cannot write. Java compilers
     * keep it in a synthetic final field of the inner class whose type is the enclosing class
     * ({@code this$0} for javac and ecj); the handle reads that field. Its signature is
     * {@code (Inner)Outer}.
     *
     * @param caller the companion's {@code MethodHandles.lookup()}
     * @param inner the inner (non-static member) class
     * @return the handle
     */
    public static MethodHandle enclosingInstance(MethodHandles.Lookup caller, Class<?> inner) {
        Class<?> outer = inner.getDeclaringClass();
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(inner, caller);
            for (java.lang.reflect.Field f : inner.getDeclaredFields()) {
                if (f.isSynthetic() && f.getType() == outer && !Modifier.isStatic(f.getModifiers())) {
                    return lookup.unreflectGetter(f);
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the enclosing instance of " + inner.getName()
                    + " from generated code: recompile both classes together", e);
        }
        throw new IllegalStateException(inner.getName() + " keeps no reference to its enclosing " + outer.getName()
                + " instance: recompile it together with its generated companion");
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
            return MethodHandles.privateLookupIn(owner, caller).findConstructor(owner, type).asFixedArity();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach a constructor of " + owner.getName()
                    + " from generated code: recompile both classes together", e);
        }
    }

    /**
     * The class object of a class the companion cannot name in source (a private nested class of the
     * user's class: at run time it is a class of the same package, so the lookup can load it). The
     * type argument is the accessible type the generated code uses for values of that class.
     *
     * @param <T> the accessible supertype standing for the class in generated code
     * @param caller the companion's {@code MethodHandles.lookup()}
     * @param binaryName the class's binary name ({@code pkg.Outer$Item})
     * @return the class
     */
    @SuppressWarnings("unchecked")
    public static <T> Class<T> type(MethodHandles.Lookup caller, String binaryName) {
        try {
            return (Class<T>) caller.findClass(binaryName);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load " + binaryName
                    + " from generated code: recompile both classes together", e);
        }
    }

    /**
     * {@code value instanceof type ? value : null}: the operand of a type-pattern test against a
     * class generated code cannot name ({@code o instanceof Item i} becomes
     * {@code instance(Item$class, o) instanceof Record i} when {@code Item} is a record).
     *
     * @param type the class tested
     * @param value the value tested
     * @return the value if it is an instance of the class, else null (which no pattern matches)
     */
    public static Object instance(Class<?> type, Object value) {
        return type.isInstance(value) ? value : null;
    }

    /**
     * A one-element box around {@code value} if it is an instance of {@code type}, else null: the
     * operand of a type-pattern test whose binding can only be declared as {@code Object}, which Java
     * 17 forbids in a pattern over an {@code Object} ({@code o instanceof Item i} becomes
     * {@code match(Item$class, o) instanceof Object[] i}, and {@code i} is read as {@code i[0]}).
     *
     * @param type the class tested
     * @param value the value tested
     * @return {@code new Object[] {value}}, or null if the value is not an instance
     */
    public static Object match(Class<?> type, Object value) {
        return type.isInstance(value) ? new Object[] {value} : null;
    }

    /**
     * {@code new C[] {values...}} for a component class generated code cannot name: an array of the
     * real class, so it can be passed on to code that expects one.
     *
     * @param component the component class
     * @param values the elements
     * @return the new array
     */
    public static Object arrayOf(Class<?> component, Object... values) {
        Object array = Array.newInstance(component, values.length);
        for (int i = 0; i < values.length; i++) {
            Array.set(array, i, values[i]);
        }
        return array;
    }

    /**
     * The varargs array for a member with a variable arity parameter of a class generated code cannot
     * name: the array the caller passed if it already has that class, else a copy of the elements
     * into one (the caller's array was built by the generated call site, so nobody else sees it).
     *
     * @param arrayClass the parameter's array class
     * @param given the array built by the generated call site, or passed by the user
     * @return an array of {@code arrayClass}
     */
    public static Object varargs(Class<?> arrayClass, Object[] given) {
        if (given == null || arrayClass.isInstance(given)) {
            return given;
        }
        return arrayOf(arrayClass.getComponentType(), given);
    }

    /**
     * A method handle that makes an instance of a functional interface generated code cannot name (a
     * private nested interface of the user's class) from an instance of the companion's mirror of it,
     * whose single abstract method it calls: {@code LambdaMetafactory}, linked with the private lookup of
     * the interface's nest host, as javac links the lambdas it compiles there. The handle takes and
     * returns an {@code Object} ({@link #lambda}).
     *
     * @param caller the companion's {@code MethodHandles.lookup()}
     * @param iface the private functional interface
     * @param mirror the companion's interface with the same method, implemented by the lambda written
     * @param erased the interface method's erased type
     * @param instantiated the erased type of the method as the mirror instantiates it
     * @param bridges erased types of the methods of superinterfaces that the method overrides with
     *        another erasure, which the instance must implement too
     * @return the factory handle
     */
    public static MethodHandle lambdaFactory(MethodHandles.Lookup caller, Class<?> iface, Class<?> mirror,
            MethodType erased, MethodType instantiated, MethodType... bridges) {
        Method method = null;
        for (Method m : mirror.getMethods()) {
            if (Modifier.isAbstract(m.getModifiers())) {
                method = m;
            }
        }
        if (method == null) {
            throw new IllegalArgumentException(mirror.getName() + " has no abstract method");
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(iface.getNestHost(), caller);
            List<Object> args = new ArrayList<>(List.of(erased, lookup.unreflect(method), instantiated,
                    bridges.length == 0 ? 0 : LambdaMetafactory.FLAG_BRIDGES));
            if (bridges.length > 0) {
                args.add(bridges.length);
                args.addAll(Arrays.asList(bridges));
            }
            return LambdaMetafactory.altMetafactory(lookup, method.getName(), MethodType.methodType(iface, mirror),
                    args.toArray())
                    .getTarget().asType(MethodType.methodType(Object.class, Object.class));
        } catch (ReflectiveOperationException | LambdaConversionException e) {
            throw new IllegalStateException("cannot implement " + iface.getName()
                    + " from generated code: recompile both classes together", e);
        }
    }

    /**
     * An instance of a private functional interface implemented by {@code mirror}, an instance of the
     * companion's mirror of it (see {@link #lambdaFactory}).
     *
     * @param factory the handle {@link #lambdaFactory} made for the interface
     * @param mirror the lambda, as an instance of the mirror interface
     * @return an instance of the private interface
     */
    public static Object lambda(MethodHandle factory, Object mirror) {
        try {
            return (Object) factory.invokeExact(mirror);
        } catch (Throwable t) {
            throw sneakyThrow(t);
        }
    }

    /**
     * A value wrapped so that a record pattern can bind it unconditionally, null included: the
     * translation of a nested type pattern that matches every value of its record component
     * ({@code case Order(var dish, int qty)} on a private record {@code Order} binds {@code dish} with
     * {@code bound(dish$component) instanceof Bound(var dish)}, since {@code instanceof} alone would
     * not match a null dish).
     *
     * @param <T> the value's type
     * @param value the value, possibly null
     */
    public record Bound<T>(T value) {
    }

    /**
     * Wraps a value for {@link Bound}'s pattern.
     *
     * @param <T> the value's type
     * @param value the value, possibly null
     * @return the wrapper
     */
    public static <T> Bound<T> bound(T value) {
        return new Bound<>(value);
    }

    /**
     * True, once the argument is evaluated: the translation of an unnamed pattern {@code _}, whose
     * record component is still read.
     *
     * @param value the component's value, ignored
     * @return true
     */
    public static boolean evaluated(Object value) {
        return true;
    }

    /**
     * The ordinal of a constant of an enum generated code cannot name, or -1 for null: the selector of
     * a switch on such an enum that has a {@code case null} (which generated code labels {@code -1}).
     *
     * @param constant the constant, or null
     * @return its ordinal, or -1
     */
    public static int nullableOrdinal(Enum<?> constant) {
        return constant == null ? -1 : constant.ordinal();
    }

    /**
     * Rethrows what a handle threw, unchanged (the helper declares the same checked exceptions as the
     * member it calls).
     *
     * @param t the exception
     * @return never returns
     */
    public static RuntimeException rethrow(Throwable t) {
        throw sneakyThrow(t);
    }

    /** Throws {@code t} unchanged, checked or not; the declared return lets callers write {@code throw}. */
    private static RuntimeException sneakyThrow(Throwable t) {
        return PrivateAccess.<RuntimeException>doThrow(t);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E doThrow(Throwable t) throws E {
        throw (E) t;
    }
}
