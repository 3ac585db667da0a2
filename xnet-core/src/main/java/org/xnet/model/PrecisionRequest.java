package org.xnet.model;

import java.util.List;
import java.util.Locale;
import org.xnet.core.EnumNames;

/**
 * The precision a user asks for: {@code auto} (bf16 where the CPU has bfloat16 units and bf16 passed
 * the kernel check, else FP32), or one precision whatever the speed.
 */
public enum PrecisionRequest {
    AUTO,
    FP32,
    BF16;

    /** Parses "auto", "fp32" or "bf16" (any case). */
    public static PrecisionRequest parse(String name) {
        return EnumNames.parse(values(), PrecisionRequest::cliName, name, "precision");
    }

    /** The precisions to try, fastest first, on a CPU with ({@code bf16Units}) or without bfloat16 units. */
    public List<Precision> candidates(boolean bf16Units) {
        return switch (this) {
            case AUTO -> bf16Units ? List.of(Precision.BF16, Precision.FP32) : List.of(Precision.FP32);
            case FP32 -> List.of(Precision.FP32);
            case BF16 -> List.of(Precision.BF16);
        };
    }

    /** Lower-case name as used on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
