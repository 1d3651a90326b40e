package dev.tulip.io;

import static dev.tulip.io.StreamsTest.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tulip.EventLoop;
import dev.tulip.Task;
import dev.tulip.Tulip;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class LoopGroupTest {
    @Test
    void connectionsRunOnTheGroupsLoops() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (LoopGroup group = new LoopGroup(2); EventLoop loop = new EventLoop()) {
            assertEquals(42, group.submit(1, Co.<Integer>of((co, n, sent) -> co.finish(42))).get());
            Server server = loop.runUntilComplete(Streams.startServer(group, (r, w) -> {
                threads.add(Thread.currentThread().getName());
                return Echo.lines(r, w);
            }, "127.0.0.1", 0));
            List<Connection> cs = new ArrayList<>();
            List<Task<String>> replies = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String msg = "m" + i + "\n";
                replies.add(loop.createTask(Co.<String>of((co, n, sent) -> {
                    switch (n) {
                        case 0:
                            return Streams.openConnection("127.0.0.1", server.port());
                        case 1:
                            Connection c = (Connection) sent;
                            cs.add(c);
                            c.writer().write(msg);
                            return c.reader().readLine();
                        default:
                            return co.finish(s((byte[]) sent));
                    }
                })));
            }
            List<String> got = loop.runUntilComplete(Tulip.gather(replies));
            for (int i = 0; i < 20; i++) {
                assertEquals("m" + i + "\n", got.get(i));
            }
            assertEquals(Set.of("tulip-loop-0", "tulip-loop-1"), threads);
            assertEquals(20, server.connectionCount());
            server.close();
            server.closeClients();
            loop.runUntilComplete(server.waitClosed());
            for (Connection c : cs) {
                assertEquals(0, loop.runUntilComplete(c.reader().read(1)).length, "closed by the worker loop");
                c.close();
            }
            assertTrue(server.connectionCount() == 0);
        }
    }
}
