package dev.tulip.processor.fuzz.regressions;

import dev.tulip.processor.fuzz.Differential;
import org.junit.jupiter.api.Test;

/**
 * Bugs found by the differential fuzzer (issue 7), each hand-reduced to a small program. Every test
 * compiles the body as plain Java and as an {@code @Async} method, runs the state machine on a
 * virtual-time loop (awaits suspend) and with every awaitable already done, and requires the three
 * traces to be identical, and the generated code to compile without warnings under -Xlint:all.
 *
 * <p>They fail until the processor is fixed; the generator keeps the construct switched off
 * meanwhile (see {@code FuzzDifferentialTest.features()}).
 */
class TransformRegressionTest {

    // ---- try-with-resources

    /**
     * A {@code var} resource crashes the analysis: "Internal error in Tulip ...: tree outside the
     * indexed method: dev.tulip.processor.fuzz.Res" (BodyAnalysis.visitTry asks the type of the
     * synthesized type tree of {@code var}). Expected: compiles, same trace.
     */
    @Test
    void varResourceCrashesBodyAnalysis() {
        Differential.program("""
                try (var r = res(t, "r", false)) {
                    t.log("use", r.id());
                }
                return done(1);
                """).assertSameTraces();
    }

    /**
     * An AsyncCloseable resource whose block suspends: the generated close state clears the fields it
     * thinks dead before evaluating {@code return r.aclose();}, so the close throws
     * {@code NullPointerException: Cannot invoke "ARes.aclose()" because "this.r" is null}.
     * Expected trace: open r / use r / close r / return 1.
     */
    @Test
    void asyncResourceIsClearedBeforeItsAcloseIsAwaited() {
        Differential.program("""
                try (ARes r = ares(t, "r", false)) {
                    await(later(1));
                    t.log("use", r.id());
                }
                return done(1);
                """).assertSameTraces();
    }

    /**
     * A reference local that lives across one await and whose last use is the operand of the next
     * await is cleared before the operand is evaluated: the generated code is
     * {@code s = null; state = 2; return later(s);}. Expected {@code v x}; the state machine logs
     * {@code v null}, in both modes. (Dead reference fields are cleared at each suspension; the
     * awaitable expression itself is evaluated after the clearing.)
     */
    @Test
    void referenceUsedOnlyByTheNextAwaitIsClearedBeforeIt() {
        Differential.program("""
                String s = t.s("s", "x");
                await(later(1));
                t.log("v", await(later(s)));
                return done(1);
                """).assertSameTraces();
    }

    /**
     * Same cause, in a finally block: the boxed local is read by the await in the finally, after an
     * empty try block. Expected {@code f 4}, actual {@code f null}. Found in a fuzzed program where the
     * same clearing made a sub-coroutine receive a null array.
     */
    @Test
    void localReadByAnAwaitInFinallyIsClearedBeforeIt() {
        Differential.program("""
                Integer bx = 4;
                await(later(1));
                try {
                } finally {
                    t.log("f", await(later(bx)));
                }
                return done(1);
                """).assertSameTraces();
    }

    /**
     * Same cause, with the parameter {@code t}: after the second await every arm throws, so {@code t}
     * is dead there and cleared before {@code t.v("v", 0)} is evaluated:
     * {@code NullPointerException: ... because "this.t" is null} instead of the trace v 0 / throw Bang(T).
     */
    @Test
    void parameterReadOnlyByTheLastAwaitIsClearedBeforeIt() {
        Differential.program("""
                await(later(1));
                switch (await(later(t.v("v", 0)))) {
                    default -> throw new Bang("T");
                }
                """).assertSameTraces();
    }

    // ---- anonymous classes

    /**
     * Any anonymous class in an {@code @Async} body crashes the processor: "Internal error in Tulip
     * ...: tree outside the indexed method: super()" (or "&lt;init&gt;() {"): the implicit constructor
     * javac adds to the anonymous class is not in the path index.
     */
    @Test
    void anonymousClassCrashesTheProcessor() {
        Differential.program("""
                int k = await(later(1));
                IntSupplier s = new IntSupplier() {
                    @Override
                    public int getAsInt() {
                        return k;
                    }
                };
                t.log("s", s.getAsInt());
                return done(1);
                """).assertSameTraces();
    }

    // ---- jumps in code printed as written

    /**
     * An unlabeled {@code break} inside a loop that does not suspend crashes JavaPoet: "unused
     * arguments: expected 0, received 1" (TreePrinter.nativeJump passes the null label as an argument
     * of "break;\n").
     */
    @Test
    void unlabeledBreakInAPlainLoopCrashesTheEmitter() {
        Differential.program("""
                for (int i = 0; i < 3; i++) {
                    if (i == 1) {
                        break;
                    }
                    t.log("i", i);
                }
                return done(await(later(1)));
                """).assertSameTraces();
    }

    /** The same with {@code continue}. */
    @Test
    void unlabeledContinueInAPlainLoopCrashesTheEmitter() {
        Differential.program("""
                for (int i = 0; i < 3; i++) {
                    if (i == 1) {
                        continue;
                    }
                    t.log("i", i);
                }
                return done(await(later(1)));
                """).assertSameTraces();
    }

    // ---- temporaries of the spilling

    /**
     * A spilled operand is used after the await but declared as a local of the state before it: the
     * generated code does not compile ("cannot find symbol spill$1"). The substitutions of
     * SpillLowerer print the temporaries' names without recording them as uses, so liveness never
     * sees them live across the suspension.
     */
    @Test
    void spilledOperandIsNotKeptAcrossTheAwait() {
        Differential.program("""
                int i = 0;
                t.log("v", i + await(later(1)));
                i = 5;
                return done(i);
                """).assertSameTraces();
    }

    /** Same cause: the first await's value is needed after the second ("cannot find symbol awaited$1"). */
    @Test
    void firstAwaitedValueIsNotKeptAcrossTheSecondAwait() {
        Differential.program("""
                t.log("v", await(later(1)) + await(later(2)));
                return done(0);
                """).assertSameTraces();
    }

    /**
     * Same cause, silently wrong: the temporary of {@code ?:} is assigned in two blocks, so it becomes
     * a local of {@code resume}, which starts again from 0 after the second await. Expected
     * {@code v 4}; the state machine logs {@code v 3}, in both modes.
     */
    @Test
    void conditionalResultIsLostAcrossALaterAwait() {
        Differential.program("""
                int k = t.v("k", 0);
                t.log("v", (k == 0 ? await(later(1)) : 2) + await(later(3)));
                return done(0);
                """).assertSameTraces();
    }

    /** Same cause: {@code ++d < await(...)} in a do-while condition ("cannot find symbol spill$1"). */
    @Test
    void loopConditionSpillIsNotKeptAcrossTheAwait() {
        Differential.program("""
                int d = 0;
                do {
                    t.log("d", d);
                } while (++d < await(later(2)));
                return done(d);
                """).assertSameTraces();
    }

    /**
     * A compound assignment whose right side awaits, used as an operand: its store is printed inline
     * in the final expression ({@code (x = old$1 + awaited$1) + choice$1}), so it happens after the
     * later operands that were lowered into blocks (a ?: or switch expression with awaits), undoing
     * their side effects. Expected {@code x 10 12}: x += 1 stores 2, then x = 10. Actual {@code x 2 12}.
     * Found as {@code (arr[i] *= await(...)) + switch (++arr[await(...)]) {...}} losing the increment.
     */
    @Test
    void compoundAssignmentStoreIsDeferredPastLaterOperands() {
        Differential.program("""
                int x = 1;
                int y = (x += await(later(1))) + (t.b("c", true) ? (x = await(later(10))) : 0);
                t.log("x", x, y);
                return done(1);
                """).assertSameTraces();
    }

    /**
     * Same cause (SpillLowerer.compound registers the whole compound assignment in the substitution
     * map, and isStable() takes whatever is in that map for an evaluated temporary, so it is never
     * spilled before a later operand that suspends): the rest of its right side is evaluated late too.
     * Expected trace r 1 / c true / v 2 2; the state machine logs c true before r 1.
     */
    @Test
    void compoundAssignmentRightSideIsEvaluatedAfterLaterOperands() {
        Differential.program("""
                int x = 1;
                t.log("v", x += t.v("r", await(later(1))), t.b("c", true) ? await(later(2)) : 0);
                return done(x);
                """).assertSameTraces();
    }

    /**
     * A pattern variable used only in the condition of an if that suspends: the condition is printed as
     * {@code t.obj(1) instanceof Integer p$match && bound(p = p$match)) && p$match < a}, but {@code p}
     * was declared nowhere (block-local variables were declared only by assignments), so javac reported
     * "cannot find symbol p". Fixed: printed code that assigns a block-local first declares it.
     */
    @Test
    void patternVariableUsedOnlyInTheCondition() {
        Differential.program("""
                int a = 5;
                if (t.obj(1) instanceof Integer p && p < a) {
                    await(later(1));
                }
                return done(1);
                """).assertSameTraces();
    }

    /**
     * Found by the long run (seed 8669476562328690755): a {@code return} in a finally block nested in
     * the finally of a pending {@code return 1}, abandoned because the resource's close then threw (and
     * was caught inside that same finally): the method returned 3. One result variable served every
     * frame, so the abandoned return overwrote the pending one; each finally frame now keeps its own.
     */
    @Test
    void abandonedReturnInANestedFinallyDoesNotReplaceThePendingOne() {
        Differential.program("""
                try {
                    await(later(1));
                    return done(1);
                } finally {
                    try (var r = res(t, "r", true)) {
                        try {
                            t.log("use", r.id(), await(later(2)));
                        } finally {
                            return done(3);
                        }
                    } catch (Boom ex) {
                        t.log("caught", ex);
                    }
                }
                """).suppress("finally").assertSameTraces();
    }

    /**
     * A pattern variable in one branch of a conditional expression whose other branch awaits: the
     * branch becomes a state of its own, printed as {@code choice$1 = (t.obj(2) instanceof Integer p$match
     * && bound(p = p$match)) && p$match > 0;}, but {@code p} is declared nowhere in that state (nor as a
     * field), so javac reports "cannot find symbol: variable p" in the companion. The same with the
     * pattern in an arm of a switch expression (arrow or colon form) beside an arm that awaits, or, in a
     * {@code @Generator.Method} body, beside an arm that yields ({@code nz(Tulip.yield(1))}); the fix of
     * {@link #patternVariableUsedOnlyInTheCondition} covered the conditions of statements only. Fine when
     * the await is in the condition or outside the branches. Expected trace: c true, b true. Fixed with
     * {@link #patternVariableInAnArmOfASuspendingSwitchExpression}: code that assigns a block-local
     * first (here inside an assignment's value) declares it.
     */
    @Test
    void patternVariableInAConditionalBranchBesideAnAwait() {
        Differential.program("""
                boolean b = t.b("c", true) ? t.obj(2) instanceof Integer p && p > 0 : await(later(false));
                t.log("b", b);
                return done(1);
                """).assertSameTraces();
    }

    /** {@link #patternVariableInAConditionalBranchBesideAnAwait} in switch-expression arms beside a yield. */
    @Test
    void patternVariableInASwitchArmBesideAYield() {
        Differential.program("""
                for (int e : y0(t, 2)) {
                    t.log("e", e);
                }
                return done(1);
                """).generator("""
                boolean b = switch (a & 3) {
                    case 1 -> nz(Tulip.yield(1)) > 0;
                    case 2 -> t.obj(a) instanceof Integer p && p > 0;
                    default -> false;
                };
                t.log("b", b);
                return Tulip.doneYielding();
                """).assertSameTraces();
    }

    /**
     * A pattern variable in the initializer of a resource of a try-with-resources whose block (or
     * finally) suspends: the initializer is printed as {@code r = CoReg.res(t, "r", ((t.obj(3) instanceof
     * Integer p$match && bound(p = p$match)) && p$match > 5));} with {@code p} declared nowhere, so javac
     * reports "cannot find symbol: variable p" in the companion. The same in a {@code @Generator.Method}
     * with a yield in the finally. Fine when the try-with-resources does not suspend, and for the
     * initializer of a plain local. Expected trace: open r, use r, close r. Fixed as above.
     */
    @Test
    void patternVariableInASuspendingResourceInitializer() {
        Differential.program("""
                try (Res r = res(t, "r", t.obj(3) instanceof Integer p && p > 5)) {
                    t.log("use", r.id());
                    await(later(1));
                }
                return done(1);
                """).assertSameTraces();
    }

    /**
     * Found by the long run (seed 1967417361774994148): a printed do-while whose body always jumps out
     * (its {@code break B} became {@code state = ...; continue dispatch;}) and whose condition holds a
     * switch expression ends a state. It cannot complete normally (JLS 14.22), so no jump follows it,
     * but javac 17 scans the unreachable condition and its switch expression makes the loop look alive:
     * "possible fall-through into case", a warning in generated code. The state machine now suppresses
     * that warning where this shape occurs (its cases never fall through).
     */
    @Test
    void doWhileThatAlwaysJumpsOutWithASwitchExpressionInItsCondition() {
        Differential.program("""
                int x = 0;
                B: {
                    if (await(later(1)) == 2) {
                        break B;
                    }
                    int d = 0;
                    do {
                        break B;
                    } while (++d < 3 && switch (d & 1) {
                        case 0:
                            yield true;
                        default:
                            yield false;
                    });
                }
                t.log("x", x, await(later(2)));
                return done(1);
                """).assertSameTraces();
    }

    /**
     * A compound assignment to a private field through a receiver expression, with an await on the
     * right: the receiver is evaluated once, before the await (it was rejected in the first version).
     */
    @Test
    void compoundAssignmentToAPrivateFieldThroughAReceiverExpression() {
        Differential.program("""
                (t.b("c", true) ? this : this).mf += await(later(2));
                (t.b("d", false) ? this : this).mf *= t.v("r", 3) + await(later(1));
                t.log("mf", mf, this.mf++);
                return done(mf);
                """).instance().assertSameTraces();
    }

    // ---- non-denotable types

    /**
     * A local of an intersection type ({@code var x = c ? 1 : "s"}: Serializable & Comparable & Constable
     * & ConstantDesc) used across an await: it was rejected ("its type has no name"), and when it stayed in
     * one state it was declared as its first bound, so a member of another bound did not compile. Now it
     * is stored as its first bound and cast back to the intersection where read.
     */
    @Test
    void intersectionTypedLocalAcrossAnAwait() {
        Differential.program("""
                var x = t.b("c", true) ? 1 : "s";
                var y = t.b("d", false) ? 2 : "two";
                t.log("before", y.describeConstable().isPresent(), y.hashCode());
                await(later(1));
                t.log("after", x.describeConstable().isPresent(), x);
                x = await(later(3)) > 2 ? "three" : 4;
                t.log("again", x.describeConstable().get(), y.compareTo(null == null ? null : null) < 0);
                return done(1);
                """).assertSameTraces();
    }

    /**
     * Found by the long run (seed 4247443560457748866): the same undeclared binding, in the value of an
     * assignment ({@code switched$1 = !!((t.obj(x0) instanceof Integer p8$match && bound(p8 = p8$match))
     * ...)}, the arm of a switch expression that suspends): only statements and branch conditions
     * declared the block-locals they assign first.
     */
    @Test
    void patternVariableInAnArmOfASuspendingSwitchExpression() {
        Differential.program("""
                boolean z = switch (t.v("s", 2)) {
                    case 0 -> {
                        await(later(1));
                        yield true;
                    }
                    default -> t.obj(1) instanceof Integer p && p <= 5;
                };
                t.log("z", z);
                return done(1);
                """).assertSameTraces();
    }

    // ---- generators

    /**
     * Found by the long run (seed 5730838914437322850): a call to a generator method that declares
     * {@code throws CheckedBoom}, in a try that catches CheckedBoom and does not suspend (printed as
     * written), went to the companion's factory, which declared nothing: "exception CheckedBoom is never
     * thrown in body of corresponding try statement". Factories now declare the method's exceptions.
     */
    @Test
    void callToAGeneratorThatDeclaresACheckedExceptionInsideATryThatCatchesIt() {
        Differential.program("""
                try {
                    for (int e : y0(t, 1)) {
                        t.log("e", e);
                    }
                } catch (CheckedBoom ex) {
                    t.log("caught", ex);
                }
                await(later(1));
                return done(1);
                """).generator("""
                Tulip.yield(a);
                if (t.b("c", true)) {
                    throw new CheckedBoom("g");
                }
                return Tulip.doneYielding();
                """).assertSameTraces();
    }

    /**
     * An async generator yielding a conditional expression whose branch awaits: the value goes through
     * a temporary typed as yield's parameter, Object, and the generated {@code return yielded((choice$1));}
     * did not compile ("incompatible types: java.lang.Object cannot be converted to java.lang.Integer").
     * Fixed: the analysis checks each result against the element type, the yield casts back to it.
     * Expected trace: e 2.
     */
    @Test
    void yieldOfASpilledConditional() {
        Differential.program("""
                for (int e : y0(t, 1)) {
                    t.log("e", e);
                }
                return done(1);
                """).asyncGenerator("""
                Tulip.yield(t.b("c", false) ? await(later(1)) : 2);
                return Tulip.doneYielding();
                """).assertSameTraces();
    }

    /**
     * A try that does not suspend, whose only source of a checked exception is the call of a
     * generator method of the same class ({@code y0(t, 1)} declares {@code throws CheckedBoom}): the try is
     * printed as written, but the call is redirected to the companion's factory
     * ({@code CoRegAsync.y0(t, 1)}), which declares no exception, so javac rejects the user's
     * {@code catch (CheckedBoom e)}: "exception CheckedBoom is never thrown in body of corresponding try
     * statement". The same with an {@code @Async} generator, an unawaited sub-coroutine call
     * ({@code var c = q0(t, 1, arr);}), or a for-each over the generator call; fine when the try also
     * awaits. Expected trace: v 1. Fixed with
     * {@link #callToAGeneratorThatDeclaresACheckedExceptionInsideATryThatCatchesIt}: factories declare
     * the method's checked exceptions.
     */
    @Test
    void checkedExceptionOfAGeneratorCallInATryThatDoesNotSuspend() {
        Differential.program("""
                try {
                    var g = y0(t, 1);
                    t.log("v", g.next());
                } catch (CheckedBoom e) {
                    t.log("c", e);
                }
                return done(1);
                """).generator("""
                Tulip.yield(a);
                return Tulip.doneYielding();
                """).assertSameTraces();
    }

    // ---- control flow

    /**
     * A branch whose condition is itself a conditional expression is printed without parentheses:
     * {@code state = b ? b : !b ? 2 : 3;}, which javac rejects ("incompatible types:
     * Object&Serializable&Comparable... cannot be converted to int").
     */
    @Test
    void conditionalExpressionAsBranchConditionIsNotParenthesized() {
        Differential.program("""
                boolean b = t.b("b", true);
                if (b ? b : !b) {
                    await(later(1));
                }
                return done(1);
                """).assertSameTraces();
    }

    /**
     * {@code continue} in a plain if after an await, in a for loop: javac aborts with
     * "IllegalStateException: block 4 has no state number" (thrown while JavaPoet writes the companion,
     * outside the processor's error handling). Same with a label, or a for-each loop; a while loop, or
     * a continue before the first await, compile fine.
     */
    @Test
    void continueAfterAnAwaitInAForLoopCrashesJavac() {
        Differential.program("""
                for (int i = 0; i < 2; i++) {
                    await(later(i));
                    if (i == 0) {
                        continue;
                    }
                    t.log("i", i);
                }
                return done(1);
                """).assertSameTraces();
    }

    /** The same crash: continue in a plain if after an await, in a do-while loop. */
    @Test
    void continueAfterAnAwaitInADoWhileLoopCrashesJavac() {
        Differential.program("""
                int d = 0;
                do {
                    await(later(d));
                    if (d == 0) {
                        continue;
                    }
                    t.log("d", d);
                } while (++d < 2);
                return done(1);
                """).assertSameTraces();
    }

    /**
     * The same crash: break in a plain if, in the switch group that a suspending group falls into
     * (the same break in the suspending group itself compiles).
     */
    @Test
    void breakInAGroupReachedByFallThroughFromAnAwaitCrashesJavac() {
        Differential.program("""
                switch (t.v("s", 0)) {
                    case 0:
                        await(later(1));
                    default:
                        if (t.b("q", true)) {
                            break;
                        }
                }
                return done(1);
                """).suppress("fallthrough").assertSameTraces();
    }

    /** The same crash with a labeled continue in a for-each loop, as the fuzzer first found it. */
    @Test
    void labeledContinueAfterAnAwaitInAForEachLoopCrashesJavac() {
        Differential.program("""
                L: for (int e : new int[] {1, 2}) {
                    t.log("e", await(later(e)));
                    if (e == 1) {
                        continue L;
                    }
                }
                return done(1);
                """).assertSameTraces();
    }

    /**
     * A labeled block that suspends and is left by {@code break}: javac aborts with
     * "IllegalStateException: block 1 has no state number" thrown while JavaPoet writes the
     * companion (outside the processor's own error handling, so the whole compilation crashes).
     */
    @Test
    void breakOutOfASuspendingLabeledBlockCrashesJavac() {
        Differential.program("""
                B: {
                    await(later(1));
                    if (t.b("q", true)) {
                        break B;
                    }
                    t.log("after");
                }
                return done(1);
                """).assertSameTraces();
    }

    /**
     * A statement printed as written that cannot complete normally (here an if/else that throws or
     * returns) inside exploded code: the lowering still appends its jump to the next state after it,
     * which javac rejects ("unreachable statement"). The same happens at the end of a body, where
     * {@code throw new IllegalStateException("fell off the end of ...")} is appended after
     * {@code { throw new Bang("x"); }}.
     */
    @Test
    void plainStatementThatCannotCompleteIsFollowedByUnreachableCode() {
        Differential.program("""
                for (int i = 0; i < 2; i++) {
                    await(later(i));
                    if (t.b("q", true)) {
                        throw new Bang("x");
                    } else {
                        return done(1);
                    }
                }
                return done(2);
                """).assertSameTraces();
    }

    /** The end-of-body case of the same bug. */
    @Test
    void blockEndingWithThrowAtTheEndOfTheBodyIsFollowedByUnreachableCode() {
        Differential.program("""
                {
                    throw new Bang("x");
                }
                """).assertSameTraces();
    }

    // ---- diagnostics

    /**
     * A local record was rejected (first with the generic "this kind of statement (RECORD)", then with a
     * dedicated message); local records, enums and interfaces are now members of the state machine, and
     * run as written, also when their values live across awaits.
     */
    @Test
    void localRecordRunsAsWritten() {
        Differential.program("""
                record R(int v) {
                }
                R r = new R(1);
                t.log("r", r.v());
                int w = await(later(1));
                t.log("r", r.v() + w);
                return done(w);
                """).assertSameTraces();
    }

    // ---- warnings in generated code

    /**
     * A compound assignment to a boxed local whose right side awaits: the generated
     * {@code bx = (int) (old$1 * awaited$1);} is a redundant cast, a warning under -Xlint:all
     * (SpillLowerer.castFor casts whenever the target is not primitive, though the unboxed operation
     * already has the target's primitive type).
     */
    @Test
    void compoundAssignmentToABoxedLocalGeneratesARedundantCast() {
        Differential.program("""
                Integer bx = 4;
                bx *= await(later(3));
                t.log("bx", bx);
                return done(1);
                """).assertSameTraces();
    }

    /**
     * {@code catch (Throwable e)} around an await: the generated {@code Throwable e = (Throwable) thrown;}
     * is a redundant cast, a warning under -Xlint:all (the build uses it).
     */
    @Test
    void catchThrowableGeneratesARedundantCast() {
        Differential.program("""
                try {
                    await(fail(1, true, "x"));
                } catch (Throwable e) {
                    t.log("caught", e);
                }
                return done(1);
                """).assertSameTraces();
    }

    /**
     * Found by the fuzzer (seed 3530953988671417684): a compound assignment in an argument before an
     * argument that awaits was left in place (its replacement was taken for a temporary), so it ran
     * after the later await, which read the variable's old value. Java evaluates it first (JLS 15.7.4).
     */
    @Test
    void compoundAssignmentArgumentRunsBeforeALaterAwait() {
        Differential.program("""
                int x = 3;
                t.log("L", (x *= (t.b("Q", false) ? await(later(2)) : 7)), 10 + await(later(x)));
                return done(x);
                """).assertSameTraces();
    }

    /**
     * Found while adding record patterns over private types: a pattern variable that an await-free
     * statement introduces into the code after it ({@code if (!(o instanceof String s)) continue;},
     * JLS 6.3.2's flow scoping) was declared only inside that statement, so a later state that read
     * it did not compile.
     */
    @Test
    void patternVariableFlowScopedPastAStatementIntoLaterStates() {
        Differential.program("""
                int n = 0;
                for (Object o : List.of(1, "ab", 2.5, "c")) {
                    if (!(o instanceof String s)) {
                        t.log("skip", o);
                        continue;
                    }
                    n += await(later(s.length()));
                    t.log("string", s);
                    while (!(o instanceof CharSequence cs)) {
                        o = "never";
                    }
                    t.log("chars", cs.length() + await(soon(1)));
                }
                return done(n);
                """).assertSameTraces();
    }

    /**
     * Fuzzer seed 5997797600178036050: a {@code return} out of a try-with-resources printed as written
     * (no await inside), itself inside an exploded try-with-resources. The jump to the return path set
     * {@code state} before the inner resources were closed; closing one threw, and the exception was
     * routed by the target state, outside the outer try: the async resource was never closed.
     */
    @Test
    void exceptionFromClosingAResourceOnAJumpOutOfAPrintedTry() {
        Differential.program("""
                try (ARes outer = ares(t, "outer", false)) {
                    t.log("use", outer.id(), await(later(1)));
                    Res quiet = res(t, "quiet", false);
                    Res loud = res(t, "loud", true);
                    try (quiet; loud) {
                        if (t.b("leave", true)) {
                            return done(1);
                        }
                    } finally {
                        t.log("finally");
                    }
                    await(pause());
                }
                return done(2);
                """).assertSameTraces();
    }
}
