package dev.tulip;

import java.lang.ref.Cleaner;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Debug mode's watch over coroutines: each one created while debug mode is on remembers where it was
 * created, and one that is garbage-collected without ever being awaited or scheduled is reported with
 * that place (Python's "coroutine ... was never awaited" with the creation traceback).
 *
 * <p>Debug mode is on with the system property {@code tulip.debug=true}, {@code run(main, true)} or
 * {@link EventLoop#setDebug(boolean)}; it costs nothing per coroutine when off.
 */
final class DebugTracking {
    private static final System.Logger LOG = System.getLogger("dev.tulip");
    private static final Cleaner CLEANER = Cleaner.create();
    private static final boolean PROPERTY = Boolean.getBoolean("tulip.debug");
    /** Read on every coroutine creation: plain static, a debug switch needs no fencing. */
    static boolean enabled = PROPERTY;
    /** Loops in debug mode that are not closed: tracking stays on while there is one. */
    private static int debugLoops;
    private static final Map<Coroutine<?>, Watch> WATCHED = new WeakHashMap<>();

    private DebugTracking() {
    }

    /** What a watched coroutine leaves behind for the cleaner: its name, origin, and whether it ran. */
    private static final class Watch implements Runnable {
        private final String name;
        private final Throwable origin;
        private volatile boolean started;

        Watch(String name, Throwable origin) {
            this.name = name;
            this.origin = origin;
        }

        @Override
        public void run() {
            if (!started) {
                LOG.log(System.Logger.Level.WARNING, "coroutine '" + name + "' was never awaited: a coroutine does"
                        + " nothing until it is awaited or wrapped in a task (createTask). It was created here:", origin);
            }
        }
    }

    /** A loop entered debug mode. */
    static synchronized void loopDebugOn() {
        debugLoops++;
        enabled = true;
    }

    /** A loop left debug mode (or closed while in it). */
    static synchronized void loopDebugOff() {
        if (debugLoops > 0) {
            debugLoops--;
        }
        enabled = PROPERTY || debugLoops > 0;
    }

    static void created(Coroutine<?> c) {
        // name() of a generated machine is a constant ("Main.log", the user's method), safe to ask for
        // from Coroutine's constructor; the class (MainAsync$Log) means nothing to the reader.
        String name;
        try {
            name = c.name();
        } catch (RuntimeException e) {
            name = c.getClass().getName();
        }
        Watch w = new Watch(name, new Throwable("coroutine created here"));
        synchronized (WATCHED) {
            WATCHED.put(c, w);
        }
        CLEANER.register(c, w);
    }

    static void started(Coroutine<?> c) {
        Watch w;
        synchronized (WATCHED) {
            w = WATCHED.remove(c);
        }
        if (w != null) {
            w.started = true;
        }
    }
}
