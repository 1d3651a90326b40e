package golden;

import dev.tulip.*;
import java.util.List;

public class Talk {
    /** Seed 002: def talk(): ... data = yield ... */
    @Generator.Method
    static Generator<Void> talk(List<String> heard) {
        heard.add("Get ready for this");
        while (true) {
            String data = Tulip.yield();
            heard.add(data);
            if (data.equals("stop")) {
                break;
            }
        }
        return Tulip.doneYielding();
    }

    /** Seed 002: def dwarfs(): yield from [...] */
    @Generator.Method
    static Generator<String> dwarfs() {
        Tulip.yieldFrom(List.of("Grumpy", "Happy", "Sleepy", "Bashful", "Sneezy", "Dopey", "Doc"));
        return Tulip.doneYielding();
    }
}
