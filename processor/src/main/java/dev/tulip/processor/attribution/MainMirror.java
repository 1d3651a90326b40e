package dev.tulip.processor.attribution;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import dev.tulip.processor.diag.Diagnostics;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * The user's compilation as the shadow sees it: its source files, and the way back from the shadow's
 * trees and elements to the user's, so that every diagnostic lands on the user's own node (javac then
 * prints it as its own) and generated files name the user's elements as their origin.
 *
 * <p>Only parsed trees and declarations of the user's compilation are read here: nothing in it is ever
 * attributed.
 */
public final class MainMirror implements Diagnostics.Target {
    private final Trees trees;
    private final Elements elements;
    private final Messager messager;
    /** Every source file of the user's compilation seen so far, with its (parsed) unit. */
    private final Map<JavaFileObject, CompilationUnitTree> units = new LinkedHashMap<>();
    /** The trees of a unit with their positions, built when a diagnostic first needs them. */
    private final Map<CompilationUnitTree, List<Located>> located = new IdentityHashMap<>();
    private ShadowCompilation shadow;

    public MainMirror(ProcessingEnvironment processing) {
        this.trees = Trees.instance(processing);
        this.elements = processing.getElementUtils();
        this.messager = processing.getMessager();
    }

    /** Records the source file of a root element of a round (module descriptors excluded: see {@link #sources}). */
    public void addRoot(Element root) {
        TreePath path = trees.getPath(root);
        if (path != null && !path.getCompilationUnit().getSourceFile().getName().endsWith("module-info.java")) {
            units.putIfAbsent(path.getCompilationUnit().getSourceFile(), path.getCompilationUnit());
        }
    }

    /**
     * Every source file of the user's compilation so far. The module descriptor is left out: the shadow
     * compiles in the unnamed module, where the modules the user's code reads are served as class files.
     */
    public List<JavaFileObject> sources() {
        return new ArrayList<>(units.keySet());
    }

    /** The user's (parsed) units so far. */
    public java.util.Collection<CompilationUnitTree> units() {
        return units.values();
    }

    /** The user's unit of a source file, or null. */
    public CompilationUnitTree unit(JavaFileObject file) {
        return units.get(file);
    }

    /** The source file of a class of the user's compilation, or null if javac read it from a class file. */
    public JavaFileObject sourceOf(TypeElement type) {
        TreePath path = trees.getPath(type);
        return path == null ? null : path.getCompilationUnit().getSourceFile();
    }

    /** The shadow whose trees diagnostics refer to now (null between rounds). */
    public void use(ShadowCompilation current) {
        this.shadow = current;
    }

    /**
     * The user's element that a shadow element (or a user's element) stands for: classes by their
     * qualified name, members by kind, name and signature. Null for locals and local classes.
     */
    public Element mainElement(Element e) {
        if (e == null) {
            return null;
        }
        if (e instanceof TypeElement) {
            TypeElement t = (TypeElement) e;
            if (t.getNestingKind() != NestingKind.TOP_LEVEL && t.getNestingKind() != NestingKind.MEMBER) {
                return null;
            }
            return elements.getTypeElement(t.getQualifiedName());
        }
        if (e instanceof PackageElement) {
            return elements.getPackageElement(((PackageElement) e).getQualifiedName());
        }
        if (e instanceof ModuleElement || !(e.getEnclosingElement() instanceof TypeElement)) {
            return null;
        }
        Element owner = mainElement(e.getEnclosingElement());
        if (owner == null) {
            return null;
        }
        String signature = e.asType().toString();
        for (Element member : owner.getEnclosedElements()) {
            if (member.getKind() == e.getKind() && member.getSimpleName().contentEquals(e.getSimpleName())
                    && member.asType().toString().equals(signature)) {
                return member;
            }
        }
        return null;
    }

    /** The user's class for a class of the shadow (the originating element of its companion). */
    public TypeElement mainType(TypeElement shadowType) {
        return (TypeElement) mainElement(shadowType);
    }

    @Override
    public void print(Diagnostic.Kind kind, String message, CompilationUnitTree unit, Tree node) {
        CompilationUnitTree main = units.get(unit.getSourceFile());
        if (main == unit || shadow == null) {
            trees.printMessage(kind, message, node, unit);
            return;
        }
        SourcePositions at = shadow.trees().getSourcePositions();
        Tree mainNode = main == null ? null : find(main, node.getKind(), at.getStartPosition(unit, node),
                at.getEndPosition(unit, node));
        if (mainNode != null) {
            trees.printMessage(kind, message, mainNode, main);
        } else {
            long line = unit.getLineMap().getLineNumber(Math.max(0, at.getStartPosition(unit, node)));
            messager.printMessage(kind, unit.getSourceFile().getName() + ":" + line + ": " + message);
        }
    }

    @Override
    public void print(Diagnostic.Kind kind, String message, Element element) {
        Element main = mainElement(element);
        if (main != null) {
            messager.printMessage(kind, message, main);
            return;
        }
        TreePath path = shadow == null ? null : shadow.trees().getPath(element);
        if (path != null) {
            print(kind, message, path.getCompilationUnit(), path.getLeaf());
        } else {
            messager.printMessage(kind, message);
        }
    }

    /** The user's tree of that kind at exactly these positions, else the smallest one enclosing them. */
    private Tree find(CompilationUnitTree unit, Tree.Kind kind, long start, long end) {
        Located best = null;
        for (Located l : located.computeIfAbsent(unit, this::locate)) {
            if (l.start == start && l.end == end && l.tree.getKind() == kind) {
                return l.tree;
            }
            if (l.start <= start && end <= l.end && (best == null || l.end - l.start < best.end - best.start)) {
                best = l;
            }
        }
        return best == null ? null : best.tree;
    }

    private List<Located> locate(CompilationUnitTree unit) {
        SourcePositions positions = trees.getSourcePositions();
        List<Located> all = new ArrayList<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void scan(Tree tree, Void unused) {
                if (tree != null) {
                    long start = positions.getStartPosition(unit, tree);
                    long end = positions.getEndPosition(unit, tree);
                    if (start >= 0 && end >= start) {
                        all.add(new Located(tree, start, end));
                    }
                }
                return super.scan(tree, unused);
            }
        }.scan(unit, null);
        return all;
    }

    private static final class Located {
        final Tree tree;
        final long start;
        final long end;

        Located(Tree tree, long start, long end) {
            this.tree = tree;
            this.start = start;
            this.end = end;
        }
    }
}
