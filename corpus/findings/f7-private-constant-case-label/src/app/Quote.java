package app;

import dev.tulip.Async;
import dev.tulip.Coroutine;
import static dev.tulip.Tulip.*;

public class Quote {
    private static final char QUOTE = '\'';

    @Async
    static Coroutine<String> kind(char c) {
        await(sleep(0));
        switch (c) {
            case QUOTE:
                return done("quote");
            default:
                return done("other");
        }
    }

    public static void main(String[] args) {
        System.out.println(runVirtual(QuoteAsync.kind('\'')));
    }
}
