package org.xnet.augment;

/** The image-only step of the pipeline: one of a Gaussian blur or an elastic deformation. */
public sealed interface ImageEffect {
    /** Gaussian blur of the image with {@code sigma} pixels (see {@link GaussianBlur}). */
    record Blur(double sigma) implements ImageEffect {
        public Blur {
            if (!(sigma >= 0) || Double.isInfinite(sigma)) {
                throw new IllegalArgumentException("blur sigma must be finite and >= 0, got " + sigma);
            }
        }
    }

    /** Elastic deformation of the image (see {@link ElasticField}); {@code seed} fixes the field. */
    record Elastic(double alpha, double sigma, long seed) implements ImageEffect {
        public Elastic {
            if (!(alpha >= 0 && sigma >= 0) || Double.isInfinite(alpha) || Double.isInfinite(sigma)) {
                throw new IllegalArgumentException("elastic alpha and sigma must be finite and >= 0, got "
                        + alpha + ", " + sigma);
            }
        }
    }
}
