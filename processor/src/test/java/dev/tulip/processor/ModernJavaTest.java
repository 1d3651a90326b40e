package dev.tulip.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * Java 21 forms when the compiling JDK has them: pattern-matching switch (type and record patterns,
 * guards, case null) and record patterns in instanceof, printed as written inside @Async bodies.
 * Runs when the build itself runs on JDK 21 or newer (e.g. Temurin 25).
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class ModernJavaTest {
    @Test
    void patternSwitchAndRecordPatterns() throws Exception {
        Compilation c = javac().withProcessors(new TulipProcessor()).withOptions("-Xlint:all")
                .compile(JavaFileObjects.forResource("modern/Pat.java"));
        if (c.status() != Compilation.Status.SUCCESS || !c.warnings().isEmpty()) {
            throw new AssertionError(c.diagnostics().toString());
        }
        Map<String, byte[]> classes = new HashMap<>();
        for (JavaFileObject f : c.generatedFiles()) {
            if (f.getKind() == JavaFileObject.Kind.CLASS) {
                try (InputStream in = f.openInputStream()) {
                    classes.put(f.getName().replaceFirst("^/CLASS_OUTPUT/", "").replaceAll("\\.class$", "")
                            .replace('/', '.'), in.readAllBytes());
                }
            }
        }
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = classes.get(name);
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, b, 0, b.length);
            }
        };
        Class<?> pat = loader.loadClass("modern.Pat");
        Constructor<?> point = loader.loadClass("modern.Pat$Point").getDeclaredConstructor(int.class, int.class);
        point.setAccessible(true);
        Method main = pat.getMethod("main", Object.class);
        Object[] inputs = {"a", 5, 2, point.newInstance(3, 3), point.newInstance(1, 2), null, 1.5};
        String[] expected = {"sa", "big", "other", "diagonal 3 sum 6", "point 1,2 sum 3", "null!", "other"};
        String[] actual = new String[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            actual[i] = (String) main.invoke(null, inputs[i]);
        }
        assertEquals(Arrays.asList(expected), Arrays.asList(actual));
        Method suspending = pat.getMethod("suspendingMain", Object.class);
        Object[] more = {"abcdef", "ab", point.newInstance(1, 2), null, 7, 2};
        String[] expectedMore = {"long abcdef | n/a", "short ab | n/a", "point 3 a+b=3 | n/a", "null | n/a",
            "other | big 7", "other | small 2"};
        for (int i = 0; i < more.length; i++) {
            assertEquals(expectedMore[i], suspending.invoke(null, more[i]));
        }
    }
}
