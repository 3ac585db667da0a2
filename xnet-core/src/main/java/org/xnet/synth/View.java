package org.xnet.synth;

/**
 * One radiograph's viewpoint: the angle around the body's long axis (0 = anterior-posterior, beam
 * from the front; 90 = beam from the patient's right to left), a cranio-caudal tilt, and the seed
 * of its noise and collimation draws.
 */
public record View(double angleDeg, double tiltDeg, long seed) {
    public View {
        if (!Double.isFinite(angleDeg) || !Double.isFinite(tiltDeg)) {
            throw new IllegalArgumentException("view angles must be finite, got " + angleDeg + ", " + tiltDeg);
        }
    }
}
