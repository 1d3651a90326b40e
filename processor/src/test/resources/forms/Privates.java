package forms;

import static dev.tulip.Tulip.*;

import dev.tulip.Async;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import dev.tulip.Tulip;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Private nested types in the signatures of @Async methods: the user's own code calls the generated
 * factories with values of the private types and gets their results back.
 */
public class Privates {
    private static final class Item {
        private final String name;
        private int qty;

        private Item(String name, int qty) {
            this.name = name;
            this.qty = qty;
        }

        @Override
        public String toString() {
            return name + "x" + qty;
        }
    }

    private record Order(String dish, int qty) {
    }

    private enum Kind { SMALL, LARGE }

    private final class Till {
        private int sum;

        void ring(int n) {
            sum += n * factor;
        }
    }

    private final int factor;

    Privates(int factor) {
        this.factor = factor;
    }

    @Async
    static Coroutine<Item> restock(Item item, int more) {
        await(sleep(1));
        item.qty += more;
        return done(item);
    }

    @Async
    static Coroutine<List<Item>> split(Item item, Kind kind) {
        List<Item> parts = new ArrayList<>();
        int n = kind == Kind.LARGE ? 3 : 2;
        for (int i = 0; i < n; i++) {
            Item part = await(restock(new Item(item.name + i, 0), item.qty));
            parts.add(part);
        }
        return done(parts);
    }

    @Async
    static Coroutine<Map<String, Order>> orders(List<Item> items, Order... extra) {
        Map<String, Order> byDish = new TreeMap<>();
        for (Item i : items) {
            await(sleep(1));
            byDish.put(i.name, new Order(i.name, i.qty));
        }
        for (Order o : extra) {
            byDish.put(o.dish(), o);
        }
        return done(byDish);
    }

    @Async
    static Coroutine<Integer> count(Map<String, List<Item>> stock, Item[] shelf) {
        int n = shelf.length;
        for (List<Item> items : stock.values()) {
            n += await(sizeOf(items));
        }
        return done(n);
    }

    @Async
    static Coroutine<Integer> sizeOf(List<Item> items) {
        await(sleep(1));
        return done(items.size());
    }

    @Async
    Coroutine<Integer> ring(int... amounts) {
        Till till = new Till();
        for (int a : amounts) {
            await(sleep(1));
            till.ring(a);
        }
        return done(till.sum);
    }

    /** Plain code calling the factories: Item has a name here. */
    static String demo() {
        EventLoop loop = EventLoop.virtualTime();
        Item apple = new Item("apple", 1);
        Coroutine<Item> restocked = PrivatesAsync.restock(apple, 4);
        Item same = Tulip.run(restocked, loop);
        List<Item> parts = Tulip.run(PrivatesAsync.split(same, Kind.LARGE), EventLoop.virtualTime());
        Map<String, Order> orders = Tulip.run(PrivatesAsync.orders(parts, new Order("tea", 2)),
                EventLoop.virtualTime());
        Map<String, List<Item>> stock = new TreeMap<>();
        stock.put("fruit", parts);
        stock.put("more", List.of(apple));
        int counted = Tulip.run(PrivatesAsync.count(stock, new Item[] {apple, same}), EventLoop.virtualTime());
        int rung = Tulip.run(PrivatesAsync.ring(new Privates(10), 1, 2, 3), EventLoop.virtualTime());
        return (same == apple) + " " + same + " " + parts + " " + orders + " " + counted + " " + rung;
    }
}
