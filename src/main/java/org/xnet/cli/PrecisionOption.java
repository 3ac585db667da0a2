package org.xnet.cli;

import java.io.PrintWriter;
import org.xnet.model.CpuFeatures;
import org.xnet.model.Precision;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --precision auto|fp32|bf16} option shared by train, predict, evaluate and the benchmarks;
 * auto is bf16 on CPUs with bfloat16 units and FP32 elsewhere ({@link Precision#defaultFor}).
 */
final class PrecisionOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--precision", defaultValue = "auto", paramLabel = "auto|fp32|bf16",
            description = "Arithmetic of the convolutions: fp32, or bf16 (bfloat16 convolutions, FP32 weights, "
                    + "logits and loss; fast only on CPUs with AMX or AVX-512 BF16). Default auto: bf16 where "
                    + "the CPU has those units, else fp32 (xnet info says which).")
    String precision;

    /** The parsed precision (a usage error for an unknown name); warns on stderr when bf16 has no hardware. */
    Precision resolve() {
        CpuFeatures cpu = CpuFeatures.detect();
        if (precision.strip().equalsIgnoreCase("auto")) {
            return Precision.defaultFor(cpu);
        }
        Precision p;
        try {
            p = Precision.parse(precision);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(mixee.commandLine(),
                    "--precision: unknown precision '" + precision + "', expected auto, fp32 or bf16");
        }
        String warning = p.warningFor(cpu);
        if (!warning.isEmpty()) {
            PrintWriter err = mixee.commandLine().getErr();
            err.println("xnet: " + warning);
            err.flush();
        }
        return p;
    }
}
