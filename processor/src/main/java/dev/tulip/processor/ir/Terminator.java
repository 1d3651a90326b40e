package dev.tulip.processor.ir;

import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** How a block ends. */
public abstract class Terminator {
    public final Set<Var> uses = new LinkedHashSet<>();

    private Terminator() {
    }

    /** Normal successors (exception edges come from the block's region). */
    public abstract List<Block> successors();

    public static final class Goto extends Terminator {
        public Block target;

        public Goto(Block target) {
            this.target = target;
        }

        @Override
        public List<Block> successors() {
            return List.of(target);
        }
    }

    public static final class Branch extends Terminator {
        public final CodeBlock condition;
        public Block ifTrue;
        public Block ifFalse;

        public Branch(CodeBlock condition, Block ifTrue, Block ifFalse) {
            this.condition = condition;
            this.ifTrue = ifTrue;
            this.ifFalse = ifFalse;
        }

        @Override
        public List<Block> successors() {
            return List.of(ifTrue, ifFalse);
        }
    }

    /** A Java switch dispatching to case blocks; labels are printed constants. */
    public static final class Switch extends Terminator {
        public final CodeBlock selector;
        public final List<CodeBlock> labels = new ArrayList<>();
        /** Per label: what to run when it matches (pattern bindings), or an empty block. */
        public final List<CodeBlock> onMatch = new ArrayList<>();
        /** Per label: a pattern label, which may not share a statement group with others. */
        public final List<Boolean> patterns = new ArrayList<>();
        public final List<Block> targets = new ArrayList<>();
        public Block otherwise;

        public Switch(CodeBlock selector) {
            this.selector = selector;
        }

        @Override
        public List<Block> successors() {
            List<Block> all = new ArrayList<>(targets);
            all.add(otherwise);
            return all;
        }
    }

    /** {@code state = resume; return awaitable;} */
    public static final class Suspend extends Terminator {
        public final CodeBlock awaitable;
        public final Block resume;

        public Suspend(CodeBlock awaitable, Block resume) {
            this.awaitable = awaitable;
            this.resume = resume;
        }

        @Override
        public List<Block> successors() {
            return List.of(resume);
        }
    }

    /** {@code return complete(value);} */
    public static final class Return extends Terminator {
        public final CodeBlock value;

        public Return(CodeBlock value) {
            this.value = value;
        }

        @Override
        public List<Block> successors() {
            return List.of();
        }
    }

    /** {@code throw exception;} */
    public static final class Throw extends Terminator {
        public final CodeBlock exception;

        public Throw(CodeBlock exception) {
            this.exception = exception;
        }

        @Override
        public List<Block> successors() {
            return List.of();
        }
    }

    /** The block's last op leaves by itself (a printed statement whose jumps were rewritten). */
    public static final class Abrupt extends Terminator {
        @Override
        public List<Block> successors() {
            return List.of();
        }
    }

    /** The end of an exploded finally: rethrow, or continue the recorded jump. */
    public static final class FinallyExit extends Terminator {
        public final FinallyFrame frame;

        public FinallyExit(FinallyFrame frame) {
            this.frame = frame;
        }

        @Override
        public List<Block> successors() {
            List<Block> all = new ArrayList<>();
            for (FinallyFrame.Pending p : frame.pending) {
                if (p.next != null) {
                    all.add(p.next);
                } else if (p.chainTo != null) {
                    all.add(p.chainTo.entry);
                }
            }
            return all;
        }
    }
}
