package org.xnet.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The kernel self-check: "same"-padded convolutions, forward and backward, in one precision and
 * layout, on shapes that cover the layout classes the networks use (channel counts 1, 3, 4, 8, 16,
 * 24 and 64 in and out, 1x1, 3x3 and 5x5 kernels, odd image sizes), several trials each, compared
 * element by element with float64. The 2x2 kernels of the inference program's sub-pixel
 * convolutions ({@link FoldedConv#subPixel}; padding 1, so the output is one pixel larger each way)
 * are checked forward only: training never runs them.
 *
 * <p>Bounds follow from the arithmetic. An output or gradient element sums {@code n} products
 * (n = C_in·k² + 1 forward, C_out·k² for the input gradient, N·H·W for the kernel and bias
 * gradients). Summed in FP32, each partial sum and product errs by at most 2^-24 relative, so the
 * element errs by at most (n + 2)·2^-24 times the same sum over the absolute values (the float64
 * convolution of |x|, |w|, |b| and |g|). The bf16 path also rounds each of its two operands and its
 * result to 8 significant bits, 3·2^-8 more. Both bounds are doubled for safety. Wrong kernels are
 * off by 30 % and more or NaN; correct ones stay at a few hundredths of the bound.
 *
 * <p>Inputs come from a seeded generator, so a verdict is reproducible; the float64 references
 * ({@link NaiveConv}) are computed once and shared by every configuration checked. The kernels under
 * test are behind {@link ConvKernel}, so that tests can inject broken kernels on any machine.
 */
final class KernelCheck {
    /** Images per case. */
    static final int BATCH = 2;
    /** Trials per case (some failures are intermittent). */
    static final int TRIALS = 3;

    /**
     * The shapes: the networks' first layer (1 channel in, its input gradient never needed), their
     * 3x3 (or 5x5) units at channel counts below, at and above the 16-channel blocking, and their
     * 1x1 heads, and the 2x2 phase kernels (4 x the unit's channels out) that inference runs after an
     * upsampling. 8→8, 16→8, 24→24, 3→4 and 64→3 3x3 were wrong with libtorch 2.7.1 on AMD VMs.
     */
    static final List<ConvCase> CASES = List.of(
            new ConvCase(1, 8, 3, 13, 11), new ConvCase(1, 16, 3, 11, 9),
            new ConvCase(3, 4, 3, 9, 7), new ConvCase(4, 3, 3, 9, 7),
            new ConvCase(8, 8, 3, 13, 11), new ConvCase(16, 8, 3, 13, 11),
            new ConvCase(8, 16, 3, 11, 9), new ConvCase(16, 16, 3, 11, 9),
            new ConvCase(24, 24, 3, 13, 11), new ConvCase(64, 64, 3, 9, 7),
            new ConvCase(64, 3, 3, 13, 11), new ConvCase(16, 8, 5, 11, 9),
            new ConvCase(64, 3, 1, 13, 11), new ConvCase(8, 3, 1, 13, 11), new ConvCase(24, 3, 1, 9, 7),
            new ConvCase(4, 8, 2, 9, 7), new ConvCase(16, 32, 2, 11, 9), new ConvCase(24, 48, 2, 9, 7),
            new ConvCase(64, 16, 2, 7, 5));

    private static final double FP32_UNIT = 0x1p-24;
    private static final double BF16_UNIT = 0x1p-8;
    private static final double SAFETY = 2;

    private final ConvKernel kernels;
    private final List<ConvCase> cases;
    private final int trials;
    private final long seed;
    private final Map<String, Trial> trialsByKey = new HashMap<>();

    KernelCheck(ConvKernel kernels, List<ConvCase> cases, int trials, long seed) {
        if (cases.isEmpty() || trials < 1) {
            throw new IllegalArgumentException("the kernel check needs cases and at least one trial");
        }
        this.kernels = kernels;
        this.cases = List.copyOf(cases);
        this.trials = trials;
        this.seed = seed;
    }

    /** The check with the standard cases and trials on {@code kernels}. */
    static KernelCheck standard(ConvKernel kernels) {
        return new KernelCheck(kernels, CASES, TRIALS, 20261205L);
    }

    /**
     * One convolution shape: channels in and out, kernel size, image height and width; padded by
     * kernel / 2 on every side, so odd kernels keep the size and even ones add a pixel.
     */
    record ConvCase(int in, int out, int kernel, int height, int width) {
        /** Whether training runs this shape (and its gradients are checked): odd kernels only. */
        boolean training() {
            return kernel % 2 == 1;
        }

        /** Whether the input gradient is checked: the networks never need the image's. */
        boolean inputGradient() {
            return training() && in > 1;
        }

        int outHeight() {
            return height + 2 * (kernel / 2) - kernel + 1;
        }

        int outWidth() {
            return width + 2 * (kernel / 2) - kernel + 1;
        }

        String describe() {
            return in + "→" + out + " " + kernel + "x" + kernel + " on " + BATCH + "x" + in + "x" + height + "x" + width;
        }
    }

    /** The FP32 operands of one trial: input, kernel, bias and the gradient arriving at the output. */
    record ConvInputs(float[] x, float[] w, float[] b, float[] g) {
        ConvInputs abs() {
            return new ConvInputs(abs(x), abs(w), abs(b), abs(g));
        }

        private static float[] abs(float[] a) {
            float[] r = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                r[i] = Math.abs(a[i]);
            }
            return r;
        }
    }

    /**
     * Output (N, out, H, W), input gradient (N, in, H, W; null when not computed), kernel gradient
     * (out, in, k, k) and bias gradient (out), all in NCHW order.
     */
    record ConvResult(double[] y, double[] dx, double[] dw, double[] db) {
        double[] get(Quantity q) {
            return switch (q) {
                case OUTPUT -> y;
                case INPUT_GRADIENT -> dx;
                case KERNEL_GRADIENT -> dw;
                case BIAS_GRADIENT -> db;
            };
        }
    }

    /** The convolutions under test. */
    @FunctionalInterface
    interface ConvKernel {
        /** The convolution and its gradients for upstream gradient {@code in.g()}, computed as {@code options} say. */
        ConvResult compute(RuntimeOptions options, ConvCase c, ConvInputs in);
    }

    enum Quantity {
        OUTPUT("output"), INPUT_GRADIENT("input gradient"), KERNEL_GRADIENT("kernel gradient"),
        BIAS_GRADIENT("bias gradient");

        private final String words;

        Quantity(String words) {
            this.words = words;
        }
    }

    /** Checks every case and trial in {@code options}. */
    synchronized KernelVerdict verdict(RuntimeOptions options) {
        List<KernelVerdict.CaseResult> results = new ArrayList<>();
        String forwardFailure = "";
        String trainingFailure = "";
        for (ConvCase c : cases) {
            double forward = 0;
            double training = 0;
            for (int t = 0; t < trials; t++) {
                Trial trial = trial(c, t);
                ConvResult got = kernels.compute(options, c, trial.inputs());
                for (Quantity q : Quantity.values()) {
                    if (q != Quantity.OUTPUT && !c.training() || q == Quantity.INPUT_GRADIENT && !c.inputGradient()) {
                        continue;
                    }
                    double ratio = worstRatio(got.get(q), trial.reference().get(q), trial.magnitude().get(q),
                            unitFor(options.precision(), accumulated(q, c)));
                    String failure = ratio <= 1 ? "" : "conv " + c.describe() + ", trial " + (t + 1) + ": "
                            + q.words + " " + describeError(got.get(q), trial.reference().get(q));
                    if (q == Quantity.OUTPUT) {
                        forward = Math.max(forward, ratio);
                        forwardFailure = forwardFailure.isEmpty() ? failure : forwardFailure;
                    }
                    if (c.training()) {
                        training = Math.max(training, ratio);
                        trainingFailure = trainingFailure.isEmpty() ? failure : trainingFailure;
                    }
                }
            }
            results.add(new KernelVerdict.CaseResult(c.describe(), forward, training));
        }
        return new KernelVerdict(options, forwardFailure, trainingFailure, results);
    }

    private record Trial(ConvInputs inputs, ConvResult reference, ConvResult magnitude) {
    }

    private Trial trial(ConvCase c, int t) {
        return trialsByKey.computeIfAbsent(c + "#" + t, k -> {
            SplittableRandom random = new SplittableRandom(seed ^ (31L * cases.indexOf(c) + t) * 0x9E3779B97F4A7C15L);
            long pixels = (long) BATCH * c.height() * c.width();
            ConvInputs in = new ConvInputs(uniform(random, pixels * c.in()),
                    uniform(random, (long) c.out() * c.in() * c.kernel() * c.kernel()), uniform(random, c.out()),
                    uniform(random, (long) BATCH * c.outHeight() * c.outWidth() * c.out()));
            return new Trial(in, NaiveConv.run(c, in), NaiveConv.run(c, in.abs()));
        });
    }

    private static float[] uniform(SplittableRandom random, long n) {
        float[] a = new float[Math.toIntExact(n)];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (2 * random.nextDouble() - 1);
        }
        return a;
    }

    /** Terms summed into one element of {@code q}. */
    static int accumulated(Quantity q, ConvCase c) {
        int taps = c.kernel() * c.kernel();
        return switch (q) {
            case OUTPUT -> c.in() * taps + 1;
            case INPUT_GRADIENT -> c.out() * taps;
            case KERNEL_GRADIENT, BIAS_GRADIENT -> BATCH * c.outHeight() * c.outWidth();
        };
    }

    /** The relative bound of one element, times the sum of the absolute values of its terms. */
    static double unitFor(Precision precision, int terms) {
        double fp32 = (terms + 2) * FP32_UNIT;
        return SAFETY * (precision == Precision.BF16 ? 3 * BF16_UNIT + fp32 : fp32);
    }

    /**
     * The largest |got - reference| / (unit x magnitude) over the elements: at most 1 passes;
     * infinite for a NaN, a wrong length or a missing array.
     */
    static double worstRatio(double[] got, double[] reference, double[] magnitude, double unit) {
        if (got == null || got.length != reference.length) {
            return Double.POSITIVE_INFINITY;
        }
        double worst = 0;
        for (int i = 0; i < got.length; i++) {
            double error = Math.abs(got[i] - reference[i]);
            double ratio = error / (unit * magnitude[i] + Double.MIN_NORMAL);
            if (Double.isNaN(ratio)) {
                return Double.POSITIVE_INFINITY;
            }
            worst = Math.max(worst, ratio);
        }
        return worst;
    }

    /** "58 % off" (largest error over largest reference value), "NaN", or the wrong shape. */
    static String describeError(double[] got, double[] reference) {
        if (got == null) {
            return "missing";
        }
        if (got.length != reference.length) {
            return "has " + got.length + " values, expected " + reference.length;
        }
        double error = 0;
        double scale = 0;
        for (int i = 0; i < got.length; i++) {
            if (!Double.isFinite(got[i])) {
                return Double.isNaN(got[i]) ? "NaN" : "infinite";
            }
            error = Math.max(error, Math.abs(got[i] - reference[i]));
            scale = Math.max(scale, Math.abs(reference[i]));
        }
        return String.format(Locale.ROOT, "%.3g %% off", 100 * error / scale);
    }
}
