package forms;

import static dev.tulip.Tulip.*;

import dev.tulip.*;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Every statement and expression form around awaits; each method returns a trace. */
public class Forms {
    /** When true, every v(x) really suspends (through sleep(0)); otherwise it is already done. */
    public static boolean suspend;
    static StringBuilder log = new StringBuilder();

    private int counter = 10;
    private static int statics = 100;
    int[] array = {1, 2, 3};

    static void log(Object o) {
        log.append(o).append(';');
    }

    public static String takeLog() {
        String s = log.toString();
        log.setLength(0);
        return s;
    }

    static <T> Awaitable<T> v(T value) {
        if (suspend) {
            return FormsAsync.later(value);
        }
        AsyncFuture<T> f = getRunningLoop().createFuture();
        f.setResult(value);
        return f;
    }

    @Async
    static <T> Coroutine<T> later(T value) {
        await(sleep(0));
        return done(value);
    }

    @Async
    static Coroutine<Integer> failing(String message) {
        await(sleep(0));
        throw new IllegalArgumentException(message);
    }

    static int side(String what, int value) {
        log(what);
        return value;
    }

    // ---------------- expressions ----------------

    @Async
    static Coroutine<String> arguments() {
        String s = String.format("%s-%s-%s", side("a", 1), await(v(2)), side("c", 3));
        return done(s);
    }

    @Async
    static Coroutine<Integer> receiverOrder() {
        List<Integer> list = new ArrayList<>();
        list.add(side("first", 1));
        int i = 0;
        // receiver evaluated before the await in the argument
        int r = pick(side("recv", 0)).compute(await(v(5)));
        return done(r + i + list.size());
    }

    static Calc pick(int k) {
        log("pick" + k);
        return x -> x * 10;
    }

    interface Calc {
        int compute(int x);
    }

    @Async
    static Coroutine<String> conditionals(boolean flag) {
        String a = flag ? await(v("yes")) : "no";
        String b = !flag ? "no2" : await(v("yes2"));
        boolean c = flag && await(v(true));
        boolean d = flag || await(v(false));
        boolean e = !flag && await(v(true)); // short-circuit: the await never runs when !flag is false
        return done(a + b + c + d + e);
    }

    @Async
    static Coroutine<String> compound() {
        int x = 5;
        x += await(v(3));
        int[] arr = {1, 2, 3};
        int i = 0;
        arr[i++] += await(v(10));
        arr[await(v(2))]++;
        String s = "a";
        s += await(v("b")) + await(v("c"));
        byte b = 1;
        b += await(v(2));
        long l = 1;
        l <<= await(v(3));
        return done(x + "," + arr[0] + arr[1] + arr[2] + "," + i + "," + s + "," + b + "," + l);
    }

    @Async
    static Coroutine<String> compoundReadsOldValueFirst() {
        int[] box = {1};
        box[0] += await(bump(box));
        int x = 1;
        x += await(v(x = 5)) ;
        return done(box[0] + "," + x);
    }

    @Async
    static Coroutine<Integer> bump(int[] box) {
        box[0] = 100;
        await(sleep(0));
        return done(1);
    }

    @Async
    static Coroutine<String> concatenation() {
        int n = 1;
        String s = "n=" + n + ", v=" + await(v(2)) + ", " + (n + await(v(3)));
        return done(s);
    }

    @Async
    static Coroutine<String> newAndArrays() {
        StringBuilder sb = new StringBuilder(await(v("x")));
        int[] a = new int[await(v(3))];
        a[await(v(1))] = await(v(7));
        int[] b = {await(v(4)), side("b", 5)};
        List<String> list = new ArrayList<>(List.of(await(v("p")), "q"));
        return done(sb + "," + a.length + a[1] + "," + b[0] + b[1] + "," + list);
    }

    @Async
    static Coroutine<String> patterns(Object o) {
        if (o instanceof String s && await(v(s.length())) > 2) {
            await(sleep(0));
            return done("long " + s);
        }
        Object got = await(v(o));
        if (got instanceof Integer n) {
            return done("int " + (n + 1));
        }
        return done("other");
    }

    // ---------------- statements ----------------

    @Async
    static Coroutine<String> loops() {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < 3) {
            sb.append(await(v(i)));
            i++;
        }
        do {
            sb.append('d').append(await(v(i)));
            i--;
        } while (await(v(i)) > 1);
        for (int j = 0; j < 3; j += await(v(1))) {
            sb.append('f').append(j);
        }
        for (String s : List.of("x", "y")) {
            sb.append(await(v(s)));
        }
        for (int k : new int[] {7, 8}) {
            sb.append(await(v(k)));
        }
        return done(sb.toString());
    }

    @Async
    static Coroutine<String> labeled() {
        StringBuilder sb = new StringBuilder();
        outer:
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                if (j == 2) {
                    continue outer;
                }
                if (i == 3) {
                    break outer;
                }
                sb.append(i).append(j).append(await(v(",")));
            }
        }
        block:
        {
            sb.append("in");
            if (await(v(true))) {
                break block;
            }
            sb.append("never");
        }
        return done(sb.toString());
    }

    @Async
    static Coroutine<String> switches(int k) {
        StringBuilder sb = new StringBuilder();
        switch (k) {
            case 1:
                sb.append("one");
            case 2:
                sb.append(await(v("two")));
                break;
            case 3: {
                sb.append("three");
                break;
            }
            default:
                sb.append(await(v("other")));
        }
        String e = switch (k) {
            case 1 -> await(v("e1"));
            case 2 -> {
                String t = await(v("e2"));
                yield t + "!";
            }
            default -> "ed";
        };
        switch (await(v(k))) {
            case 1, 2 -> sb.append("arrow12");
            default -> sb.append("arrowX");
        }
        return done(sb + "|" + e);
    }

    enum Color { RED, GREEN }

    @Async
    static Coroutine<String> enumSwitch(Color c) {
        switch (c) {
            case RED:
                return done(await(v("red")));
            case GREEN:
            default:
                return done("green");
        }
    }

    @Async
    static Coroutine<String> tryCatchFinally(int mode) {
        StringBuilder sb = new StringBuilder();
        try {
            sb.append("try;");
            if (mode == 1) {
                await(failing("boom"));
            }
            sb.append(await(v("ok;")));
            if (mode == 2) {
                throw new IllegalStateException("ise");
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            sb.append("catch ").append(e.getMessage()).append(';');
            sb.append(await(v("in-catch;")));
        } finally {
            sb.append(await(v("finally;")));
        }
        return done(sb.toString());
    }

    @Async
    static Coroutine<String> returnThroughFinally() {
        try {
            try {
                await(sleep(0));
                return done("from try");
            } finally {
                log("inner finally");
                await(sleep(0));
            }
        } finally {
            log("outer finally");
        }
    }

    @SuppressWarnings("finally")
    @Async
    static Coroutine<String> finallyOverrides() {
        try {
            await(sleep(0));
            throw new IllegalStateException("lost");
        } finally {
            return done("finally wins");
        }
    }

    @Async
    static Coroutine<String> breakContinueThroughFinally() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            try {
                if (i == 1) {
                    continue;
                }
                if (i == 3) {
                    break;
                }
                sb.append(await(v(i)));
            } finally {
                sb.append('f');
            }
        }
        return done(sb.toString());
    }

    @Async
    static Coroutine<String> exceptionFromAwaitedCoroutine() {
        try {
            int x = await(failing("deep"));
            return done("no " + x);
        } catch (IllegalArgumentException e) {
            return done("caught " + e.getMessage());
        }
    }

    @Async
    static Coroutine<String> uncaught() {
        await(v(1));
        throw new UnsupportedOperationException("out");
    }

    static final class Res implements AutoCloseable {
        final String name;
        final boolean failClose;

        Res(String name, boolean failClose) {
            this.name = name;
            this.failClose = failClose;
            log("open " + name);
        }

        @Override
        public void close() {
            log("close " + name);
            if (failClose) {
                throw new IllegalStateException("close " + name);
            }
        }
    }

    @Async
    static Coroutine<String> resources(boolean fail) {
        try (Res a = new Res("a", fail); Res b = new Res(await(v("b")), false)) {
            await(sleep(0));
            if (fail) {
                throw new IllegalArgumentException("body");
            }
            return done(a.name + b.name);
        } catch (IllegalArgumentException e) {
            return done("caught " + e.getMessage() + " suppressed " + e.getSuppressed().length + " "
                    + e.getSuppressed()[0].getMessage());
        }
    }

    static final class AsyncRes implements AsyncCloseable {
        final String name;

        AsyncRes(String name) {
            this.name = name;
        }

        @Override
        public Awaitable<Void> aclose() {
            log("aclose " + name);
            return sleep(0);
        }
    }

    @Async
    static Coroutine<String> asyncResources() {
        try (AsyncRes r = new AsyncRes("x"); AsyncRes s = new AsyncRes("y")) {
            await(sleep(0));
            log("body");
        }
        return done("done");
    }

    static final class Numbers implements AsyncIterable<Integer> {
        @Override
        public AsyncIterator<Integer> aiter() {
            return new AsyncIterator<>() {
                int i;

                @Override
                public Awaitable<Boolean> hasNext() {
                    return v(i < 3);
                }

                @Override
                public Integer next() {
                    return i++;
                }
            };
        }
    }

    @Async
    static Coroutine<Integer> asyncFor() {
        int sum = 0;
        for (int n : new Numbers()) {
            sum += n;
        }
        return done(sum);
    }

    @Async
    static Coroutine<String> lambdasCapture() {
        List<Supplier<String>> suppliers = new ArrayList<>();
        for (String s : List.of("a", "b", "c")) {
            String upper = await(v(s.toUpperCase()));
            suppliers.add(() -> s + upper);
            suppliers.add(new Supplier<String>() {
                @Override
                public String get() {
                    return upper.toLowerCase();
                }
            });
        }
        StringBuilder sb = new StringBuilder();
        for (Supplier<String> sup : suppliers) {
            sb.append(sup.get());
        }
        Runnable r = () -> log("lambda ran");
        await(sleep(0));
        r.run();
        return done(sb.toString());
    }

    @Async
    static Coroutine<String> localClass() {
        String prefix = await(v("p"));
        class Local {
            String tag(String x) {
                return prefix + x;
            }
        }
        return done(new Local().tag("x"));
    }

    // ---------------- members, generics, varargs, checked exceptions ----------------

    @Async
    Coroutine<String> instanceMembers() {
        counter += await(v(5));
        int before = counter;
        this.counter++;
        statics += await(v(1));
        helper(await(v("h")));
        array[await(v(0))] = 42;
        return done(before + "," + counter + "," + statics + "," + array[0] + "," + secret());
    }

    private void helper(String s) {
        log("helper " + s + " " + counter);
    }

    private String secret() {
        return "s" + counter;
    }

    @Async
    static <T extends Comparable<T>> Coroutine<T> max(List<T> items) {
        T best = null;
        for (T item : items) {
            T x = await(v(item));
            if (best == null || x.compareTo(best) > 0) {
                best = x;
            }
        }
        return done(best);
    }

    @Async
    static Coroutine<Integer> sum(int... values) {
        int s = 0;
        for (int x : values) {
            s += await(v(x));
        }
        return done(s);
    }

    @Async
    static Coroutine<String> checked(boolean fail) throws IOException {
        await(sleep(0));
        if (fail) {
            throw new IOException("io");
        }
        return done("fine");
    }

    @Async
    static Coroutine<String> catchesChecked() {
        try {
            return done(await(checked(true)));
        } catch (IOException e) {
            return done("caught " + e.getMessage());
        }
    }

    @Async
    static Coroutine<Void> voidMethod() {
        log("void");
        await(sleep(0));
        return done();
    }

    @Async
    static Coroutine<String> nested() {
        String a = await(arguments());
        int b = await(sum(1, 2, 3));
        return done(a + "/" + b + "/" + await(max(List.of(3, 9, 4))));
    }

    @Async
    static Coroutine<String> cancellable(List<String> trace) {
        try {
            trace.add("start");
            await(sleep(10));
            trace.add("not reached");
        } catch (CancelledError e) {
            trace.add("cancelled");
            await(sleep(1));
            trace.add("cleanup done");
            throw e;
        } finally {
            trace.add("finally");
        }
        return done("end");
    }

    @Async
    static Coroutine<String> exceptionDoesNotCatchCancellation(List<String> trace) {
        try {
            await(sleep(10));
        } catch (Exception e) {
            trace.add("swallowed " + e);
        } finally {
            trace.add("finally");
        }
        trace.add("after");
        return done("end");
    }

    @Async
    static Coroutine<Integer> completionStages() {
        java.util.concurrent.CompletableFuture<Integer> f = java.util.concurrent.CompletableFuture.supplyAsync(() -> 20);
        int a = await(f);
        java.util.concurrent.CompletionStage<Integer> g = f.thenApply(x -> x + 1);
        return done(a + await(g));
    }
}
