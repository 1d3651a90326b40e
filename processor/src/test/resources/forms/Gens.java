package forms;

import static dev.tulip.Tulip.*;

import dev.tulip.*;
import java.util.ArrayList;
import java.util.List;

/** Generators and asynchronous generators, as the seeds use them. */
public class Gens {
    static List<String> log = new ArrayList<>();

    /** Seed 002: def dwarfs(): for name in [...]: yield name */
    @Generator.Method
    static Generator<String> dwarfs() {
        for (String name : List.of("Grumpy", "Happy", "Sleepy", "Bashful", "Sneezy", "Dopey", "Doc")) {
            Tulip.yield(name);
        }
        return Tulip.doneYielding();
    }

    /** Seed 002: talk() receives with send. */
    @Generator.Method
    static Generator<Void> talk() {
        log.add("Get ready for this");
        while (true) {
            String data = Tulip.yield();
            log.add(data);
            if (data.equals("stop")) {
                break;
            }
        }
        return Tulip.doneYielding();
    }

    /** Seed 001: tic_tac yields twice and returns "Boum!". */
    @Generator.Method
    static Generator<Void> ticTac() {
        log.add("Tic");
        Tulip.yield();
        log.add("Tac");
        Tulip.yield();
        return Tulip.doneYielding("Boum!");
    }

    /** Seed 001: example delegates to subtask with yield from. */
    @Generator.Method
    static Generator<Void> example() {
        log.add("Tâche 'example'");
        log.add("Lancement de la tâche 'subtask'");
        Object r = Tulip.yieldFrom(subtask());
        log.add("Retour dans 'example' " + r);
        for (int i = 0; i < 3; i++) {
            log.add("(example)");
            Tulip.yield();
        }
        return Tulip.doneYielding();
    }

    @Generator.Method
    static Generator<Void> subtask() {
        log.add("Tâche 'subtask'");
        for (int i = 0; i < 2; i++) {
            log.add("(subtask)");
            Tulip.yield();
        }
        return Tulip.doneYielding("sub done");
    }

    @Generator.Method
    static Generator<Integer> withFinally() {
        try {
            for (int i = 0; ; i++) {
                Tulip.yield(i);
            }
        } finally {
            log.add("closed");
        }
    }

    @Generator.Method
    static Generator<Integer> delegating() {
        Tulip.yieldFrom(List.of(1, 2));
        Tulip.yield(3);
        return Tulip.doneYielding();
    }

    /** Seed 002: async def dwarfs(): ... yield name */
    @Async
    static AsyncGenerator<String> asyncDwarfs() {
        for (String name : List.of("Grumpy", "Happy", "Sleepy", "Bashful", "Sneezy", "Dopey", "Doc")) {
            await(sleep(0.1));
            Tulip.yield(name);
        }
        return Tulip.doneYielding();
    }

    /** async for, and the comprehension equivalents. */
    @Async
    static Coroutine<String> consume() {
        List<String> names = new ArrayList<>();
        for (String d : asyncDwarfs()) {
            names.add(d);
        }
        List<String> all = await(collect(asyncDwarfs()));
        List<String> withE = await(collect(asyncDwarfs(), n -> n.contains("e")));
        return done(names + "|" + all.size() + "|" + withE);
    }

    @Async
    static AsyncGenerator<Integer> ticking(List<String> trace) {
        try {
            for (int i = 0; ; i++) {
                await(sleep(1));
                Tulip.yield(i);
            }
        } finally {
            trace.add("generator finally");
            await(sleep(0));
            trace.add("generator cleaned up");
        }
    }

    @Async
    static Coroutine<String> closeEarly(List<String> trace) {
        try (var ticks = ticking(trace)) {
            for (int t : ticks) {
                trace.add("tick " + t);
                if (t == 2) {
                    break;
                }
            }
        }
        return done("closed");
    }
}
