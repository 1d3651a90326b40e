package dev.tulip.processor.ir;

import java.util.ArrayList;
import java.util.List;

/** The lowered method: its blocks, the entry, and every variable. */
public final class Cfg {
    public final List<Block> blocks = new ArrayList<>();
    public final List<Var> vars = new ArrayList<>();
    public Block entry;
    /** True when some block jumps to another (the emitted switch needs its dispatch loop). */
    public boolean needsLoop;
    /** True when some exploded try exists (the dispatch needs its catch). */
    public boolean hasRegions;
}
