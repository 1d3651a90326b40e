package dev.tulip.processor.attribution;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * A second javac, run inside the processor on the same source files, in which Tulip attributes the
 * code it translates or checks.
 *
 * <p>Why: attributing the user's own trees during annotation processing changes them (javac's
 * attribution writes into the trees, and its cleaning between rounds undoes only part of that), and the
 * compilation that follows then fails on correct code: a record's canonical constructor gets an
 * "explicit" {@code super()}, an implicitly typed lambda parameter gets a type tree naming a captured
 * wildcard, a {@code var} holding an anonymous class gets a type tree naming that class. Attributing a
 * shadow copy leaves the user's compilation exactly as it would be without Tulip.
 *
 * <p>The shadow parses every source file of the user's compilation (so that it sees every class with
 * source, auxiliary classes included), enters them (cheap: signatures are completed on demand), and
 * attributes a class only when one of its trees is asked about ({@link Trees#getElement}). Library
 * classes come through the user's compilation ({@link MainClassPath}); the platform is the JDK's, at
 * the user's source version.
 */
public final class ShadowCompilation {
    private final JavacTask task;
    private final Trees trees;
    private final DiagnosticCollector<JavaFileObject> diagnostics;
    private final StandardJavaFileManager platform;
    /** The shadow's compilation units by the user's source file (the same file objects). */
    private final Map<JavaFileObject, CompilationUnitTree> units = new IdentityHashMap<>();
    private final boolean ofRelease;

    private ShadowCompilation(ProcessingEnvironment main, MainMirror mirror, boolean ofRelease) {
        this.ofRelease = ofRelease;
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler: Tulip needs the JDK's javac to attribute code");
        }
        diagnostics = new DiagnosticCollector<>();
        platform = javac.getStandardFileManager(diagnostics, null, null);
        try {
            platform.setLocation(StandardLocation.CLASS_PATH, List.of());
            platform.setLocation(StandardLocation.SOURCE_PATH, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<JavaFileObject> sources = mirror.sources();
        Set<java.net.URI> roots = new java.util.HashSet<>();
        sources.forEach(f -> roots.add(f.toUri()));
        MainClassPath files = new MainClassPath(platform, main.getElementUtils(), main.getFiler(), mirror::sourceOf,
                roots, UserPackages.of(mirror.units()));
        task = (JavacTask) javac.getTask(null, files, diagnostics, options(main, ofRelease), null, sources);
        trees = Trees.instance(task);
        try {
            for (CompilationUnitTree unit : task.parse()) {
                units.put(unit.getSourceFile(), unit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        task.getElements().getTypeElement("java.lang.Object"); // enters the parsed units
    }

    /**
     * Opens a shadow of the user's compilation over these source files. With {@code ofRelease} the
     * platform is the JDK's API of the user's source version ({@code --release N}), as when the user
     * compiles with {@code --release}; without, the running JDK's own ({@code -source N}).
     * The shadow parses every source file {@code mirror} has seen.
     */
    public static ShadowCompilation open(ProcessingEnvironment main, MainMirror mirror, boolean ofRelease) {
        return new ShadowCompilation(main, mirror, ofRelease);
    }

    private static List<String> options(ProcessingEnvironment main, boolean ofRelease) {
        List<String> options = new ArrayList<>(List.of("-proc:none", "-Xlint:none", "-nowarn", "-implicit:none"));
        String version = Integer.toString(feature(main.getSourceVersion()));
        if (ofRelease && feature(main.getSourceVersion()) <= Runtime.version().feature()) {
            options.addAll(List.of("--release", version));
        } else {
            options.addAll(List.of("-source", version, "-target", version, "-Xlint:-options"));
        }
        if (main.isPreviewEnabled()) {
            options.add("--enable-preview");
        }
        return options;
    }

    /** 17 for {@code RELEASE_17}. */
    private static int feature(SourceVersion version) {
        return version.ordinal();
    }

    /** True if the platform is the API of the user's source version ({@code --release}). */
    public boolean ofRelease() {
        return ofRelease;
    }

    public Trees trees() {
        return trees;
    }

    public Types types() {
        return task.getTypes();
    }

    public Elements elements() {
        return task.getElements();
    }

    /** The shadow's unit for one of the user's source files, or null. */
    public CompilationUnitTree unit(JavaFileObject source) {
        return units.get(source);
    }

    /** The shadow's class of that name (canonical), or null. */
    public TypeElement type(CharSequence canonicalName) {
        return task.getElements().getTypeElement(canonicalName);
    }

    /** The errors javac reported in the shadow (after attribution of what was asked), in a file between two positions. */
    public List<Diagnostic<? extends JavaFileObject>> errors(JavaFileObject file, long start, long end) {
        List<Diagnostic<? extends JavaFileObject>> found = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR && d.getSource() != null
                    && (d.getSource() == file || d.getSource().toUri().equals(file.toUri()))
                    && d.getPosition() >= start && d.getPosition() <= end) {
                found.add(d);
            }
        }
        return found;
    }

    /** Releases the shadow's files. */
    public void close() {
        try {
            platform.close();
        } catch (IOException e) {
            // nothing was written: nothing is lost
        }
    }
}
