package org.xnet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.xnet.core.XNetException;

/**
 * The configuration follows from what passed: injected verdicts (a failing forward pass, a failing
 * backward pass, everything failing) on CPUs with and without AVX-512 and bfloat16 units.
 */
class RuntimeChoiceTest {
    private static final CpuFeatures ZEN5 = new CpuFeatures("AMD EPYC", 26, true, false, true);
    private static final CpuFeatures AVX2 = new CpuFeatures("AMD EPYC 7B13", 25, false, false, false);
    private static final RuntimeOptions FP32_NCHW = RuntimeOptions.FP32_NCHW;
    private static final RuntimeOptions FP32_CL = new RuntimeOptions(Precision.FP32, MemoryLayout.CHANNELS_LAST);
    private static final RuntimeOptions BF16_NCHW = new RuntimeOptions(Precision.BF16, MemoryLayout.NCHW);
    private static final RuntimeOptions BF16_CL = new RuntimeOptions(Precision.BF16, MemoryLayout.CHANNELS_LAST);

    /** Verdicts: every configuration passes except those mapped to "forward" or "backward" failures. */
    private static final class Verdicts implements Function<RuntimeOptions, KernelVerdict> {
        private final Map<RuntimeOptions, String> failing;
        final List<RuntimeOptions> asked = new ArrayList<>();

        Verdicts(Map<RuntimeOptions, String> failing) {
            this.failing = failing;
        }

        @Override
        public KernelVerdict apply(RuntimeOptions o) {
            asked.add(o);
            String f = failing.getOrDefault(o, "");
            String failure = f.isEmpty() ? "" : "conv 8→8 3x3 on 2x8x13x11, trial 1: " + (f.equals("forward")
                    ? "output 44.1 % off" : "input gradient NaN");
            return new KernelVerdict(o, f.equals("forward") ? failure : "", failure, List.of());
        }
    }

    private static RuntimeOptions choose(Verdicts v, RuntimeRequest r, Workload w, CpuFeatures cpu) throws XNetException {
        return RuntimeChoice.choose(v, r, w, cpu);
    }

    @Test
    void withEverythingCorrectAutoIsBf16ChannelsLastOnAnAvx512Bf16Cpu() throws Exception {
        Verdicts v = new Verdicts(Map.of());
        assertThat(choose(v, RuntimeRequest.AUTO, Workload.TRAINING, ZEN5)).isEqualTo(BF16_CL);
        assertThat(v.asked).as("a passing fast configuration spares the slower checks").containsExactly(BF16_CL);
    }

    @Test
    void withoutAvx512Fp32NchwComesFirst() throws Exception {
        assertThat(choose(new Verdicts(Map.of()), RuntimeRequest.AUTO, Workload.INFERENCE, AVX2)).isEqualTo(FP32_NCHW);
        assertThat(RuntimeChoice.candidates(RuntimeRequest.AUTO, AVX2)).containsExactly(FP32_NCHW, FP32_CL);
        assertThat(RuntimeChoice.candidates(RuntimeRequest.AUTO, ZEN5)).containsExactly(BF16_CL, BF16_NCHW, FP32_CL,
                FP32_NCHW);
    }

    @Test
    void bf16WithWrongGradientsIsUsedForInferenceOnly() throws Exception {
        Verdicts v = new Verdicts(Map.of(BF16_CL, "backward", BF16_NCHW, "backward"));
        assertThat(choose(v, RuntimeRequest.AUTO, Workload.INFERENCE, ZEN5)).isEqualTo(BF16_CL);
        assertThat(choose(v, RuntimeRequest.AUTO, Workload.TRAINING, ZEN5)).isEqualTo(FP32_CL);
    }

    @Test
    void theAffectedMachineWithoutTheRepairFallsBackToFp32ChannelsLast() throws Exception {
        // what the check found on the AMD EPYC VM with -Dxnet.oneDnnRepair=off (docs/KERNELS.md)
        Verdicts v = new Verdicts(Map.of(FP32_NCHW, "forward", BF16_NCHW, "forward", BF16_CL, "forward"));
        assertThat(choose(v, RuntimeRequest.AUTO, Workload.TRAINING, ZEN5)).isEqualTo(FP32_CL);
        assertThat(choose(v, RuntimeRequest.AUTO, Workload.INFERENCE, AVX2)).isEqualTo(FP32_CL);
        assertThat(choose(v, RuntimeRequest.of(PrecisionRequest.FP32), Workload.TRAINING, AVX2)).isEqualTo(FP32_CL);
    }

    @Test
    void aForcedLayoutIsTheOnlyCandidate() throws Exception {
        RuntimeRequest nchw = new RuntimeRequest(PrecisionRequest.FP32, Optional.of(MemoryLayout.NCHW));
        assertThat(choose(new Verdicts(Map.of()), nchw, Workload.TRAINING, ZEN5)).isEqualTo(FP32_NCHW);
        assertThatThrownBy(() -> choose(new Verdicts(Map.of(FP32_NCHW, "backward")), nchw, Workload.TRAINING, ZEN5))
                .isInstanceOf(XNetException.class)
                .hasMessageContaining("(--precision fp32 --layout nchw)")
                .hasMessageEndingWith("; try --layout auto (xnet info --check-kernels shows the check; docs/KERNELS.md)");
    }

    @Test
    void bf16AskedForButWrongIsRefusedNamingEachFailingKernel() {
        Verdicts v = new Verdicts(Map.of(BF16_CL, "backward", BF16_NCHW, "forward"));
        assertThatThrownBy(() -> choose(v, RuntimeRequest.of(PrecisionRequest.BF16), Workload.TRAINING, ZEN5))
                .isInstanceOf(XNetException.class)
                .hasMessageStartingWith("libtorch's convolutions compute wrong training gradients on this CPU (AMD EPYC)")
                .hasMessageContaining("bf16 channels-last: conv 8→8 3x3 on 2x8x13x11, trial 1: input gradient NaN; "
                        + "bf16 nchw: conv 8→8 3x3 on 2x8x13x11, trial 1: output 44.1 % off; try --precision fp32");
        assertThat(v.asked).containsExactly(BF16_CL, BF16_NCHW);
    }

    @Test
    void nothingCorrectIsRefusedWithOneLine() {
        Verdicts v = new Verdicts(Map.of(FP32_NCHW, "forward", FP32_CL, "forward"));
        assertThatThrownBy(() -> choose(v, RuntimeRequest.AUTO, Workload.INFERENCE, AVX2))
                .isInstanceOf(XNetException.class)
                .hasMessageStartingWith("libtorch's convolutions compute wrong results on this CPU (AMD EPYC 7B13) in "
                        + "every configuration allowed (--precision auto): fp32 nchw: conv 8→8")
                .hasMessageNotContaining("\n");
    }
}
