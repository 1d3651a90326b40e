package dev.tulip.examples.notebook;

import static dev.tulip.Tulip.*;

import dev.tulip.Async;
import dev.tulip.AsyncGenerator;
import dev.tulip.Coroutine;
import dev.tulip.Tulip;
import dev.tulip.examples.Examples;
import java.util.List;

/**
 * Seed 002, the second section 2.4 ("{@code async for}"): {@code dwarfs} as an asynchronous generator,
 * iterated with {@code async for}, then collected by asynchronous comprehensions.
 *
 * <pre>{@code
 * async def dwarfs():
 *     for name in ['Grumpy', 'Happy', 'Sleepy', 'Bashful', 'Sneezy', 'Dopey', 'Doc']:
 *         yield name
 *
 * dwarfs()                      # <async_generator object dwarfs at 0x7f36480794d0>
 *
 * async for dwarf in dwarfs():
 *     print(dwarf)
 *
 * async def main():
 *     all_dwarfs = [name async for name in dwarfs()]
 *     dwarfs_with_e = [name async for name in dwarfs() if 'e' in name]
 *     return all_dwarfs, dwarfs_with_e
 *
 * all_dwarfs, dwarfs_with_e = asyncio.run(main())
 * print(all_dwarfs)             # ['Grumpy', 'Happy', 'Sleepy', 'Bashful', 'Sneezy', 'Dopey', 'Doc']
 * print(dwarfs_with_e)          # ['Sleepy', 'Sneezy', 'Dopey']
 * }</pre>
 *
 * <ul>
 *   <li>{@code async def} with {@code yield} is an {@code @Async} method returning
 *       {@link AsyncGenerator}. Like the seed's, this one never awaits; each step is still an
 *       awaitable, run inside the task that iterates it.</li>
 *   <li>{@code async for} is a plain for-each over the asynchronous generator inside an {@code @Async}
 *       method: the processor awaits each step. The notebook ran its {@code async for} at the top level
 *       (IPython's autoawait); the port puts it in a coroutine, {@link #printDwarfs()}, run by
 *       {@code Tulip.run}.</li>
 *   <li>{@code [name async for name in dwarfs()]} is {@code await(collect(dwarfs()))}, and the filtered
 *       one {@code await(collect(dwarfs(), name -> name.contains("e")))}. {@code main}'s pair is a
 *       record. Java lists print without quotes.</li>
 * </ul>
 */
public final class AsyncDwarfs {
    private AsyncDwarfs() {
    }

    /**
     * Yields the names one by one, asynchronously.
     *
     * @return the asynchronous generator; nothing runs until it is iterated
     */
    @Async
    static AsyncGenerator<String> dwarfs() {
        for (String name : Dwarfs.NAMES) {
            Tulip.yield(name);
        }
        return Tulip.doneYielding();
    }

    /**
     * {@code async for dwarf in dwarfs(): print(dwarf)}.
     *
     * @return the coroutine
     */
    @Async
    static Coroutine<Void> printDwarfs() {
        for (String dwarf : dwarfs()) {
            System.out.println(dwarf);
        }
        return done();
    }

    /**
     * What {@code main} returns: Python's tuple.
     *
     * @param allDwarfs every name
     * @param dwarfsWithE the names with an e
     */
    record Result(List<String> allDwarfs, List<String> dwarfsWithE) {
    }

    /**
     * The two asynchronous comprehensions.
     *
     * @return the coroutine
     */
    @Async
    static Coroutine<Result> main() {
        List<String> allDwarfs = await(collect(dwarfs()));
        List<String> dwarfsWithE = await(collect(dwarfs(), name -> name.contains("e")));
        return done(new Result(allDwarfs, dwarfsWithE));
    }

    /**
     * The asynchronous generator and {@code async for}.
     *
     * @param virtual true to run on virtual time (nothing here sleeps: the output is the same)
     */
    public static void main(boolean virtual) {
        System.out.println("# dwarfs(): an asynchronous generator, nothing runs");
        System.out.println(AsyncDwarfsAsync.dwarfs());
        System.out.println("# run(printDwarfs()): for (String dwarf : dwarfs()) in an @Async method");
        Examples.run(AsyncDwarfsAsync.printDwarfs(), virtual);
    }

    /**
     * The asynchronous comprehensions, plain and filtered.
     *
     * @param virtual true to run on virtual time (nothing here sleeps: the output is the same)
     */
    public static void comprehensions(boolean virtual) {
        Result result = Examples.run(AsyncDwarfsAsync.main(), virtual);
        System.out.println(result.allDwarfs());
        System.out.println(result.dwarfsWithE());
    }
}
