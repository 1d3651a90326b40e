package dev.tulip.internal;

import java.util.Objects;
import java.util.function.Function;

/**
 * Bound method references to {@code @Async} methods in generated code.
 *
 * <p>{@code client::fetch} evaluates {@code client} once, where the reference is written, and throws a
 * {@code NullPointerException} there if it is null (JLS 15.13.3). The generated equivalent calls the
 * companion's factory, {@code Bind.bind(client, r -> (a) -> ClientAsync.fetch(r, a))}, with the same
 * evaluation: the receiver is computed and checked once, and the function made from it.
 */
public final class Bind {
    private Bind() {
    }

    /**
     * Makes a function from a receiver evaluated now.
     *
     * @param receiver the method reference's receiver
     * @param make builds the function calling the factory on that receiver
     * @param <R> the receiver's type
     * @param <F> the functional interface
     * @return the function
     * @throws NullPointerException if {@code receiver} is null, as the method reference would
     */
    public static <R, F> F bind(R receiver, Function<? super R, ? extends F> make) {
        return make.apply(Objects.requireNonNull(receiver));
    }
}
