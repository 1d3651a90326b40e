package forms;

import static dev.tulip.Tulip.*;

import dev.tulip.Async;
import dev.tulip.Coroutine;
import dev.tulip.Generator;
import dev.tulip.Tulip;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;

/**
 * Private types given to bounded type parameters in the signatures of @Async methods ({@code EnumSet<Kind>}
 * parameters and results, varargs of a private enum), in generic methods and in instance methods of a
 * generic class: the state machines name them with stand-in type variables.
 */
public class StandIns<L extends Comparable<L>> {
    private enum Kind { SOUP, MAIN, DESSERT }

    private record Dish(String name, int price) implements Comparable<Dish> {
        @Override
        public int compareTo(Dish o) {
            return Integer.compare(price, o.price);
        }
    }

    private final List<L> labels = new ArrayList<>();
    private EnumMap<Kind, Integer> served = new EnumMap<>(Kind.class);

    @Async
    static Coroutine<EnumSet<Kind>> grow(EnumSet<Kind> kinds, Kind... more) {
        EnumSet<Kind> grown = EnumSet.copyOf(kinds);
        for (Kind k : more) {
            await(sleep(0));
            grown.add(k);
        }
        return done(grown);
    }

    @Generator.Method
    static Generator<Kind> courses(EnumSet<Kind> from) {
        for (Kind k : from) {
            Tulip.yield(k);
        }
        return Tulip.doneYielding();
    }

    @Async
    static <T extends Comparable<T>> Coroutine<T> best(List<T> items, EnumSet<Kind> courses) {
        TreeSet<T> sorted = new TreeSet<>(items);
        await(sleep(0));
        EnumSet<Kind> missing = EnumSet.complementOf(courses);
        return done(missing.isEmpty() ? sorted.last() : sorted.first());
    }

    @Async
    Coroutine<String> serve(L label, Kind kind) {
        labels.add(label);
        EnumMap<Kind, Integer> counts = served;
        await(sleep(0));
        counts.merge(kind, 1, Integer::sum);
        EnumSet<Kind> done = await(grow(EnumSet.of(kind), Kind.DESSERT));
        Dish top = Collections.max(List.of(new Dish("a", 2), new Dish("b", 5)));
        StringBuilder order = new StringBuilder();
        for (Kind k : courses(EnumSet.complementOf(done))) { // a factory call iterated directly
            order.append(k.ordinal());
            await(sleep(0));
        }
        return done(Collections.max(labels) + " " + counts + " " + done + " " + top.name() + " " + order);
    }

    static String demo() {
        EnumSet<Kind> kinds = run(StandInsAsync.grow(EnumSet.of(Kind.SOUP), Kind.MAIN));
        String best = run(StandInsAsync.best(List.of("pear", "apple"), kinds));
        StandIns<String> s = new StandIns<>();
        String served = run(StandInsAsync.serve(s, "b", Kind.MAIN));
        return kinds + " " + best + " " + served;
    }
}
