package dev.tulip.processor.model;

import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import dev.tulip.processor.diag.Diagnostics;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** The compiler services every stage uses. */
public final class Env {
    public final ProcessingEnvironment processing;
    public final Trees trees;
    public final Types types;
    public final Elements elements;
    public final SourcePositions positions;
    public final Diagnostics diagnostics;

    public Env(ProcessingEnvironment processing) {
        this.processing = processing;
        this.trees = Trees.instance(processing);
        this.types = processing.getTypeUtils();
        this.elements = processing.getElementUtils();
        this.positions = trees.getSourcePositions();
        this.diagnostics = new Diagnostics(trees, processing.getMessager());
    }
}
