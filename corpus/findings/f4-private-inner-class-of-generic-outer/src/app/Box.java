package app;

import dev.tulip.Async;
import dev.tulip.Coroutine;
import java.util.ArrayList;
import java.util.List;
import static dev.tulip.Tulip.*;

public class Box<K> {
    private final class Wrapper extends ArrayList<K> {
        Wrapper(List<K> items) { super(items); }
    }

    @Async
    public Coroutine<List<K>> wrap(List<K> items) {
        await(sleep(0));
        return done(new Wrapper(items));
    }

    public static void main(String[] args) {
        System.out.println(runVirtual(BoxAsync.wrap(new Box<String>(), List.of("a", "b"))));
    }
}
