package dev.tulip.io;

import dev.tulip.AsyncFuture;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import dev.tulip.Tulip;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * A child process with its standard streams as Tulip streams: Python's
 * {@code asyncio.create_subprocess_exec} and {@code asyncio.subprocess.Process}.
 *
 * <p><b>Mechanism.</b> The JDK exposes a {@link Process}'s pipes only as blocking streams (no selectable
 * channel), so each piped stream is pumped by one daemon thread: stdout and stderr are read 64 KiB at a
 * time into their {@link StreamReader} on the loop (the pump pauses while the reader holds more than
 * twice its limit, so a child that writes faster than the program reads is held back); what is written
 * to {@link #stdin()} is queued and written in order by its thread, with {@link StreamWriter#drain()}
 * flow control counting bytes not yet written. The exit code comes from {@link Process#onExit()}; it is
 * reported once the process has exited <em>and</em> its output pipes reached end of stream, so after
 * {@link #waitFor()} every byte of output is in the readers. A virtual-time loop waits for all of it.
 */
public final class Subprocess {
    private final Process process;
    private final StreamWriter stdin;
    private final StreamReader stdout;
    private final StreamReader stderr;
    private final AsyncFuture<Integer> exit;

    private Subprocess(Process process, StreamWriter stdin, StreamReader stdout, StreamReader stderr,
            AsyncFuture<Integer> exit) {
        this.process = process;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.exit = exit;
    }

    /**
     * Starts {@code command} with stdin, stdout and stderr piped. Awaiting the result raises
     * {@link IOException} (undeclared) if the program cannot be started.
     *
     * @param command the program and its arguments (no shell)
     * @return a coroutine producing the running process
     */
    public static Coroutine<Subprocess> createSubprocessExec(String... command) {
        if (command.length == 0) {
            throw new IllegalArgumentException("createSubprocessExec needs at least the program to run");
        }
        String[] copy = command.clone();
        return createSubprocessExec(new ProcessBuilder(copy));
    }

    /**
     * Starts a configured {@link ProcessBuilder}; only the streams it leaves as
     * {@link ProcessBuilder.Redirect#PIPE} become streams here (the others are null).
     *
     * @param builder the command, directory, environment and redirects
     * @return a coroutine producing the running process
     */
    public static Coroutine<Subprocess> createSubprocessExec(ProcessBuilder builder) {
        return new Lazy<>("Subprocess.createSubprocessExec", () -> {
            EventLoop loop = EventLoop.running();
            Process p;
            try {
                p = builder.start();
            } catch (IOException e) {
                throw SocketTransport.sneaky(e);
            }
            String name = "tulip-pipe-" + p.pid() + "-";
            StreamWriter in = builder.redirectInput() == ProcessBuilder.Redirect.PIPE
                    ? new StreamWriter(PipeTransport.writing(loop, p.getOutputStream(), name + "stdin")) : null;
            PipeTransport out = builder.redirectOutput() == ProcessBuilder.Redirect.PIPE
                    ? PipeTransport.reading(loop, p.getInputStream(), StreamReader.DEFAULT_LIMIT, name + "stdout") : null;
            PipeTransport err = builder.redirectError() == ProcessBuilder.Redirect.PIPE && !builder.redirectErrorStream()
                    ? PipeTransport.reading(loop, p.getErrorStream(), StreamReader.DEFAULT_LIMIT, name + "stderr") : null;
            CompletableFuture<?> all = CompletableFuture.allOf(p.onExit(),
                    out == null ? CompletableFuture.completedFuture(null) : out.pumpDone,
                    err == null ? CompletableFuture.completedFuture(null) : err.pumpDone);
            AsyncFuture<Integer> exit = Tulip.wrapFuture(all.thenApply(v -> p.exitValue()));
            AsyncFuture<Subprocess> f = loop.createFuture();
            f.setResult(new Subprocess(p, in, out == null ? null : out.reader, err == null ? null : err.reader, exit));
            return f;
        });
    }

    /**
     * The child's standard input, or null if not piped. Close it to send end of file.
     *
     * @return the writer
     */
    public StreamWriter stdin() {
        return stdin;
    }

    /**
     * The child's standard output, or null if not piped.
     *
     * @return the reader
     */
    public StreamReader stdout() {
        return stdout;
    }

    /**
     * The child's standard error, or null if not piped (or merged into stdout).
     *
     * @return the reader
     */
    public StreamReader stderr() {
        return stderr;
    }

    /**
     * The process id.
     *
     * @return the pid
     */
    public long pid() {
        return process.pid();
    }

    /**
     * The exit code once {@link #waitFor()} could complete, else null; Python's {@code returncode}.
     *
     * @return the exit code, or null while running
     */
    public Integer returnCode() {
        return exit.done() && !exit.cancelled() && exit.exception() == null ? exit.result() : null;
    }

    /**
     * Waits for the process to exit and its output to be read into the readers; Python's
     * {@code wait()} (renamed: {@code Object.wait()} is final). Cancelling the wait does not touch the
     * process. Beware, as in Python: a child blocked writing to a pipe that nobody reads never exits.
     *
     * @return a coroutine producing the exit code
     */
    public Coroutine<Integer> waitFor() {
        return new Lazy<>("Subprocess.waitFor", () -> Tulip.shield(exit));
    }

    /** Kills the process (SIGKILL on POSIX); Python's {@code kill()}. */
    public void kill() {
        process.destroyForcibly();
    }

    /** Asks the process to terminate (SIGTERM on POSIX); Python's {@code terminate()}. */
    public void terminate() {
        process.destroy();
    }

    @Override
    public String toString() {
        return "<Subprocess " + process.pid() + " " + (process.isAlive() ? "running" : "exited")
                + (returnCode() == null ? "" : " returncode=" + returnCode()) + ">";
    }
}
