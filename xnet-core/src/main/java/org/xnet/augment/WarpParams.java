package org.xnet.augment;

/**
 * One draw of the geometric augmentation, applied in this order to image and label alike:
 * flips, then the affine (about the image centre), then a crop resized back to the full size.
 *
 * <p>Coordinates put pixel centres at integers, {@code 0..W-1}. The affine maps a point {@code r}
 * of the flipped image to {@code c + R(rotate) * Sh(shear) * (r - c) + t} with centre
 * {@code c = ((W-1)/2, (H-1)/2)}, {@code R(a) = [[cos a, -sin a], [sin a, cos a]]} (clockwise on
 * screen, y pointing down), horizontal shear {@code Sh(s) = [[1, tan s], [0, 1]]} and
 * {@code t = (translateX * W, translateY * H)}. The crop removes the fraction {@code cropX} of the
 * width ({@code cropY} of the height); the kept window starts {@code cropOffsetX * cropX * W} from
 * the left edge ({@code cropOffsetX} in [0, 1]) and is resized back with pixel-centre alignment.
 *
 * @param translateX fraction of the width, any sign
 * @param rotateDegrees any angle, positive is clockwise on screen
 * @param shearDegrees in (-90, 90)
 * @param cropX fraction of the width removed, in [0, 1)
 * @param cropOffsetX where the window sits in the removed margin, in [0, 1]
 */
public record WarpParams(boolean flipHorizontal, boolean flipVertical, double translateX, double translateY,
                         double rotateDegrees, double shearDegrees, double cropX, double cropY,
                         double cropOffsetX, double cropOffsetY) {
    public WarpParams {
        requireFinite("translateX", translateX);
        requireFinite("translateY", translateY);
        requireFinite("rotateDegrees", rotateDegrees);
        if (!(Math.abs(shearDegrees) < 90)) {
            throw new IllegalArgumentException("shearDegrees must be in (-90, 90), got " + shearDegrees);
        }
        requireFraction("cropX", cropX, false);
        requireFraction("cropY", cropY, false);
        requireFraction("cropOffsetX", cropOffsetX, true);
        requireFraction("cropOffsetY", cropOffsetY, true);
    }

    /** No flip, no affine, no crop. */
    public static WarpParams identity() {
        return new WarpParams(false, false, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** Only an affine (no flip, no crop). */
    public static WarpParams affine(double translateX, double translateY, double rotateDegrees, double shearDegrees) {
        return new WarpParams(false, false, translateX, translateY, rotateDegrees, shearDegrees, 0, 0, 0, 0);
    }

    /** Only a crop (no flip, no affine). */
    public static WarpParams crop(double cropX, double cropY, double cropOffsetX, double cropOffsetY) {
        return new WarpParams(false, false, 0, 0, 0, 0, cropX, cropY, cropOffsetX, cropOffsetY);
    }

    /** Only flips. */
    public static WarpParams flips(boolean horizontal, boolean vertical) {
        return new WarpParams(horizontal, vertical, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * The inverse map from an output pixel {@code (u, v)} to the source point, as
     * {@code {m00, m01, m02, m10, m11, m12}}: {@code x = m00 u + m01 v + m02}, {@code y = m10 u + m11 v + m12}.
     * It composes crop, inverse affine and flip into one matrix.
     */
    public double[] sourceMatrix(int width, int height) {
        // crop: output pixel -> point of the affine's output
        double sx = 1 - cropX;
        double sy = 1 - cropY;
        double[] m = {sx, 0, cropOffsetX * cropX * width - 0.5 + 0.5 * sx,
                0, sy, cropOffsetY * cropY * height - 0.5 + 0.5 * sy};
        // inverse affine: q -> c + A^-1 (q - c - t)
        double a = Math.toRadians(rotateDegrees);
        double cos = Math.cos(a);
        double sin = Math.sin(a);
        double k = Math.tan(Math.toRadians(shearDegrees));
        double a00 = cos;
        double a01 = cos * k - sin;
        double a10 = sin;
        double a11 = sin * k + cos;
        double det = a00 * a11 - a01 * a10;
        double i00 = a11 / det;
        double i01 = -a01 / det;
        double i10 = -a10 / det;
        double i11 = a00 / det;
        double cx = (width - 1) / 2.0;
        double cy = (height - 1) / 2.0;
        double qx = cx + translateX * width;
        double qy = cy + translateY * height;
        double[] inv = {i00, i01, cx - (i00 * qx + i01 * qy), i10, i11, cy - (i10 * qx + i11 * qy)};
        m = compose(inv, m);
        double[] flip = {flipHorizontal ? -1 : 1, 0, flipHorizontal ? width - 1 : 0,
                0, flipVertical ? -1 : 1, flipVertical ? height - 1 : 0};
        return compose(flip, m);
    }

    /** {@code outer ∘ inner} for 2x3 affine matrices. */
    private static double[] compose(double[] outer, double[] inner) {
        return new double[] {
                outer[0] * inner[0] + outer[1] * inner[3],
                outer[0] * inner[1] + outer[1] * inner[4],
                outer[0] * inner[2] + outer[1] * inner[5] + outer[2],
                outer[3] * inner[0] + outer[4] * inner[3],
                outer[3] * inner[1] + outer[4] * inner[4],
                outer[3] * inner[2] + outer[4] * inner[5] + outer[5]};
    }

    private static void requireFinite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite, got " + v);
        }
    }

    private static void requireFraction(String name, double v, boolean oneAllowed) {
        if (!(v >= 0 && (oneAllowed ? v <= 1 : v < 1))) {
            throw new IllegalArgumentException(name + " must be in [0, 1" + (oneAllowed ? "]" : ")") + ", got " + v);
        }
    }
}
