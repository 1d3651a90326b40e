package dev.tulip;

import static dev.tulip.Coros.seq;
import static dev.tulip.Coros.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Small asyncio programs mixing gather, wait, as_completed, TaskGroup, timeout and sleep, translated
 * to Tulip: they must print exactly what CPython prints. The expected traces follow from CPython's
 * {@code asyncio} (one {@code _run_once} iteration runs what was ready when it began; a task woken by a
 * future or a timer runs one iteration later; done callbacks are scheduled, never run inline) and were
 * checked by running the Python programs quoted in each test (CPython 3.11; the programs avoid the few
 * places where 3.12 schedules differently).
 */
class AsyncioTraceTest {
    private final List<String> out = new ArrayList<>();
    private final EventLoop loop = EventLoop.virtualTime();

    /** Python's {@code repr} of the values printed here. */
    static String py(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof String) {
            return "'" + v + "'";
        }
        if (v instanceof List) {
            StringBuilder sb = new StringBuilder("[");
            for (Object x : (List<?>) v) {
                sb.append(sb.length() > 1 ? ", " : "").append(py(x));
            }
            return sb.append(']').toString();
        }
        return String.valueOf(v);
    }

    /**
     * <pre>{@code
     * @Async static Coroutine<String> worker(String name, double delay) {   // async def worker(name, delay):
     *     print(name + " start");                                              //     print(f"{name} start")
     *     await(sleep(delay));                                                 //     await asyncio.sleep(delay)
     *     print(name + " step");                                               //     print(f"{name} step")
     *     await(sleep(0));                                                     //     await asyncio.sleep(0)
     *     print(name + " end");                                                //     print(f"{name} end")
     *     return done(name.toUpperCase());                                     //     return name.upper()
     * }}</pre>
     */
    final class Worker extends Coroutine<String> {
        private final String name;
        private final double delay;

        Worker(String name, double delay) {
            this.name = name;
            this.delay = delay;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            if (thrown != null) {
                throw thrown;
            }
            switch (state) {
                case 0:
                    out.add(name + " start");
                    state = 1;
                    return Tulip.sleep(delay);
                case 1:
                    out.add(name + " step");
                    state = 2;
                    return Tulip.sleep(0);
                case 2:
                    out.add(name + " end");
                    return complete(name.toUpperCase());
                default:
                    throw new IllegalStateException("resumed in state " + state);
            }
        }
    }

    /**
     * <pre>{@code
     * @Async static Coroutine<Void> ticker(int n) {     // async def ticker(n):
     *     for (int i = 0; i < n; i++) {                 //     for i in range(n):
     *         print("tick " + i);                       //         print(f"tick {i}")
     *         await(sleep(0));                          //         await asyncio.sleep(0)
     *     }
     *     return done();
     * }}</pre>
     */
    final class Ticker extends Coroutine<Void> {
        private final int n;
        private int i;

        Ticker(int n) {
            this.n = n;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            if (thrown != null) {
                throw thrown;
            }
            if (state == 1) {
                i++;
            }
            if (i < n) {
                out.add("tick " + i);
                state = 1;
                return Tulip.sleep(0);
            }
            return complete(null);
        }
    }

    /**
     * The program, in Python:
     * <pre>{@code
     * async def main():
     *     t = asyncio.create_task(ticker(4))
     *     print("main gather")
     *     r = await asyncio.gather(worker("a", 0.2), worker("b", 0.1), asyncio.sleep(0))
     *     print("gathered", r)
     *     t2 = asyncio.create_task(worker("c", 0.3))
     *     t3 = asyncio.create_task(worker("d", 0.1))
     *     done, pending = await asyncio.wait([t2, t3], return_when=asyncio.FIRST_COMPLETED)
     *     print("done", [f.result() for f in done], "pending", len(pending))
     *     for f in asyncio.as_completed([t2, worker("e", 0.1)]):
     *         print("as_completed", await f)
     *     print("main end")
     * }</pre>
     * and in Tulip, the state machine of the same {@code @Async} method.
     */
    final class Main1 extends Coroutine<Void> {
        private Task<String> t2;
        private Task<String> t3;
        private Iterator<Awaitable<String>> f$iterator;

        @Override
        @SuppressWarnings("unchecked")
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            if (thrown != null) {
                throw thrown;
            }
            for (;;) {
                switch (state) {
                    case 0:
                        Tulip.createTask(new Ticker(4));
                        out.add("main gather");
                        state = 1;
                        return Tulip.gather(new Worker("a", 0.2), new Worker("b", 0.1), Tulip.sleep(0));
                    case 1: {
                        out.add("gathered " + py(sent));
                        t2 = Tulip.createTask(new Worker("c", 0.3));
                        t3 = Tulip.createTask(new Worker("d", 0.1));
                        state = 2;
                        return Tulip.wait(List.of(t2, t3), ReturnWhen.FIRST_COMPLETED);
                    }
                    case 2: {
                        WaitResult<String> r = (WaitResult<String>) sent;
                        List<String> results = new ArrayList<>();
                        for (AsyncFuture<String> f : r.done()) {
                            results.add(f.result());
                        }
                        out.add("done " + py(results) + " pending " + r.pending().size());
                        f$iterator = Tulip.asCompleted(List.of(t2, new Worker("e", 0.1))).iterator();
                        state = 4;
                        continue;
                    }
                    case 3:
                        out.add("as_completed " + sent);
                        state = 4;
                        continue;
                    case 4:
                        if (f$iterator.hasNext()) {
                            state = 3;
                            return f$iterator.next();
                        }
                        out.add("main end");
                        return complete(null);
                    default:
                        throw new IllegalStateException("resumed in state " + state);
                }
            }
        }
    }

    @Test
    void gatherWaitAsCompletedAndSleepInterleaveAsInAsyncio() {
        Tulip.run(new Main1(), loop);
        assertEquals(List.of(
                "main gather",
                "tick 0",
                "a start",
                "b start",
                "tick 1",
                "tick 2",
                "tick 3",
                "b step",
                "b end",
                "a step",
                "a end",
                "gathered ['A', 'B', None]",
                "c start",
                "d start",
                "d step",
                "d end",
                "done ['D'] pending 1",
                "e start",
                "e step",
                "e end",
                "as_completed E",
                "c step",
                "c end",
                "as_completed C",
                "main end"), out);
        assertEquals(0.5, loop.time(), 1e-9);
    }

    /**
     * <pre>{@code
     * @Async static Coroutine<String> child(String name, double delay, boolean fail) {
     *     print(name + " start");                       // async def child(name, delay, fail=False):
     *     try {                                         //     print(f"{name} start")
     *         await(sleep(delay));                      //     try:
     *         if (fail) {                               //         await asyncio.sleep(delay)
     *             print(name + " fails");               //         if fail:
     *             throw new IllegalArgumentException(name);   //         print(f"{name} fails"); raise ValueError(name)
     *         }                                         //         print(f"{name} done")
     *         print(name + " done");                    //         return name
     *         return done(name);                        //     except asyncio.CancelledError:
     *     } catch (CancelledError e) {                  //         print(f"{name} cancelled")
     *         print(name + " cancelled");               //         await asyncio.sleep(0)
     *         await(sleep(0));                          //         print(f"{name} cleaned")
     *         print(name + " cleaned");                 //         raise
     *         throw e;
     *     }
     * }}</pre>
     */
    final class Child extends Coroutine<String> {
        private final String name;
        private final double delay;
        private final boolean fail;
        private Throwable e;

        Child(String name, double delay, boolean fail) {
            this.name = name;
            this.delay = delay;
            this.fail = fail;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            switch (state) {
                case 0:
                    out.add(name + " start");
                    state = 1;
                    return Tulip.sleep(delay);
                case 1:
                    if (thrown instanceof CancelledError) {
                        e = thrown;
                        out.add(name + " cancelled");
                        state = 2;
                        return Tulip.sleep(0);
                    }
                    if (thrown != null) {
                        throw thrown;
                    }
                    if (fail) {
                        out.add(name + " fails");
                        throw new IllegalArgumentException(name);
                    }
                    out.add(name + " done");
                    return complete(name);
                case 2:
                    if (thrown != null) {
                        throw thrown;
                    }
                    out.add(name + " cleaned");
                    throw e;
                default:
                    throw new IllegalStateException("resumed in state " + state);
            }
        }
    }

    /**
     * The program, in Python:
     * <pre>{@code
     * async def main():
     *     try:
     *         async with asyncio.TaskGroup() as tg:
     *             tg.create_task(child("a", 0.1))
     *             tg.create_task(child("b", 0.2, fail=True))
     *             tg.create_task(child("c", 0.3))
     *             print("body sleeps")
     *             await asyncio.sleep(1)
     *             print("body not reached")
     *     except* ValueError as eg:
     *         print("caught", [str(e) for e in eg.exceptions])
     *     print("cancelling", asyncio.current_task().cancelling())
     *     try:
     *         async with asyncio.timeout(0.1):
     *             await asyncio.gather(child("d", 0.5), child("e", 0.05))
     *     except TimeoutError:
     *         print("timed out")
     *     f = asyncio.create_task(child("f", 0.1))
     *     g = asyncio.create_task(child("g", 0.3))
     *     done, pending = await asyncio.wait([f, g], timeout=0.2)
     *     print("wait", len(done), len(pending))
     *     g.cancel()
     *     rest = await asyncio.gather(f, g, return_exceptions=True)
     *     print("rest", [type(x).__name__ for x in rest])
     *     print("main end")
     * }</pre>
     * In Tulip, with the {@code async with} blocks lowered as the processor does ({@link Coros#with}).
     */
    @Test
    void taskGroupTimeoutAndWaitInterleaveAsInAsyncio() {
        Task<?>[] fg = new Task<?>[2];
        Tulip.run(seq(
                o -> with(TaskGroup::new, tg -> {
                    tg.createTask(new Child("a", 0.1, false));
                    tg.createTask(new Child("b", 0.2, true));
                    tg.createTask(new Child("c", 0.3, false));
                    out.add("body sleeps");
                    return seq(p -> Tulip.sleep(1), p -> {
                        p.get();
                        out.add("body not reached");
                        return null;
                    });
                }),
                o -> {
                    if (o.error() instanceof ExceptionGroup) {
                        List<String> messages = new ArrayList<>();
                        for (Throwable e : ((ExceptionGroup) o.error()).exceptions()) {
                            messages.add(e.getMessage());
                        }
                        out.add("caught " + py(messages));
                    } else {
                        o.get();
                    }
                    out.add("cancelling " + Tulip.currentTask().cancelling());
                    return with(() -> Tulip.timeout(0.1),
                            t -> Tulip.gather(new Child("d", 0.5, false), new Child("e", 0.05, false)));
                },
                o -> {
                    if (o.error() instanceof TimeoutError) {
                        out.add("timed out");
                    } else {
                        o.get();
                    }
                    fg[0] = Tulip.createTask(new Child("f", 0.1, false));
                    fg[1] = Tulip.createTask(new Child("g", 0.3, false));
                    return Tulip.wait(List.of(fg[0], fg[1]), 0.2);
                },
                o -> {
                    WaitResult<?> r = (WaitResult<?>) o.get();
                    out.add("wait " + r.done().size() + " " + r.pending().size());
                    fg[1].cancel();
                    return Tulip.gatherReturnExceptions(fg[0], fg[1]);
                },
                o -> {
                    List<String> types = new ArrayList<>();
                    for (Object x : (List<?>) o.get()) {
                        types.add(x instanceof String ? "str" : x.getClass().getSimpleName());
                    }
                    out.add("rest " + py(types));
                    out.add("main end");
                    return null;
                }), loop);
        assertEquals(List.of(
                "body sleeps",
                "a start",
                "b start",
                "c start",
                "a done",
                "b fails",
                "c cancelled",
                "c cleaned",
                "caught ['b']",
                "cancelling 0",
                "d start",
                "e start",
                "e done",
                "d cancelled",
                "d cleaned",
                "timed out",
                "f start",
                "g start",
                "f done",
                "wait 1 1",
                "g cancelled",
                "g cleaned",
                "rest ['str', 'CancelledError']",
                "main end"), out);
    }

    /**
     * <pre>{@code
     * @Async static Coroutine<String> w(String n, int k) {     // async def w(n, k):
     *     for (int i = 0; i < k; i++) {                         //     for i in range(k):
     *         print(n + " " + i);                               //         print(n, i)
     *         await(sleep(0));                                  //         await asyncio.sleep(0)
     *     }                                                     //     return n
     *     return done(n);
     * }}</pre>
     */
    final class W extends Coroutine<String> {
        private final String n;
        private final int k;
        private int i;

        W(String n, int k) {
            this.n = n;
            this.k = k;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            if (thrown != null) {
                throw thrown;
            }
            if (state == 1) {
                i++;
            }
            if (i < k) {
                out.add(n + " " + i);
                state = 1;
                return Tulip.sleep(0);
            }
            return complete(n);
        }
    }

    /**
     * Done callbacks, a future set by another task, and tasks that all yield in the same iterations:
     * <pre>{@code
     * async def main():
     *     loop = asyncio.get_running_loop()
     *     fut = loop.create_future()
     *     fut.add_done_callback(lambda f: print("fut cb"))
     *     async def setter():
     *         print("setter")
     *         fut.set_result("F")
     *         print("set")
     *     g = asyncio.gather(w("x", 3), w("y", 1), fut)
     *     asyncio.create_task(setter())
     *     g.add_done_callback(lambda f: print("gather cb"))
     *     print("await", await g)
     *     t = asyncio.create_task(w("z", 5))
     *     done, pending = await asyncio.wait([t, asyncio.create_task(w("q", 2))],
     *                                        return_when=asyncio.FIRST_COMPLETED)
     *     print("first", [f.result() for f in done])
     *     t.cancel()
     *     try:
     *         await t
     *     except asyncio.CancelledError:
     *         print("z cancelled")
     *     print("end")
     * }</pre>
     */
    @Test
    void sameIterationOrderingMatchesAsyncio() {
        Task<?>[] t = new Task<?>[1];
        Tulip.run(seq(
                o -> {
                    AsyncFuture<String> fut = loop.createFuture();
                    fut.addDoneCallback(f -> out.add("fut cb"));
                    AsyncFuture<List<String>> g = Tulip.gather(new W("x", 3), new W("y", 1), fut);
                    Tulip.createTask(seq(p -> {
                        out.add("setter");
                        fut.setResult("F");
                        out.add("set");
                        return null;
                    }));
                    g.addDoneCallback(f -> out.add("gather cb"));
                    return g;
                },
                o -> {
                    out.add("await " + py(o.get()));
                    t[0] = Tulip.createTask(new W("z", 5));
                    return Tulip.wait(List.of(t[0], Tulip.createTask(new W("q", 2))), ReturnWhen.FIRST_COMPLETED);
                },
                o -> {
                    List<Object> results = new ArrayList<>();
                    for (AsyncFuture<?> f : ((WaitResult<?>) o.get()).done()) {
                        results.add(f.result());
                    }
                    out.add("first " + py(results));
                    t[0].cancel();
                    return t[0];
                },
                o -> {
                    if (o.error() instanceof CancelledError) {
                        out.add("z cancelled");
                    } else {
                        o.get();
                    }
                    out.add("end");
                    return null;
                }), loop);
        assertEquals(List.of(
                "x 0",
                "y 0",
                "setter",
                "set",
                "x 1",
                "fut cb",
                "x 2",
                "gather cb",
                "await ['x', 'y', 'F']",
                "z 0",
                "q 0",
                "z 1",
                "q 1",
                "z 2",
                "z 3",
                "z 4",
                "first ['q']",
                "z cancelled",
                "end"), out);
        assertEquals(0.0, loop.time());
    }
}
