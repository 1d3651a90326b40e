package dev.tulip.processor;

import dev.tulip.processor.fuzz.Differential;
import org.junit.jupiter.api.Test;

/**
 * Private nested types of the enclosing class used in {@code @Async} bodies. The generated companion
 * cannot name them: it spells them as an accessible supertype and reaches their members, constructors,
 * constants and class objects through handles. Each program here runs the same body as plain Java and
 * as an {@code @Async} method (awaits suspending, and all already done), and the traces must be equal;
 * the generated code must compile without warnings under -Xlint:all.
 */
class PrivateTypesTest {
    private static final String ITEM = """
            private static class Item {
                private final String name;
                public int qty;
                static int made;
                static final String KIND = "item";

                private Item(String name, int qty) {
                    this.name = name;
                    this.qty = qty;
                    made++;
                }

                Item(String name) {
                    this(name, 1);
                }

                private String label() {
                    return name + "x" + qty;
                }

                static Item of(String name) {
                    return new Item(name, 2);
                }

                private static int total(Item... items) {
                    int sum = 0;
                    for (Item i : items) {
                        sum += i.qty;
                    }
                    return sum;
                }

                @Override
                public String toString() {
                    return "Item(" + name + ")";
                }
            }
            """;

    @Test
    void privateStaticClassMembersAcrossAwaits() {
        Differential.program("""
                Item.made = 0;
                Item a = new Item("a", 2);
                t.log("made", a, a.label(), a.name, a.qty, Item.KIND, Item.made);
                a.qty += await(later(3));
                a.qty++;
                Item b = Item.of(await(soon("b")));
                t.log("b", b.label(), b.toString(), b.hashCode() == b.hashCode(), b.equals(a));
                Item c = await(later(new Item("c")));
                t.log("c", c.label(), Item.total(a, b, c), Item.total(), Item.total(new Item[] {c, c}));
                Item.made += 10;
                return done(a.qty + Item.made);
                """).members(ITEM).assertSameTraces();
    }

    @Test
    void genericsArraysAndMethodReferences() {
        Differential.program("""
                List<Item> list = new ArrayList<>();
                Map<String, Item> byName = new HashMap<>();
                for (String s : List.of("x", "yy", "z")) {
                    Item i = new Item(s, s.length() + await(later(1)));
                    list.add(i);
                    byName.put(s, i);
                }
                list.sort(Comparator.comparing(Item::label).reversed());
                list.forEach(i -> t.log("sorted", i.label()));
                Function<String, Item> make = Item::new;
                Function<Item, String> label = Item::label;
                BiFunction<String, Integer, Item> make2 = Item::new;
                Item z = make.apply("z");
                t.log("refs", label.apply(z), make2.apply("w", 9).label(), byName.get("yy").qty);
                Supplier<String> bound = z::label;
                z.qty = 5;
                t.log("bound", bound.get());
                Item[] arr = new Item[2];
                arr[0] = await(later(z));
                arr[1] = list.get(0);
                Item[] more = {z, list.get(1)};
                Item[][] grid = new Item[2][3];
                grid[1][2] = z;
                Item[] copy = list.toArray(new Item[0]);
                IntFunction<Item[]> newArray = Item[]::new;
                t.log("arrays", arr[0].label(), more[1].label(), grid[1][2].name, grid[0].length, copy.length,
                        newArray.apply(4).length, Item.total(arr), Item.total(more));
                Object o = arr[1];
                boolean isItem = o instanceof Item;
                Item cast = (Item) o;
                Object s = "s";
                t.log("tests", isItem, cast.label(), Item.class.getSimpleName(), Item[].class.getSimpleName(),
                        s instanceof Item);
                try {
                    Item bad = (Item) (Object) "nope";
                    t.log("not reached", bad);
                } catch (ClassCastException e) {
                    t.log("cce");
                }
                int sum = list.stream().mapToInt(i -> i.qty).sum();
                Optional<Item> first = list.stream().filter((Item i) -> i.qty > 2).findFirst();
                return done(sum + first.map(i -> i.qty).orElse(0));
                """).members(ITEM).assertSameTraces();
    }

    @Test
    void instanceofPatternsTrackedAndNot() {
        Differential.program("""
                Object[] things = {new Item("p", 1), "text", new Item("q", 4), null};
                int n = 0;
                for (Object o : things) {
                    if (o instanceof Item i && i.qty > 0) {
                        t.log("item", i.label());
                        n += await(later(i.qty));
                        t.log("still", i.label());
                    } else if (!(o instanceof Item j)) {
                        t.log("other", o);
                    } else {
                        t.log("never", j);
                    }
                    if (!(o instanceof Item k)) {
                        continue;
                    }
                    k.qty++;
                    t.log("after", k.label());
                }
                return done(n);
                """).members(ITEM).assertSameTraces();
    }

    private static final String ORDER = """
            private record Order(String dish, int qty) {
                static Order checked(String dish, int qty) {
                    if (qty < 0) {
                        throw new IllegalArgumentException("negative " + dish);
                    }
                    return new Order(dish, qty);
                }

                int doubled() {
                    return qty * 2;
                }
            }
            """;

    @Test
    void privateRecord() {
        Differential.program("""
                Order o = new Order("soup", 2);
                await(later(0));
                t.log("order", o.dish(), o.qty(), o.doubled(), o, o.equals(new Order("soup", 2)),
                        o.hashCode() == new Order("soup", 2).hashCode());
                try {
                    Order.checked("bad", await(later(-1)));
                } catch (IllegalArgumentException e) {
                    t.log("rejected", e.getMessage());
                }
                Object any = o;
                if (any instanceof Order r && r.qty() > 1) {
                    await(pause());
                    t.log("matched", r.dish());
                }
                List<Order> orders = List.of(o, Order.checked("tea", await(soon(3))));
                return done(new Order("total", orders.stream().mapToInt(Order::qty).sum()));
                """).members(ORDER).returns("Order").assertSameTraces();
    }

    private static final String KIND = """
            private enum Kind {
                A, B, C {
                    @Override
                    String tag() {
                        return "c!";
                    }
                };

                String tag() {
                    return name().toLowerCase();
                }
            }
            """;

    @Test
    void privateEnumSwitches() {
        Differential.program("""
                int total = 0;
                for (Kind k : Kind.values()) {
                    switch (k) {
                        case A:
                            total += 1;
                        case B:
                            total += 10;
                            break;
                        default:
                            total += 100;
                    }
                    String s = switch (k) {
                        case A -> "a";
                        case B -> {
                            String b = "b" + await(later(1));
                            yield b;
                        }
                        case C -> "c";
                    };
                    int w = switch (k) {
                        case A:
                        case B:
                            yield 1;
                        default:
                            yield 2;
                    };
                    t.log("kind", k, s, w, k.name(), k.ordinal(), k.tag(), k.compareTo(Kind.B), k == Kind.C);
                    switch (k) {
                        case C -> t.log("C!", await(later(3)));
                        default -> t.log("not C");
                    }
                }
                Kind v = Kind.valueOf(await(later("C")));
                t.log("valueOf", v, v.tag(), Kind.values().length, Kind.class.getSimpleName());
                Kind none = null;
                try {
                    switch (none) {
                        case A:
                            t.log("never");
                            break;
                        default:
                            t.log("never");
                    }
                } catch (NullPointerException e) {
                    t.log("npe");
                }
                try {
                    switch (none) {
                        case A:
                            await(later(1));
                            break;
                        default:
                            t.log("never");
                    }
                } catch (NullPointerException e) {
                    t.log("npe exploded");
                }
                List<Kind> kinds = new ArrayList<>(List.of(Kind.C, Kind.A));
                kinds.sort(Comparator.comparing(Kind::ordinal));
                return done(total + kinds.get(0).ordinal());
                """).members(KIND).suppress("fallthrough").assertSameTraces();
    }

    @Test
    void privateInterfaceImplementedByPrivateClass() {
        Differential.program("""
                Pricing p = new Flat(3);
                int first = p.price(await(later(2)));
                Pricing q = Pricing.free();
                Flat f = (Flat) p;
                t.log("prices", first, q.price(5), p.describe(), f.rate, p instanceof Flat, q instanceof Flat);
                return done(first + f.price(1));
                """).members("""
                private interface Pricing {
                    int price(int qty);

                    default String describe() {
                        return "pricing " + price(1);
                    }

                    static Pricing free() {
                        return new Flat(0);
                    }
                }

                private static final class Flat implements Pricing {
                    private final int rate;

                    Flat(int rate) {
                        this.rate = rate;
                    }

                    @Override
                    public int price(int qty) {
                        return qty * rate;
                    }
                }
                """).assertSameTraces();
    }

    @Test
    void nestedPrivateTypes() {
        Differential.program("""
                Box.Slot s = new Box.Slot(await(later(4)));
                Box.Slot[] slots = {s, new Box.Slot(5)};
                Shelf.Tag tag = Shelf.Tag.NEW;
                t.log("nested", s.size, slots[1].size, tag, Shelf.Tag.values().length, Shelf.label(s.size));
                return done(s.size);
                """).members("""
                private static class Box {
                    static class Slot {
                        final int size;

                        Slot(int size) {
                            this.size = size;
                        }
                    }
                }

                static class Shelf {
                    private enum Tag { OLD, NEW }

                    private static String label(int n) {
                        return "shelf " + n;
                    }
                }
                """).assertSameTraces();
    }

    @Test
    void privateInnerClassOfAnInstanceMethod() {
        Differential.program("""
                mf = 3;
                Counter c = new Counter();
                c.add(await(later(2)));
                Counter d = this.new Counter();
                d.add(c.total());
                t.log("counters", c.total(), d.total(), mh(c.total()));
                return done(d.total());
                """).members("""
                private class Counter {
                    private int count;

                    void add(int n) {
                        count += n + mf;
                    }

                    int total() {
                        return count;
                    }
                }
                """).instance().assertSameTraces();
    }

    private static final String ERRORS = """
            private static class OutOfStock extends Exception {
                private static final long serialVersionUID = 1L;
                private final String dish;

                OutOfStock(String dish) {
                    super("out of " + dish);
                    this.dish = dish;
                }
            }

            private static class Closed extends RuntimeException {
                private static final long serialVersionUID = 1L;

                Closed(String why) {
                    super(why);
                }
            }
            """;

    /**
     * Catch clauses naming private exception classes, around awaits (the state machine's exception
     * dispatch tests their class objects) and in code printed as written (one catch of Throwable tests
     * the clauses in order and rethrows the rest), with multi-catch, finally, and a lambda.
     */
    @Test
    void catchingPrivateExceptionClasses() {
        Differential.program("""
                for (String dish : new String[] {"burger", "fries", "closed", "other"}) {
                    try {
                        await(later(1));
                        switch (dish) {
                            case "fries" -> throw new OutOfStock(dish);
                            case "closed" -> throw new Closed("at night");
                            case "other" -> throw new IllegalStateException("other");
                            default -> t.log("cooked", dish);
                        }
                    } catch (OutOfStock e) {
                        t.log("sorry", e.dish, e.getMessage(), await(later(2)));
                    } catch (Closed | IllegalStateException e) {
                        t.log("closed", e.getMessage());
                    } finally {
                        t.log("finally", dish);
                    }
                    try {
                        if (dish.length() == 5) {
                            throw new OutOfStock(dish);
                        }
                        t.log("plain", dish);
                    } catch (OutOfStock e) {
                        t.log("plain sorry", e.dish);
                    }
                    Runnable r = () -> {
                        try {
                            if (dish.startsWith("c")) {
                                throw new Closed(dish);
                            }
                            t.log("lambda", dish);
                        } catch (Closed e) {
                            t.log("lambda closed", e.getMessage());
                        }
                    };
                    r.run();
                }
                try {
                    try {
                        if (await(later(3)) == 4) {
                            throw new OutOfStock("never");
                        }
                        throw new Closed("uncaught inside");
                    } catch (OutOfStock e) {
                        t.log("wrong", e.dish);
                    }
                } catch (RuntimeException e) {
                    t.log("outer", e.getMessage());
                }
                return done(1);
                """).members(ERRORS).assertSameTraces();
    }

    private static final String FUNCTIONS = """
            private interface Op {
                int apply(int x);

                default Op then(Op next) {
                    return x -> next.apply(apply(x));
                }
            }

            private interface Fn<T, R> {
                R call(T t) throws java.io.IOException; // "t": helpers keep parameter names
            }

            private interface Maker {
                Item make(String name);
            }

            private interface Named extends Function<String, Integer> {
                @Override
                Integer apply(String s);
            }

            private interface Act extends Runnable {
            }

            private interface Bounded<N extends Number> {
                double scale(N n);
            }

            private static int twice(Op op, int v) {
                return op.apply(op.apply(v));
            }

            private static Op adder(int k) {
                return x -> x + k;
            }

            private int shift = 100;

            private int shifted(int x) {
                return x + shift;
            }
            """;

    @Test
    void lambdasAndMethodReferencesOfPrivateFunctionalInterfaces() {
        Differential.program("""
                int k = await(later(5));
                Op inc = x -> x + k;
                Op stat = Math::abs;
                Op bound = this::shifted;
                Op chained = inc.then(stat).then(adder(await(soon(1))));
                t.log("ops", inc.apply(1), stat.apply(-4), bound.apply(1), chained.apply(-20), twice(x -> x * 3, 2),
                        twice(Math::negateExact, 7), adder(2).apply(await(later(3))));
                Fn<String, Integer> len = s -> {
                    if (s == null) {
                        throw new java.io.IOException("no string");
                    }
                    return s.length();
                };
                try {
                    t.log("len", len.call(await(soon("abcd"))));
                    len.call(null);
                } catch (java.io.IOException e) {
                    t.log("caught", e.getMessage());
                }
                Maker maker = Item::new;
                Fn<Item, String> label = Item::label;
                Fn<Item, Item> grow = i -> new Item(i.name + "+", i.qty + k);
                Item made = maker.make(await(later("m")));
                try {
                    t.log("items", label.call(made), label.call(grow.call(made)));
                } catch (java.io.IOException e) {
                    t.log("never", e);
                }
                Named named = s -> s.length() * 2;
                Function<String, Integer> asFunction = named;
                t.log("bridges", named.apply("xy"), asFunction.apply("xyz"), named.andThen(n -> n + 1).apply("a"));
                List<String> log = new ArrayList<>();
                Act act = () -> log.add("ran");
                Runnable r = act;
                act.run();
                await(pause());
                r.run();
                Bounded<Integer> half = n -> n / 2.0;
                Bounded<? super Integer> third = n -> n.doubleValue() / 3;
                t.log("bounded", half.scale(await(later(5))), third.scale(9), log);
                List<Op> ops = new ArrayList<>();
                int sum = 0;
                for (int i = 0; i < 3; i++) {
                    int j = i;
                    ops.add(x -> x * j);
                    await(later(i));
                    sum += ops.get(i).apply(10);
                }
                Op none = null;
                t.log("loop", sum, ops.size(), none == null, inc == inc, inc instanceof Op);
                return done(sum + inc.apply(0));
                """).members(ITEM + FUNCTIONS).instance().assertSameTraces();
    }

    private static final String RANKED = """
            private enum Rank {
                LOW, MID, HIGH
            }

            private record Score(String who, int points) implements Comparable<Score> {
                @Override
                public int compareTo(Score o) {
                    return Integer.compare(points, o.points);
                }
            }
            """;

    /**
     * Generic methods whose bounded type parameter ({@code T extends Comparable<? super T>}) is given a
     * private type: the state machine names the type with a stand-in type variable
     * ({@code Rank$ extends Enum<Rank$>}) and makes the calls as written.
     */
    @Test
    void boundedGenericMethodsGivenPrivateTypes() {
        Differential.program("""
                List<Rank> ranks = new ArrayList<>(List.of(Rank.HIGH, Rank.LOW, Rank.MID));
                Collections.sort(ranks);
                Rank max = Collections.max(ranks);
                await(pause());
                Rank min = Collections.min(ranks, Comparator.reverseOrder());
                t.log("ranks", ranks, max, min);
                List<Score> scores = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    scores.add(new Score("s" + i, await(later(i * 7 % 5))));
                }
                Collections.sort(scores);
                Score top = Collections.max(scores);
                Optional<Score> low = scores.stream().min(Comparator.naturalOrder());
                scores.sort(Comparator.reverseOrder());
                t.log("scores", scores, top, low.get());
                Map<Rank, Integer> byRank = new HashMap<>(Map.of(Rank.MID, 2, Rank.LOW, 1, Rank.HIGH, 3));
                List<Map.Entry<Rank, Integer>> entries = new ArrayList<>(byRank.entrySet());
                entries.sort(Map.Entry.comparingByKey());
                t.log("entries", entries, await(soon(entries.size())));
                try {
                    Collections.max(new ArrayList<Score>());
                } catch (NoSuchElementException e) {
                    t.log("empty", e.getClass().getSimpleName());
                }
                return done(top.points() + max.ordinal());
                """).members(RANKED).assertSameTraces();
    }

    private static final String BOUNDED = """
            static final class Best<T extends Comparable<T>> {
                private T best;

                void offer(T t) {
                    if (best == null || t.compareTo(best) > 0) {
                        best = t;
                    }
                }

                T get() {
                    return best;
                }
            }

            @SafeVarargs
            static <T extends Comparable<T>> T maxOf(T first, T... rest) {
                T max = first;
                for (T t : rest) {
                    if (t.compareTo(max) > 0) {
                        max = t;
                    }
                }
                return max;
            }

            private static EnumSet<Rank> seen = EnumSet.noneOf(Rank.class);

            private record Step(Rank from) {
            }

            private static EnumSet<Rank> above(Rank r) {
                return EnumSet.range(r, Rank.HIGH);
            }

            private static int weigh(EnumMap<Rank, Integer> counts) {
                int sum = 0;
                for (Map.Entry<Rank, Integer> e : counts.entrySet()) {
                    sum += e.getKey().ordinal() * e.getValue();
                }
                return sum;
            }
            """;

    /**
     * Values of generic types whose bounded type parameter is given a private type ({@code EnumSet<Rank>},
     * {@code EnumMap<Rank, V>}, {@code Best<Score>} with {@code T extends Comparable<T>}), and a varargs
     * bounded method: the stand-in type variables type them, and values from the companion's helpers
     * (private fields, methods, constants, class objects, method references) are cast to them.
     */
    @Test
    void valuesOfBoundedGenericTypesGivenPrivateTypes() {
        Differential.program("""
                seen = EnumSet.noneOf(Rank.class);
                EnumSet<Rank> ranks = EnumSet.of(Rank.MID);
                EnumMap<Rank, Integer> counts = new EnumMap<>(Rank.class);
                for (Rank r : Rank.values()) {
                    counts.put(r, await(later(r.ordinal() + 1)));
                    seen.add(r);
                }
                ranks.addAll(above(Rank.MID));
                await(pause());
                Rank top = maxOf(Rank.LOW, Rank.HIGH, Rank.MID);
                Rank max = Collections.max(ranks);
                Rank back = await(ready(top));
                t.log("sets", ranks, counts, top, max, back, seen, EnumSet.complementOf(ranks));
                Best<Score> best = new Best<>();
                for (int i = 0; i < 3; i++) {
                    best.offer(new Score("s" + i, await(soon(i * 5 % 3))));
                }
                Score winner = maxOf(best.get(), new Score("x", 1));
                t.log("best", best.get(), winner);
                Map<Rank, List<Score>> byRank = new EnumMap<>(Rank.class);
                byRank.computeIfAbsent(Rank.LOW, k -> new ArrayList<>()).add(winner);
                List<EnumSet<Rank>> nested = new ArrayList<>();
                nested.add(EnumSet.copyOf(ranks));
                Function<Rank, EnumSet<Rank>> from = r -> above(r);
                Function<Step, Rank> to = Step::from;
                Rank[] arr = ranks.toArray(new Rank[0]);
                t.log("more", byRank, nested, from.apply(Rank.MID), to.apply(new Step(Rank.HIGH)), arr.length,
                        Arrays.toString(arr));
                Object o = top;
                if (o instanceof Rank r2 && r2.compareTo(Rank.MID) > 0) {
                    t.log("pattern", r2, await(later(1)));
                }
                switch (top) {
                    case HIGH -> t.log("switch", "high", await(soon(2)));
                    default -> t.log("switch", "other");
                }
                Comparator<Rank> reversed = new Comparator<Rank>() {
                    @Override
                    public int compare(Rank a, Rank b) {
                        return b.compareTo(a);
                    }
                };
                List<Score> ss = new ArrayList<>(List.of(winner, new Score("z", -1)));
                {
                    class ByPoints implements Comparator<Score> {
                        @Override
                        public int compare(Score a, Score b) {
                            return Integer.compare(a.points(), b.points());
                        }
                    }
                    ss.sort(new ByPoints());
                }
                List<Rank> all = new ArrayList<>(EnumSet.allOf(Rank.class));
                all.sort(reversed);
                t.log("sorted", all, ss, await(later(all.size())));
                int sum = weigh(counts);
                return done(sum + winner.points() + ranks.size());
                """).members(RANKED + BOUNDED).assertSameTraces();
    }

    /**
     * A method reference to a generic method with a bounded type parameter, instantiated by its functional
     * interface with a private type: the only thing in the method that calls for a stand-in.
     */
    @Test
    void methodReferenceToABoundedGenericMethodGivenAPrivateType() {
        Differential.program("""
                Function<Collection<Rank>, Rank> max = Collections::max;
                BiFunction<Collection<Rank>, Comparator<Rank>, Rank> min = Collections::min;
                List<Rank> ranks = List.of(Rank.MID, Rank.HIGH, Rank.LOW);
                await(pause());
                t.log("max", max.apply(ranks), min.apply(ranks, (a, b) -> b.ordinal() - a.ordinal()), await(later(1)));
                return done(max.apply(ranks).ordinal());
                """).members(RANKED).assertSameTraces();
    }
}
