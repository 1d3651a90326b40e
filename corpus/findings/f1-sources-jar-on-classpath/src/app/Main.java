package app;
import static dev.tulip.Tulip.*;
import dev.tulip.*;

public class Main {
    @Async
    static Coroutine<Integer> answer() {
        await(sleep(0));
        return done(42);
    }

    public static void main(String[] args) {
        System.out.println(runVirtual(MainAsync.answer()));
    }
}
