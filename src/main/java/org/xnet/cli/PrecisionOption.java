package org.xnet.cli;

import java.io.PrintWriter;
import org.xnet.model.CpuFeatures;
import org.xnet.model.Precision;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --precision fp32|bf16} option shared by train, predict and evaluate. */
final class PrecisionOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--precision", defaultValue = "fp32", paramLabel = "fp32|bf16",
            description = "Arithmetic of the convolutions: fp32 (default) or bf16 (bfloat16 convolutions, "
                    + "FP32 weights, logits and loss; fast only on CPUs with AMX or AVX-512 BF16).")
    String precision;

    /** The parsed precision (a usage error for an unknown name); warns on stderr when bf16 has no hardware. */
    Precision resolve() {
        Precision p;
        try {
            p = Precision.parse(precision);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "--precision: " + e.getMessage());
        }
        String warning = p.warningFor(CpuFeatures.detect());
        if (!warning.isEmpty()) {
            PrintWriter err = mixee.commandLine().getErr();
            err.println("xnet: " + warning);
            err.flush();
        }
        return p;
    }
}
