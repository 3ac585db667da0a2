package org.xnet.model;

import java.util.Objects;
import java.util.Optional;

/**
 * The arithmetic a user asks for: a precision ({@code auto}, fp32 or bf16), optionally a memory
 * layout (empty: whichever is faster here) and the engine's intra-op threads (0: its default).
 * {@link Kernels#resolve} narrows it to the {@link RuntimeOptions} that passed the kernel check.
 */
public record RuntimeRequest(PrecisionRequest precision, Optional<MemoryLayout> layout, int threads) {
    /** auto precision, either layout, the engine's default threads. */
    public static final RuntimeRequest AUTO = new RuntimeRequest(PrecisionRequest.AUTO, Optional.empty());

    public RuntimeRequest {
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(layout, "layout");
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = engine default), got " + threads);
        }
    }

    /** {@code precision} and {@code layout} with the engine's default threads. */
    public RuntimeRequest(PrecisionRequest precision, Optional<MemoryLayout> layout) {
        this(precision, layout, 0);
    }

    /** {@code precision} in either layout. */
    public static RuntimeRequest of(PrecisionRequest precision) {
        return new RuntimeRequest(precision, Optional.empty());
    }

    /** The same request with {@code threads} (0: the engine's default). */
    public RuntimeRequest withThreads(int threads) {
        return new RuntimeRequest(precision, layout, threads);
    }

    /** Whether {@code options} is one of the configurations this request allows. */
    public boolean allows(RuntimeOptions options) {
        boolean precisionOk = precision == PrecisionRequest.AUTO || precision.name().equals(options.precision().name());
        return precisionOk && layout.map(l -> l == options.layout()).orElse(true);
    }

    /** "--precision auto" or "--precision bf16 --layout nchw", as typed on the command line. */
    public String describe() {
        return "--precision " + precision.cliName() + layout.map(l -> " --layout " + l.cliName()).orElse("");
    }
}
