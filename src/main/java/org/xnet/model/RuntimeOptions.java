package org.xnet.model;

import java.util.List;
import java.util.Objects;

/**
 * The arithmetic a network runs with on this machine: the precision of its convolutions and the
 * memory layout of its activations. A runtime choice, not saved in the model file; {@link Kernels}
 * chooses it from what passed the kernel check.
 */
public record RuntimeOptions(Precision precision, MemoryLayout layout) {
    /** FP32 on NCHW arrays, DJL's own default. */
    public static final RuntimeOptions FP32_NCHW = new RuntimeOptions(Precision.FP32, MemoryLayout.NCHW);

    public RuntimeOptions {
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(layout, "layout");
    }

    /** Every combination, in the order {@code xnet info} lists them. */
    public static List<RuntimeOptions> all() {
        return List.of(FP32_NCHW, new RuntimeOptions(Precision.FP32, MemoryLayout.CHANNELS_LAST),
                new RuntimeOptions(Precision.BF16, MemoryLayout.NCHW),
                new RuntimeOptions(Precision.BF16, MemoryLayout.CHANNELS_LAST));
    }

    /** Parses what {@link #describe()} writes, such as "bf16 channels-last". */
    public static RuntimeOptions parse(String text) {
        String[] words = text.strip().split("\\s+");
        if (words.length != 2) {
            throw new IllegalArgumentException("expected a precision and a memory layout such as \"fp32 nchw\", got '"
                    + text + "'");
        }
        return new RuntimeOptions(Precision.parse(words[0]), MemoryLayout.parse(words[1]));
    }

    /** "fp32 channels-last" and the like. */
    public String describe() {
        return precision.cliName() + " " + layout.cliName();
    }
}
