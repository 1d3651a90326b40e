package dev.tulip.io;

import dev.tulip.AsyncFuture;
import dev.tulip.Awaitable;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import dev.tulip.Tulip;
import java.io.IOException;
import java.util.List;
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
 *
 * <p>{@link #communicate(byte[])} is the safe way to run a child to completion with piped streams: it
 * writes the input while it reads both outputs, so neither side can block the other however much flows
 * each way. {@link #createSubprocessShell(String)} runs a command line through the platform's shell.
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
     * Runs a command line through the shell, with stdin, stdout and stderr piped; Python's
     * {@code asyncio.create_subprocess_shell}. The shell is {@code /bin/sh -c cmd} on Unix and
     * {@code cmd.exe /c cmd} on Windows (asyncio uses {@code %COMSPEC%}, which is {@code cmd.exe} unless
     * changed). As in Python, the caller quotes: the line is passed to the shell as it is, so never build it
     * from untrusted input; use {@link #createSubprocessExec(String...)} for that.
     *
     * @param cmd the command line
     * @return a coroutine producing the running process (the shell's pid)
     */
    public static Coroutine<Subprocess> createSubprocessShell(String cmd) {
        return createSubprocessExec(new ProcessBuilder(shellCommand(cmd, System.getProperty("os.name", ""))));
    }

    /** The shell invocation for {@code cmd} on the named operating system. */
    static String[] shellCommand(String cmd, String osName) {
        if (cmd == null) {
            throw new NullPointerException("cmd");
        }
        return osName.startsWith("Windows") ? new String[] {"cmd.exe", "/c", cmd} : new String[] {"/bin/sh", "-c", cmd};
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

    /**
     * What {@link #communicate(byte[])} returns: both outputs and the exit code (Python's
     * {@code (stdout_data, stderr_data)} and {@code returncode}).
     *
     * @param stdout everything the child wrote to stdout, or null if it was not piped
     * @param stderr everything it wrote to stderr, or null if it was not piped (or merged)
     * @param returnCode the exit code
     */
    public record Completed(byte[] stdout, byte[] stderr, int returnCode) {
        /**
         * The outputs as UTF-8 text, for messages.
         *
         * @return a description
         */
        @Override
        public String toString() {
            return "Completed[returnCode=" + returnCode + ", stdout=" + text(stdout) + ", stderr=" + text(stderr) + "]";
        }

        private static String text(byte[] b) {
            return b == null ? "null" : b.length > 200 ? b.length + " bytes"
                    : "'" + new String(b, java.nio.charset.StandardCharsets.UTF_8) + "'";
        }
    }

    /**
     * Sends {@code input} to stdin and closes it, reads stdout and stderr to end of stream at the same
     * time, and waits for the exit; Python's {@code Process.communicate(input)}. The three run
     * concurrently, so a child that writes megabytes to both outputs while it reads megabytes of input
     * cannot deadlock against the caller. As in asyncio, a child that stops reading its input early (broken
     * pipe) is not an error: the rest of the input is dropped. Input is ignored if stdin is not piped; an
     * output that is not piped comes back null.
     *
     * <p><b>Cancellation</b> (as asyncio): cancelling the awaiting task cancels the writing and both reads
     * and raises {@code CancelledError}, but <em>does not kill or wait for the process</em>; call
     * {@link #kill()} or {@link #terminate()} (for example in a {@code catch (CancelledError e)}) if it must
     * not outlive the caller. Output read before the cancellation is lost.
     *
     * <p>Everything read is held in memory: for unbounded output, read the streams yourself.
     *
     * @param input the bytes to send (copied at the call), or null to send none and just close stdin
     * @return a coroutine producing both outputs and the exit code
     */
    public Coroutine<Completed> communicate(byte[] input) {
        byte[] data = input == null ? null : input.clone();
        return new Coroutine<Completed>() {
            private byte[] out;
            private byte[] err;

            @Override
            @SuppressWarnings("unchecked")
            protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
                if (thrown != null) {
                    throw thrown;
                }
                if (state == 0) {
                    state = 1;
                    return Tulip.gather(stdin == null ? now(null) : feed(data),
                            stdout == null ? now(null) : stdout.read(-1), stderr == null ? now(null) : stderr.read(-1));
                }
                if (state == 1) {
                    List<Object> r = (List<Object>) sent;
                    out = (byte[]) r.get(1);
                    err = (byte[]) r.get(2);
                    state = 2;
                    return waitFor();
                }
                return complete(new Completed(out, err, (Integer) sent));
            }

            @Override
            protected String name() {
                return "Subprocess.communicate";
            }
        };
    }

    private static AsyncFuture<Object> now(Object value) {
        AsyncFuture<Object> f = EventLoop.running().createFuture();
        f.setResult(value);
        return f;
    }

    /** asyncio's {@code _feed_stdin}: write, drain, close; a broken pipe only ends the feeding. */
    private Coroutine<Object> feed(byte[] data) {
        return new Coroutine<Object>() {
            @Override
            protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
                if (state == 0) {
                    if (thrown != null) {
                        throw thrown;
                    }
                    state = 1;
                    if (data != null && data.length > 0) {
                        stdin.write(data);
                        return stdin.drain();
                    }
                } else if (thrown != null && !(thrown instanceof IOException)) {
                    throw thrown;
                }
                stdin.close();
                return complete(null);
            }

            @Override
            protected String name() {
                return "Subprocess.feedStdin";
            }
        };
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
