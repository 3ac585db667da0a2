package org.xnet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sub-pixel rewrite against its definition, loop by loop in double: a "same" k x k convolution of
 * the nearest-neighbour 2x upsampled image equals, pixel for pixel, the phase kernels' convolution of
 * the image read at the phase's shift.
 */
class FoldedConvTest {
    private static final int IN = 3;
    private static final int OUT = 2;
    private static final int H = 5;
    private static final int W = 4;

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 5, 7})
    void phaseKernelsOfTheImageEqualTheKernelOfTheUpsampledImage(int k) {
        SplittableRandom random = new SplittableRandom(k);
        float[] weight = new float[OUT * IN * k * k];
        for (int i = 0; i < weight.length; i++) {
            weight[i] = (float) (2 * random.nextDouble() - 1);
        }
        float[] bias = {0.25f, -0.5f};
        double[][][] image = new double[IN][H][W];
        double[][][] up = new double[IN][2 * H][2 * W];
        for (int c = 0; c < IN; c++) {
            for (int y = 0; y < 2 * H; y++) {
                for (int x = 0; x < 2 * W; x++) {
                    if (y % 2 == 0 && x % 2 == 0) {
                        image[c][y / 2][x / 2] = 2 * random.nextDouble() - 1;
                    }
                    up[c][y][x] = image[c][y / 2][x / 2];
                }
            }
        }
        FoldedConv conv = new FoldedConv(new long[] {OUT, IN, k, k}, weight, bias);
        FoldedConv.SubPixel sub = conv.subPixel();
        long[] s = sub.phases().shape();
        assertThat(s).containsExactly(4L * OUT, IN, k / 2 + 1, k / 2 + 1);
        int[] shift = {sub.shift0(), sub.shift1()};
        for (int o = 0; o < OUT; o++) {
            for (int y = 0; y < 2 * H; y++) {
                for (int x = 0; x < 2 * W; x++) {
                    double expected = convolve(up, weight, bias[o], o, k, k / 2, y, x);
                    int block = 2 * (y % 2) + x % 2;
                    double got = convolve(image, sub.phases().weight(), sub.phases().bias()[block * OUT + o],
                            block * OUT + o, (int) s[2], sub.padding(), y / 2 + shift[y % 2], x / 2 + shift[x % 2]);
                    assertThat(got).as("k %d, channel %d, pixel (%d, %d)", k, o, y, x)
                            .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4})
    void evenKernelsAreRefused(int k) {
        FoldedConv conv = new FoldedConv(new long[] {1, 1, k, k}, new float[k * k], new float[1]);
        assertThatThrownBy(conv::subPixel).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("odd");
    }

    /**
     * Output (y, x) of channel {@code o} of a stride-1 convolution with {@code padding} zeros on every
     * side: kernel tap (ky, kx) reads input (y + ky - padding, x + kx - padding).
     */
    private static double convolve(double[][][] in, float[] weight, double bias, int o, int k, int padding,
                                   int y, int x) {
        double sum = bias;
        for (int c = 0; c < in.length; c++) {
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                    int iy = y + ky - padding;
                    int ix = x + kx - padding;
                    if (iy >= 0 && iy < in[c].length && ix >= 0 && ix < in[c][0].length) {
                        sum += weight[((o * in.length + c) * k + ky) * k + kx] * in[c][iy][ix];
                    }
                }
            }
        }
        return sum;
    }
}
