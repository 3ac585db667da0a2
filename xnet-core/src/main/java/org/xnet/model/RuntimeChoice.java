package org.xnet.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.xnet.core.XNetException;

/**
 * Chooses the arithmetic from what passed the kernel check: the fastest configuration the request
 * allows whose convolutions were correct for the workload, falling back step by step; where none
 * was, a refusal naming the failing kernel of each. A pure function of the verdicts, so that tests
 * can inject failing kernels on any machine.
 *
 * <p>Order: bf16 before FP32 (where bf16 is allowed); within a precision, channels-last first on
 * CPUs with AVX-512 (faster there: DESIGN.md, docs/BENCHMARKS.md) and NCHW first elsewhere (a
 * training step was slower channels-last on an AVX2-only machine).
 */
final class RuntimeChoice {
    private RuntimeChoice() {
    }

    /** The candidates in the order they are tried; {@code layout} empty means either. */
    static List<RuntimeOptions> candidates(RuntimeRequest request, CpuFeatures cpu) {
        List<MemoryLayout> layouts = request.layout().map(List::of).orElse(cpu.avx512()
                ? List.of(MemoryLayout.CHANNELS_LAST, MemoryLayout.NCHW)
                : List.of(MemoryLayout.NCHW, MemoryLayout.CHANNELS_LAST));
        List<RuntimeOptions> out = new ArrayList<>();
        for (Precision p : request.precision().candidates(cpu.bf16())) {
            for (MemoryLayout layout : layouts) {
                out.add(new RuntimeOptions(p, layout));
            }
        }
        return out;
    }

    /**
     * The first candidate whose verdict passes {@code workload}; verdicts are asked for lazily, in
     * order, so a passing fast configuration spares checking the slower ones.
     */
    static RuntimeOptions choose(Function<RuntimeOptions, KernelVerdict> verdicts, RuntimeRequest request,
                                 Workload workload, CpuFeatures cpu) throws XNetException {
        List<String> failures = new ArrayList<>();
        for (RuntimeOptions options : candidates(request, cpu)) {
            KernelVerdict verdict = verdicts.apply(options);
            if (verdict.passes(workload)) {
                return options;
            }
            failures.add(options.describe() + ": " + verdict.failure(workload));
        }
        String advice = request.precision() == PrecisionRequest.BF16 ? "; try --precision fp32"
                : request.layout().isPresent() ? "; try --layout auto" : "";
        throw new XNetException("libtorch's convolutions compute wrong " + (workload == Workload.TRAINING
                ? "training gradients" : "results") + " on this CPU (" + cpu.model() + ") in every configuration "
                + "allowed (" + request.describe() + "): " + String.join("; ", failures) + advice
                + " (xnet info --check-kernels shows the check; docs/KERNELS.md)");
    }
}
