package dev.tulip.test;

import dev.tulip.Awaitable;
import dev.tulip.EventLoop;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link TulipTest} and {@link CoroutineTest}: gives each test a fresh
 * {@link TestLoop} (resolving {@code TestLoop} and {@link EventLoop} parameters), runs the test on it
 * under a real-time timeout, and fails the test on what it leaves behind (see {@link CoroutineTest}).
 */
public final class TulipTestExtension implements ParameterResolver, InvocationInterceptor {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TulipTestExtension.class);

    /** Creates the extension (JUnit does, through {@code @ExtendWith}). */
    public TulipTestExtension() {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return (type == TestLoop.class || type == EventLoop.class) && context.getTestMethod().isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestLoop loop = loopOf(context);
        return parameter.getParameter().getType() == EventLoop.class ? loop.loop() : loop;
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        TestLoop loop = loopOf(context);
        TestRun.run(loop, invocation::proceed, context.getDisplayName(), timeoutOf(context));
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
        interceptTestMethod(invocation, invocationContext, context);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T interceptTestFactoryMethod(Invocation<T> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
        Method method = invocationContext.getExecutable();
        Optional<CoroutineTest> marker = AnnotationSupport.findAnnotation(method, CoroutineTest.class);
        if (marker.isEmpty()) {
            return invocation.proceed(); // another extension's or a plain test factory
        }
        TestLoop loop = loopOf(context);
        Object target = invocationContext.getTarget().orElse(null);
        List<Object> arguments = invocationContext.getArguments();
        Method factory = companionFactory(method);
        Awaitable<?> main;
        if (factory != null) {
            invocation.skip(); // the @Async method's body is only the processor's input
            main = create(factory, method, target, arguments);
        } else {
            Object result = invocation.proceed();
            if (!(result instanceof Awaitable)) {
                throw new IllegalStateException("@CoroutineTest " + method + " returned " + result + ": return"
                        + " a coroutine (mark the method @Async, with tulip-processor on the annotation processor"
                        + " path of the test compilation) or another Awaitable");
            }
            main = (Awaitable<?>) result;
        }
        String name = method.getName();
        double timeout = marker.get().timeoutSeconds();
        return (T) Stream.of(DynamicTest.dynamicTest(name, () -> {
            try {
                TestRun.runMain(loop, main, name, timeout);
            } catch (Error | RuntimeException e) {
                throw e;
            } catch (Throwable e) {
                throw new AssertionError(e.getMessage(), e);
            }
        }));
    }

    /** The generated factory of an {@code @Async} test method, or null if the method is not one. */
    private static Method companionFactory(Method method) {
        Class<?> owner = method.getDeclaringClass();
        StringBuilder simple = new StringBuilder(owner.getSimpleName());
        for (Class<?> c = owner.getEnclosingClass(); c != null; c = c.getEnclosingClass()) {
            simple.insert(0, c.getSimpleName() + "_");
        }
        String packageName = owner.getPackageName();
        String companionName = (packageName.isEmpty() ? "" : packageName + ".") + simple + "Async";
        Class<?> companion;
        try {
            companion = Class.forName(companionName, false, owner.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
        int arity = method.getParameterCount() + (Modifier.isStatic(method.getModifiers()) ? 0 : 1);
        List<Method> matches = new ArrayList<>();
        for (Method m : companion.getDeclaredMethods()) {
            if (m.getName().equals(method.getName()) && Modifier.isStatic(m.getModifiers())
                    && m.getParameterCount() == arity && Awaitable.class.isAssignableFrom(m.getReturnType())) {
                matches.add(m);
            }
        }
        if (matches.size() > 1) {
            throw new IllegalStateException("@CoroutineTest " + method + ": its companion " + companionName
                    + " has several factories named " + method.getName() + "; give the test method a name of its own");
        }
        return matches.isEmpty() ? null : matches.get(0);
    }

    private static Awaitable<?> create(Method factory, Method method, Object target, List<Object> arguments)
            throws Throwable {
        List<Object> all = new ArrayList<>();
        if (!Modifier.isStatic(method.getModifiers())) {
            all.add(target);
        }
        all.addAll(arguments);
        factory.setAccessible(true);
        try {
            return (Awaitable<?>) factory.invoke(null, all.toArray());
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static TestLoop loopOf(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent("loop", key -> new TestLoop(), TestLoop.class);
    }

    private static double timeoutOf(ExtensionContext context) {
        Optional<TulipTest> onMethod = context.getTestMethod()
                .flatMap(m -> AnnotationSupport.findAnnotation(m, TulipTest.class));
        if (onMethod.isPresent()) {
            return onMethod.get().timeoutSeconds();
        }
        for (Optional<Class<?>> c = context.getTestClass(); c.isPresent();
                c = Optional.ofNullable(c.get().getEnclosingClass())) {
            Optional<TulipTest> onClass = AnnotationSupport.findAnnotation(c.get(), TulipTest.class);
            if (onClass.isPresent()) {
                return onClass.get().timeoutSeconds();
            }
        }
        return 60;
    }
}
