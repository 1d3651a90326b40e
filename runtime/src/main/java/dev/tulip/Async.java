package dev.tulip;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a coroutine method: Python's {@code async def}.
 *
 * <p>The method returns {@link Coroutine Coroutine&lt;T&gt;}, may call {@link Tulip#await await(...)}
 * anywhere in its body and finishes with {@code return done(value);}. Tulip's annotation processor
 * compiles it into a resumable state machine in a companion class {@code <SimpleName>Async}, whose
 * static factory of the same name is what callers use:
 *
 * <pre>{@code
 * @Async
 * static Coroutine<String> cook(String dish, double seconds) {
 *     await(sleep(seconds));
 *     return done(dish);
 * }
 * // elsewhere: String ready = run(KitchenAsync.cook("burger", 1));
 * }</pre>
 *
 * <p>Inside {@code @Async} bodies, calls to other {@code @Async} methods are routed to their factories
 * automatically; plain code must call the factory itself.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Async {
}
