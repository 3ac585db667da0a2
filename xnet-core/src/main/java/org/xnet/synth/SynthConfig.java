package org.xnet.synth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.xnet.core.XNetException;

/**
 * How digitally reconstructed radiographs are made from a CT volume: how many views and their
 * angles, the detector, the beam geometry, noise, blur, collimation and the labelling thresholds.
 *
 * @param views radiographs per volume
 * @param size detector pixels along each side (square detector)
 * @param seed seed of every random draw (angles, noise, collimation)
 * @param minAngleDeg smallest view angle around the body's long axis (0 = anterior-posterior)
 * @param maxAngleDeg largest view angle
 * @param maxTiltDeg tilts are drawn uniformly from [-maxTiltDeg, maxTiltDeg] (cranio-caudal)
 * @param beam parallel beam or point-source cone beam
 * @param sourceToIsocentreMm cone beam: source to rotation centre (the body centre); sets how strongly
 *        the rays diverge. There is no source-to-detector distance: the detector is framed to the body
 *        and resampled to {@code size} pixels, so that distance would only scale the image
 * @param photons open-beam photons per pixel for Poisson noise; 0 = no noise
 * @param blurSigmaPx detector blur, Gaussian sigma in pixels; 0 = none
 * @param collimation largest collimated border per side as a fraction of the detector; 0 = off
 * @param bodyHu voxels above this are body candidates for the largest connected region
 * @param boneHu voxels above this count as bone for the label
 * @param tissueHu voxels above this count as tissue (bone included) for the label
 * @param minPathMm a ray is bone/tissue when it crosses at least this much bone/tissue
 * @param stepFraction ray-marching step as a fraction of the smallest voxel spacing (at most 0.5)
 * @param maxAttenuation line integral shown as black: pixel = 1 - min(-ln(I/I0), max)/max
 * @param minFieldFraction smallest field of view as a fraction of the one fitted to the body: each
 *        view draws its fraction uniformly in [minFieldFraction, 1] and a centre that keeps it inside
 *        the fitted field, so some radiographs show only part of the body and no open beam; 1 = off
 * @param collimatorGlow largest glow behind the collimator edge (fraction of full scale at the edge,
 *        decaying over 1-8 % of the detector); each view draws it uniformly in [0, collimatorGlow]; 0 = off
 * @param unsharpStrength largest strength of the reader's large-scale unsharp masking (sigma 3-15 % of
 *        the detector); each view draws it uniformly in [0, unsharpStrength]; 0 = off
 * @param maxGamma the reader's gamma curve is drawn log-uniformly in [1/maxGamma, maxGamma]; 1 = off
 * @param linearProbability probability that a view is written as linear detector intensity
 *        {@code I/I0 = exp(-line integral)} (open beam 1) instead of log exposure; 0 = off
 * @param collimatorTiltDeg the collimated field is rotated by an angle drawn in [-this, this] about the
 *        detector centre, so its edges cross the image at a slant; 0 = off
 * @param collimatorBlurPx the collimator's edge is blurred (penumbra) with a Gaussian sigma drawn in
 *        [0, this] pixels; 0 = sharp
 * @param outsideFraction the field's centre may move across the body by up to this fraction of the fitted
 *        field beyond the range that keeps it inside, so part of the body falls outside the radiograph on
 *        one side; 0 = off
 */
public record SynthConfig(int views, int size, long seed, double minAngleDeg, double maxAngleDeg,
                          double maxTiltDeg, Beam beam, double sourceToIsocentreMm,
                          double photons, double blurSigmaPx, double collimation, double bodyHu,
                          double boneHu, double tissueHu, double minPathMm, double stepFraction,
                          double maxAttenuation, double minFieldFraction, double collimatorGlow,
                          double unsharpStrength, double maxGamma, double linearProbability,
                          double collimatorTiltDeg, double collimatorBlurPx, double outsideFraction) {

    /** Beam geometry. */
    public enum Beam { PARALLEL, CONE }

    /** Smallest and largest detector side in pixels (a 4096x4096 view needs about 0.5 GB while it is made). */
    public static final int MIN_SIZE = 16;
    public static final int MAX_SIZE = 4096;

    /**
     * A key that configs written before it was removed still hold; {@link #fromJson} ignores it (the
     * source-to-detector distance only scaled the framed, resampled image).
     */
    static final String REMOVED_DETECTOR_KEY = "sourceToDetectorMm";

    private static final ObjectMapper JSON = new ObjectMapper();

    public SynthConfig {
        positive("views", views);
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be in [" + MIN_SIZE + ", " + MAX_SIZE + "] pixels, got " + size);
        }
        if (!(minAngleDeg <= maxAngleDeg) || !Double.isFinite(minAngleDeg) || !Double.isFinite(maxAngleDeg)) {
            throw new IllegalArgumentException("angle range must be finite with min <= max, got ["
                    + minAngleDeg + ", " + maxAngleDeg + "]");
        }
        range("maxTiltDeg", maxTiltDeg, 0, 45);
        if (beam == null) {
            throw new IllegalArgumentException("beam must be PARALLEL or CONE");
        }
        if (!(sourceToIsocentreMm > 0) || !Double.isFinite(sourceToIsocentreMm)) {
            throw new IllegalArgumentException("sourceToIsocentreMm must be positive, got " + sourceToIsocentreMm);
        }
        range("photons", photons, 0, 1e12);
        range("blurSigmaPx", blurSigmaPx, 0, 50);
        range("collimation", collimation, 0, 0.4);
        if (!(bodyHu < boneHu) || !(tissueHu < boneHu) || !Double.isFinite(boneHu) || !Double.isFinite(bodyHu)
                || !Double.isFinite(tissueHu)) {
            throw new IllegalArgumentException("thresholds must be finite with bodyHu < boneHu and tissueHu < boneHu, got body "
                    + bodyHu + ", tissue " + tissueHu + ", bone " + boneHu);
        }
        if (!(minPathMm > 0 && minPathMm <= 1000)) {
            throw new IllegalArgumentException("minPathMm must be in (0, 1000], got " + minPathMm);
        }
        if (!(stepFraction > 0 && stepFraction <= 0.5)) {
            throw new IllegalArgumentException("stepFraction must be in (0, 0.5], got " + stepFraction);
        }
        if (!(maxAttenuation > 0) || !Double.isFinite(maxAttenuation)) {
            throw new IllegalArgumentException("maxAttenuation must be positive, got " + maxAttenuation);
        }
        if (!(minFieldFraction > 0 && minFieldFraction <= 1)) {
            throw new IllegalArgumentException("minFieldFraction must be in (0, 1], got " + minFieldFraction);
        }
        range("collimatorGlow", collimatorGlow, 0, 1);
        range("unsharpStrength", unsharpStrength, 0, 5);
        range("maxGamma", maxGamma, 1, 4);
        range("linearProbability", linearProbability, 0, 1);
        range("collimatorTiltDeg", collimatorTiltDeg, 0, 45);
        range("collimatorBlurPx", collimatorBlurPx, 0, 50);
        range("outsideFraction", outsideFraction, 0, 0.5);
    }

    /** A config without the domain randomisation (the form of configs written before it). */
    public SynthConfig(int views, int size, long seed, double minAngleDeg, double maxAngleDeg, double maxTiltDeg,
                       Beam beam, double sourceToIsocentreMm, double photons, double blurSigmaPx, double collimation,
                       double bodyHu, double boneHu, double tissueHu, double minPathMm, double stepFraction,
                       double maxAttenuation, double minFieldFraction, double collimatorGlow, double unsharpStrength,
                       double maxGamma) {
        this(views, size, seed, minAngleDeg, maxAngleDeg, maxTiltDeg, beam, sourceToIsocentreMm, photons, blurSigmaPx,
                collimation, bodyHu, boneHu, tissueHu, minPathMm, stepFraction, maxAttenuation, minFieldFraction,
                collimatorGlow, unsharpStrength, maxGamma, 0, 0, 0, 0);
    }

    /**
     * The defaults: 10 cone-beam views of 200x200 at any angle with tilts up to 10 degrees, source
     * 1000 mm from the body centre, 10^5 photons per pixel, blur of half
     * a pixel, body above -300 HU, bone above 250 HU, tissue above -300 HU, 2 mm paths; collimated
     * borders of up to 30 % per side and fields of 50-100 % of the body's, because clinical radiographs
     * are collimated and framed to the anatomy (a model that never saw either calls a dark border bone
     * and a radiograph without open beam all bone); a glow of up to 40 % of full scale behind the
     * collimator edge, unsharp masking of strength up to 2 and gamma 1/1.5-1.5, because clinical
     * readers process every image (a model trained on raw projections calls the open beam of a
     * processed chest film tissue). The domain randomisation is off ({@link #withDomainRandomisation}).
     */
    public static SynthConfig defaults() {
        return new SynthConfig(10, 200, 42, -180, 180, 10, Beam.CONE, 1000, 1e5, 0.5, 0.3, -300, 250, -300,
                2.0, 0.5, 10, 0.5, 0.4, 2, 1.5, 0, 0, 0, 0);
    }

    /** A copy with the collimator glow, unsharp masking and gamma of the reader set to these limits (0, 0, 1 = off). */
    public SynthConfig withProcessing(double glow, double unsharp, double gamma) {
        return new SynthConfig(views, size, seed, minAngleDeg, maxAngleDeg, maxTiltDeg, beam, sourceToIsocentreMm,
                photons, blurSigmaPx, collimation, bodyHu, boneHu, tissueHu, minPathMm,
                stepFraction, maxAttenuation, minFieldFraction, glow, unsharp, gamma, linearProbability, collimatorTiltDeg,
                collimatorBlurPx, outsideFraction);
    }

    /** A copy with collimated borders up to {@code borderFraction} per side and fields down to {@code minFraction}. */
    public SynthConfig withFraming(double borderFraction, double minFraction) {
        return new SynthConfig(views, size, seed, minAngleDeg, maxAngleDeg, maxTiltDeg, beam, sourceToIsocentreMm,
                photons, blurSigmaPx, borderFraction, bodyHu, boneHu, tissueHu, minPathMm,
                stepFraction, maxAttenuation, minFraction, collimatorGlow, unsharpStrength, maxGamma, linearProbability,
                collimatorTiltDeg, collimatorBlurPx, outsideFraction);
    }

    /**
     * A copy with the domain randomisation of the effects named switched on at their preset strengths
     * (linear 0.3 of the views, collimator tilt up to 10 degrees and edge blur up to 3 pixels, the field
     * up to 25 % across beyond the body's) and the others off.
     */
    public SynthConfig withDomainRandomisation(Set<SynthEffect> effects) {
        return withDomainRandomisation(effects.contains(SynthEffect.LINEAR) ? 0.3 : 0,
                effects.contains(SynthEffect.COLLIMATOR) ? 10 : 0, effects.contains(SynthEffect.COLLIMATOR) ? 3 : 0,
                effects.contains(SynthEffect.OUTSIDE) ? 0.25 : 0);
    }

    /** A copy with these domain-randomisation limits (0 = off). */
    public SynthConfig withDomainRandomisation(double linear, double tiltDeg, double edgeBlurPx, double outside) {
        return new SynthConfig(views, size, seed, minAngleDeg, maxAngleDeg, maxTiltDeg, beam, sourceToIsocentreMm,
                photons, blurSigmaPx, collimation, bodyHu, boneHu, tissueHu, minPathMm,
                stepFraction, maxAttenuation, minFieldFraction, collimatorGlow, unsharpStrength, maxGamma, linear,
                tiltDeg, edgeBlurPx, outside);
    }

    public SynthConfig withViews(int n) {
        return new SynthConfig(n, size, seed, minAngleDeg, maxAngleDeg, maxTiltDeg, beam, sourceToIsocentreMm,
                photons, blurSigmaPx, collimation, bodyHu, boneHu, tissueHu, minPathMm,
                stepFraction, maxAttenuation, minFieldFraction, collimatorGlow, unsharpStrength, maxGamma, linearProbability,
                collimatorTiltDeg, collimatorBlurPx, outsideFraction);
    }

    public SynthConfig withSize(int px) {
        return new SynthConfig(views, px, seed, minAngleDeg, maxAngleDeg, maxTiltDeg, beam, sourceToIsocentreMm,
                photons, blurSigmaPx, collimation, bodyHu, boneHu, tissueHu, minPathMm,
                stepFraction, maxAttenuation, minFieldFraction, collimatorGlow, unsharpStrength, maxGamma, linearProbability,
                collimatorTiltDeg, collimatorBlurPx, outsideFraction);
    }

    public SynthConfig withSeed(long s) {
        return new SynthConfig(views, size, s, minAngleDeg, maxAngleDeg, maxTiltDeg, beam, sourceToIsocentreMm,
                photons, blurSigmaPx, collimation, bodyHu, boneHu, tissueHu, minPathMm,
                stepFraction, maxAttenuation, minFieldFraction, collimatorGlow, unsharpStrength, maxGamma, linearProbability,
                collimatorTiltDeg, collimatorBlurPx, outsideFraction);
    }

    /** This config as JSON. */
    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + this, e);
        }
    }

    /** Reads a config file ({@link #fromJson}); an unreadable or invalid file is an {@link XNetException} naming it. */
    public static SynthConfig read(Path file) throws XNetException {
        try {
            return fromJson(Files.readString(file));
        } catch (IOException e) {
            throw new XNetException("cannot read the synth config " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new XNetException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a config in the form {@link #toJson()} writes; keys it leaves out keep their
     * {@link #defaults()}, unknown keys and invalid values are an IllegalArgumentException. The removed
     * key {@code sourceToDetectorMm}, which every synth-config.json written before carries, is ignored.
     */
    public static SynthConfig fromJson(String json) {
        try {
            JsonNode given = JSON.readTree(json);
            if (!(given instanceof ObjectNode fields)) {
                throw new IllegalArgumentException("not a synth config: expected a JSON object");
            }
            ObjectNode merged = (ObjectNode) JSON.valueToTree(defaults());
            ObjectNode kept = fields.deepCopy();
            kept.remove(REMOVED_DETECTOR_KEY);
            merged.setAll(kept);
            return JSON.treeToValue(merged, SynthConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a synth config: " + e.getOriginalMessage(), e);
        }
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    private static void range(String name, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "], got " + value);
        }
    }
}
