package app;

import static dev.tulip.Tulip.*;
import dev.tulip.*;

public class Main {
    @Async
    static Coroutine<Integer> len(String s) {
        StringBuilder sb = new StringBuilder(s);
        await(sleep(0));
        return done(sb.length());   // length() is declared in package-private AbstractStringBuilder
    }

    public static void main(String[] args) {
        System.out.println(runVirtual(MainAsync.len("abc")));
    }
}
