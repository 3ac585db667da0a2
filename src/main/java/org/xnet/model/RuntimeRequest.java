package org.xnet.model;

import java.util.Objects;
import java.util.Optional;

/**
 * The arithmetic a user asks for: a precision ({@code auto}, fp32 or bf16) and optionally a memory
 * layout (empty: whichever is faster here). {@link Kernels#resolve} narrows it to the
 * {@link RuntimeOptions} that passed the kernel check.
 */
public record RuntimeRequest(PrecisionRequest precision, Optional<MemoryLayout> layout) {
    /** auto precision, either layout. */
    public static final RuntimeRequest AUTO = new RuntimeRequest(PrecisionRequest.AUTO, Optional.empty());

    public RuntimeRequest {
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(layout, "layout");
    }

    /** {@code precision} in either layout. */
    public static RuntimeRequest of(PrecisionRequest precision) {
        return new RuntimeRequest(precision, Optional.empty());
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
