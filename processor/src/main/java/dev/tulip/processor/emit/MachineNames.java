package dev.tulip.processor.emit;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.util.TreeScanner;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Names the state-machine classes of one companion so that none captures a name of the user's.
 *
 * <p>A machine is a member class of the companion, so inside the companion its simple name hides any
 * type of that name: a machine {@code Main} (for {@code main()}) would make {@code Main.Size} mean
 * {@code MainAsync.Main.Size}. JavaPoet qualifies such clashing names with their package, but a type of
 * the default package has no qualified name to fall back on. So a machine takes its method's name,
 * capitalised ({@code cook()} gets {@code Cook}), only if no type of the package and no name written
 * in the user's file has it; otherwise {@code CookMachine}, and overloads are numbered.
 * Every identifier of the file counts, which covers the types it imports and names, and over-approximates
 * harmlessly (a variable's name only makes the machine's longer).
 */
public final class MachineNames {
    /** Names of the user's: types of the package and every name written in the owner's file. */
    private final Set<String> taken = new HashSet<>();
    private final Set<String> machines = new HashSet<>();

    /**
     * @param unit the owner's compilation unit
     * @param owner the class whose methods are compiled
     * @param companion the companion's simple name (a member class cannot have its enclosing class's name)
     */
    public MachineNames(Elements elements, CompilationUnitTree unit, TypeElement owner, String companion) {
        taken.add(companion);
        PackageElement pkg = elements.getPackageOf(owner);
        for (Element e : pkg.getEnclosedElements()) {
            taken.add(e.getSimpleName().toString());
        }
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree node, Void unused) {
                taken.add(node.getName().toString());
                return null;
            }

            @Override
            public Void visitMemberSelect(MemberSelectTree node, Void unused) {
                taken.add(node.getIdentifier().toString());
                return super.visitMemberSelect(node, unused);
            }

            @Override
            public Void visitClass(com.sun.source.tree.ClassTree node, Void unused) {
                taken.add(node.getSimpleName().toString());
                return super.visitClass(node, unused);
            }
        }.scan(unit, null);
    }

    /**
     * A name for the machine of method {@code methodName}, distinct from every user name and earlier
     * machine: overloads are numbered ({@code Cook}, {@code Cook2}).
     */
    public String allocate(CharSequence methodName) {
        String base = Character.toUpperCase(methodName.charAt(0)) + methodName.toString().substring(1);
        if (taken.contains(base)) {
            base += "Machine";
        }
        String name = base;
        for (int i = 2; taken.contains(name) || machines.contains(name); i++) {
            name = base + i;
        }
        machines.add(name);
        return name;
    }
}
