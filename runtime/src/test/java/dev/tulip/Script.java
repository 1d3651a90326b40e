package dev.tulip;

import java.util.List;
import java.util.function.Supplier;

/**
 * A hand-written coroutine whose steps are lambdas: step {@code i} runs in state {@code i}, receives
 * the outcome of the awaitable that step {@code i - 1} returned, and returns the next awaitable (or
 * null to go straight on to the next step). It completes with null after the last step. Handy for
 * scheduling-order tests; it follows the state-machine contract like generated code.
 */
final class Script extends Coroutine<Void> {
    /** One step between two awaits. */
    @FunctionalInterface
    interface Step {
        /**
         * Runs the step.
         *
         * @param sent the value of the previous await
         * @param thrown the exception of the previous await, which the step must rethrow or handle
         * @return the next awaitable, or null
         */
        Awaitable<?> run(Object sent, Throwable thrown) throws Throwable;
    }

    private final Step[] steps;
    private final String name;

    private Script(String name, Step[] steps) {
        this.name = name;
        this.steps = steps;
    }

    static Script of(Step... steps) {
        return new Script("script", steps);
    }

    static Script named(String name, Step... steps) {
        return new Script(name, steps);
    }

    /** A step that rethrows what the previous await raised, then returns the supplier's awaitable. */
    static Step then(Supplier<Awaitable<?>> next) {
        return (sent, thrown) -> {
            if (thrown != null) {
                throw thrown;
            }
            return next.get();
        };
    }

    /** A step that rethrows what the previous await raised, then runs an action (no await). */
    static Step run(Runnable action) {
        return (sent, thrown) -> {
            if (thrown != null) {
                throw thrown;
            }
            action.run();
            return null;
        };
    }

    /** A step that logs the previous await's outcome: its value, or the simple name of its exception. */
    static Step record(String prefix, List<String> log) {
        return (sent, thrown) -> {
            log.add(prefix + (thrown != null ? thrown.getClass().getSimpleName() : String.valueOf(sent)));
            return null;
        };
    }

    @Override
    protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
        while (state < steps.length) {
            Awaitable<?> next = steps[state++].run(sent, thrown);
            sent = null;
            thrown = null;
            if (next != null) {
                return next;
            }
        }
        if (thrown != null) {
            throw thrown;
        }
        return complete(null);
    }

    @Override
    protected String name() {
        return name;
    }
}
