package dev.tulip.processor.ir;

import com.palantir.javapoet.CodeBlock;
import java.util.LinkedHashSet;
import java.util.Set;

/** A straight-line operation of a block. */
public abstract class Op {
    /** Variables read (and, conservatively, written without killing). */
    public final Set<Var> uses = new LinkedHashSet<>();

    private Op() {
    }

    /** A statement printed from the source or synthesized, emitted as is. */
    public static final class Stmt extends Op {
        public final CodeBlock code;

        public Stmt(CodeBlock code) {
            this.code = code;
        }
    }

    /** {@code var = value;} or, for a variable declared here, {@code T var = value;}. Kills {@code var}. */
    public static final class Assign extends Op {
        public final Var target;
        /** Null for a declaration without initializer. */
        public final CodeBlock value;
        public final boolean isDeclaration;

        public Assign(Var target, CodeBlock value, boolean isDeclaration) {
            this.target = target;
            this.value = value;
            this.isDeclaration = isDeclaration;
        }
    }

    /** At a resume point: raise the delivered exception, then take the awaited value (if used). */
    public static final class Resume extends Op {
        /** Where the value goes, or null when the await's value is discarded. */
        public final Var target;
        public final boolean isDeclaration;
        /** The await expression's type: what {@code sent} is cast to. */
        public final com.palantir.javapoet.TypeName valueType;

        public Resume(Var target, boolean isDeclaration, com.palantir.javapoet.TypeName valueType) {
            this.target = target;
            this.isDeclaration = isDeclaration;
            this.valueType = valueType;
        }
    }

    /** A source-line comment: {@code // Kitchen.java:17: String ready = await(cook(d, 1));}. */
    public static final class Comment extends Op {
        public final String text;

        public Comment(String text) {
            this.text = text;
        }
    }
}
