package app;

import dev.tulip.Async;
import dev.tulip.Coroutine;
import java.util.AbstractMap;
import java.util.Map;
import static dev.tulip.Tulip.*;

public class Bucket {
    private static final class Node<K, V> extends AbstractMap.SimpleEntry<K, V> {
        Node(K k, V v) { super(k, v); }
    }

    @Async
    static <K, V> Coroutine<Map.Entry<K, V>> node(K k, V v) {
        await(sleep(0));
        return done(new Node<>(k, v));
    }

    public static void main(String[] args) {
        System.out.println(runVirtual(BucketAsync.node("a", 1)));
    }
}
