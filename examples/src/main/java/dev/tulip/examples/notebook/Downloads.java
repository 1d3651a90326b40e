package dev.tulip.examples.notebook;

import static dev.tulip.Tulip.*;

import dev.tulip.Async;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 002, section 3.1: concurrent downloads with the standard library only. The blocking download
 * ({@code urllib.request.urlretrieve}; in Java {@code URL.openStream()} copied to a file) runs on the
 * loop's default executor through {@code runInExecutor}, ten at once under {@code gather}.
 *
 * <pre>{@code
 * async def download(url, loop):
 *     filename = url.split('/')[-1]
 *     await loop.run_in_executor(None, functools.partial(urllib.request.urlretrieve, url, filename))
 *     print(f'{filename} downloaded and saved')
 *
 * async def fetch(urls):
 *     loop = asyncio.get_running_loop()
 *     await asyncio.gather(*(download(url, loop) for url in urls))
 *
 * def main():
 *     with open('links', 'r') as file:
 *         urls = file.readlines()
 *         urls = [url.rstrip('\n') for url in urls]
 *     ti = time.perf_counter()
 *     asyncio.run(fetch(urls))
 *     print('Elapsed : ', time.perf_counter() - ti)
 * }</pre>
 *
 * <p>So that it runs offline, the example first starts {@link CourseServer}, a local Tulip HTTP server
 * serving the ten files of the seed's {@code links} (generated content), and writes the {@code links}
 * file for it; the files are saved in a temporary directory. Network programs run on real time
 * whatever the flag says: a virtual clock cannot jump past I/O that may still arrive.
 */
public final class Downloads {
    private Downloads() {
    }

    /** {@code urllib.request.urlretrieve(url, filename)}. */
    static Path urlretrieve(String url, Path filename) throws IOException {
        try (InputStream in = new URL(url).openStream()) {
            Files.copy(in, filename, StandardCopyOption.REPLACE_EXISTING);
        }
        return filename;
    }

    @Async
    static Coroutine<Void> download(String url, EventLoop loop, Path dir) {
        String filename = url.substring(url.lastIndexOf('/') + 1);
        await(loop.runInExecutor(null, () -> urlretrieve(url, dir.resolve(filename))));
        System.out.println(filename + " downloaded and saved");
        return done();
    }

    @Async
    static Coroutine<Void> fetch(List<String> urls, Path dir) {
        EventLoop loop = getRunningLoop();
        List<Coroutine<Void>> downloads = new ArrayList<>();
        for (String url : urls) {
            downloads.add(download(url, loop, dir));
        }
        await(gather(downloads));
        return done();
    }

    /**
     * Writes the seed's {@code links} file for a server, and reads it back as the seed does.
     *
     * @param server the local server
     * @param dir where to write it
     * @return the URLs
     */
    static List<String> readLinks(CourseServer server, Path dir) {
        try {
            Path links = dir.resolve("links");
            Files.write(links, server.links());
            List<String> urls = new ArrayList<>();
            for (String line : Files.readAllLines(links)) {
                urls.add(line.strip());
            }
            return urls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the seed's {@code main}.
     *
     * @param virtual ignored: network programs run on real time
     */
    public static void main(boolean virtual) {
        try (CourseServer server = CourseServer.start()) {
            Path dir = Files.createTempDirectory("tulip-downloads");
            List<String> urls = readLinks(server, dir);
            long ti = System.nanoTime();
            run(DownloadsAsync.fetch(urls, dir));
            System.out.println("Elapsed :  " + (System.nanoTime() - ti) / 1e9);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
