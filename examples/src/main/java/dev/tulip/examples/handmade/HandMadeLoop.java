package dev.tulip.examples.handmade;

/**
 * Seed 001, section 3: the hand-made {@link Loop} runs {@code tic_tac} and {@code spam} until it is
 * empty, then a single {@code tic_tac} with {@code run_until_complete}.
 *
 * <pre>{@code
 * >>> event_loop = Loop()
 * >>> event_loop.schedule(tic_tac())
 * >>> event_loop.schedule(spam())
 * >>> event_loop.run_until_empty()
 * Tic
 * Spam
 * Tac
 * Eggs
 * <Task 'tic_tac' [FINISHED] ('Boom!')>
 * Bacon
 * <Task 'spam' [FINISHED] ('SPAM!')>
 *
 * >>> event_loop = Loop()
 * >>> event_loop.run_until_complete(tic_tac())
 * Tic
 * Tac
 * <Task 'tic_tac' [FINISHED] ('Boom!')>
 * }</pre>
 *
 * <p>The seed prints {@code Tac} twice in the second run, and loses the {@code <} of the last line:
 * typos of the page (each {@code tic_tac} prints {@code Tac} once); the example prints what the code
 * does. (The seed's REPL would also echo the task that each {@code schedule} returns; its listing
 * leaves those echoes out, and so does the example.)
 */
public final class HandMadeLoop {
    private HandMadeLoop() {
    }

    /**
     * Runs the two steps. The loop is the hand-made one; no Tulip event loop is involved.
     *
     * @param virtual unused: nothing here takes time
     */
    public static void main(boolean virtual) {
        Loop eventLoop = new Loop();
        eventLoop.schedule(TicTacAsync.ticTac());
        eventLoop.schedule(TicTacAsync.spam());
        eventLoop.runUntilEmpty();

        System.out.println("# eventLoop.runUntilComplete(ticTac()) on a new Loop");
        eventLoop = new Loop();
        eventLoop.runUntilComplete(TicTacAsync.ticTac());
    }
}
