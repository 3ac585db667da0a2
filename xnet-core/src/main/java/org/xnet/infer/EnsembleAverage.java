package org.xnet.infer;

import java.util.List;

/**
 * The mean of several models' class probabilities, pixel by pixel: what an ensemble predicts. Each
 * value is summed in member order and divided by the member count, so one member gives its own
 * probabilities back unchanged and the result is still a probability distribution at every pixel.
 */
final class EnsembleAverage {
    private EnsembleAverage() {
    }

    /**
     * {@code each.get(m)[i][v]}: member {@code m}'s value {@code v} of image {@code i}; every member must
     * hold as many images, each of as many values.
     */
    static float[][] mean(List<float[][]> each) {
        if (each.isEmpty()) {
            throw new IllegalArgumentException("no member to average");
        }
        if (each.size() == 1) {
            return each.get(0);
        }
        float[][] first = each.get(0);
        float[][] out = new float[first.length][];
        float scale = 1f / each.size();
        for (int i = 0; i < first.length; i++) {
            float[] sum = new float[first[i].length];
            for (float[][] member : each) {
                if (member.length != first.length || member[i].length != sum.length) {
                    throw new IllegalArgumentException("members disagree in shape: image " + i + " has "
                            + member[i].length + " values, expected " + sum.length);
                }
                for (int v = 0; v < sum.length; v++) {
                    sum[v] += member[i][v];
                }
            }
            for (int v = 0; v < sum.length; v++) {
                sum[v] *= scale;
            }
            out[i] = sum;
        }
        return out;
    }
}
