package org.xnet.model;

import java.util.Locale;

/**
 * The arithmetic of the convolutions: FP32 throughout, or bfloat16 convolutions with everything
 * else (weights kept for training, batch norms, logits, loss) in FP32. A runtime choice, not saved
 * in the model file.
 */
public enum Precision {
    FP32,
    BF16;

    /** Parses "fp32" or "bf16" (any case). */
    public static Precision parse(String name) {
        for (Precision p : values()) {
            if (p.name().equalsIgnoreCase(name.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown precision '" + name + "', expected fp32 or bf16");
    }

    /**
     * The precision to use when none is asked for: bf16 on a CPU with bfloat16 units (its masks agree
     * with FP32 on 99.87 % of pixels and a bf16-trained XNet matches FP32's validation accuracy, see
     * docs/BENCHMARKS.md), FP32 everywhere else, where bf16 is emulated and slower.
     */
    public static Precision defaultFor(CpuFeatures cpu) {
        return cpu.bf16() ? BF16 : FP32;
    }

    /** Lower-case name as used on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * A one-line warning when bf16 is asked for on a CPU without bfloat16 units (it still works,
     * emulated and slower than FP32); empty otherwise.
     */
    public String warningFor(CpuFeatures cpu) {
        return this == BF16 && !cpu.bf16()
                ? "warning: this CPU (" + cpu.model() + ") has no bfloat16 units (AMX or AVX-512 BF16): "
                        + "bf16 is emulated and slower than fp32"
                : "";
    }
}
