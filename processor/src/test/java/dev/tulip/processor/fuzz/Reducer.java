package dev.tulip.processor.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Shrinks a failing program while it keeps failing the same way: deletes statements (a line, or a
 * line and the block it opens, through its else/catch/finally parts), unwraps blocks, and drops
 * sub-coroutines. Candidates that javac rejects in the reference class are skipped. Greedy, to a
 * fixed point; what is left usually needs a last manual pass (expressions) before it becomes a
 * regression test. Run it with {@code -Dtulip.fuzz.seed=<seed> -Dtulip.fuzz.reduce=true}.
 */
final class Reducer {
    private final FuzzHarness harness;
    private final String signature;
    int tries;

    private Reducer(FuzzHarness harness, String signature) {
        this.harness = harness;
        this.signature = signature;
    }

    /** What kind of failure this is, without positions and numbered temporaries. */
    static String signature(FuzzHarness.Failure f) {
        if (f.kind.startsWith("SKIPPED")) {
            return "SKIPPED";
        }
        if (f.kind.startsWith("DIVERGENCE")) {
            return "DIVERGENCE";
        }
        String d = f.detail;
        int nl = d.indexOf('\n');
        String first = nl < 0 ? d : d.substring(0, nl);
        if (first.startsWith("javac crashed")) {
            int c = d.indexOf("Caused by: ");
            if (c >= 0) {
                int e = d.indexOf('\n', c);
                first = d.substring(c, e < 0 ? d.length() : e);
            }
        } else {
            first = first.replaceFirst("^(ERROR|WARNING) [^ ]*: ", "");
            if (first.startsWith("cannot find symbol") && nl >= 0) {
                int e = d.indexOf('\n', nl + 1);
                first += d.substring(nl, e < 0 ? d.length() : e);
            }
        }
        return f.kind + ": " + first.replaceAll("\\b(Ref|Co)[A-Za-z0-9]*", "C").replaceAll("[0-9]+", "N")
                .replaceAll("\\s+", " ").trim();
    }

    static ProgramGenerator.Program reduce(FuzzHarness harness, ProgramGenerator.Program p, FuzzHarness.Failure f) {
        Reducer r = new Reducer(harness, signature(f));
        System.out.println("reducing: " + r.signature);
        ProgramGenerator.Program best = p;
        boolean changed = true;
        while (changed) {
            changed = false;
            // drop sub-coroutines, last first
            for (int i = best.subs.size() - 1; i >= 0; i--) {
                List<ProgramGenerator.Method> subs = new ArrayList<>(best.subs);
                subs.remove(i);
                ProgramGenerator.Program c = new ProgramGenerator.Program(best.seed, best.id, best.main, subs, null);
                if (r.fails(c)) {
                    best = c;
                    changed = true;
                }
            }
            ProgramGenerator.Method m = r.reduceMethod(best, best.main, true);
            if (m != best.main) {
                best = new ProgramGenerator.Program(best.seed, best.id, m, best.subs, null);
                changed = true;
            }
            for (int i = 0; i < best.subs.size(); i++) {
                ProgramGenerator.Method s = best.subs.get(i);
                ProgramGenerator.Method reduced = r.reduceMethod(best, s, false);
                if (reduced != s) {
                    List<ProgramGenerator.Method> subs = new ArrayList<>(best.subs);
                    subs.set(i, reduced);
                    best = new ProgramGenerator.Program(best.seed, best.id, best.main, subs, null);
                    changed = true;
                }
            }
        }
        System.out.println("reduced after " + r.tries + " candidates");
        return best;
    }

    private ProgramGenerator.Method reduceMethod(ProgramGenerator.Program p, ProgramGenerator.Method m, boolean main) {
        List<String> lines = new ArrayList<>(List.of(m.body.split("\n")));
        boolean changed = true;
        ProgramGenerator.Method current = m;
        while (changed) {
            changed = false;
            for (int i = 0; i < lines.size(); i++) {
                int end = unitEnd(lines, i);
                if (end < 0) {
                    continue;
                }
                // 1. delete the whole unit
                List<String> c1 = new ArrayList<>(lines.subList(0, i));
                c1.addAll(lines.subList(end + 1, lines.size()));
                ProgramGenerator.Method cand = with(current, c1);
                if (fails(replace(p, m, cand, main))) {
                    lines = c1;
                    current = cand;
                    changed = true;
                    i--;
                    continue;
                }
                // 2. unwrap a simple block: keep its body
                if (end > i + 1 && lines.get(i).trim().endsWith("{") && lines.get(end).trim().equals("}")
                        && !hasMiddle(lines, i, end)) {
                    List<String> c2 = new ArrayList<>(lines.subList(0, i));
                    c2.addAll(lines.subList(i + 1, end));
                    c2.addAll(lines.subList(end + 1, lines.size()));
                    cand = with(current, c2);
                    if (fails(replace(p, m, cand, main))) {
                        lines = c2;
                        current = cand;
                        changed = true;
                        i--;
                    }
                }
            }
        }
        return current;
    }

    private static ProgramGenerator.Program replace(ProgramGenerator.Program p, ProgramGenerator.Method old,
            ProgramGenerator.Method cand, boolean main) {
        if (main) {
            return new ProgramGenerator.Program(p.seed, p.id, cand, p.subs, null);
        }
        List<ProgramGenerator.Method> subs = new ArrayList<>();
        for (ProgramGenerator.Method s : p.subs) {
            subs.add(s == old || s.name.equals(old.name) ? cand : s);
        }
        return new ProgramGenerator.Program(p.seed, p.id, p.main, subs, null);
    }

    private static ProgramGenerator.Method with(ProgramGenerator.Method m, List<String> lines) {
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(l).append('\n');
        }
        Set<String> suppress = new TreeSet<>(m.suppress);
        return new ProgramGenerator.Method(m.name, m.sub, m.resultType, b.toString(), suppress);
    }

    /** The last line of the statement starting at {@code i}, or -1 if {@code i} does not start one. */
    static int unitEnd(List<String> lines, int i) {
        String first = lines.get(i).trim();
        if (first.startsWith("}") || first.startsWith(")") || first.isEmpty()) {
            return -1;
        }
        int depth = 0;
        for (int k = i; k < lines.size(); k++) {
            depth += braceDelta(lines.get(k));
            if (depth < 0) {
                return -1;
            }
            if (depth == 0) {
                return k;
            }
        }
        return -1;
    }

    private static boolean hasMiddle(List<String> lines, int i, int end) {
        int depth = braceDelta(lines.get(i));
        for (int k = i + 1; k < end; k++) {
            String t = lines.get(k).trim();
            if (depth == 1 && t.startsWith("}")) {
                return true; // } else {, } catch, } finally, case groups...
            }
            depth += braceDelta(lines.get(k));
        }
        return false;
    }

    static int braceDelta(String line) {
        int d = 0;
        boolean inString = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' && (i == 0 || line.charAt(i - 1) != '\\')) {
                inString = !inString;
            } else if (!inString && c == '{') {
                d++;
            } else if (!inString && c == '}') {
                d--;
            }
        }
        return d;
    }

    private boolean fails(ProgramGenerator.Program c) {
        tries++;
        // only valid Java counts: the reference class must compile cleanly on its own
        com.google.testing.compile.Compilation ref = com.google.testing.compile.Compiler.javac()
                .withOptions(FuzzHarness.lintOptions())
                .compile(FuzzHarness.withLibrary(FuzzHarness.source(c.pkg, "RefRed",
                        FuzzHarness.refClass("RefRed", List.of(c)))));
        if (ref.status() != com.google.testing.compile.Compilation.Status.SUCCESS || !ref.warnings().isEmpty()) {
            return false;
        }
        int skippedBefore = harness.skipped.size();
        List<FuzzHarness.Failure> fs = harness.run("Red", List.of(c));
        if (signature.startsWith("SKIPPED") && harness.skipped.size() > skippedBefore) {
            return true; // reducing one of javac's own bugs
        }
        for (FuzzHarness.Failure f : fs) {
            if (signature(f).equals(signature)) {
                return true;
            }
        }
        return false;
    }
}
