package dev.tulip.processor.ir;

import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;

/**
 * Blocks covered by one exploded try: an exception raised in them is matched against the catches,
 * then sent to the finally, then to the enclosing region.
 */
public final class TryRegion {
    /** One catch clause: its types (several for a multi-catch) and its handler block. */
    public static final class Catch {
        public final List<TypeName> types;
        /** Per type, the class object to test with when generated code cannot name it, else null. */
        public final List<com.palantir.javapoet.CodeBlock> privateClasses;
        public final Block handler;

        /** A catch of accessible types only. */
        public Catch(List<TypeName> types, Block handler) {
            this(types, java.util.Collections.nCopies(types.size(), null), handler);
        }

        public Catch(List<TypeName> types, List<com.palantir.javapoet.CodeBlock> privateClasses, Block handler) {
            this.types = types;
            this.privateClasses = privateClasses;
            this.handler = handler;
        }
    }

    public final TryRegion parent;
    public final List<Catch> catches = new ArrayList<>();
    /** Receives what no catch takes; null when the try has no finally. */
    public final FinallyFrame finallyFrame;
    /** Source line, for comments. */
    public final String description;

    public TryRegion(TryRegion parent, FinallyFrame finallyFrame, String description) {
        this.parent = parent;
        this.finallyFrame = finallyFrame;
        this.description = description;
    }
}
