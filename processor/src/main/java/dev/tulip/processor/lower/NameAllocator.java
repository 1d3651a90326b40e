package dev.tulip.processor.lower;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import java.util.HashSet;
import java.util.Set;

/**
 * Unique names for the variables of the generated {@code resume} method: user locals keep their
 * names unless a runtime member would clash or the method declares the name more than once; synthetic
 * ones get a {@code $} suffix that source code rarely uses.
 *
 * <p>A name declared twice ({@code case String k} in one statement, {@code instanceof Tag(var k)} in
 * another) is suffixed ({@code k$1}) wherever the state machine tracks it: a tracked local may be
 * declared at the top of {@code resume}, and Java forbids a local of the same name in a nested scope,
 * which code printed as written may declare.
 */
final class NameAllocator {
    private final Set<String> taken = new HashSet<>();
    private final Set<String> userNames = new HashSet<>();
    private final Set<String> repeated = new HashSet<>();

    NameAllocator(MethodTree method) {
        // Members of Coroutine and the parameters of resume.
        taken.add("state");
        taken.add("sent");
        taken.add("thrown");
        taken.add("self");
        taken.add("parent");
        taken.add("result");
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitVariable(VariableTree node, Void unused) {
                if (!userNames.add(node.getName().toString())) {
                    repeated.add(node.getName().toString());
                }
                return super.visitVariable(node, unused);
            }

            @Override
            public Void visitLabeledStatement(LabeledStatementTree node, Void unused) {
                userNames.add(node.getLabel().toString());
                return super.visitLabeledStatement(node, unused);
            }

            @Override
            public Void visitClass(ClassTree node, Void unused) {
                userNames.add(node.getSimpleName().toString());
                return super.visitClass(node, unused);
            }
        }.scan((Tree) method, null);
    }

    /** A name for a user variable: its own unless taken or declared again elsewhere in the method. */
    String user(String name) {
        String n = repeated.contains(name) ? name + "$1" : name;
        for (int i = 2; taken.contains(n) || (!n.equals(name) && userNames.contains(n)); i++) {
            n = name + "$" + i;
        }
        taken.add(n);
        return n;
    }

    /** A name for a synthetic variable, distinct from every user name. */
    String synthetic(String hint) {
        String n;
        int i = 1;
        do {
            n = hint + "$" + i++;
        } while (taken.contains(n) || userNames.contains(n));
        taken.add(n);
        return n;
    }

    /** A name that no user variable or label uses, for the dispatch loop's label and similar. */
    String reserved(String name) {
        String n = name;
        for (int i = 1; taken.contains(n) || userNames.contains(n); i++) {
            n = name + i;
        }
        taken.add(n);
        return n;
    }
}
