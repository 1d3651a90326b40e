package dev.tulip.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a class's tests with {@link TulipTestExtension}: every {@code @Test} method gets a fresh
 * virtual-time {@link TestLoop} (inject it as a parameter), runs on a thread of its own under a
 * real-time timeout, and fails on tasks left pending, exceptions nobody retrieved and deadlocks. Use
 * {@link CoroutineTest} for test methods that are coroutines.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(TulipTestExtension.class)
public @interface TulipTest {
    /**
     * Real seconds a test may take before it fails as hung (virtual time is not limited: a test that
     * sleeps an hour of virtual time takes no real time).
     *
     * @return the timeout, in seconds of real time
     */
    double timeoutSeconds() default 60;
}
