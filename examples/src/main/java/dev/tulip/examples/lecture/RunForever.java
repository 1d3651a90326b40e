package dev.tulip.examples.lecture;

import static dev.tulip.Tulip.*;

import dev.tulip.Async;
import dev.tulip.AsyncFuture;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import dev.tulip.Queue;
import dev.tulip.Task;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Seed 004 (the lecture script), "ensure_future" and "run_forever": the coroutines are first added to
 * the loop with {@code ensure_future}, then {@code run_forever} runs them until the user presses
 * Ctrl-C.
 *
 * <pre>{@code
 * queue = asyncio.Queue(maxsize=1)
 *
 * async def producer(queue):
 *     count = 1
 *     while True:
 *         await queue.put(f'tick{count}')
 *         count += 1
 *         await asyncio.sleep(1)
 *
 * async def consumer(queue):
 *     while True:
 *         received = await queue.get()
 *         show_timer(f"got {received}")
 *
 * asyncio.ensure_future(producer(queue))
 * asyncio.ensure_future(consumer(queue))
 * try:
 *     asyncio.get_event_loop().run_forever()
 * except KeyboardInterrupt:
 *     print("bye")
 * }</pre>
 *
 * (The script names the fragments; the code is the course's notebook.)
 *
 * <h2>Ctrl-C</h2>
 * Java has no {@code KeyboardInterrupt}: Ctrl-C (SIGINT) starts the JVM's shutdown. The example
 * registers a shutdown hook that stops the loop the only way another thread may,
 * {@code loop.callSoonThreadsafe(loop::stop)}, then waits for the main thread to finish: there,
 * {@code runForever()} returns, the example prints {@code bye}, cancels the two endless tasks, runs the
 * loop until they are done and closes it. Only then does the hook return and the JVM exit. (Catching
 * SIGINT itself would need {@code sun.misc.Signal}, an internal API that javac warns about whatever
 * the options; a hook needs nothing.)
 *
 * <p>On virtual time the endless producer would race through virtual seconds without pause, so the
 * example presses Ctrl-C itself after 5.5 seconds of loop time: a timer calls the same interrupt
 * action as the hook (which goes through {@code callSoonThreadsafe} all the same). The tests also call
 * it from another thread on a real-time loop.
 */
public final class RunForever {
    /** When the virtual-time run presses Ctrl-C, in seconds of loop time. */
    static final double SIMULATED_CTRL_C = 5.5;

    private RunForever() {
    }

    @Async
    static Coroutine<Void> producer(Queue<String> queue) {
        int count = 1;
        while (true) {
            await(queue.put("tick" + count));
            count += 1;
            await(sleep(1));
        }
    }

    @Async
    static Coroutine<Void> consumer(Queue<String> queue, Timer timer) {
        while (true) {
            String received = await(queue.get());
            timer.show("got " + received);
        }
    }

    /**
     * Schedules the two coroutines, runs the loop until the interrupt action is called, then cleans up.
     *
     * @param loop a fresh loop; closed on return
     * @param interrupts receives the interrupt action (what Ctrl-C does: it prints {@code ^C} and stops
     *     the loop through {@code callSoonThreadsafe}; any thread may call it) and arranges for it to be
     *     called
     */
    public static void run(EventLoop loop, Consumer<Runnable> interrupts) {
        try {
            Queue<String> queue = new Queue<>(1);
            loop.ensureFuture(RunForeverAsync.producer(queue));
            loop.ensureFuture(RunForeverAsync.consumer(queue, new Timer(loop)));
            interrupts.accept(() -> {
                System.out.println("^C");
                loop.callSoonThreadsafe(loop::stop);
            });
            loop.runForever();
            System.out.println("bye");
            List<Task<?>> left = loop.allTasks();
            for (Task<?> task : left) {
                task.cancel();
            }
            AsyncFuture<List<Object>> cancelled = gatherReturnExceptions(left);
            loop.runUntilComplete(cancelled);
            System.out.println("# " + left.size() + " tasks cancelled, loop closed");
        } finally {
            loop.close();
        }
    }

    /**
     * Runs until Ctrl-C (real time), or until the simulated Ctrl-C after {@link #SIMULATED_CTRL_C} seconds
     * (virtual time).
     *
     * @param virtual true to run on virtual time, with a simulated Ctrl-C
     */
    public static void main(boolean virtual) {
        if (virtual) {
            EventLoop loop = EventLoop.virtualTime();
            run(loop, ctrlC -> loop.callLater(SIMULATED_CTRL_C, () -> {
                System.out.printf("# simulated Ctrl-C at %.1f s%n", SIMULATED_CTRL_C);
                ctrlC.run();
            }));
            return;
        }
        System.out.println("# press Ctrl-C to stop");
        CountDownLatch cleanedUp = new CountDownLatch(1);
        Thread[] hook = new Thread[1];
        try {
            run(new EventLoop(), ctrlC -> {
                hook[0] = new Thread(() -> {
                    ctrlC.run();
                    try {
                        cleanedUp.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "ctrl-c");
                Runtime.getRuntime().addShutdownHook(hook[0]);
            });
        } finally {
            cleanedUp.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook[0]);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: the JVM exits once it returns
            }
        }
    }
}
