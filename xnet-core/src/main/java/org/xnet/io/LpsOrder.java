package org.xnet.io;

import java.util.Arrays;
import org.xnet.core.Volume;

/**
 * Reorders a voxel grid to LPS (x toward the patient's left, y posterior, z superior) by the axis
 * permutation and flips closest to its voxel-to-world matrix; oblique grids are not resampled, each
 * voxel axis goes to the anatomical axis it is closest to. Used for NIfTI (sform/qform) and DICOM
 * series (Image Orientation (Patient)).
 */
final class LpsOrder {
    private LpsOrder() {
    }

    /**
     * The LPS volume of {@code values} (x fastest, {@code n} voxels along i, j, k with the given
     * spacing). {@code ras} is 3x3 row-major: column a is the RAS world direction of voxel axis a.
     * Returns {@code values} itself when the grid is LPS already.
     */
    static Volume apply(int[] n, double[] spacing, double[] ras, float[] values) {
        int[] target = new int[3];
        boolean[] flip = new boolean[3];
        boolean[] used = new boolean[3];
        for (int a : axesByConfidence(ras)) {
            int world = dominantWorldAxis(ras, a);
            if (used[world]) {
                world = firstUnused(used);
            }
            used[world] = true;
            target[a] = world;
            // LPS: left is -x (RAS), posterior is -y, superior is +z
            double lpsComponent = ras[world * 3 + a] * (world == 2 ? 1 : -1);
            flip[a] = lpsComponent < 0;
        }
        int[] m = new int[3];
        double[] s = new double[3];
        for (int a = 0; a < 3; a++) {
            m[target[a]] = n[a];
            s[target[a]] = spacing[a];
        }
        boolean identity = target[0] == 0 && target[1] == 1 && target[2] == 2 && !flip[0] && !flip[1] && !flip[2];
        float[] out = identity ? values : permute(values, n, m, target, flip);
        return new Volume(m[0], m[1], m[2], out, s[0], s[1], s[2]);
    }

    /** The world axis (0 = x, 1 = y, 2 = z) voxel axis {@code a} is closest to. */
    static int dominantWorldAxis(double[] ras, int a) {
        int best = 0;
        for (int w = 1; w < 3; w++) {
            if (Math.abs(ras[w * 3 + a]) > Math.abs(ras[best * 3 + a])) {
                best = w;
            }
        }
        return best;
    }

    private static float[] permute(float[] values, int[] n, int[] m, int[] target, boolean[] flip) {
        float[] out = new float[values.length];
        int[] o = new int[3];
        int src = 0;
        for (int k = 0; k < n[2]; k++) {
            for (int j = 0; j < n[1]; j++) {
                for (int i = 0; i < n[0]; i++) {
                    int[] idx = {i, j, k};
                    for (int a = 0; a < 3; a++) {
                        o[target[a]] = flip[a] ? n[a] - 1 - idx[a] : idx[a];
                    }
                    out[(o[2] * m[1] + o[1]) * m[0] + o[0]] = values[src++];
                }
            }
        }
        return out;
    }

    /** Voxel axes ordered by how clearly they point along one world axis (most aligned first). */
    private static int[] axesByConfidence(double[] ras) {
        Integer[] axes = {0, 1, 2};
        Arrays.sort(axes, (a, b) -> Double.compare(alignment(ras, b), alignment(ras, a)));
        return new int[] {axes[0], axes[1], axes[2]};
    }

    private static double alignment(double[] r, int a) {
        double norm = Math.sqrt(r[a] * r[a] + r[3 + a] * r[3 + a] + r[6 + a] * r[6 + a]);
        return norm == 0 ? 0 : Math.abs(r[dominantWorldAxis(r, a) * 3 + a]) / norm;
    }

    private static int firstUnused(boolean[] used) {
        for (int w = 0; w < 3; w++) {
            if (!used[w]) {
                return w;
            }
        }
        throw new IllegalStateException("no free world axis");
    }
}
