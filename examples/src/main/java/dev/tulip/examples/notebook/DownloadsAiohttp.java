package dev.tulip.examples.notebook;

import static dev.tulip.Tulip.*;

import dev.tulip.Async;
import dev.tulip.Coroutine;
import dev.tulip.http.ClientSession;
import dev.tulip.io.AsyncFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 002, section 3.2: the same downloads with {@code aiohttp} and {@code aiofiles}, that is Tulip's
 * {@link ClientSession} and asynchronous file writes.
 *
 * <pre>{@code
 * async def download(url):
 *     filename = url.split('/')[-1]
 *     async with aiohttp.ClientSession() as session:
 *         async with session.get(url) as resp:
 *             if resp.status == 200:
 *                 f = await aiofiles.open(filename, mode='wb')
 *                 print(f'{filename} downloaded')
 *                 await f.write(await resp.read())
 *                 await f.close()
 *                 print(f'{filename} saved')
 *
 * async def fetch(urls):
 *     await asyncio.gather(*(download(url) for url in urls))
 * }</pre>
 *
 * <p>{@code async with} is a try-with-resources over an {@code AsyncCloseable}. aiofiles' open, write
 * and close are one {@link AsyncFiles#write}, which writes off the loop.
 */
public final class DownloadsAiohttp {
    private DownloadsAiohttp() {
    }

    @Async
    static Coroutine<Void> download(String url, Path dir) {
        String filename = url.substring(url.lastIndexOf('/') + 1);
        try (var session = new ClientSession()) {
            try (var resp = await(session.get(url))) {
                if (resp.status() == 200) {
                    System.out.println(filename + " downloaded");
                    await(AsyncFiles.write(dir.resolve(filename), await(resp.read())));
                    System.out.println(filename + " saved");
                }
            }
        }
        return done();
    }

    @Async
    static Coroutine<Void> fetch(List<String> urls, Path dir) {
        List<Coroutine<Void>> downloads = new ArrayList<>();
        for (String url : urls) {
            downloads.add(download(url, dir));
        }
        await(gather(downloads));
        return done();
    }

    /**
     * Runs the seed's {@code main}.
     *
     * @param virtual ignored: network programs run on real time
     */
    public static void main(boolean virtual) {
        try (CourseServer server = CourseServer.start()) {
            Path dir = Files.createTempDirectory("tulip-downloads");
            List<String> urls = Downloads.readLinks(server, dir);
            long ti = System.nanoTime();
            run(DownloadsAiohttpAsync.fetch(urls, dir));
            System.out.println("Elapsed :  " + (System.nanoTime() - ti) / 1e9);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
