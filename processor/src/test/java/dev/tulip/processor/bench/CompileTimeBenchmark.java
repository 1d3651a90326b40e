package dev.tulip.processor.bench;

import dev.tulip.processor.TulipProcessor;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.annotation.processing.Processor;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compile-time cost of the processor: javac on a file of 500 {@code @Async} methods, with the processor,
 * against plain javac on the same file without it (where {@code @Async} is inert and the bodies compile
 * as ordinary methods). Run by hand:
 * {@code mvn -q -pl runtime,processor test-compile exec:java -Dexec.mainClass=...} or from an IDE; prints
 * median wall-clock times over several runs after warm-up.
 */
public final class CompileTimeBenchmark {
    private CompileTimeBenchmark() {
    }

    private static String lastProcessorNote = "";

    static String source(int methods) {
        StringBuilder s = new StringBuilder("package bench;\nimport dev.tulip.*;\nimport static dev.tulip.Tulip.*;\n"
                + "import java.util.*;\npublic class Big {\n");
        for (int i = 0; i < methods; i++) {
            s.append("  @Async static Coroutine<Integer> m").append(i).append("(List<Integer> xs, int k) {\n")
                    .append("    int sum = 0;\n")
                    .append("    for (int x : xs) {\n")
                    .append("      try {\n")
                    .append("        sum += await(sleep(0)) == null ? x * k : 0;\n")
                    .append("        if (sum > 1000) { break; }\n")
                    .append("      } finally {\n")
                    .append("        sum++;\n")
                    .append("      }\n")
                    .append("    }\n")
                    .append("    String label = sum > 10 ? \"big\" : \"small\";\n")
                    .append("    await(sleep(0));\n")
                    .append("    return done(sum + label.length());\n")
                    .append("  }\n");
        }
        return s.append("}\n").toString();
    }

    static long compileMillis(String code, boolean withProcessor) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///bench/Big.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
        java.nio.file.Path out = java.nio.file.Files.createTempDirectory("tulip-bench");
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, Locale.ROOT, null)) {
            List<String> options = new ArrayList<>(List.of("--release", "17", "-d", out.toString(), "-s",
                    out.toString(), "-classpath", System.getProperty("java.class.path")));
            if (!withProcessor) {
                options.add("-proc:none");
            } else {
                options.add("-Atulip.timing=true");
            }
            long start = System.nanoTime();
            javax.tools.DiagnosticCollector<JavaFileObject> diagnostics = new javax.tools.DiagnosticCollector<>();
            JavaCompiler.CompilationTask task = javac.getTask(null, fm, diagnostics, options, null, List.of(file));
            if (withProcessor) {
                task.setProcessors(List.<Processor>of(new TulipProcessor()));
            }
            if (!task.call()) {
                throw new IllegalStateException("compilation failed: " + diagnostics.getDiagnostics());
            }
            long total = (System.nanoTime() - start) / 1_000_000;
            for (javax.tools.Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == javax.tools.Diagnostic.Kind.NOTE && d.getMessage(Locale.ROOT).startsWith("Tulip:")) {
                    lastProcessorNote = d.getMessage(Locale.ROOT);
                }
            }
            return total;
        }
    }

    /**
     * Runs the benchmark.
     *
     * @param args optional: number of methods (default 500) and runs (default 7)
     * @throws IOException on I/O failure
     */
    public static void main(String[] args) throws IOException {
        int methods = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        String code = source(methods);
        for (int i = 0; i < 2; i++) { // warm-up
            compileMillis(code, false);
            compileMillis(code, true);
        }
        long[] plain = new long[runs];
        long[] processed = new long[runs];
        for (int i = 0; i < runs; i++) {
            plain[i] = compileMillis(code, false);
            processed[i] = compileMillis(code, true);
        }
        java.util.Arrays.sort(plain);
        java.util.Arrays.sort(processed);
        System.out.printf(Locale.ROOT, "%d @Async methods: plain javac %d ms, with Tulip %d ms (median of %d), x%.2f%n",
                methods, plain[runs / 2], processed[runs / 2], runs,
                processed[runs / 2] / (double) plain[runs / 2]);
        System.out.println("last run: " + lastProcessorNote);
    }
}
