package forms;

import static dev.tulip.Tulip.*;

import dev.tulip.*;
import java.util.List;

/** Jumps through several exploded finally blocks, and finally blocks that replace what is pending. */
public class Finallies {
    @Async
    static Coroutine<String> labeledBreakThroughTwo(List<String> t) {
        outer:
        for (int i = 0; i < 3; i++) {
            try {
                t.add("i" + i);
                try {
                    await(sleep(0));
                    if (i == 1) {
                        break outer;
                    }
                    t.add("inner body " + i);
                } finally {
                    t.add("inner finally " + i);
                    await(sleep(0));
                }
            } finally {
                t.add("outer finally " + i);
                await(sleep(0));
            }
        }
        return done("end");
    }

    @Async
    static Coroutine<String> continueThroughTwo(List<String> t) {
        int i = 0;
        do {
            try {
                try {
                    i++;
                    await(sleep(0));
                    if (i < 3) {
                        continue;
                    }
                    t.add("last " + i);
                } finally {
                    t.add("f1 " + i);
                }
            } finally {
                await(sleep(0));
                t.add("f2 " + i);
            }
        } while (i < 3);
        return done("i=" + i);
    }

    @Async
    static Coroutine<String> returnThroughTwoWithValues(List<String> t) {
        String v = "original";
        try {
            try {
                v = await(later("awaited"));
                return done(v);
            } finally {
                v = "changed in inner finally";
                t.add("inner " + v);
            }
        } finally {
            await(sleep(0));
            t.add("outer " + v);
        }
    }

    @SuppressWarnings("finally")
    @Async
    static Coroutine<String> breakInFinallyDiscardsException(List<String> t) {
        for (int i = 0; i < 2; i++) {
            try {
                await(sleep(0));
                throw new IllegalStateException("lost " + i);
            } finally {
                t.add("finally " + i);
                break;
            }
        }
        return done("survived");
    }

    @Async
    static Coroutine<String> exceptionInFinallyReplaces(List<String> t) {
        try {
            try {
                await(sleep(0));
                throw new IllegalStateException("first");
            } finally {
                await(sleep(0));
                t.add("finally");
                if (t.size() < 100) {
                    throw new IllegalArgumentException("second");
                }
            }
        } catch (IllegalArgumentException e) {
            return done("caught " + e.getMessage() + " suppressed " + e.getSuppressed().length);
        }
    }

    @Async
    static Coroutine<String> catchRethrowsThroughFinally(List<String> t) {
        try {
            try {
                await(failing("boom"));
            } catch (IllegalStateException e) {
                t.add("catch " + e.getMessage());
                await(sleep(0));
                throw new UnsupportedOperationException("from catch", e);
            } finally {
                t.add("finally");
            }
        } catch (UnsupportedOperationException e) {
            return done(e.getMessage() + " caused by " + e.getCause().getMessage());
        }
        return done("not reached");
    }

    @Async
    static Coroutine<String> switchInsideTryFinally(List<String> t, int k) {
        try {
            switch (k) {
                case 1:
                    await(sleep(0));
                    t.add("one");
                    break;
                case 2:
                    t.add("two");
                    return done("returned " + await(later("2")));
                default:
                    t.add("default");
            }
            t.add("after switch");
        } finally {
            t.add("finally");
        }
        return done("end " + k);
    }

    @Async
    static <T> Coroutine<T> later(T v) {
        await(sleep(0));
        return done(v);
    }

    @Async
    static Coroutine<String> failing(String m) {
        await(sleep(0));
        throw new IllegalStateException(m);
    }
}
