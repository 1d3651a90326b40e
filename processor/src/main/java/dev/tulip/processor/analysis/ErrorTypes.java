package dev.tulip.processor.analysis;

import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Finds trees whose type javac could not resolve (yet): such a body waits for the next round. */
public final class ErrorTypes {
    private ErrorTypes() {
    }

    public static boolean anyIn(Trees trees, TreePath root) {
        boolean[] found = {false};
        new TreePathScanner<Void, Void>() {
            @Override
            public Void scan(Tree tree, Void unused) {
                if (found[0] || tree == null) {
                    return null;
                }
                if (tree instanceof com.sun.source.tree.ExpressionTree) {
                    TreePath path = new TreePath(getCurrentPath(), tree);
                    TypeMirror t = trees.getTypeMirror(path);
                    boolean unresolvedCall = (tree.getKind() == Tree.Kind.METHOD_INVOCATION
                            || tree.getKind() == Tree.Kind.NEW_CLASS) && trees.getElement(path) == null;
                    if ((t != null && t.getKind() == TypeKind.ERROR) || unresolvedCall) {
                        found[0] = true;
                        return null;
                    }
                }
                return super.scan(tree, unused);
            }
        }.scan(root, null);
        return found[0];
    }
}
