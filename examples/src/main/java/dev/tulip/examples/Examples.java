package dev.tulip.examples;

import dev.tulip.Awaitable;
import dev.tulip.Tulip;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the examples by name: {@code mvn -q -pl examples exec:java -Dexample=fastfood}. Every example
 * runs on virtual time (instant, deterministic) unless {@code --real-time} is given.
 */
public final class Examples {
    private static final Map<String, Consumer<Boolean>> EXAMPLES = new LinkedHashMap<>();

    static {
        EXAMPLES.put("say_after", SayAfter::main);
    }

    private Examples() {
    }

    /**
     * Entry point.
     *
     * @param args an example name (or {@code list}), optionally followed by {@code --real-time}
     */
    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("list") || !EXAMPLES.containsKey(args[0])) {
            if (args.length > 0 && !args[0].equals("list")) {
                System.out.println("unknown example: " + args[0]);
            }
            System.out.println("examples: " + String.join(", ", EXAMPLES.keySet()));
            return;
        }
        boolean realTime = Arrays.asList(args).contains("--real-time");
        EXAMPLES.get(args[0]).accept(!realTime);
    }

    /** Runs a coroutine to completion on a fresh loop, virtual or real. */
    static <T> T run(Awaitable<T> main, boolean virtual) {
        return virtual ? Tulip.runVirtual(main) : Tulip.run(main);
    }

    /** The names of all examples, for tests. */
    static Iterable<String> names() {
        return EXAMPLES.keySet();
    }
}
