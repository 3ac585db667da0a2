package org.xnet.model;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.HashMap;
import java.util.Map;

/**
 * A naive, loop-by-loop twin of the three networks for one image (C, H, W) in doubles, in inference
 * mode, reading the weights of an initialised block by parameter name. Written from DESIGN.md's
 * description, not from the block code, so a wiring mistake in either shows up as a difference.
 */
final class NaiveNet {
    /** Keras BatchNormalization epsilon. */
    private static final double KERAS_EPSILON = 1e-3;

    private final Map<String, float[]> params = new HashMap<>();
    private final Map<String, long[]> shapes = new HashMap<>();
    private final ModelSpec spec;

    NaiveNet(SegmentationNet net) {
        this.spec = net.spec();
        for (Pair<String, Parameter> p : net.getParameters()) {
            params.put(p.getKey(), p.getValue().getArray().toFloatArray());
            shapes.put(p.getKey(), p.getValue().getArray().getShape().getShape());
        }
    }

    /** Per-pixel logits (classes, H, W) of an image (C, H, W). */
    double[][][] logits(double[][][] image) {
        int h = image[0].length;
        int w = image[0][0].length;
        int m = spec.architecture().sizeMultiple();
        double[][][] x = reflectPad(image, (h + m - 1) / m * m, (w + m - 1) / m * m);
        double[][][] y = switch (spec.architecture()) {
            case XNET -> xnet(x);
            case SEGNET -> segnet(x);
            case UNET -> unet(x);
        };
        return crop(y, h, w);
    }

    private double[][][] xnet(double[][][] x) {
        boolean share = spec.shareWeights();
        double[][][] c1 = unit("01c1", "01c1", x);
        double[][][] c2 = unit("02c2", "02c2", pool(c1));
        double[][][] c3 = unit("03c3", "03c3", pool(c2));
        double[][][] c4 = unit("04c4", "04c4", pool(c3));
        double[][][] c5 = unit("05c5", "05c5", c4);
        double[][][] c6 = concat(c3, unit("06c6", "06c6", up(c5)));
        double[][][] c7 = concat(c2, unit("07c7", "07c7", up(c6)));
        double[][][] c8 = unit("08c8", "08c8", c7);
        double[][][] c9 = unit(share ? "03c3" : "09c9", "09c9", pool(c8));
        double[][][] c10 = unit(share ? "04c4" : "10c10", "10c10", pool(c9));
        double[][][] c11 = unit(share ? "05c5" : "11c11", "11c11", c10);
        double[][][] c12 = concat(c9, unit(share ? "06c6" : "12c12", "12c12", up(c11)));
        double[][][] c13 = concat(c8, unit(share ? "07c7" : "13c13", "13c13", up(c12)));
        double[][][] c14 = concat(c1, unit("14c14", "14c14", up(c13)));
        return conv("15head", c14);
    }

    private double[][][] segnet(double[][][] x) {
        double[][][] y = unit("01c1", "01c1", x);
        y = unit("02c2", "02c2", pool(y));
        y = unit("03c3", "03c3", pool(y));
        y = unit("05c5", "05c5", unit("04c4", "04c4", pool(y)));
        y = unit("06c6", "06c6", up(y));
        y = unit("07c7", "07c7", up(y));
        y = unit("08c8", "08c8", up(y));
        return conv("09head", y);
    }

    private double[][][] unet(double[][][] x) {
        // children: down1_a, down1_b, ..., down5_b (01..10), then up4, up3, up2, up1 (conv, a, b) (11..22), head 23
        double[][][][] skips = new double[4][][][];
        double[][][] y = x;
        for (int level = 0; level < 5; level++) {
            String a = String.format("%02ddown%d_a", 2 * level + 1, level + 1);
            String b = String.format("%02ddown%d_b", 2 * level + 2, level + 1);
            y = unit(b, b, unit(a, a, level == 0 ? y : pool(y)));
            if (level < 4) {
                skips[level] = y;
            }
        }
        int child = 11;
        for (int level = 3; level >= 0; level--) {
            String c = String.format("%02dup%d_conv", child++, level + 1);
            String a = String.format("%02dup%d_a", child++, level + 1);
            String b = String.format("%02dup%d_b", child++, level + 1);
            y = concat(skips[level], unit(c, c, up(y)));
            y = unit(b, b, unit(a, a, y));
        }
        return conv(child + "head", y);
    }

    /** conv (weights of unit {@code convOf}) → batch norm (of unit {@code bnOf}, inference) → relu. */
    private double[][][] unit(String convOf, String bnOf, double[][][] x) {
        double[][][] y = conv(convOf + "_01conv", x);
        String bn = bnOf + (convOf.equals(bnOf) ? "_02bn" : "_01bn");
        float[] gamma = params.get(bn + "_gamma");
        float[] beta = params.get(bn + "_beta");
        float[] mean = params.get(bn + "_runningMean");
        float[] var = params.get(bn + "_runningVar");
        for (int c = 0; c < y.length; c++) {
            double scale = gamma[c] / Math.sqrt(var[c] + KERAS_EPSILON);
            for (double[] row : y[c]) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = Math.max(0, (row[j] - mean[c]) * scale + beta[c]);
                }
            }
        }
        return y;
    }

    /** Zero-padded "same" convolution with bias; weights (out, in, k, k). */
    private double[][][] conv(String name, double[][][] x) {
        float[] wt = params.get(name + "_weight");
        float[] bias = params.get(name + "_bias");
        long[] s = shapes.get(name + "_weight");
        int out = (int) s[0];
        int in = (int) s[1];
        int k = (int) s[2];
        if (in != x.length) {
            throw new AssertionError(name + " expects " + in + " channels, got " + x.length);
        }
        int h = x[0].length;
        int w = x[0][0].length;
        int r = k / 2;
        double[][][] y = new double[out][h][w];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    double sum = bias[o];
                    for (int c = 0; c < in; c++) {
                        for (int di = 0; di < k; di++) {
                            for (int dj = 0; dj < k; dj++) {
                                int yi = i + di - r;
                                int xj = j + dj - r;
                                if (yi >= 0 && yi < h && xj >= 0 && xj < w) {
                                    sum += wt[((o * in + c) * k + di) * k + dj] * x[c][yi][xj];
                                }
                            }
                        }
                    }
                    y[o][i][j] = sum;
                }
            }
        }
        return y;
    }

    static double[][][] pool(double[][][] x) {
        int h = x[0].length / 2;
        int w = x[0][0].length / 2;
        double[][][] y = new double[x.length][h][w];
        for (int c = 0; c < x.length; c++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    y[c][i][j] = Math.max(Math.max(x[c][2 * i][2 * j], x[c][2 * i][2 * j + 1]),
                            Math.max(x[c][2 * i + 1][2 * j], x[c][2 * i + 1][2 * j + 1]));
                }
            }
        }
        return y;
    }

    static double[][][] up(double[][][] x) {
        int h = x[0].length * 2;
        int w = x[0][0].length * 2;
        double[][][] y = new double[x.length][h][w];
        for (int c = 0; c < x.length; c++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    y[c][i][j] = x[c][i / 2][j / 2];
                }
            }
        }
        return y;
    }

    static double[][][] concat(double[][][] a, double[][][] b) {
        double[][][] y = new double[a.length + b.length][][];
        System.arraycopy(a, 0, y, 0, a.length);
        System.arraycopy(b, 0, y, a.length, b.length);
        return y;
    }

    /** Reflect padding at the bottom and right (sides at least as long as the padding). */
    static double[][][] reflectPad(double[][][] x, int h, int w) {
        int h0 = x[0].length;
        int w0 = x[0][0].length;
        double[][][] y = new double[x.length][h][w];
        for (int c = 0; c < x.length; c++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    int si = i < h0 ? i : 2 * (h0 - 1) - i;
                    int sj = j < w0 ? j : 2 * (w0 - 1) - j;
                    y[c][i][j] = x[c][si][sj];
                }
            }
        }
        return y;
    }

    static double[][][] crop(double[][][] x, int h, int w) {
        double[][][] y = new double[x.length][h][w];
        for (int c = 0; c < x.length; c++) {
            for (int i = 0; i < h; i++) {
                System.arraycopy(x[c][i], 0, y[c][i], 0, w);
            }
        }
        return y;
    }
}
