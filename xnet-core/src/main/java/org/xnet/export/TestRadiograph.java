package org.xnet.export;

import org.xnet.core.Image2D;

/**
 * A deterministic stand-in radiograph for a model package's test tensors and cover when the user
 * gives no image: a limb seen in transmission, {@code 1000 * exp(-attenuation)}, with an elliptical
 * soft-tissue cross-section (thickest in the middle) holding two bone rods, on open beam.
 */
final class TestRadiograph {
    private static final double OPEN_BEAM = 1000;
    private static final double TISSUE_MU = 1.2;
    private static final double BONE_MU = 2.5;

    private TestRadiograph() {
    }

    /** The phantom at {@code width x height}, the limb running top to bottom. */
    static Image2D of(int width, int height) {
        float[] d = new float[width * height];
        double cx = width / 2.0;
        double halfWidth = width * 0.32;
        for (int y = 0; y < height; y++) {
            double taper = 1 - 0.15 * y / Math.max(1, height - 1);
            for (int x = 0; x < width; x++) {
                double u = (x + 0.5 - cx) / (halfWidth * taper);
                double attenuation = 0;
                if (Math.abs(u) < 1) {
                    attenuation += TISSUE_MU * Math.sqrt(1 - u * u);
                    attenuation += BONE_MU * chord((u + 0.35) / 0.2) + BONE_MU * chord((u - 0.3) / 0.25);
                }
                d[y * width + x] = (float) (OPEN_BEAM * Math.exp(-attenuation));
            }
        }
        return new Image2D(width, height, d);
    }

    /** The thickness of a unit disc at offset {@code u} from its centre (0 outside). */
    private static double chord(double u) {
        return Math.abs(u) < 1 ? Math.sqrt(1 - u * u) : 0;
    }
}
