package org.xnet.model;

import java.util.List;
import java.util.Objects;

/**
 * How a network computes on this machine: the precision of its convolutions, the memory layout of
 * its activations and the engine's intra-op threads (0: the engine's default). A runtime choice, not
 * saved in the model file; {@link Kernels#resolve} chooses precision and layout from what passed the
 * kernel check and applies the threads. Threads belong to the whole process (libtorch reads them
 * once, when it starts); precision and layout to each network.
 */
public record RuntimeOptions(Precision precision, MemoryLayout layout, int threads) {
    /** FP32 on NCHW arrays with the engine's default threads, DJL's own default. */
    public static final RuntimeOptions FP32_NCHW = new RuntimeOptions(Precision.FP32, MemoryLayout.NCHW);

    public RuntimeOptions {
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(layout, "layout");
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = engine default), got " + threads);
        }
    }

    /** {@code precision} and {@code layout} with the engine's default threads. */
    public RuntimeOptions(Precision precision, MemoryLayout layout) {
        this(precision, layout, 0);
    }

    /** The same precision and layout with {@code threads}. */
    public RuntimeOptions withThreads(int threads) {
        return new RuntimeOptions(precision, layout, threads);
    }

    /** Every combination, in the order {@code xnet info} lists them. */
    public static List<RuntimeOptions> all() {
        return List.of(FP32_NCHW, new RuntimeOptions(Precision.FP32, MemoryLayout.CHANNELS_LAST),
                new RuntimeOptions(Precision.BF16, MemoryLayout.NCHW),
                new RuntimeOptions(Precision.BF16, MemoryLayout.CHANNELS_LAST));
    }

    /** Parses what {@link #describe()} writes, such as "bf16 channels-last" (threads: the engine default). */
    public static RuntimeOptions parse(String text) {
        String[] words = text.strip().split("\\s+");
        if (words.length != 2) {
            throw new IllegalArgumentException("expected a precision and a memory layout such as \"fp32 nchw\", got '"
                    + text + "'");
        }
        return new RuntimeOptions(Precision.parse(words[0]), MemoryLayout.parse(words[1]));
    }

    /** The precision and layout, "fp32 channels-last" and the like (threads are described apart). */
    public String describe() {
        return precision.cliName() + " " + layout.cliName();
    }
}
