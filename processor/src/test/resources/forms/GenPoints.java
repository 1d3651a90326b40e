package forms;

import dev.tulip.*;
import java.util.List;

/** A generator with a yield in every context: try, catch, finally, loops, try-with-resources. */
public class GenPoints {
    static final class Res implements AutoCloseable {
        private final List<String> t;

        Res(List<String> t) {
            this.t = t;
        }

        @Override
        public void close() {
            t.add("close");
        }
    }

    @Generator.Method
    static Generator<Integer> everywhere(List<String> t) {
        try {
            t.add("got " + Tulip.yield(1));
            for (int i = 0; i < 2; i++) {
                try {
                    t.add("got " + Tulip.yield(2 + i));
                } finally {
                    t.add("loop-finally" + i);
                }
            }
            try (Res r = new Res(t)) {
                t.add("got " + Tulip.yield(4));
            }
            try {
                throw new IllegalArgumentException("x");
            } catch (IllegalArgumentException e) {
                t.add("catch");
                t.add("got " + Tulip.yield(5));
            } finally {
                t.add("finally");
                t.add("got " + Tulip.yield(6));
                t.add("after6");
            }
        } catch (GeneratorExit e) {
            t.add("exit");
            throw e;
        } catch (IllegalStateException e) {
            t.add("caught " + e.getMessage());
        } finally {
            t.add("outer-finally");
        }
        return Tulip.doneYielding("end");
    }
}
