package dev.tulip.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void kitchen() throws Exception {
        var src = TestCompiler.source("demo.Kitchen",
                "package demo;",
                "import dev.tulip.*;",
                "import java.util.List;",
                "import static dev.tulip.Tulip.*;",
                "",
                "public class Kitchen {",
                "    private int served;",
                "",
                "    @Async",
                "    static Coroutine<String> cook(String dish, double seconds) {",
                "        await(sleep(seconds));",
                "        return done(dish);",
                "    }",
                "",
                "    @Async",
                "    Coroutine<Integer> serve(List<String> dishes) {",
                "        int n = 0;",
                "        for (String d : dishes) {",
                "            String ready = await(cook(d, 1));",
                "            System.out.println(ready);",
                "            n++;",
                "        }",
                "        served += n;",
                "        return done(n);",
                "    }",
                "",
                "    public static int main() {",
                "        return runVirtual(KitchenAsync.serve(new Kitchen(), List.of(\"burger\", \"fries\")));",
                "    }",
                "}");
        Compilation c = TestCompiler.compile(src);
        org.junit.jupiter.api.Assertions.assertTrue(TestCompiler.generated(c, "KitchenAsync")
                .contains("public final class KitchenAsync"));
        ClassLoader loader = TestCompiler.compileAndLoad(src);
        Object n = loader.loadClass("demo.Kitchen").getMethod("main").invoke(null);
        assertEquals(2, n);
    }
}
