package dev.tulip.processor.ir;

import com.palantir.javapoet.TypeName;
import javax.lang.model.element.Element;

/**
 * A variable of the lowered method: a user local or parameter, a spilled temporary, or a synthetic
 * variable of the lowering (finally records, iterators...). Where it lives is decided by liveness.
 */
public final class Var {
    public enum Kind { PARAMETER, LOCAL, TEMP, SYNTHETIC }

    /** Where the emitted code keeps the variable. */
    public enum Tier {
        /** Live across a suspension: a field of the state machine. */
        FIELD,
        /** Used by several states of one resume call: a local of {@code resume}, declared up front. */
        METHOD_LOCAL,
        /** Used within one state: declared where the source declares it. */
        BLOCK_LOCAL
    }

    public final String name;
    public final TypeName type;
    public final boolean isPrimitive;
    public final Element element;
    public final Kind kind;
    public Tier tier = Tier.BLOCK_LOCAL;
    /** Blocks whose code mentions the variable (for the tier decision). */
    public final java.util.Set<Block> blocks = new java.util.LinkedHashSet<>();
    /**
     * A user local whose type has no name (an intersection, an anonymous class): {@link #type} is a
     * named supertype, so a block-local declaration with an initializer uses {@code var} to keep the
     * exact type, and reads of an intersection are cast back to it.
     */
    public boolean nonDenotable;
    /** Declared {@code final} (or effectively final) by the user: may be captured as is. */
    public final boolean reassigned;

    public Var(String name, TypeName type, Element element, Kind kind, boolean reassigned) {
        this.name = name;
        this.type = type;
        this.isPrimitive = type.isPrimitive();
        this.element = element;
        this.kind = kind;
        this.reassigned = reassigned;
    }

    /** The default value used to initialize method locals, as Java would for a field. */
    public String defaultValue() {
        if (!isPrimitive) {
            return "null";
        }
        if (type.equals(TypeName.BOOLEAN)) {
            return "false";
        }
        if (type.equals(TypeName.LONG)) {
            return "0L";
        }
        if (type.equals(TypeName.FLOAT)) {
            return "0f";
        }
        if (type.equals(TypeName.DOUBLE)) {
            return "0d";
        }
        if (type.equals(TypeName.CHAR)) {
            return "'\\0'";
        }
        return "0";
    }

    @Override
    public String toString() {
        return name;
    }
}
