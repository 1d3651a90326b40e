package golden;

import static dev.tulip.Tulip.*;

import dev.tulip.*;
import java.util.List;

public class Kitchen {
    private int served;

    @Async
    static Coroutine<String> cook(String dish, double seconds) {
        await(sleep(seconds));
        return done(dish);
    }

    @Async
    Coroutine<Integer> serve(List<String> dishes) {
        int n = 0;
        for (String d : dishes) {
            String ready = await(cook(d, 1));
            System.out.println(ready);
            n++;
        }
        served += n;
        return done(n);
    }

    @Async
    static Coroutine<String> guarded(Lock lock, List<String> log) {
        try {
            log.add("try");
            String v = await(cook("x", 1)) + await(cook("y", 2));
            return done(v);
        } catch (IllegalStateException e) {
            log.add("caught " + e.getMessage());
            return done("failed");
        } finally {
            await(sleep(0));
            log.add("finally");
        }
    }

    interface Lock {
    }
}
