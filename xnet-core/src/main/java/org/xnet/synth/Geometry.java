package org.xnet.synth;

/**
 * The rays of one view in the body's LPS millimetre frame (origin at the isocentre, the body box
 * centre). The detector's columns run along {@code u}, its rows along {@code v} (row 0 superior),
 * the central ray along {@code d}. Pixel centres are {@code (col + 0.5 - size/2) * pitchU} and
 * {@code (row + 0.5 - size/2) * pitchV} from the centre, measured in the plane through the
 * isocentre, shifted by {@code (centreU, centreV)} for a field off the central ray; a cone beam's
 * source sits on the central ray {@code sourceDistance} before the isocentre (0 = parallel beam).
 */
record Geometry(double[] u, double[] v, double[] d, int size, double pitchU, double pitchV, double sourceDistance,
                double centreU, double centreV) {

    /** Square pixels of side {@code pitch}. */
    static Geometry of(View view, int size, double pitch, double sourceDistance) {
        return of(view, size, pitch, pitch, sourceDistance);
    }

    /** The view's axes: angle around z (superior), then a tilt around the detector's horizontal axis. */
    static Geometry of(View view, int size, double pitchU, double pitchV, double sourceDistance) {
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
        return new Geometry(u, v, d, size, pitchU, pitchV, sourceDistance, 0, 0);
    }

    /** This geometry with the detector's centre moved to {@code (toU, toV)} mm in the isocentre plane. */
    Geometry shifted(double toU, double toV) {
        return new Geometry(u, v, d, size, pitchU, pitchV, sourceDistance, toU, toV);
    }

    /** Field of view across the body: its width seen from the view times this (open beam on both sides). */
    static final double WIDTH_MARGIN = 1.3;

    /**
     * The field of view {width, height} in mm that fits a body box of the given extents (mm, between
     * the outermost voxel centres): across, the box's width seen from this view plus 30 %, so open beam
     * shows on both sides; along the body, as much but no more than 95 % of the scanned length (beyond
     * it the CT knows nothing; the margin keeps diverging cone-beam rays inside the scan). The detector
     * grid stays square, so a short scan gives rectangular pixels: the radiograph as {@code prepare}
     * would see it after resizing a rectangular image to a square.
     */
    static double[] fittedFieldOfView(View view, double[] extentMm) {
        Geometry g = of(view, 1, 1, 0);
        double width = 0;
        for (int k = 0; k < 3; k++) {
            width += Math.abs(g.u[k]) * extentMm[k];
        }
        double across = WIDTH_MARGIN * width;
        return new double[] {across, Math.min(0.95 * extentMm[2], across)};
    }

    boolean cone() {
        return sourceDistance > 0;
    }

    /** Offset (mm, in the isocentre plane) of column {@code col}'s centre from the detector centre. */
    double offsetU(int col) {
        return centreU + (col + 0.5 - size / 2.0) * pitchU;
    }

    /** Offset (mm, in the isocentre plane) of row {@code row}'s centre from the detector centre. */
    double offsetV(int row) {
        return centreV + (row + 0.5 - size / 2.0) * pitchV;
    }
}
