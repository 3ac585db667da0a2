package org.xnet.model;

import java.util.Locale;
import org.xnet.core.EnumNames;

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
        return EnumNames.parse(values(), Precision::cliName, name, "precision");
    }

    /** Lower-case name as used on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
