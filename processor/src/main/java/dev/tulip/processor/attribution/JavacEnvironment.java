package dev.tulip.processor.attribution;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * Finds javac's own {@link ProcessingEnvironment} behind a build tool's decorator.
 *
 * <p>Gradle runs processors declared incremental ({@code META-INF/gradle/incremental.annotation.processors})
 * with a decorated environment whose {@code Filer} records each generated file's originating elements
 * and refuses {@code getResource}. Tulip needs javac's environment for two things only, neither of
 * which changes what Gradle tracks: {@code Trees.instance}, which accepts nothing but javac's own
 * class, and the shadow compilation's reads of the libraries the user compiles against (the same class
 * files javac's {@code Elements} reads, whose changes Gradle already answers by recompiling the classes
 * that use them). Generated files are still written through the decorated {@code Filer}, so Gradle
 * records their origins. This is what Lombok does for the same reason.
 */
public final class JavacEnvironment {
    private static final String JAVAC = "com.sun.tools.javac.processing.JavacProcessingEnvironment";

    private JavacEnvironment() {
    }

    /**
     * The javac environment {@code env} is or decorates: {@code env} itself when it is javac's, else
     * the delegate found through Gradle's {@code getDelegateProcessingEnvironment()} or a field of type
     * {@code ProcessingEnvironment} (Gradle's {@code delegate}, kapt's {@code processingEnv}), followed
     * until javac's is reached; {@code env} when nothing better is found (javac's API then says what is
     * wrong).
     *
     * @param env the environment the processor was initialised with
     * @return javac's environment, or {@code env}
     */
    public static ProcessingEnvironment unwrap(ProcessingEnvironment env) {
        ProcessingEnvironment current = env;
        for (int depth = 0; depth < 8 && !isJavac(current); depth++) {
            ProcessingEnvironment inner = delegateOf(current);
            if (inner == null || inner == current) {
                return env;
            }
            current = inner;
        }
        return isJavac(current) ? current : env;
    }

    private static boolean isJavac(ProcessingEnvironment env) {
        return env.getClass().getName().equals(JAVAC);
    }

    private static ProcessingEnvironment delegateOf(ProcessingEnvironment env) {
        try {
            Method getter = env.getClass().getMethod("getDelegateProcessingEnvironment");
            getter.setAccessible(true);
            Object inner = getter.invoke(env);
            if (inner instanceof ProcessingEnvironment) {
                return (ProcessingEnvironment) inner;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // not Gradle's accessor: look for a field
        }
        for (Class<?> c = env.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (ProcessingEnvironment.class.isAssignableFrom(field.getType())) {
                    try {
                        field.setAccessible(true);
                        Object inner = field.get(env);
                        if (inner instanceof ProcessingEnvironment) {
                            return (ProcessingEnvironment) inner;
                        }
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        // inaccessible (a named module): try the next field
                    }
                }
            }
        }
        return null;
    }
}
