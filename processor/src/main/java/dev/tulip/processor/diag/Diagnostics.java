package dev.tulip.processor.diag;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports the processor's errors at exact source positions. Every user-facing problem goes through
 * here, so that each has one precise message at the right node.
 */
public final class Diagnostics {
    private final Trees trees;
    private final Messager messager;
    private int errors;

    public Diagnostics(Trees trees, Messager messager) {
        this.trees = trees;
        this.messager = messager;
    }

    /** An error at a node of a compilation unit (line and column of that node). */
    public void error(CompilationUnitTree unit, Tree node, String message) {
        errors++;
        trees.printMessage(Diagnostic.Kind.ERROR, message, node, unit);
    }

    /** An error at a path's leaf. */
    public void error(TreePath path, String message) {
        error(path.getCompilationUnit(), path.getLeaf(), message);
    }

    /** An error on an element (at its declaration). */
    public void error(Element element, String message) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, message, element);
    }

    /** How many errors were reported so far. */
    public int errorCount() {
        return errors;
    }

    /** Thrown to abandon the translation of one method after an error was reported for it. */
    public static final class Reported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Reported() {
            super(null, null, false, false);
        }
    }
}
