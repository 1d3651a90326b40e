package dev.tulip.processor.model;

import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import dev.tulip.processor.attribution.ShadowCompilation;
import dev.tulip.processor.diag.Diagnostics;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The compiler services every stage uses. Trees, types and elements are those of the shadow
 * compilation in which Tulip attributes code ({@link ShadowCompilation}); files are written and
 * messages printed in the user's compilation ({@link #processing}, {@link #diagnostics}).
 */
public final class Env {
    public final ProcessingEnvironment processing;
    public final Trees trees;
    public final Types types;
    public final Elements elements;
    public final SourcePositions positions;
    public final Diagnostics diagnostics;

    public Env(ProcessingEnvironment processing, ShadowCompilation shadow, Diagnostics diagnostics) {
        this.processing = processing;
        this.trees = shadow.trees();
        this.types = shadow.types();
        this.elements = shadow.elements();
        this.positions = trees.getSourcePositions();
        this.diagnostics = diagnostics;
    }
}
