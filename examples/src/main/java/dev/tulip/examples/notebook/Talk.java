package dev.tulip.examples.notebook;

import dev.tulip.Generator;
import dev.tulip.StopIteration;
import dev.tulip.Tulip;

/**
 * Seed 002, section 1.1: {@code talk}, a generator that consumes the values sent to it, then the
 * priming decorator that spares the first {@code next()}.
 *
 * <pre>{@code
 * def talk():
 *     print('Get ready for this')
 *     while True:
 *         data = yield
 *         print(data)
 *         if data == 'stop':
 *             break
 *
 * >> s = talk()
 * >> next(s)
 * Get ready for this
 * >> s.send('Surprise!')
 * Surprise!
 *
 * >> gen = talk()
 * >> gen.send('Surprise!')
 * TypeError: can't send non-None value to a just-started generator
 *
 * def coroutine(func):
 *     def wrapper(*args, **kwargs):
 *         generator = func(*args, **kwargs)
 *         next(generator)
 *         return generator
 *     return wrapper
 *
 * @coroutine
 * def talk():
 *     ...
 *
 * s = talk()
 * s.send('Surprise!')
 * # Get ready for this
 * # Surprise!
 * }</pre>
 *
 * <ul>
 *   <li>{@code data = yield} is {@code String data = Tulip.yield();}: it yields nothing (null) and
 *       receives what {@link Generator#send send} passes in.</li>
 *   <li>Python's {@code TypeError} for a send to a just-started generator is an
 *       {@link IllegalStateException} with the same message ({@code non-null} for {@code non-None}).</li>
 *   <li>The decorator is {@link Generator#primed()}: {@code talk().primed()} advances the new
 *       generator to its first yield and returns it. {@link #primedTalk()} applies it, as the decorated
 *       {@code talk} did.</li>
 *   <li>The example adds what the seed leaves out: sending {@code "stop"} ends the loop, so the
 *       generator returns, and {@code send} raises {@link StopIteration}.</li>
 * </ul>
 */
public final class Talk {
    private Talk() {
    }

    /**
     * Prints every value sent in, until "stop".
     *
     * @return the generator; nothing runs until it is advanced
     */
    @Generator.Method
    static Generator<Void> talk() {
        System.out.println("Get ready for this");
        while (true) {
            String data = Tulip.yield();
            System.out.println(data);
            if (data.equals("stop")) {
                break;
            }
        }
        return Tulip.doneYielding();
    }

    /**
     * The decorated {@code talk} of the seed: a {@code talk} generator already advanced to its first
     * yield, ready for {@code send}.
     *
     * @return the primed generator
     */
    static Generator<Void> primedTalk() {
        return TalkAsync.talk().primed();
    }

    /**
     * {@code talk}: {@code next()} then {@code send}; the error of a send to a new generator.
     *
     * @param virtual unused: nothing here takes time
     */
    public static void main(boolean virtual) {
        System.out.println("# s = talk(); s.next()");
        Generator<Void> s = TalkAsync.talk();
        s.next();
        System.out.println("# s.send(\"Surprise!\")");
        s.send("Surprise!");
        System.out.println("# s.send(\"stop\"): talk leaves its loop and returns");
        try {
            s.send("stop");
        } catch (StopIteration e) {
            System.out.println("StopIteration");
        }
        System.out.println("# gen = talk(); gen.send(\"Surprise!\") without a first next()");
        Generator<Void> gen = TalkAsync.talk();
        try {
            gen.send("Surprise!");
        } catch (IllegalStateException e) {
            System.out.println("IllegalStateException: " + e.getMessage());
        }
    }

    /**
     * {@code talk} primed by the seed's decorator: {@code send} works at once.
     *
     * @param virtual unused: nothing here takes time
     */
    public static void primed(boolean virtual) {
        System.out.println("# s = primedTalk(), that is talk().primed()");
        Generator<Void> s = primedTalk();
        System.out.println("# s.send(\"Surprise!\")");
        s.send("Surprise!");
    }
}
