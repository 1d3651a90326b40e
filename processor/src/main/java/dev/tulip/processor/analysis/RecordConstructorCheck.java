package dev.tulip.processor.analysis;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import dev.tulip.processor.model.Env;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Finds the records whose canonical constructor has a body in the source (compact or explicit), in a
 * class and everything nested in it. javac cannot compile them in a class that was attributed during
 * annotation processing: attribution inserts {@code super();} into the constructor, the tree is not
 * cleaned of it between rounds (it is only for enums), and the next attribution rejects the canonical
 * constructor for containing an explicit constructor invocation. The check is syntactic, so that it
 * can run before anything is attributed.
 */
public final class RecordConstructorCheck {
    private final Env env;

    public RecordConstructorCheck(Env env) {
        this.env = env;
    }

    /** The canonical constructors with a body declared in the class at {@code classPath}, nested ones too. */
    public List<TreePath> find(TreePath classPath) {
        List<TreePath> found = new ArrayList<>();
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitClass(ClassTree node, Void unused) {
                if (node.getKind().name().equals("RECORD")) {
                    List<String> components = new ArrayList<>();
                    for (Tree member : node.getMembers()) {
                        if (member instanceof VariableTree
                                && !((VariableTree) member).getModifiers().getFlags().contains(Modifier.STATIC)) {
                            components.add(String.valueOf(((VariableTree) member).getType()));
                        }
                    }
                    for (Tree member : node.getMembers()) {
                        // javac adds the implicit canonical constructor to the tree, without an end position.
                        if (member instanceof MethodTree && isCanonical((MethodTree) member, components)
                                && env.positions.getEndPosition(getCurrentPath().getCompilationUnit(), member) > 0) {
                            found.add(new TreePath(new TreePath(getCurrentPath(), member).getParentPath(), member));
                        }
                    }
                }
                return super.visitClass(node, unused);
            }
        }.scan(classPath, null);
        return found;
    }

    private static boolean isCanonical(MethodTree m, List<String> components) {
        if (!m.getName().contentEquals("<init>") || m.getBody() == null
                || m.getParameters().size() != components.size()) {
            return false;
        }
        for (int i = 0; i < components.size(); i++) {
            if (!String.valueOf(m.getParameters().get(i).getType()).equals(components.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Reports each constructor found in what is attributed with {@code c}, saying why and what to do. */
    public boolean report(TypeElement c, String why) {
        List<TreePath> found = new ArrayList<>();
        for (TypeElement top : AttributedClasses.with(env, c)) {
            found.addAll(find(env.trees.getPath(top)));
        }
        for (TreePath ctor : found) {
            env.diagnostics.error(ctor, "javac cannot compile a record's canonical constructor with a body in a class"
                    + " that an annotation processor attributed (" + why + "): during processing javac inserts"
                    + " 'super();' into it, then rejects it in the next round as an explicit constructor"
                    + " invocation. Declare the record outside this class (in its own file, or in a class"
                    + " without @Async methods), or validate its components in a static factory method");
        }
        return !found.isEmpty();
    }
}
