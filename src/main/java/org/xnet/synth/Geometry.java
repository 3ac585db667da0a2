package org.xnet.synth;

/**
 * The rays of one view in the body's LPS millimetre frame (origin at the isocentre, the body box
 * centre). The detector's columns run along {@code u}, its rows along {@code v} (row 0 superior),
 * the central ray along {@code d}. Pixel centres are {@code (col + 0.5 - size/2) * pitch} from the
 * centre, measured in the plane through the isocentre; a cone beam's source sits on the central ray
 * {@code sourceDistance} before the isocentre (0 = parallel beam).
 */
record Geometry(double[] u, double[] v, double[] d, int size, double pitch, double sourceDistance) {

    /** The view's axes: angle around z (superior), then a tilt around the detector's horizontal axis. */
    static Geometry of(View view, int size, double pitch, double sourceDistance) {
        double a = Math.toRadians(view.angleDeg());
        double t = Math.toRadians(view.tiltDeg());
        double[] u = {Math.cos(a), -Math.sin(a), 0};
        double[] d0 = {Math.sin(a), Math.cos(a), 0};
        double[] v0 = {0, 0, -1};
        double[] d = new double[3];
        double[] v = new double[3];
        for (int k = 0; k < 3; k++) {
            d[k] = Math.cos(t) * d0[k] - Math.sin(t) * v0[k];
            v[k] = Math.sin(t) * d0[k] + Math.cos(t) * v0[k];
        }
        return new Geometry(u, v, d, size, pitch, sourceDistance);
    }

    /**
     * The field of view that fits a body box of the given extents (mm, between the outermost voxel
     * centres): as wide as the box seen from this view plus 15 %, but no taller than 95 % of the
     * scanned length along z (beyond it the CT knows nothing; the margin keeps diverging cone-beam
     * rays inside the scan), square.
     */
    static double fittedFieldOfView(View view, double[] extentMm) {
        Geometry g = of(view, 1, 1, 0);
        double width = 0;
        for (int k = 0; k < 3; k++) {
            width += Math.abs(g.u[k]) * extentMm[k];
        }
        return Math.min(0.95 * extentMm[2], 1.15 * width);
    }

    boolean cone() {
        return sourceDistance > 0;
    }

    /** Offset (mm, in the isocentre plane) of pixel centre {@code index} from the detector centre. */
    double offset(int index) {
        return (index + 0.5 - size / 2.0) * pitch;
    }
}
