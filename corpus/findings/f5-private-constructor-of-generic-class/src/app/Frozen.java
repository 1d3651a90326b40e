package app;

import dev.tulip.Async;
import dev.tulip.Coroutine;
import java.util.ArrayList;
import java.util.List;
import static dev.tulip.Tulip.*;

public final class Frozen<E> extends ArrayList<E> {
    private Frozen(List<? extends E> items) { super(items); }

    @Async
    public static <E> Coroutine<List<E>> of(List<? extends E> items) {
        await(sleep(0));
        return done(new Frozen<>(items));
    }

    public static void main(String[] args) {
        System.out.println(runVirtual(FrozenAsync.of(List.of("a", "b"))));
    }
}
