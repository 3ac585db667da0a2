package org.xnet.io;

import java.nio.ByteBuffer;

/** The voxel-to-world 3x3 matrix of a NIfTI-1 header: sform if present, else qform, else pixdim. */
record Orientation(double[] matrix, String source) {

    static Orientation fromHeader(ByteBuffer buf, double[] spacing) {
        int qformCode = buf.getShort(252);
        int sformCode = buf.getShort(254);
        if (sformCode > 0) {
            double[] m = new double[9];
            for (int row = 0; row < 3; row++) {
                for (int col = 0; col < 3; col++) {
                    m[row * 3 + col] = buf.getFloat(280 + 16 * row + 4 * col);
                }
            }
            if (nonSingular(m)) {
                return new Orientation(m, "sform");
            }
        }
        if (qformCode > 0) {
            double qfac = buf.getFloat(76) < 0 ? -1 : 1;
            return new Orientation(quaternion(buf.getFloat(256), buf.getFloat(260), buf.getFloat(264),
                    spacing, qfac), "qform");
        }
        // NIfTI "method 1": no orientation, voxel axes along world x, y, z (RAS)
        return new Orientation(new double[] {spacing[0], 0, 0, 0, spacing[1], 0, 0, 0, spacing[2]}, "pixdim");
    }

    /** The qform matrix R * diag(sx, sy, qfac * sz) from quaternion (b, c, d), per the NIfTI-1 standard. */
    static double[] quaternion(double b, double c, double d, double[] spacing, double qfac) {
        double a2 = 1 - (b * b + c * c + d * d);
        double a = a2 > 0 ? Math.sqrt(a2) : 0;
        if (a2 <= 0) {
            double norm = Math.sqrt(b * b + c * c + d * d);
            b /= norm;
            c /= norm;
            d /= norm;
        }
        double[] r = {
            a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c),
            2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b),
            2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b,
        };
        double[] scale = {spacing[0], spacing[1], qfac * spacing[2]};
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) {
                r[row * 3 + col] *= scale[col];
            }
        }
        return r;
    }

    private static boolean nonSingular(double[] m) {
        double det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6])
                + m[2] * (m[3] * m[7] - m[4] * m[6]);
        return Math.abs(det) > 1e-12 && Double.isFinite(det);
    }
}
