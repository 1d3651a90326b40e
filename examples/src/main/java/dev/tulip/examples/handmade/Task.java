package dev.tulip.examples.handmade;

import dev.tulip.Generator;
import dev.tulip.StopIteration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seed 001, section 3 ("Une boucle événementielle, c'est essentiel") and 4.3 ("Annulation d'une
 * tâche"): the hand-made {@code Task} that drives a generator-based coroutine one step at a time and
 * records its status, return value or error. Not Tulip's {@link dev.tulip.Task}: this is the seed's
 * model of it, over a {@link Generator}.
 *
 * <pre>{@code
 * STATUS_NEW = 'NEW'
 * STATUS_RUNNING = 'RUNNING'
 * STATUS_FINISHED = 'FINISHED'
 * STATUS_ERROR = 'ERROR'
 * STATUS_CANCELLED = 'CANCELLED'        # added in 4.3
 *
 * class Task:
 *     def __init__(self, coro):
 *         self.coro = coro # Coroutine à exécuter
 *         self.name = coro.__name__
 *         self.status = STATUS_NEW # Statut de la tâche
 *         self.return_value = None # Valeur de retour de la coroutine
 *         self.error_value = None # Exception levée par la coroutine
 *
 *     # Exécute la tâche jusqu'à la prochaine pause
 *     def run(self):
 *         try:
 *             # On passe la tâche à l'état RUNNING et on l'exécute jusqu'à
 *             # la prochaine suspension de la coroutine.
 *             self.status = STATUS_RUNNING
 *             next(self.coro)
 *         except StopIteration as err:
 *             # Si la coroutine se termine, la tâche passe à l'état FINISHED
 *             # et on récupère sa valeur de retour.
 *             self.status = STATUS_FINISHED
 *             self.return_value = err.value
 *         except Exception as err:
 *             # Si une autre exception est levée durant l'exécution de la
 *             # coroutine, la tâche passe à l'état ERROR, et on récupère
 *             # l'exception pour laisser l'utilisateur la traiter.
 *             self.status = STATUS_ERROR
 *             self.error_value = err
 *
 *     def is_done(self):
 *         return self.status in {STATUS_FINISHED, STATUS_ERROR}
 *
 *     def __repr__(self):
 *         result = ''
 *         if self.is_done():
 *             result = " ({!r})".format(self.return_value or self.error_value)
 *         return "<Task '{}' [{}]{}>".format(self.name, self.status, result)
 *
 *     def cancel(self):                  # added in 4.3
 *         if self.is_done():
 *             # Inutile d'annuler une tâche déjà terminée
 *             return
 *         self.status = STATUS_CANCELLED
 *
 *     def is_cancelled(self):
 *         return self.status == STATUS_CANCELLED
 * }</pre>
 *
 * <p>This is the class in its final form, with section 4.3's cancellation. The port's choices:
 * <ul>
 *   <li>{@code coro.__name__} is the name of the function that made the generator; here, the Java
 *       method's, read from the generator's description, since {@link Generator} has no public
 *       accessor for it: {@code <generator TicTac.ticTac>} gives {@code ticTac}. (Tulip's processor
 *       does not yet give generated generators their method's name: they describe themselves by their
 *       state machine's class, the method's name capitalized, {@code <generator TicTac>}; the name is
 *       then that one, decapitalized.)</li>
 *   <li>{@code repr(value)} is written as Tulip's own tasks do: a string in single quotes
 *       ({@code 'Boom!'}), {@code null} for Python's {@code None}, an exception as its
 *       {@code toString()}.</li>
 *   <li>{@code except Exception} is {@code catch (Exception e)} after {@code catch (StopIteration)}:
 *       {@link StopIteration} is itself a {@code RuntimeException}, so it is caught first, as in the
 *       seed.</li>
 *   <li>As in the seed, cancelling only marks the task: its generator stays suspended where it was,
 *       and the {@link Loop} drops it the next time it comes up. (Tulip's real tasks raise a
 *       {@link dev.tulip.CancelledError} inside the coroutine instead, so that it can clean up.)</li>
 * </ul>
 */
public final class Task {
    /** Created, not run yet. */
    public static final String STATUS_NEW = "NEW";
    /** Run at least once, not finished. */
    public static final String STATUS_RUNNING = "RUNNING";
    /** The generator returned: {@link #returnValue()} holds its return value. */
    public static final String STATUS_FINISHED = "FINISHED";
    /** The generator raised: {@link #errorValue()} holds the exception. */
    public static final String STATUS_ERROR = "ERROR";
    /** Cancelled before it finished (section 4.3). */
    public static final String STATUS_CANCELLED = "CANCELLED";

    private static final Pattern GENERATOR_NAME = Pattern.compile("<generator ([\\w$.]+)");

    private final Generator<?> coro;
    private final String name;
    private String status = STATUS_NEW;
    private Object returnValue;
    private Exception errorValue;

    /**
     * Wraps a generator-based coroutine; nothing runs yet.
     *
     * @param coro the coroutine to run (Python: {@code self.coro})
     */
    public Task(Generator<?> coro) {
        this.coro = coro;
        this.name = nameOf(coro);
    }

    /** Python's {@code coro.__name__}: the method that made the generator. */
    private static String nameOf(Generator<?> coro) {
        String description = coro.toString();
        Matcher m = GENERATOR_NAME.matcher(description);
        if (!m.lookingAt()) {
            return description;
        }
        String name = m.group(1);
        int dot = name.lastIndexOf('.');
        if (dot >= 0) {
            return name.substring(dot + 1); // Class.method
        }
        // The state machine's class: the method's name, capitalized.
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /** Runs the task until its coroutine's next pause (Python: "jusqu'à la prochaine pause"). */
    public void run() {
        try {
            // The task goes RUNNING and runs until the coroutine suspends itself.
            status = STATUS_RUNNING;
            coro.next();
        } catch (StopIteration err) {
            // The coroutine returned: the task is FINISHED, with its return value.
            status = STATUS_FINISHED;
            returnValue = err.value();
        } catch (Exception err) {
            // Any other exception: the task is in ERROR, and keeps the exception for the user.
            status = STATUS_ERROR;
            errorValue = err;
        }
    }

    /**
     * Whether the task finished, normally or with an error (a cancelled task is not done, as in the
     * seed).
     *
     * @return true in FINISHED or ERROR
     */
    public boolean isDone() {
        return status.equals(STATUS_FINISHED) || status.equals(STATUS_ERROR);
    }

    /** Cancels the task, unless it is done already (no point cancelling a finished task). */
    public void cancel() {
        if (isDone()) {
            // No point cancelling a task that is already finished.
            return;
        }
        status = STATUS_CANCELLED;
    }

    /**
     * Whether the task was cancelled.
     *
     * @return true in CANCELLED
     */
    public boolean isCancelled() {
        return status.equals(STATUS_CANCELLED);
    }

    /**
     * The task's name: its coroutine's method.
     *
     * @return for example {@code ticTac}
     */
    public String name() {
        return name;
    }

    /**
     * The task's status, one of the {@code STATUS_} constants.
     *
     * @return the status
     */
    public String status() {
        return status;
    }

    /**
     * The coroutine's return value, once FINISHED (Python: {@code task.return_value}).
     *
     * @return the value, or null
     */
    public Object returnValue() {
        return returnValue;
    }

    /**
     * The exception the coroutine raised, once in ERROR (Python: {@code task.error_value}).
     *
     * @return the exception, or null
     */
    public Exception errorValue() {
        return errorValue;
    }

    /**
     * Python's {@code __repr__}: name, status, and once done the return value or error.
     *
     * @return for example {@code <Task 'ticTac' [FINISHED] ('Boom!')>}
     */
    @Override
    public String toString() {
        String result = "";
        if (isDone()) {
            result = " (" + repr(returnValue != null ? returnValue : errorValue) + ")";
        }
        return "<Task '" + name + "' [" + status + "]" + result + ">";
    }

    /**
     * Python's {@code repr} as the examples print it: strings in single quotes, anything else (null
     * included) as {@link String#valueOf(Object)}.
     *
     * @param value the value
     * @return its representation
     */
    public static String repr(Object value) {
        return value instanceof CharSequence ? "'" + value + "'" : String.valueOf(value);
    }
}
