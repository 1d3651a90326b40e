package app;

import static dev.tulip.Tulip.*;
import dev.tulip.*;
import lib.Util;

public class Main {
    @Async
    static Coroutine<Integer> one(boolean b) {
        await(sleep(0));
        return done(b ? Util.ONE : null);
    }

    public static void main(String[] args) {
        System.out.println(runVirtual(MainAsync.one(true)));
    }
}
