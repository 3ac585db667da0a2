package org.xnet.io;

import java.lang.reflect.Array;
import java.util.List;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.SegClass;

/**
 * Conversions between the core types and the nested Java arrays that jhdf reads and writes:
 * images as {@code double[n][h][w][1]}, labels as one-hot {@code byte[n][h][w][classes]}.
 */
final class HdfArrays {
    private HdfArrays() {
    }

    /** Images as (N,H,W,1) float64 values. */
    static double[][][][] images(List<Image2D> images, int size) {
        double[][][][] out = new double[images.size()][size][size][1];
        for (int n = 0; n < images.size(); n++) {
            float[] data = images.get(n).data();
            for (int y = 0; y < size; y++) {
                double[][] row = out[n][y];
                for (int x = 0; x < size; x++) {
                    row[x][0] = data[y * size + x];
                }
            }
        }
        return out;
    }

    /**
     * Labels as (N,H,W,classes) one-hot bytes. Every pixel refers to one of {@code classes} shared,
     * read-only one-hot rows, so the nested array costs a reference per pixel, not an array.
     */
    static byte[][][][] oneHot(List<LabelMap> labels, int size) {
        byte[][] rows = new byte[SegClass.COUNT][SegClass.COUNT];
        for (int c = 0; c < SegClass.COUNT; c++) {
            rows[c][c] = 1;
        }
        byte[][][][] out = new byte[labels.size()][size][size][];
        for (int n = 0; n < labels.size(); n++) {
            byte[] data = labels.get(n).data();
            for (int y = 0; y < size; y++) {
                byte[][] row = out[n][y];
                for (int x = 0; x < size; x++) {
                    row[x] = rows[data[y * size + x]];
                }
            }
        }
        return out;
    }

    /**
     * The values of a nested primitive array of any numeric type, flattened in row-major order
     * into {@code out} (which must have room for all of them).
     */
    static void flatten(Object array, double[] out) {
        int end = flatten(array, out, 0);
        if (end != out.length) {
            throw new IllegalArgumentException("array holds " + end + " values, expected " + out.length);
        }
    }

    private static int flatten(Object array, double[] out, int at) {
        if (array instanceof double[] a) {
            System.arraycopy(a, 0, out, at, a.length);
            return at + a.length;
        }
        if (array instanceof float[] a) {
            for (float v : a) {
                out[at++] = v;
            }
            return at;
        }
        if (array instanceof long[] a) {
            for (long v : a) {
                out[at++] = v;
            }
            return at;
        }
        if (array instanceof int[] a) {
            for (int v : a) {
                out[at++] = v;
            }
            return at;
        }
        if (array instanceof short[] a) {
            for (short v : a) {
                out[at++] = v;
            }
            return at;
        }
        if (array instanceof byte[] a) {
            for (byte v : a) {
                out[at++] = v;
            }
            return at;
        }
        if (array instanceof Object[] a) {
            for (Object inner : a) {
                at = flatten(inner, out, at);
            }
            return at;
        }
        throw new IllegalArgumentException("not a numeric array: " + array.getClass().getSimpleName());
    }

    /** The strings of a one-dimensional string dataset's data. */
    static String[] strings(Object array) {
        if (!(array instanceof Object[] a)) {
            throw new IllegalArgumentException("not a string array: " + array.getClass().getSimpleName());
        }
        String[] out = new String[a.length];
        for (int i = 0; i < a.length; i++) {
            Object v = Array.get(a, i);
            if (!(v instanceof String s)) {
                throw new IllegalArgumentException("not a string array: element " + i + " is "
                        + (v == null ? "null" : v.getClass().getSimpleName()));
            }
            out[i] = s;
        }
        return out;
    }
}
