package forms;

import static dev.tulip.Tulip.*;

import dev.tulip.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Enclosing-class shapes: generic classes, member classes, interfaces; scopes; var. */
public class Shapes<E> {
    private final List<E> items = new ArrayList<>();

    Shapes(List<E> initial) {
        items.addAll(initial);
    }

    @Async
    Coroutine<E> first() {
        await(sleep(0));
        E e = items.get(0);
        return done(e);
    }

    @Async
    <R> Coroutine<List<R>> mapAll(java.util.function.Function<? super E, ? extends R> f) {
        List<R> out = new ArrayList<>();
        for (E e : items) {
            await(sleep(0));
            out.add(f.apply(e));
        }
        return done(out);
    }

    /** A static member class: companion Shapes_InnerAsync. */
    static class Inner {
        @Async
        static Coroutine<String> hello(String who) {
            await(sleep(0));
            return done("hello " + who);
        }
    }

    /** A non-static member class using its own state. */
    class Counter {
        private int count;

        @Async
        Coroutine<Integer> incrementTwice() {
            count++;
            await(sleep(0));
            count++;
            return done(count);
        }
    }

    interface Greeter {
        String name();

        @Async
        default Coroutine<String> greet() {
            await(sleep(0));
            return done("hi " + name());
        }

        @Async
        static Coroutine<String> shout(String s) {
            await(sleep(0));
            return done(s.toUpperCase());
        }
    }

    @Async
    static Coroutine<String> varAndWildcards(List<? extends Number> numbers) {
        var total = 0.0;
        for (var n : numbers) {
            await(sleep(0));
            total += n.doubleValue();
        }
        var map = new TreeMap<String, Integer>();
        map.put("x", await(Shapes.<Integer>value(1)));
        Map.Entry<String, Integer> entry = map.firstEntry();
        await(sleep(0));
        return done(total + " " + entry);
    }

    @Async
    static <T> Coroutine<T> value(T v) {
        await(sleep(0));
        return done(v);
    }

    @Async
    static Coroutine<String> taskGroup(List<String> log) {
        try (var tg = new TaskGroup()) {
            tg.createTask(logLater(log, "a", 2));
            tg.createTask(logLater(log, "b", 1));
            log.add("body");
        }
        log.add("after group");
        try {
            try (var tg = new TaskGroup()) {
                tg.createTask(logLater(log, "slow", 5));
                tg.createTask(failLater(1));
            }
        } catch (ExceptionGroup g) {
            log.add("group failed: " + g.exceptions().get(0).getMessage());
        }
        return done(String.join(",", log));
    }

    @Async
    static Coroutine<Void> logLater(List<String> log, String what, double delay) {
        try {
            await(sleep(delay));
            log.add(what);
        } catch (CancelledError e) {
            log.add(what + " cancelled");
            throw e;
        }
        return done();
    }

    @Async
    static Coroutine<Void> failLater(double delay) {
        await(sleep(delay));
        throw new IllegalStateException("boom");
    }

    @Async
    static Coroutine<String> timeoutScope() {
        String result;
        try (var scope = timeout(1)) {
            await(sleep(5));
            result = "not reached";
        } catch (TimeoutError e) {
            result = "timed out";
        }
        try (var scope = timeout(10)) {
            await(sleep(1));
            result += ", in time";
        }
        return done(result);
    }

    @Async
    static Coroutine<String> scopeWithReturn() {
        try (var scope = timeout(10)) {
            await(sleep(1));
            return done("returned through the scope");
        }
    }
}
