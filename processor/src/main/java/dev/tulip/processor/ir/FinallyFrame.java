package dev.tulip.processor.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * An exploded finally block and its pending-completion record: every way into it (normal end, a jump,
 * a return, an exception) records where to go afterwards, then enters the one copy of the finally
 * code, whose exit dispatches on the record. Linear code size, Java's exact semantics.
 */
public final class FinallyFrame {
    /** One recorded continuation, selected by {@link #target} == code. */
    public static final class Pending {
        public final int code;
        /** Go to this block; or, when null, continue through {@link #chainTo} or return. */
        public final Block next;
        /** The enclosing finally that the continuation crosses too: record {@link #chainCode} there. */
        public final FinallyFrame chainTo;
        public final int chainCode;
        public final boolean isReturn;

        Pending(int code, Block next, FinallyFrame chainTo, int chainCode, boolean isReturn) {
            this.code = code;
            this.next = next;
            this.chainTo = chainTo;
            this.chainCode = chainCode;
            this.isReturn = isReturn;
        }

        /** The same continuation going to another block (after jump threading). */
        public Pending redirect(Block to) {
            return new Pending(code, to, chainTo, chainCode, isReturn);
        }
    }

    public final Block entry;
    /** Which continuation to take at the end: a {@link Pending#code}. */
    public final Var target;
    /** The exception to rethrow at the end, or null. */
    public final Var exception;
    /** How many exploded finally frames enclose this one. */
    public final int depth;
    public final FinallyFrame parent;
    public final List<Pending> pending = new ArrayList<>();
    /**
     * The value of a {@code return} that crosses this frame, or null if none does. Each frame keeps its
     * own: a return inside the finally block that is then abandoned (an exception from a resource's
     * close, caught inside the same finally) must not replace the return this frame is completing.
     */
    public Var result;

    public FinallyFrame(Block entry, Var target, Var exception, int depth, FinallyFrame parent) {
        this.entry = entry;
        this.target = target;
        this.exception = exception;
        this.depth = depth;
        this.parent = parent;
    }

    /**
     * The code that makes this frame continue to {@code block} (at finally depth {@code blockDepth})
     * or, for a null block, return; registering the continuation (and the chain through enclosing
     * frames) on first use.
     */
    public int codeFor(Block block, int blockDepth) {
        for (Pending p : pending) {
            if (block == null ? p.isReturn || (p.chainTo != null && p.next == null && chainReturns(p))
                    : p.next == block || (p.chainTo != null && chainTargets(p, block))) {
                return p.code;
            }
        }
        int code = pending.size();
        boolean crossesParent = parent != null && (block == null || blockDepth < depth);
        if (crossesParent) {
            int parentCode = parent.codeFor(block, blockDepth);
            pending.add(new Pending(code, null, parent, parentCode, false));
        } else if (block == null) {
            pending.add(new Pending(code, null, null, 0, true));
        } else {
            pending.add(new Pending(code, block, null, 0, false));
        }
        return code;
    }

    /** True if the continuation ends in a return (here or through enclosing frames). */
    public static boolean leadsToReturn(Pending p) {
        return p.isReturn || (p.chainTo != null && p.next == null && chainReturns(p));
    }

    private static boolean chainReturns(Pending p) {
        Pending q = p.chainTo.pending.get(p.chainCode);
        return q.isReturn || (q.chainTo != null && chainReturns(q));
    }

    private static boolean chainTargets(Pending p, Block block) {
        Pending q = p.chainTo.pending.get(p.chainCode);
        return q.next == block || (q.chainTo != null && chainTargets(q, block));
    }
}
