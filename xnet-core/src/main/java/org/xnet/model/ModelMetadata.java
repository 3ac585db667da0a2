package org.xnet.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.xnet.core.InvalidSetting;
import org.xnet.core.Provenance;
import org.xnet.core.SegClass;

/**
 * The {@code model.json} of a model file: format version, the network spec, the image size the
 * model was trained at, the classes (name and label colour, in channel order), how images are
 * normalised, how the model was made, and free key/value metadata.
 */
public record ModelMetadata(int formatVersion, ModelSpec spec, int inputSize, List<ClassInfo> classes,
                            String normalisation, Provenance provenance, Map<String, String> metadata) {
    /** The normalisation every model of this project expects. */
    public static final String PER_IMAGE_NORMALISATION = "per-image: subtract mean, min-max to [0,1]";
    /** The default model input size (side of a square image). */
    public static final int DEFAULT_INPUT_SIZE = 200;

    /** One output class: its name and its colour in label images as "#RRGGBB". */
    public record ClassInfo(String name, String colour) {
        public ClassInfo {
            Objects.requireNonNull(name, "name");
            if (colour == null || !colour.matches("#[0-9A-F]{6}")) {
                throw new IllegalArgumentException("class colour must look like #RRGGBB, got " + colour);
            }
        }

        /** The class's colour as 0xRRGGBB. */
        public int rgb() {
            return Integer.parseInt(colour.substring(1), 16);
        }

        static ClassInfo of(SegClass c) {
            return new ClassInfo(c.label(), String.format("#%06X", c.rgb()));
        }
    }

    public ModelMetadata {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(normalisation, "normalisation");
        Objects.requireNonNull(provenance, "provenance");
        classes = List.copyOf(classes);
        // sorted, not Map.copyOf: its iteration order changes from JVM to JVM, and so would model.json
        metadata = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(metadata, "metadata")));
        if (inputSize < 1) {
            throw new InvalidSetting("inputSize", "must be positive, got " + inputSize);
        }
        if (classes.size() != spec.classes()) {
            throw new IllegalArgumentException("spec has " + spec.classes() + " classes but " + classes.size()
                    + " class descriptions were given");
        }
    }

    /**
     * Metadata of a model of the project's classes (open beam, soft tissue, bone; the spec must have 3
     * classes) with the per-image normalisation and the current format version.
     */
    public static ModelMetadata standard(ModelSpec spec, int inputSize, Provenance provenance,
                                         Map<String, String> metadata) {
        if (spec.classes() != SegClass.COUNT) {
            throw new IllegalArgumentException("the standard classes are " + SegClass.COUNT
                    + ", spec has " + spec.classes() + ": describe the classes explicitly");
        }
        List<ClassInfo> classes = new ArrayList<>();
        for (SegClass c : SegClass.values()) {
            classes.add(ClassInfo.of(c));
        }
        return new ModelMetadata(ModelFile.FORMAT_VERSION, spec, inputSize, classes, PER_IMAGE_NORMALISATION,
                provenance, metadata);
    }
}
