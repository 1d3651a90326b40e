package dev.tulip.processor.analysis;

import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.type.TypeMirror;

/**
 * The path of every node of a method, so that later stages can ask the attributed types and
 * elements of any subtree in O(1) ({@link TreePath#getPath} would search the whole unit each time).
 */
public final class PathIndex {
    private final Map<Tree, TreePath> paths = new IdentityHashMap<>();
    private final Trees trees;

    public PathIndex(Trees trees, TreePath root) {
        this.trees = trees;
        paths.put(root.getLeaf(), root);
        new TreePathScanner<Void, Void>() {
            @Override
            public Void scan(Tree tree, Void unused) {
                if (tree != null) {
                    paths.put(tree, new TreePath(getCurrentPath(), tree));
                }
                return super.scan(tree, unused);
            }
        }.scan(root, null);
    }

    public TreePath path(Tree tree) {
        TreePath p = paths.get(tree);
        if (p == null) {
            throw new IllegalArgumentException("tree outside the indexed method: " + tree);
        }
        return p;
    }

    /** The path of the declaration of a local variable, or null. */
    public TreePath declaration(Element local) {
        for (Map.Entry<Tree, TreePath> e : paths.entrySet()) {
            if (e.getKey() instanceof com.sun.source.tree.VariableTree && local.equals(trees.getElement(e.getValue()))) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The attributed type of an expression or type tree (null for statements). */
    public TypeMirror type(Tree tree) {
        return trees.getTypeMirror(path(tree));
    }

    /** {@link #type}, or null for a tree javac synthesized (outside the index: a var pattern's inferred type...). */
    public TypeMirror typeOrNull(Tree tree) {
        TreePath p = paths.get(tree);
        return p == null ? null : trees.getTypeMirror(p);
    }

    /** The element a tree refers to or declares, or null. */
    public Element element(Tree tree) {
        return trees.getElement(path(tree));
    }
}
