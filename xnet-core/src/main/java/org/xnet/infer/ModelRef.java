package org.xnet.infer;

import java.nio.file.Path;
import java.util.Optional;
import org.xnet.core.XNetException;
import org.xnet.eval.TunedPostProcessing;
import org.xnet.model.BuiltinModels;
import org.xnet.model.ModelFile;
import org.xnet.model.RuntimeOptions;

/**
 * Which model to segment with: a model file, an ensemble ({@link EnsembleManifest}: a manifest
 * {@code .json} or a folder holding {@value EnsembleManifest#FILE}, as {@code xnet crossval} writes), or
 * a model built into the jar ({@link BuiltinModels}; {@code builtin} empty = the default one).
 * {@link #parse} reads the command line's spelling.
 */
public record ModelRef(Path file, String builtin) {
    /** The spelling of the default built-in model; {@code builtin:NAME} names another. */
    public static final String BUILTIN = "builtin";

    public ModelRef {
        if ((file == null) == (builtin == null)) {
            throw new IllegalArgumentException("give exactly one of a model file and a built-in model name");
        }
    }

    /** A model file. */
    public static ModelRef file(Path file) {
        return new ModelRef(file, null);
    }

    /** The built-in model called {@code name}, or the default one when {@code name} is empty. */
    public static ModelRef builtin(String name) {
        return new ModelRef(null, name);
    }

    /**
     * {@code null} or {@code builtin}: the default built-in model; {@code builtin:NAME}: that built-in
     * model; anything else: a model file (write {@code ./builtin} for a file of that name).
     */
    public static ModelRef parse(String spelling) {
        if (spelling == null || spelling.equals(BUILTIN)) {
            return builtin("");
        }
        if (spelling.startsWith(BUILTIN + ":")) {
            return builtin(spelling.substring(BUILTIN.length() + 1));
        }
        return file(Path.of(spelling));
    }

    /** Loads the model (or every model of an ensemble) to compute as {@code options} say. */
    public Segmenter open(RuntimeOptions options) throws XNetException {
        if (file != null && EnsembleManifest.isEnsemble(file)) {
            return Segmenter.loadEnsemble(file, options);
        }
        return file != null ? Segmenter.load(file, options) : Segmenter.loadBuiltin(builtin, options);
    }

    /**
     * The post-processing tuned for this model on probabilities with ({@code tta}) or without test-time
     * augmentation: what an ensemble's manifest records ({@link EnsembleManifest#postProcessing}); empty
     * for a single model, a built-in one, or a manifest that records none.
     */
    public Optional<TunedPostProcessing.Choice> tunedPostProcessing(boolean tta) throws XNetException {
        if (file == null || !EnsembleManifest.isEnsemble(file)) {
            return Optional.empty();
        }
        return EnsembleManifest.postProcessing(file).map(p -> p.choice(tta));
    }

    /**
     * The model file's bytes (a built-in model's checked against its size and SHA-256); an ensemble has
     * no one file and is refused, naming it.
     */
    public byte[] bytes() throws XNetException {
        if (file != null && EnsembleManifest.isEnsemble(file)) {
            throw new XNetException(file + ": expected one model file, found an ensemble (" + EnsembleManifest.FILE
                    + "): give one of its member .xnet files");
        }
        if (file != null) {
            return ModelFile.readAll(file);
        }
        return BuiltinModels.getOrDefault(builtin).bytes();
    }

    @Override
    public String toString() {
        return file != null ? file.toString() : builtin.isEmpty() ? BUILTIN : BUILTIN + ":" + builtin;
    }
}
