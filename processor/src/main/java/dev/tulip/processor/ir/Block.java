package dev.tulip.processor.ir;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A basic block: straight-line ops ending in one terminator. Each reachable block becomes one state
 * ({@code case N:}) of the generated switch.
 */
public final class Block {
    /** Creation order, stable and unique. */
    public final int seq;
    /** Source position that orders states ("numbered in source order"). */
    public final long position;
    public final List<Op> ops = new ArrayList<>();
    public Terminator terminator;
    /** The innermost exploded try region containing the block, or null. */
    public TryRegion region;
    /** Entered by resuming after a suspension (never by a jump). */
    public boolean isResumePoint;
    /** For a resume point: the source line of the suspension it resumes from (0 if unknown). */
    public long suspendedLine;
    /** Entered by the exception dispatch. */
    public boolean isHandler;
    /** Jump targets reached from inside ops (jumps printed within as-is statements). */
    public final Set<Block> extraSuccessors = new LinkedHashSet<>();
    /** The state number, assigned once the graph is final. */
    public int state = -1;
    /** Why the block exists, for the comment on its case. */
    public String label;

    public Block(int seq, long position, TryRegion region) {
        this.seq = seq;
        this.position = position;
        this.region = region;
    }

    /** A lazily resolved state number, usable as a JavaPoet {@code $L} argument before numbering. */
    public final Object ref = new Object() {
        @Override
        public String toString() {
            if (state < 0) {
                throw new IllegalStateException("block " + seq + " has no state number");
            }
            return Integer.toString(state);
        }
    };

    @Override
    public String toString() {
        return "B" + seq + (state >= 0 ? "/s" + state : "");
    }
}
