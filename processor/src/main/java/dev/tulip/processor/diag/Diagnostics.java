package dev.tulip.processor.diag;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports the processor's errors and warnings at exact source positions. Every user-facing problem
 * goes through here, so that each has one precise message at the right node.
 */
public final class Diagnostics {
    /**
     * Where messages are printed: the user's compilation, at the node or element that corresponds to
     * the one Tulip analysed (which may belong to the shadow compilation).
     */
    public interface Target {
        /** A message at a node of a compilation unit (line and column of that node). */
        void print(Diagnostic.Kind kind, String message, CompilationUnitTree unit, Tree node);

        /** A message on an element (at its declaration). */
        void print(Diagnostic.Kind kind, String message, Element element);
    }

    private final Target target;
    private int errors;

    public Diagnostics(Target target) {
        this.target = target;
    }

    /** An error at a node of a compilation unit (line and column of that node). */
    public void error(CompilationUnitTree unit, Tree node, String message) {
        errors++;
        target.print(Diagnostic.Kind.ERROR, message, unit, node);
    }

    /** An error at a path's leaf. */
    public void error(TreePath path, String message) {
        error(path.getCompilationUnit(), path.getLeaf(), message);
    }

    /** An error on an element (at its declaration). */
    public void error(Element element, String message) {
        errors++;
        target.print(Diagnostic.Kind.ERROR, message, element);
    }

    /** A warning at a node of a compilation unit. */
    public void warning(CompilationUnitTree unit, Tree node, String message) {
        target.print(Diagnostic.Kind.WARNING, message, unit, node);
    }

    /** A warning on an element. */
    public void warning(Element element, String message) {
        target.print(Diagnostic.Kind.WARNING, message, element);
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
