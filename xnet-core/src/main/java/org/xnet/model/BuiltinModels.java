package org.xnet.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import org.xnet.core.Sha256;
import org.xnet.core.XNetException;

/**
 * The trained models that ship inside the jar ({@code org/xnet/models/}), described by the registry
 * {@value #REGISTRY}: name, file, what it is, size, SHA-256 and its accuracy on a CT volume it never
 * saw. The figures live in that JSON next to the model (written from the model's evaluation, see
 * docs/MODELS.md), not in code. The first model listed is the default one.
 */
public final class BuiltinModels {
    /** Where the models and the registry are, on the classpath. */
    public static final String RESOURCE_DIR = "/org/xnet/models/";
    /** The registry resource. */
    public static final String REGISTRY = RESOURCE_DIR + "builtin-models.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private BuiltinModels() {
    }

    /**
     * Figures of one evaluation: overall pixel accuracy, soft-tissue F1 and the soft-tissue
     * false-positive rate (open beam and bone predicted as tissue over all tissue predictions).
     */
    public record Scores(@JsonProperty("accuracy") double accuracy,
                         @JsonProperty("soft_tissue_f1") double softTissueF1,
                         @JsonProperty("soft_tissue_fp_rate") double softTissueFpRate) {
    }

    /**
     * Leave-one-volume-out result: the same recipe trained without {@code volume}, evaluated on
     * {@code images} views of it, without post-processing ({@code plain}) and with the one named in
     * {@code postProcessing} ({@code postProcessed}).
     */
    public record HeldOut(@JsonProperty("volume") String volume, @JsonProperty("images") int images,
                          @JsonProperty("plain") Scores plain,
                          @JsonProperty("post_processing") String postProcessing,
                          @JsonProperty("post_processed") Scores postProcessed) {
    }

    /** One built-in model as the registry describes it. */
    public record Entry(@JsonProperty("name") String name, @JsonProperty("file") String file,
                        @JsonProperty("description") String description, @JsonProperty("size_bytes") long sizeBytes,
                        @JsonProperty("sha256") String sha256, @JsonProperty("parameters") long parameters,
                        @JsonProperty("held_out") List<HeldOut> heldOut) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(sha256, "sha256");
            description = description == null ? "" : description;
            heldOut = heldOut == null ? List.of() : List.copyOf(heldOut);
        }

        /** The label that names this model in errors and run records: {@code builtin:NAME}. */
        public String label() {
            return "builtin:" + name;
        }

        /**
         * The model file's bytes from the classpath, checked against the registry's size and SHA-256,
         * so a damaged jar is reported instead of segmenting with other weights.
         */
        public byte[] bytes() throws XNetException {
            byte[] bytes;
            try (InputStream in = BuiltinModels.class.getResourceAsStream(RESOURCE_DIR + file)) {
                if (in == null) {
                    throw new XNetException(label() + ": " + RESOURCE_DIR + file + " is missing from the classpath");
                }
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new XNetException(label() + ": cannot read " + RESOURCE_DIR + file + ": " + e.getMessage(), e);
            }
            String actual = Sha256.of(bytes);
            if (bytes.length != sizeBytes || !actual.equals(sha256)) {
                throw new XNetException(label() + ": " + RESOURCE_DIR + file + " is damaged: expected " + sizeBytes
                        + " bytes with SHA-256 " + sha256 + ", found " + bytes.length + " bytes with " + actual);
            }
            return bytes;
        }
    }

    private record Registry(@JsonProperty("models") List<Entry> models) {
    }

    /** Every built-in model, the default first. */
    public static List<Entry> all() {
        try (InputStream in = BuiltinModels.class.getResourceAsStream(REGISTRY)) {
            if (in == null) {
                return List.of();
            }
            Registry registry = JSON.readValue(in, Registry.class);
            return registry.models() == null ? List.of() : List.copyOf(registry.models());
        } catch (IOException e) {
            // the registry is part of the build, not user input
            throw new IllegalStateException(REGISTRY + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The model used when none is named. */
    public static Entry defaultModel() throws XNetException {
        List<Entry> all = all();
        if (all.isEmpty()) {
            throw new XNetException("this build has no built-in model (" + REGISTRY + " is missing): give --model FILE");
        }
        return all.get(0);
    }

    /** The built-in model called {@code name}, or the default one when {@code name} is empty. */
    public static Entry getOrDefault(String name) throws XNetException {
        return name.isEmpty() ? defaultModel() : get(name);
    }

    /** The built-in model called {@code name}; an unknown name is an error listing the known ones. */
    public static Entry get(String name) throws XNetException {
        List<Entry> all = all();
        for (Entry e : all) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new XNetException("no built-in model called '" + name + "'; built in: "
                + (all.isEmpty() ? "none" : String.join(", ", all.stream().map(Entry::name).toList())));
    }
}
