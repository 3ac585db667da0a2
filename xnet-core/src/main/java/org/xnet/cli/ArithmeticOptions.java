package org.xnet.cli;

import java.io.PrintWriter;
import java.util.Optional;
import org.xnet.core.XNetException;
import org.xnet.model.CpuFeatures;
import org.xnet.model.Kernels;
import org.xnet.model.MemoryLayout;
import org.xnet.model.PrecisionRequest;
import org.xnet.model.RuntimeOptions;
import org.xnet.model.RuntimeRequest;
import org.xnet.model.Workload;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --precision auto|fp32|bf16} and {@code --layout auto|nchw|channels-last} options shared
 * by train, predict, evaluate and the benchmarks. What they allow is narrowed by the kernel check
 * ({@link Kernels#resolve}): the fastest allowed configuration whose convolutions are correct here.
 */
final class ArithmeticOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--precision", defaultValue = "auto", paramLabel = "auto|fp32|bf16",
            description = "Arithmetic of the convolutions: fp32, or bf16 (bfloat16 convolutions, FP32 weights, "
                    + "logits and loss; fast only on CPUs with AMX or AVX-512 BF16). Default auto: bf16 where "
                    + "the CPU has those units and bf16 passed the kernel check, else fp32 (xnet info says which).")
    String precision;

    @Option(names = "--layout", defaultValue = "auto", paramLabel = "auto|nchw|channels-last",
            description = "Memory layout of the activations (same values, different speed). Default auto: the "
                    + "faster one on this CPU among those that passed the kernel check.")
    String layout;

    /** What was asked for (a usage error for an unknown name); warns on stderr when bf16 has no hardware. */
    RuntimeRequest request() {
        return new RuntimeRequest(precision(), layout());
    }

    private PrecisionRequest precision() {
        PrecisionRequest p;
        try {
            p = PrecisionRequest.parse(precision);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "--precision: " + e.getMessage());
        }
        CpuFeatures cpu = CpuFeatures.detect();
        if (p == PrecisionRequest.BF16 && !cpu.bf16()) {
            PrintWriter err = mixee.commandLine().getErr();
            err.println("xnet: warning: this CPU (" + cpu.model() + ") has no bfloat16 units (AMX or AVX-512 BF16): "
                    + "bf16 is emulated and slower than fp32");
            err.flush();
        }
        return p;
    }

    private Optional<MemoryLayout> layout() {
        if (layout.strip().equalsIgnoreCase("auto")) {
            return Optional.empty();
        }
        try {
            return Optional.of(MemoryLayout.parse(layout));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "--layout: " + e.getMessage());
        }
    }

    /** The configuration to run {@code workload} in: asked for and passed by the kernel check. */
    RuntimeOptions resolve(Workload workload) throws XNetException {
        return Kernels.resolve(request(), workload);
    }
}
