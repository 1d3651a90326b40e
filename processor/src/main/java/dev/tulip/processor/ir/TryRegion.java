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
        public final Block handler;

        public Catch(List<TypeName> types, Block handler) {
            this.types = types;
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
