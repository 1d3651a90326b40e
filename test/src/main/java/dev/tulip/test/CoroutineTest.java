package dev.tulip.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test method that is a coroutine: an {@code @Async} method returning {@code Coroutine<T>}, or
 * a plain method returning a coroutine (or any {@code Awaitable}) to run. It runs as the main task of
 * a fresh virtual-time {@link TestLoop}, kotlinx-coroutines-test's {@code runTest}:
 *
 * <pre>{@code
 * @CoroutineTest
 * @Async
 * Coroutine<Void> friesTakeFourSeconds(TestLoop loop) {
 *     String dish = await(KitchenAsync.cook("fries", 4));
 *     assertEquals(4.0, loop.currentTime());
 *     return done();
 * }
 * }</pre>
 *
 * <p>JUnit Jupiter runs only {@code void} {@code @Test} methods, so this annotation makes the method a
 * {@code @TestFactory} whose one dynamic test, named after the method, runs the coroutine; an
 * {@code @Async} method is created through its generated companion's factory ({@code KitchenTestAsync}),
 * never called directly. The test fails if the coroutine fails, if tasks it started are still pending
 * once the loop is idle (with their names and what they await), if a task's exception was never
 * retrieved, on a deadlock (with what each task awaits), and after {@link #timeoutSeconds()} of real time.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestFactory
@ExtendWith(TulipTestExtension.class)
public @interface CoroutineTest {
    /**
     * Real seconds the test may take before it fails as hung.
     *
     * @return the timeout, in seconds of real time
     */
    double timeoutSeconds() default 60;
}
