package org.xnet.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xnet.model.KernelCheck.ConvCase;
import org.xnet.model.KernelCheck.ConvInputs;
import org.xnet.model.KernelCheck.ConvKernel;
import org.xnet.model.KernelCheck.ConvResult;

/**
 * The kernel check without any native code: its float64 reference against hand-computed values,
 * kernels that round as FP32 and bf16 do (they must pass: the bounds are not too tight), and kernels
 * with injected faults of the kinds libtorch 2.7.1 showed on AMD VMs (they must fail, with the
 * configuration, shape, trial and quantity named), so that the check is tested on every machine.
 */
class KernelCheckTest {
    private static final RuntimeOptions FP32_NCHW = RuntimeOptions.FP32_NCHW;
    private static final RuntimeOptions FP32_CL = new RuntimeOptions(Precision.FP32, MemoryLayout.CHANNELS_LAST);
    private static final RuntimeOptions BF16_CL = new RuntimeOptions(Precision.BF16, MemoryLayout.CHANNELS_LAST);

    @Test
    void theReferenceGivesHandComputedValues() {
        // two channels of ones, 4x4, a 3x3 kernel of ones, bias 0.5, upstream gradient ones
        ConvCase c = new ConvCase(2, 1, 3, 4, 4);
        float[] ones = filled(2 * 2 * 16, 1f);
        ConvResult r = NaiveConv.run(c, new ConvInputs(ones, filled(18, 1f), new float[] {0.5f}, filled(2 * 16, 1f)));
        // a corner sees 2x2 taps per channel, an edge 2x3, the inside 3x3
        double[] perImage = {8, 12, 12, 8, 12, 18, 18, 12, 12, 18, 18, 12, 8, 12, 12, 8};
        for (int i = 0; i < 32; i++) {
            assertThat(r.y()[i]).as("output %d", i).isEqualTo(perImage[i % 16] + 0.5);
            assertThat(r.dx()[i]).as("input gradient %d", i).isEqualTo(perImage[i % 16] / 2);
        }
        // a kernel tap sees every pixel whose neighbour in its direction exists: 16, 12 or 9 per image
        double[] taps = {9, 12, 9, 12, 16, 12, 9, 12, 9};
        for (int i = 0; i < 18; i++) {
            assertThat(r.dw()[i]).as("kernel gradient %d", i).isEqualTo(2 * taps[i % 9]);
        }
        assertThat(r.db()).containsExactly(32);
    }

    @Test
    void aTwoByTwoKernelIsPaddedByOneAndItsOutputIsOnePixelLarger() {
        // one channel of ones, 2x3, a 2x2 kernel of ones, bias 0.5: every output pixel sums the input
        // pixels its 2x2 window covers after one pixel of zeros on every side
        ConvCase c = new ConvCase(1, 1, 2, 2, 3);
        assertThat(c.training()).isFalse();
        assertThat(c.outHeight()).isEqualTo(3);
        assertThat(c.outWidth()).isEqualTo(4);
        ConvResult r = NaiveConv.run(c, new ConvInputs(filled(2 * 6, 1f), filled(4, 1f), new float[] {0.5f},
                filled(2 * 12, 1f)));
        double[] perImage = {1, 2, 2, 1, 2, 4, 4, 2, 1, 2, 2, 1};
        assertThat(r.y()).hasSize(24);
        for (int i = 0; i < 24; i++) {
            assertThat(r.y()[i]).as("output %d", i).isEqualTo(perImage[i % 12] + 0.5);
        }
    }

    @Test
    void aWrongSubPixelKernelFailsInferenceButNotTraining() {
        ConvKernel faulty = (o, c, in) -> {
            ConvResult r = rounding(o).compute(o, c, in);
            if (c.kernel() == 2 && c.in() == 24) {
                r.y()[5] += 2;  // the bf16 bound here is about 0.6 (97 terms of |x·w| ≤ 1)
            }
            return r;
        };
        KernelVerdict v = KernelCheck.standard(faulty).verdict(BF16_CL);
        assertThat(v.passes(Workload.TRAINING)).isTrue();
        assertThat(v.passes(Workload.INFERENCE)).isFalse();
        assertThat(v.forwardFailure()).startsWith("conv 24→48 2x2 on 2x24x9x7, trial 1: output ").endsWith("% off");
    }

    @Test
    void theInputGradientOfASingleChannelImageIsNotChecked() {
        ConvCase first = new ConvCase(1, 8, 3, 5, 5);
        assertThat(first.inputGradient()).isFalse();
        ConvResult r = NaiveConv.run(first, inputs(first));
        assertThat(r.dx()).isNull();
        KernelVerdict v = new KernelCheck(rounding(FP32_NCHW), List.of(first), 1, 1).verdict(FP32_NCHW);
        assertThat(v.passes(Workload.TRAINING)).isTrue();
    }

    @Test
    void kernelsThatRoundAsFp32AndBf16DoPass() {
        for (RuntimeOptions o : RuntimeOptions.all()) {
            KernelVerdict v = KernelCheck.standard(rounding(o)).verdict(o);
            assertThat(v.trainingFailure()).as(o.describe()).isEmpty();
            assertThat(v.cases()).hasSize(KernelCheck.CASES.size())
                    .allSatisfy(c -> assertThat(c.training()).as(c.shape()).isLessThan(0.5));
        }
    }

    @Test
    void bf16RoundingFailsTheFp32Bounds() {
        KernelVerdict v = KernelCheck.standard(rounding(BF16_CL)).verdict(FP32_CL);
        assertThat(v.passes(Workload.INFERENCE)).isFalse();
    }

    @Test
    void aWrongInputGradientFailsTrainingButNotInference() {
        ConvKernel faulty = (o, c, in) -> {
            ConvResult r = rounding(o).compute(o, c, in);
            if (o.equals(FP32_NCHW) && c.in() == 64 && c.out() == 3 && c.kernel() == 3) {
                r.dx()[17] *= 1.3;
            }
            return r;
        };
        KernelCheck check = KernelCheck.standard(faulty);
        KernelVerdict nchw = check.verdict(FP32_NCHW);
        assertThat(nchw.passes(Workload.INFERENCE)).isTrue();
        assertThat(nchw.passes(Workload.TRAINING)).isFalse();
        assertThat(nchw.trainingFailure()).startsWith("conv 64→3 3x3 on 2x64x13x11, trial 1: input gradient ")
                .endsWith("% off");
        assertThat(check.verdict(FP32_CL).passes(Workload.TRAINING)).isTrue();
    }

    @Test
    void aNanInTheOutputFailsBoth() {
        ConvKernel faulty = (o, c, in) -> {
            ConvResult r = rounding(o).compute(o, c, in);
            if (c.in() == 8 && c.out() == 8) {
                r.y()[r.y().length - 1] = Double.NaN;
            }
            return r;
        };
        KernelVerdict v = KernelCheck.standard(faulty).verdict(BF16_CL);
        assertThat(v.forwardFailure()).isEqualTo("conv 8→8 3x3 on 2x8x13x11, trial 1: output NaN");
        assertThat(v.trainingFailure()).isEqualTo(v.forwardFailure());
        assertThat(v.cases().get(4).forward()).isInfinite();
    }

    @Test
    void aFaultInTheLastTrialOnlyIsFound() {
        AtomicInteger calls = new AtomicInteger();
        ConvCase c = new ConvCase(24, 24, 3, 7, 5);
        ConvKernel intermittent = (o, cc, in) -> {
            ConvResult r = rounding(o).compute(o, cc, in);
            if (calls.incrementAndGet() == 3) {
                r.dw()[0] += 0.35 * Math.abs(r.dw()[0]) + 1e-3;
            }
            return r;
        };
        KernelVerdict v = new KernelCheck(intermittent, List.of(c), 3, 7).verdict(FP32_CL);
        assertThat(v.trainingFailure()).startsWith("conv 24→24 3x3 on 2x24x7x5, trial 3: kernel gradient ");
    }

    @Test
    void aMissingOrMisshapedResultFails() {
        ConvKernel noGradient = (o, c, in) -> {
            ConvResult r = rounding(o).compute(o, c, in);
            return new ConvResult(r.y(), null, r.dw(), new double[1]);
        };
        ConvCase c = new ConvCase(4, 3, 3, 5, 5);
        KernelVerdict v = new KernelCheck(noGradient, List.of(c), 1, 1).verdict(FP32_NCHW);
        assertThat(v.trainingFailure()).endsWith("input gradient missing");
        assertThat(v.passes(Workload.INFERENCE)).isTrue();
    }

    @Test
    void theBoundsFollowTheArithmetic() {
        ConvCase c = new ConvCase(16, 8, 3, 11, 9);
        assertThat(KernelCheck.accumulated(KernelCheck.Quantity.OUTPUT, c)).isEqualTo(16 * 9 + 1);
        assertThat(KernelCheck.accumulated(KernelCheck.Quantity.INPUT_GRADIENT, c)).isEqualTo(8 * 9);
        assertThat(KernelCheck.accumulated(KernelCheck.Quantity.KERNEL_GRADIENT, c)).isEqualTo(2 * 11 * 9);
        assertThat(KernelCheck.unitFor(Precision.FP32, 145)).isEqualTo(2 * 147 * 0x1p-24);
        assertThat(KernelCheck.unitFor(Precision.BF16, 145)).isEqualTo(2 * (3 * 0x1p-8 + 147 * 0x1p-24));
        double[] ref = {1, -2};
        assertThat(KernelCheck.worstRatio(new double[] {1.5, -2}, ref, new double[] {10, 10}, 0.1)).isEqualTo(0.5);
        assertThat(KernelCheck.worstRatio(new double[] {1, Double.NaN}, ref, new double[] {1, 1}, 0.1)).isInfinite();
        assertThat(KernelCheck.describeError(new double[] {1.5, -2}, ref)).isEqualTo("25.0 % off");
    }

    /** The reference with its operands and result rounded as {@code o}'s precision does. */
    static ConvKernel rounding(RuntimeOptions o) {
        return (ignored, c, in) -> {
            boolean bf16 = o.precision() == Precision.BF16;
            ConvInputs rounded = bf16 ? new ConvInputs(bf16(in.x()), bf16(in.w()), bf16(in.b()), bf16(in.g())) : in;
            ConvResult r = NaiveConv.run(c, rounded);
            return new ConvResult(round(r.y(), bf16), r.dx() == null ? null : round(r.dx(), bf16), round(r.dw(), bf16),
                    round(r.db(), bf16));
        };
    }

    private static double[] round(double[] a, boolean bf16) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            float f = (float) a[i];
            r[i] = bf16 ? bf16(f) : f;
        }
        return r;
    }

    private static float[] bf16(float[] a) {
        float[] r = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = bf16(a[i]);
        }
        return r;
    }

    /** Rounds to bfloat16 (8 significant bits), to nearest, ties to even. */
    static float bf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        int rounded = bits + 0x7FFF + ((bits >>> 16) & 1);
        return Float.intBitsToFloat(rounded & 0xFFFF0000);
    }

    private static ConvInputs inputs(ConvCase c) {
        java.util.Random r = new java.util.Random(3);
        int pixels = KernelCheck.BATCH * c.height() * c.width();
        return new ConvInputs(random(r, pixels * c.in()), random(r, c.out() * c.in() * c.kernel() * c.kernel()),
                random(r, c.out()), random(r, pixels * c.out()));
    }

    private static float[] random(java.util.Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextFloat() * 2 - 1;
        }
        return a;
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
