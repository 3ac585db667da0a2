package org.xnet.infer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * One line of a prediction manifest: the input (as given or expanded), its status, the one-line error
 * of a failed input, the milliseconds spent on it (its share of the batched forward pass plus writing
 * its outputs; 0 for a skipped input or one that could not be read), the fraction of its pixels in
 * each class of the written mask, its mean confidence (the mean over pixels of the largest class
 * probability) and its quality flags ({@link QualityFlags}). Fractions and confidence are null when
 * unknown: a failed input, or a skipped one with no earlier manifest line.
 */
@JsonPropertyOrder({"input", "status", "error", "ms", "open_beam", "soft_tissue", "bone", "mean_confidence", "flags"})
@JsonIgnoreProperties(ignoreUnknown = true)
public record ManifestEntry(@JsonProperty("input") String input,
                            @JsonProperty("status") String status,
                            @JsonProperty("error") String error,
                            @JsonProperty("ms") long ms,
                            @JsonProperty("open_beam") Double openBeam,
                            @JsonProperty("soft_tissue") Double softTissue,
                            @JsonProperty("bone") Double bone,
                            @JsonProperty("mean_confidence") Double meanConfidence,
                            @JsonProperty("flags") List<String> flags) {
    /** Segmented, every output written. */
    public static final String OK = "ok";
    /** Could not be read, segmented or written. */
    public static final String FAILED = "failed";
    /** Left alone by {@code --continue}: every output was already there. */
    public static final String SKIPPED_COMPLETE = "skipped-complete";

    public ManifestEntry {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(status, "status");
        flags = flags == null ? List.of() : List.copyOf(flags);
    }

    static ManifestEntry ok(String input, long ms, double[] fractions, double meanConfidence, List<String> flags) {
        return new ManifestEntry(input, OK, null, ms, fractions[0], fractions[1], fractions[2], meanConfidence, flags);
    }

    static ManifestEntry failed(String input, long ms, String error) {
        return new ManifestEntry(input, FAILED, error, ms, null, null, null, null, List.of());
    }

    /** A skipped input, keeping what an earlier line said about it ({@code earlier} may be null). */
    static ManifestEntry skipped(String input, ManifestEntry earlier) {
        if (earlier == null || earlier.openBeam() == null) {
            return new ManifestEntry(input, SKIPPED_COMPLETE, null, 0, null, null, null, null, List.of());
        }
        return new ManifestEntry(input, SKIPPED_COMPLETE, null, 0, earlier.openBeam(), earlier.softTissue(),
                earlier.bone(), earlier.meanConfidence(), earlier.flags());
    }

    /** Whether any quality flag is set. */
    public boolean flagged() {
        return !flags.isEmpty();
    }
}
