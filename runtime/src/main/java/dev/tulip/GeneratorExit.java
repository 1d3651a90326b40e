package dev.tulip;

/**
 * Raised inside a generator at the {@code yield} where it is suspended when the generator is closed
 * ({@link Generator#close()}, {@link AsyncGenerator#aclose()}): Python's {@code GeneratorExit}. Its
 * purpose is to run the generator's {@code finally} blocks (and {@code catch (GeneratorExit e)}
 * handlers) before it is discarded.
 *
 * <p>It extends {@link Error}, not {@link Exception}, for the reason {@link CancelledError} does:
 * Python puts {@code GeneratorExit} under {@code BaseException} so that a broad
 * {@code except Exception} around a {@code yield} does not swallow it. In Java, a
 * {@code catch (Exception e)} around {@code Tulip.yield(...)} lets it through, {@code finally} blocks
 * run, and a generator that really wants to react to being closed says {@code catch (GeneratorExit e)}.
 * A generator that catches it must finish (return or throw), not yield again: yielding while being
 * closed makes {@code close()} raise "generator ignored GeneratorExit".
 */
public class GeneratorExit extends Error {
    private static final long serialVersionUID = 1L;

    /** Creates a generator exit, to throw into a generator by hand ({@link Generator#throwInto}). */
    public GeneratorExit() {
        super();
    }

    /**
     * The exception that {@code close()} and {@code aclose()} raise: without a stack trace, since it is
     * a signal (a chain of N delegating generators raises N of them) and its trace would only show the
     * runtime's driver.
     */
    static GeneratorExit signal() {
        return new GeneratorExit(null, false);
    }

    private GeneratorExit(String message, boolean writableStackTrace) {
        super(message, null, true, writableStackTrace);
    }

    /**
     * Creates a generator exit with a message.
     *
     * @param message why the generator is being closed, or null
     */
    public GeneratorExit(String message) {
        super(message);
    }
}
