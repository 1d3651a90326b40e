package dev.tulip.processor.attribution;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.util.TreeScanner;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The user's own packages (those with source files in the compilation) and, for each, the simple
 * names that may denote one of its classes: a class of package {@code p} is named by its simple name
 * only in {@code p}'s own files, and elsewhere by a qualified name ({@code p.C}, an import). Read from
 * parsed trees only.
 */
final class UserPackages {
    private UserPackages() {
    }

    static Map<String, Set<String>> of(Collection<CompilationUnitTree> units) {
        Map<String, Set<String>> names = new HashMap<>();
        Map<String, Set<String>> qualified = new HashMap<>();
        for (CompilationUnitTree unit : units) {
            String own = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
            Set<String> inOwn = names.computeIfAbsent(own, k -> new HashSet<>());
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitIdentifier(IdentifierTree node, Void unused) {
                    inOwn.add(node.getName().toString());
                    return null;
                }

                @Override
                public Void visitMemberSelect(MemberSelectTree node, Void unused) {
                    qualified.computeIfAbsent(node.getExpression().toString(), k -> new HashSet<>())
                            .add(node.getIdentifier().toString());
                    return super.visitMemberSelect(node, unused);
                }
            }.scan(unit, null);
        }
        for (Map.Entry<String, Set<String>> p : names.entrySet()) {
            p.getValue().addAll(qualified.getOrDefault(p.getKey(), Set.of()));
        }
        return names;
    }
}
