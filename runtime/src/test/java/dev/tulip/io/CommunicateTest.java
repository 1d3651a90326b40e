package dev.tulip.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tulip.CancelledError;
import dev.tulip.EventLoop;
import dev.tulip.Task;
import dev.tulip.Tulip;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link Subprocess#communicate(byte[])} and {@link Subprocess#createSubprocessShell(String)} (Unix shell). */
class CommunicateTest {
    @BeforeAll
    static void unix() {
        assumeTrue(!System.getProperty("os.name").startsWith("Windows"), "these tests use /bin/sh, cat, head");
    }

    static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void severalMegabytesOnStdoutAndStderrAtOnce() {
        for (EventLoop loop : new EventLoop[] {new EventLoop(), EventLoop.virtualTime()}) {
            try (loop) {
                // both outputs are written concurrently: a caller reading one after the other would deadlock
                Subprocess p = loop.runUntilComplete(Subprocess.createSubprocessShell(
                        "head -c 6000000 /dev/zero | tr '\\0' e >&2 & head -c 5000000 /dev/zero | tr '\\0' o; wait"));
                Subprocess.Completed c = loop.runUntilComplete(p.communicate(null));
                assertEquals(0, c.returnCode());
                assertEquals(5_000_000, c.stdout().length);
                assertEquals(6_000_000, c.stderr().length);
                assertTrue(s(c.stdout()).chars().allMatch(ch -> ch == 'o'));
                assertTrue(s(c.stderr()).chars().allMatch(ch -> ch == 'e'));
                assertEquals(0, p.returnCode());
            }
        }
    }

    @Test
    void largeInputEchoedThroughCat() {
        byte[] input = new byte[8_000_000];
        new Random(14).nextBytes(input);
        try (EventLoop loop = new EventLoop()) {
            // 8 MB each way: cat blocks on its stdout unless stdout is read while stdin is written
            Subprocess p = loop.runUntilComplete(Subprocess.createSubprocessExec("cat"));
            Subprocess.Completed c = loop.runUntilComplete(p.communicate(input));
            assertArrayEquals(input, c.stdout());
            assertEquals(0, c.stderr().length);
            assertEquals(0, c.returnCode());
        }
    }

    @Test
    void nonzeroExitShellSyntaxAndClosedInput() {
        try (EventLoop loop = new EventLoop()) {
            Subprocess p = loop.runUntilComplete(Subprocess.createSubprocessShell("read a; echo \"got $a\"; echo oops >&2; exit 7"));
            Subprocess.Completed c = loop.runUntilComplete(p.communicate("hi\n".getBytes(StandardCharsets.UTF_8)));
            assertEquals(7, c.returnCode());
            assertEquals("got hi\n", s(c.stdout()));
            assertEquals("oops\n", s(c.stderr()));

            // stdin is closed even with no input: cat sees end of file at once
            Subprocess q = loop.runUntilComplete(Subprocess.createSubprocessExec("cat"));
            assertEquals(0, loop.runUntilComplete(q.communicate(null)).stdout().length);

            // a child that exits without reading a big input: the broken pipe is not an error
            Subprocess r = loop.runUntilComplete(Subprocess.createSubprocessShell("exit 2"));
            assertEquals(2, loop.runUntilComplete(r.communicate(new byte[4_000_000])).returnCode());

            Subprocess t = loop.runUntilComplete(Subprocess.createSubprocessShell("no_such_command_tulip_14"));
            assertEquals(127, loop.runUntilComplete(t.communicate(null)).returnCode());
        }
    }

    @Test
    void killAndTerminateEndCommunicate() {
        try (EventLoop loop = new EventLoop()) {
            Subprocess p = loop.runUntilComplete(Subprocess.createSubprocessShell("echo started; exec sleep 30"));
            assertEquals("started\n", s(loop.runUntilComplete(p.stdout().readLine())));
            Task<Subprocess.Completed> c = loop.createTask(p.communicate(null));
            loop.runUntilComplete(Tulip.sleep(0.05));
            p.terminate();
            Subprocess.Completed done = loop.runUntilComplete(c);
            assertEquals(128 + 15, done.returnCode());
            assertEquals(0, done.stdout().length, "what was read before stays read");

            Subprocess k = loop.runUntilComplete(Subprocess.createSubprocessExec("sleep", "30"));
            Task<Subprocess.Completed> d = loop.createTask(k.communicate(null));
            loop.runUntilComplete(Tulip.sleep(0.05));
            k.kill();
            assertEquals(128 + 9, loop.runUntilComplete(d).returnCode());
        }
    }

    @Test
    void cancellingCommunicateLeavesTheProcessRunning() {
        try (EventLoop loop = new EventLoop()) {
            Subprocess p = loop.runUntilComplete(Subprocess.createSubprocessExec("sleep", "30"));
            Task<Subprocess.Completed> c = loop.createTask(p.communicate("x".getBytes(StandardCharsets.UTF_8)));
            loop.runUntilComplete(Tulip.sleep(0.1));
            c.cancel();
            assertThrows(CancelledError.class, () -> loop.runUntilComplete(c));
            loop.runUntilComplete(Tulip.sleep(0.1));
            assertNull(p.returnCode(), "asyncio: cancelling communicate does not kill the process");
            assertTrue(ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false));
            p.kill();
            assertEquals(137, loop.runUntilComplete(p.waitFor()));
        }
    }

    @Test
    void shellCommandPerPlatform() {
        assertArrayEquals(new String[] {"/bin/sh", "-c", "ls | wc"}, Subprocess.shellCommand("ls | wc", "Linux"));
        assertArrayEquals(new String[] {"cmd.exe", "/c", "dir"}, Subprocess.shellCommand("dir", "Windows 11"));
        assertThrows(NullPointerException.class, () -> Subprocess.shellCommand(null, "Linux"));
    }
}
