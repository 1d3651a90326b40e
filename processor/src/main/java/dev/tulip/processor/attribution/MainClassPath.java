package dev.tulip.processor.attribution;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleFinder;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * The shadow compilation's file manager: the platform (JDK) classes come from its own standard file
 * manager, and everything the user's compilation reads from its class path or module path is served
 * <em>through the user's compilation</em>, with public API only. A package is listed with the user's
 * {@link Elements} (the classes javac sees there) and each class file is read with
 * {@link Filer#getResource}, so the shadow sees exactly the libraries the user compiles against
 * without knowing the class path (an annotation processor is never told it).
 *
 * <p>Classes that have source in the user's compilation are not listed as class files: the shadow
 * parses the same source files ({@link ShadowCompilation}), the roots of the user's compilation
 * directly and the others (found on the user's source path) when it needs them. The user's own
 * packages are never listed through the user's compilation ({@link #userClassFiles} says why).
 */
final class MainClassPath extends ForwardingJavaFileManager<StandardJavaFileManager> {
    private static final Set<String> SYSTEM_MODULES = systemModules();

    private final Elements mainElements;
    private final Filer filer;
    /** The source file of a type of the user's compilation, or null if it comes from a class file. */
    private final Function<TypeElement, JavaFileObject> mainSource;
    /** The source files the shadow parses itself, by URI. */
    private final Set<URI> roots;
    /**
     * For each package that has source files among the roots (the user's own packages), the names
     * that may denote one of its classes: see {@link #userPackages}.
     */
    private final Map<String, Set<String>> userPackages;
    private final Map<String, List<JavaFileObject>> listedClasses = new HashMap<>();
    /** The class files of the user's packages, found once for all of them ({@link #userClassFiles}). */
    private Map<String, List<JavaFileObject>> userClassFiles;
    private final Map<String, List<JavaFileObject>> listedSources = new HashMap<>();
    /** Binary names of the source files served on the source path (javac asks for them). */
    private final Map<JavaFileObject, String> sourceNames = new IdentityHashMap<>();

    /**
     * @param userPackages for each package with root sources, the simple names that may denote its
     *     classes (identifiers of its own units, last names of qualified names elsewhere)
     */
    MainClassPath(StandardJavaFileManager platform, Elements mainElements, Filer filer,
            Function<TypeElement, JavaFileObject> mainSource, Set<URI> roots, Map<String, Set<String>> userPackages) {
        super(platform);
        this.mainElements = mainElements;
        this.filer = filer;
        this.mainSource = mainSource;
        this.roots = roots;
        this.userPackages = userPackages;
    }

    @Override
    public Iterable<JavaFileObject> list(Location location, String packageName, Set<JavaFileObject.Kind> kinds,
            boolean recurse) throws IOException {
        if (location == StandardLocation.SOURCE_PATH) {
            return kinds.contains(JavaFileObject.Kind.SOURCE)
                    ? listedSources.computeIfAbsent(packageName, this::sourceFiles) : List.of();
        }
        if (location != StandardLocation.CLASS_PATH) {
            return super.list(location, packageName, kinds, recurse);
        }
        if (!kinds.contains(JavaFileObject.Kind.CLASS)) {
            return List.of();
        }
        if (userPackages.containsKey(packageName)) {
            if (userClassFiles == null) {
                userClassFiles = userClassFiles();
            }
            return userClassFiles.getOrDefault(packageName, List.of());
        }
        return listedClasses.computeIfAbsent(packageName, this::libraryClassFiles);
    }

    /**
     * Source files of the user's own packages that are not roots (javac finds them on the user's
     * source path), probed by name: the shadow parses them itself when it needs them.
     */
    private List<JavaFileObject> sourceFiles(String packageName) {
        List<JavaFileObject> files = new ArrayList<>();
        if (!userPackages.containsKey(packageName)) {
            // A package without roots: javac may still have compiled some of its classes from the
            // user's source path (a root imports them); the shadow reads the same sources.
            for (PackageElement p : mainElements.getAllPackageElements(packageName)) {
                for (Element e : p.getEnclosedElements()) {
                    JavaFileObject found = e instanceof TypeElement ? mainSource.apply((TypeElement) e) : null;
                    if (found != null && !roots.contains(found.toUri())) {
                        serve(files, found, mainElements.getBinaryName((TypeElement) e).toString());
                    }
                }
            }
            return files;
        }
        for (String name : userPackages.getOrDefault(packageName, Set.of())) {
            FileObject found = resource(StandardLocation.SOURCE_PATH, packageName, name + ".java");
            if (found == null) {
                found = resource(StandardLocation.CLASS_PATH, packageName, name + ".java");
            }
            if (found != null && !roots.contains(found.toUri())) {
                serve(files, found, packageName.isEmpty() ? name : packageName + "." + name);
            }
        }
        return files;
    }

    /** Serves a source file of the user's compilation to the shadow under its binary name. */
    private void serve(List<JavaFileObject> files, FileObject found, String binaryName) {
        JavaFileObject source = new MainSourceFile(found, binaryName);
        sourceNames.put(source, binaryName);
        files.add(source);
    }

    /**
     * The class files of a library package: the classes the user's compilation lists there (reading
     * a class file is all javac does to list them; no library package has the user's sources).
     */
    private List<JavaFileObject> libraryClassFiles(String packageName) {
        List<JavaFileObject> files = new ArrayList<>();
        for (PackageElement p : mainElements.getAllPackageElements(packageName)) {
            ModuleElement module = mainElements.getModuleOf(p);
            String moduleName = module == null || module.isUnnamed() ? null : module.getQualifiedName().toString();
            if (moduleName != null && SYSTEM_MODULES.contains(moduleName)) {
                continue; // the shadow's own platform has it
            }
            for (Element e : p.getEnclosedElements()) {
                if (e instanceof TypeElement) {
                    add(files, packageName, moduleName, (TypeElement) e);
                }
            }
        }
        return files;
    }

    /**
     * The class files of the user's own packages (classes compiled earlier, as in an incremental build).
     * Listing such a package through the user's compilation would make javac complete every class in
     * it, and so parse (and compile) a source it finds on the source path that the user never
     * mentioned: the names that may denote a class there are probed instead, and so is, through the
     * user's compilation, every class of those packages the classes found mention in their
     * signatures.
     */
    private Map<String, List<JavaFileObject>> userClassFiles() {
        Map<String, List<JavaFileObject>> files = new HashMap<>();
        java.util.Deque<TypeElement> work = new java.util.ArrayDeque<>();
        Set<TypeElement> seen = new HashSet<>();
        for (Map.Entry<String, Set<String>> p : userPackages.entrySet()) {
            for (String name : p.getValue()) {
                if (resource(StandardLocation.CLASS_PATH, p.getKey(), name + ".class") != null) {
                    TypeElement t = mainElements.getTypeElement(p.getKey().isEmpty() ? name : p.getKey() + "." + name);
                    if (t != null && seen.add(t)) {
                        work.add(t);
                    }
                }
            }
        }
        while (!work.isEmpty()) {
            TypeElement t = work.poll();
            if (mainSource.apply(t) != null) {
                continue;
            }
            String packageName = mainElements.getPackageOf(t).getQualifiedName().toString();
            add(files.computeIfAbsent(packageName, k -> new ArrayList<>()), packageName, null, t);
            for (TypeElement mentioned : Signatures.mentionedBy(t)) {
                String other = mainElements.getPackageOf(mentioned).getQualifiedName().toString();
                if (userPackages.containsKey(other) && seen.add(mentioned)) {
                    work.add(mentioned);
                }
            }
        }
        return files;
    }

    private FileObject resource(Location location, String packageName, String relativeName) {
        try {
            return filer.getResource(location, packageName, relativeName);
        } catch (IOException | RuntimeException e) {
            // Not there, or no such location in this compilation. A file manager's own failure comes
            // wrapped in an unchecked exception of javac's (ClientCodeException); the probe is only a
            // probe, and must not abort the compilation.
            return null;
        }
    }

    /** Adds a class read from a class file, and its member classes (javac lists each class file). */
    private void add(List<JavaFileObject> files, String packageName, String moduleName, TypeElement type) {
        if (mainSource.apply(type) != null) {
            return;
        }
        String binary = mainElements.getBinaryName(type).toString();
        MainClassFile file = new MainClassFile(packageName, moduleName, binary);
        if (!file.exists()) {
            return; // a platform class seen on another path (a release without modules): the platform has it
        }
        files.add(file);
        for (Element member : type.getEnclosedElements()) {
            if (member instanceof TypeElement && ((TypeElement) member).getNestingKind() == NestingKind.MEMBER) {
                add(files, packageName, moduleName, (TypeElement) member);
            }
        }
    }

    @Override
    public String inferBinaryName(Location location, JavaFileObject file) {
        if (file instanceof MainClassFile) {
            return ((MainClassFile) file).binaryName;
        }
        String source = sourceNames.get(file);
        return source != null ? source : super.inferBinaryName(location, file);
    }

    @Override
    public boolean isSameFile(FileObject a, FileObject b) {
        if (a instanceof MainClassFile || b instanceof MainClassFile || a instanceof MainSourceFile
                || b instanceof MainSourceFile) {
            return a.toUri().equals(b.toUri());
        }
        return super.isSameFile(a, b);
    }

    @Override
    public boolean contains(Location location, FileObject file) throws IOException {
        if (file instanceof MainClassFile) {
            return location == StandardLocation.CLASS_PATH;
        }
        if (sourceNames.containsKey(file)) {
            return location == StandardLocation.SOURCE_PATH;
        }
        return super.contains(location, file);
    }

    @Override
    public boolean hasLocation(Location location) {
        return location == StandardLocation.CLASS_PATH || location == StandardLocation.SOURCE_PATH
                || super.hasLocation(location);
    }

    private static Set<String> systemModules() {
        Set<String> names = new HashSet<>();
        ModuleFinder.ofSystem().findAll().forEach(m -> names.add(m.descriptor().name()));
        return names;
    }

    /** A source file of the user's source path, read through the user's compilation. */
    private static final class MainSourceFile extends SimpleJavaFileObject {
        private final FileObject file;

        MainSourceFile(FileObject file, String binaryName) {
            super(hierarchical(file.toUri(), binaryName), Kind.SOURCE);
            this.file = file;
        }

        /**
         * The file's own URI, or a made-up one where it has no path (a {@code jar:} URI of a source
         * found in a jar on the class path), which {@link SimpleJavaFileObject} refuses.
         */
        private static URI hierarchical(URI uri, String binaryName) {
            return uri.getPath() != null ? uri
                    : URI.create("tulip-shadow:///" + binaryName.replace('.', '/') + ".java");
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) throws IOException {
            return file.getCharContent(ignoreEncodingErrors);
        }
    }

    /** A class file of the user's class path or module path, read through the user's compilation. */
    private final class MainClassFile extends SimpleJavaFileObject {
        final String packageName;
        final String moduleName;
        final String binaryName;

        MainClassFile(String packageName, String moduleName, String binaryName) {
            super(URI.create("tulip-shadow:///" + (moduleName == null ? "" : moduleName + "/")
                    + binaryName.replace('.', '/') + ".class"), Kind.CLASS);
            this.packageName = packageName;
            this.moduleName = moduleName;
            this.binaryName = binaryName;
        }

        private FileObject resource() throws IOException {
            String relative = binaryName.substring(packageName.isEmpty() ? 0 : packageName.length() + 1) + ".class";
            if (moduleName == null) {
                return filer.getResource(StandardLocation.CLASS_PATH, packageName, relative);
            }
            return filer.getResource(StandardLocation.MODULE_PATH, moduleName + "/" + packageName, relative);
        }

        boolean exists() {
            try {
                resource();
                return true;
            } catch (FileNotFoundException | IllegalArgumentException e) {
                return false;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public InputStream openInputStream() throws IOException {
            return resource().openInputStream();
        }
    }
}
