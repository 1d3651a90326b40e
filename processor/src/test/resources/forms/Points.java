package forms;

import static dev.tulip.Tulip.*;

import dev.tulip.*;
import java.util.List;

/**
 * One method with an await in every context (try, catch, finally, loops, try-with-resources); each
 * await goes through point(k), which the test turns into a failure or a cancellation at exactly k.
 */
public class Points {
    /** The await number to act on, and how: "fail" raises, "cancel" suspends forever (the test cancels). */
    public static int at;
    public static String how = "none";
    /** When true, points that do nothing special still suspend through sleep(0). */
    public static boolean suspend;

    static Awaitable<Integer> point(List<String> t, int k) {
        t.add("p" + k);
        AsyncFuture<Integer> f = getRunningLoop().createFuture();
        if (k == at && how.equals("fail")) {
            f.setException(new IllegalStateException("injected " + k));
            return f;
        }
        if (k == at && how.equals("cancel")) {
            return f; // never completes: the task is cancelled while suspended here
        }
        if (suspend) {
            return PointsAsync.later(k);
        }
        f.setResult(k);
        return f;
    }

    @Async
    static Coroutine<Integer> later(int k) {
        await(sleep(0));
        return done(k);
    }

    static final class Res implements AsyncCloseable {
        private final List<String> t;

        Res(List<String> t) {
            this.t = t;
        }

        @Override
        public Awaitable<Void> aclose() {
            t.add("aclose");
            return sleep(0);
        }
    }

    @Async
    static Coroutine<String> everywhere(List<String> t) {
        try {
            await(point(t, 1));
            for (int i = 0; i < 2; i++) {
                try {
                    await(point(t, 2 + i));
                } finally {
                    t.add("loop-finally" + i);
                }
            }
            try (Res r = new Res(t)) {
                await(point(t, 4));
            }
            try {
                throw new IllegalArgumentException("x");
            } catch (IllegalArgumentException e) {
                t.add("catch");
                await(point(t, 5));
            } finally {
                t.add("finally");
                await(point(t, 6));
                t.add("after6");
            }
        } catch (CancelledError e) {
            t.add("cancelled");
            throw e;
        } catch (IllegalStateException e) {
            t.add("caught " + e.getMessage());
        } finally {
            t.add("outer-finally");
        }
        return done("end");
    }
}
