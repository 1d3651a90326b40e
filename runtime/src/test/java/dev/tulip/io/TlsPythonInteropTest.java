package dev.tulip.io;

import static dev.tulip.io.StreamsTest.b;
import static dev.tulip.io.StreamsTest.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tulip.EventLoop;
import dev.tulip.Task;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TLS streams against CPython's {@code ssl} through asyncio streams, both ways. Skipped, loudly, without python3. */
class TlsPythonInteropTest {
    private static TestCerts certs;
    private static Path script;

    private static final String PEER = String.join("\n",
            "import asyncio, ssl, sys",
            "",
            "async def client(port, cafile):",
            "    ctx = ssl.create_default_context(cafile=cafile)  # verifies the chain and 'localhost'",
            "    r, w = await asyncio.open_connection('localhost', port, ssl=ctx)",
            "    w.write(b'hello from python\\n')",
            "    await w.drain()",
            "    line = await r.readline()",
            "    big = bytes(i * 7 % 251 for i in range(1 << 20))",
            "    async def send():",
            "        for i in range(0, len(big), 1 << 16):",
            "            w.write(big[i:i + (1 << 16)])",
            "            await w.drain()",
            "    sender = asyncio.ensure_future(send())",
            "    echoed = await r.readexactly(len(big))",
            "    await sender",
            "    obj = w.get_extra_info('ssl_object')",
            "    w.close()                      # close_notify, then the socket",
            "    await w.wait_closed()",
            "    print(line.decode().strip(), echoed == big, obj.version(), flush=True)",
            "",
            "async def handle(r, w):",
            "    while True:",
            "        data = await r.read(1 << 16)",
            "        if not data:",
            "            break",
            "        w.write(data)",
            "        await w.drain()",
            "    w.close()",
            "",
            "async def server(cert, key):",
            "    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)",
            "    ctx.load_cert_chain(cert, key)",
            "    srv = await asyncio.start_server(handle, '127.0.0.1', 0, ssl=ctx)",
            "    print(srv.sockets[0].getsockname()[1], flush=True)",
            "    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)  # until stdin closes",
            "    srv.close()",
            "",
            "if sys.argv[1] == 'client':",
            "    asyncio.run(client(int(sys.argv[2]), sys.argv[3]))",
            "else:",
            "    asyncio.run(server(sys.argv[2], sys.argv[3]))",
            "");

    @BeforeAll
    static void findPython() throws Exception {
        boolean python;
        try {
            python = new ProcessBuilder("python3", "-c", "import ssl, asyncio").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            python = false;
        }
        if (!python) {
            System.err.println("\n*** SKIPPED: python3 (with ssl) is not installed; the CPython TLS interop tests did not run ***\n");
        }
        assumeTrue(python, "python3 is not installed");
        certs = TestCerts.get();
        script = certs.dir.resolve("tls_peer.py");
        Files.writeString(script, PEER);
        script.toFile().deleteOnExit();
    }

    @Test
    void pythonClientAgainstTulipServer() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            Server server = loop.runUntilComplete(Streams.startServer(TlsStreamsTest::chunks, "127.0.0.1", 0,
                    certs.serverContext()));
            Process p = new ProcessBuilder("python3", script.toString(), "client", Integer.toString(server.port()),
                    certs.certPem.toString()).redirectErrorStream(true).start();
            // the loop serves while python runs: wait for the process on the loop's executor
            Integer exit = loop.runUntilComplete(loop.runInExecutor(null, () -> {
                return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
            }));
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertEquals(0, exit, out);
            assertTrue(out.matches("hello from python True TLSv1\\.[23]"), out);
            TlsStreamsTest.awaitNoConnections(loop, server);
            server.close();
            loop.runUntilComplete(server.waitClosed());
        }
    }

    @Test
    void tulipClientAgainstPythonServer() throws Exception {
        Process p = new ProcessBuilder("python3", script.toString(), "server", certs.certPem.toString(),
                certs.keyPem.toString()).redirectErrorStream(true).start();
        try (EventLoop loop = new EventLoop()) {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            assertTrue(first != null && first.matches("\\d+"), "python's port, got " + first);
            int port = Integer.parseInt(first);
            // by address (the certificate's IP SAN), then by name
            Connection c = loop.runUntilComplete(Streams.openConnection("127.0.0.1", port, certs.clientContext()));
            c.writer().write("hello python\n");
            assertEquals("hello python\n", s(loop.runUntilComplete(c.reader().readLine())));
            byte[] big = new byte[3 << 20];
            new Random(3).nextBytes(big);
            Task<Void> sender = loop.createTask(Co.<Void>of((co, n, sent) -> {
                int off = n * (1 << 16);
                if (off >= big.length) {
                    return co.finish(null);
                }
                c.writer().write(big, off, Math.min(1 << 16, big.length - off));
                return c.writer().drain();
            }));
            assertArrayEquals(big, loop.runUntilComplete(c.reader().readExactly(big.length)));
            loop.runUntilComplete(sender);
            c.writer().writeEof(); // close_notify: python's handler sees EOF and closes, with its close_notify
            assertEquals(0, loop.runUntilComplete(c.reader().read(-1)).length);
            assertNull(c.reader().exception());
            loop.runUntilComplete(c.writer().waitClosed());

            Connection byName = loop.runUntilComplete(Streams.openConnection("localhost", port, certs.clientContext()));
            byName.writer().write(b("x"));
            assertEquals("x", s(loop.runUntilComplete(byName.reader().readExactly(1))));
            byName.close();

            // python's server certificate is not trusted by the JDK's default CAs
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(SSLHandshakeException.class,
                    () -> loop.runUntilComplete(Streams.openConnection("127.0.0.1", port,
                            javax.net.ssl.SSLContext.getDefault())));
            assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        } finally {
            p.getOutputStream().close(); // python stops serving
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
