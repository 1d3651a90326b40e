package dev.tulip.io;

import static dev.tulip.io.StreamsTest.b;
import static dev.tulip.io.StreamsTest.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tulip.EventLoop;
import dev.tulip.Task;
import dev.tulip.Tulip;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesAndSubprocessTest {
    @TempDir
    Path dir;

    @Test
    void filesRoundTrip() {
        for (EventLoop loop : new EventLoop[] {new EventLoop(), EventLoop.virtualTime()}) {
            try (loop) {
                Path f = dir.resolve("a-" + loop.isVirtualTime() + ".txt");
                loop.runUntilComplete(AsyncFiles.writeLines(f, List.of("one", "two")));
                loop.runUntilComplete(AsyncFiles.writeString(f, "three\n", StandardOpenOption.APPEND));
                assertEquals(List.of("one", "two", "three"), loop.runUntilComplete(AsyncFiles.readAllLines(f)));
                loop.runUntilComplete(AsyncFiles.write(f, new byte[] {1, 2, 3}));
                assertArrayEquals(new byte[] {1, 2, 3}, loop.runUntilComplete(AsyncFiles.readAllBytes(f)));
                assertThrows(NoSuchFileException.class,
                        () -> loop.runUntilComplete(AsyncFiles.readString(dir.resolve("missing"))));
            }
        }
    }

    @Test
    void subprocessPipesAndExitCode() {
        for (EventLoop loop : new EventLoop[] {new EventLoop(), EventLoop.virtualTime()}) {
            try (loop) {
                Subprocess p = loop.runUntilComplete(Subprocess.createSubprocessExec("sh", "-c",
                        "while read l; do echo \"out:$l\"; echo \"err:$l\" >&2; done; exit 3"));
                assertNull(p.returnCode());
                p.stdin().write(b("a\nb\n"));
                loop.runUntilComplete(p.stdin().drain());
                assertEquals("out:a\n", s(loop.runUntilComplete(p.stdout().readLine())));
                p.stdin().close();
                assertEquals(3, loop.runUntilComplete(p.waitFor()));
                assertEquals(3, p.returnCode());
                assertEquals("out:b\n", s(loop.runUntilComplete(p.stdout().read(-1))), "all output read before exit is reported");
                assertEquals("err:a\nerr:b\n", s(loop.runUntilComplete(p.stderr().read(-1))));
            }
        }
    }

    @Test
    void bigOutputIsHeldBackByTheReader() {
        try (EventLoop loop = new EventLoop()) {
            Subprocess p = loop.runUntilComplete(Subprocess.createSubprocessExec("head", "-c", "5000000", "/dev/zero"));
            loop.runUntilComplete(Tulip.sleep(0.2));
            assertTrue(p.stdout().buffered() <= 2 * StreamReader.DEFAULT_LIMIT + (1 << 16), "" + p.stdout().buffered());
            assertEquals(5_000_000, loop.runUntilComplete(p.stdout().read(-1)).length);
            assertEquals(0, loop.runUntilComplete(p.waitFor()));
        }
    }

    @Test
    void killAndMissingProgram() {
        try (EventLoop loop = new EventLoop()) {
            Subprocess p = loop.runUntilComplete(Subprocess.createSubprocessExec("sleep", "30"));
            Task<Integer> waiting = loop.createTask(p.waitFor());
            loop.runUntilComplete(Tulip.sleep(0.01));
            waiting.cancel(); // cancelling a wait leaves the process alone
            assertThrows(dev.tulip.CancelledError.class, () -> loop.runUntilComplete(waiting));
            assertNull(p.returnCode());
            p.kill();
            assertEquals(137, loop.runUntilComplete(p.waitFor()));
            assertThrows(IOException.class,
                    () -> loop.runUntilComplete(Subprocess.createSubprocessExec("/no/such/program")));
        }
    }
}
