package dev.tulip.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Pins the generated code of representative methods: readability is part of the product. To accept a
 * deliberate change, run with {@code -Dtulip.golden.update=true} and review the diff.
 */
class GoldenTest {
    @Test
    void kitchen() throws IOException {
        check("golden/Kitchen.java", "KitchenAsync");
    }

    @Test
    void generators() throws IOException {
        check("golden/Talk.java", "TalkAsync");
    }

    private static void check(String source, String companion) throws IOException {
        Compilation c = TestCompiler.compile(JavaFileObjects.forResource(source));
        String actual = TestCompiler.generated(c, companion);
        Path golden = Path.of("src/test/resources/golden/" + companion + ".java.golden");
        if (Boolean.getBoolean("tulip.golden.update")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        // A missing golden file is a failure, never a silent pass: create it deliberately.
        assertTrue(Files.exists(golden), golden + " is missing; create it with -Dtulip.golden.update=true");
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual,
                "generated code changed; review and update with -Dtulip.golden.update=true");
    }
}
