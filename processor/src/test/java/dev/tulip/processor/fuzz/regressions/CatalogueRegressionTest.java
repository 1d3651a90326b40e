package dev.tulip.processor.fuzz.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.tulip.processor.TulipProcessor;
import dev.tulip.processor.fuzz.Differential;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Forms of the fuzzer's catalogue of everyday API use (issue 13, {@code Catalogue}) that the processor
 * rejects or mishandles today. Each test is the program the generator writes for the form, reduced, and
 * is disabled with the finding's id ({@code /work/wt/notes/asyncify-findings.md}) or the lead's bug
 * number until the fix lands; the generator's switch for the form stays off meanwhile. Members and
 * bodies may use the catalogue's markers ({@code #ASYNC }, {@code #CO<}, {@code #OUTER}), replaced for
 * each world.
 */
class CatalogueRegressionTest {

    /**
     * FZ1 (switch {@code defaultPackage}): in the default package, the shadow probes the source path
     * for {@code Counter.java} (a name the sources use); compile-testing's in-memory file manager
     * matches the bare suffix, finds {@code Counter.java} and {@code BaseCounter.java} and throws
     * IllegalArgumentException; javac hands it back wrapped (ClientCodeException), which the
     * {@code catch (IOException | IllegalArgumentException)} of {@code MainClassPath.resource} misses,
     * and javac aborts: "java.lang.RuntimeException: java.lang.IllegalArgumentException: expected one
     * element but was: &lt;...[Counter.java], ...[BaseCounter.java]&gt;". Expected: compiles.
     */
    @Test
    @Disabled("FZ1: javac aborts on default-package sources whose names end alike")
    void defaultPackageSourcesWhoseNamesEndAlike() {
        Compilation c = Compiler.javac().withProcessors(new TulipProcessor()).withOptions("--release", "17").compile(
                JavaFileObjects.forSourceString("Counter", "public class Counter {\n    int n;\n}\n"),
                JavaFileObjects.forSourceString("BaseCounter", "class BaseCounter {\n}\n"),
                JavaFileObjects.forSourceString("Use", """
                        import dev.tulip.*;

                        import static dev.tulip.Tulip.*;

                        public class Use {
                            @Async
                            static Coroutine<Integer> m() {
                                Counter c = new Counter();
                                await(sleep(0));
                                return done(c.n);
                            }
                        }
                        """));
        assertEquals(Compilation.Status.SUCCESS, c.status(), c.errors().toString());
    }

    /**
     * Bug 6 (switch {@code localTypes}): today "Tulip cannot compile a local record (declare it as a
     * member of the class instead) in @Async method 'm'". Expected: compiles, same trace.
     */
    @Test
    @Disabled("bug 6: local records are rejected")
    void localRecordInAsyncBody() {
        Differential.program("""
                record Lt(int a, String b) {}
                Lt v = new Lt(await(later(2)), "r");
                t.log("Lt", v, v.a() + await(later(1)));
                return done(v.a());
                """).assertSameTraces();
    }

    /**
     * Bug 6 (switch {@code localTypes}): today "Tulip cannot compile a local class declared before an
     * await in the same block (its declaration would not be in scope after the suspension); declare it
     * as a member class in @Async method 'm'". Expected: compiles, same trace.
     */
    @Test
    @Disabled("bug 6: local enums are rejected")
    void localEnumInAsyncBody() {
        Differential.program("""
                enum Lt { A, B, C }
                Lt v = Lt.values()[await(later(1))];
                t.log("Lt", v, v.ordinal() + await(later(1)));
                return done(v.ordinal());
                """).assertSameTraces();
    }

    /** Bug 6 (switch {@code localTypes}): a local interface, rejected as the local enum is. */
    @Test
    @Disabled("bug 6: local interfaces are rejected")
    void localInterfaceInAsyncBody() {
        Differential.program("""
                interface Lt { int f(int x); }
                Lt v = x -> x * 2;
                t.log("Lt", v.f(await(later(3))));
                return done(v.f(1));
                """).assertSameTraces();
    }

    /**
     * Bug 7 (switch {@code boundMethodRefs}): today "Tulip cannot compile a bound method reference to an
     * {@code @Async} method; write a lambda that calls it instead in @Async method 'm'". Expected:
     * compiles, same trace.
     */
    @Test
    @Disabled("bug 7: bound method references to @Async methods are rejected")
    void boundMethodReferenceToAsyncMethod() {
        Differential.program("""
                BiFunction<Trace, Integer, #CO<Integer>> fn = this::fetch;
                t.log("fn", await(fn.apply(t, await(later(2)))));
                return done(1);
                """).instance().members("""
                #ASYNC #CO<Integer> fetch(Trace t, Integer v) {
                    t.log("fetch", v);
                    return done(v + await(later(1)));
                }
                """).assertSameTraces();
    }
}
