package dev.tulip.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.sun.source.tree.Tree;
import javax.lang.model.element.Element;

/**
 * What the printer asks the lowering while re-printing trees: names of the locals it tracks, and how
 * to translate jumps that leave the printed code for code that the lowering exploded into states.
 */
public interface PrintHooks {
    /**
     * The name of a local the lowering tracks (possibly renamed), recording the use or definition for
     * liveness; null if the local is declared inside the printed code and keeps its own name.
     */
    String local(Element local, boolean isDefinition, boolean insideNestedFrame);

    /**
     * Code replacing a {@code break}, {@code continue}, {@code yield} or {@code return} whose target
     * is outside the printed code, or null to print it as is.
     */
    CodeBlock jump(Tree jump);

    /** The printer replaced {@code tree} by its substitution: record what the replacement reads. */
    void substituted(Tree tree);
}
