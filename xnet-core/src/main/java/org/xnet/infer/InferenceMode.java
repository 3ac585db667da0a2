package org.xnet.infer;

/**
 * How a radiograph of any size is fitted to the network.
 *
 * <ul>
 *   <li>{@link #RESIZE}: the whole image is area-resized to the model's input size (aspect not
 *       preserved, as the original did), predicted once, and the probabilities are resized back
 *       bilinearly.</li>
 *   <li>{@link #TILED}: the image is scaled (aspect preserved) so that its longer side is
 *       {@code tileScale} model input sizes, covered by overlapping model-sized tiles whose
 *       probabilities are blended with a Hann window, then resized back bilinearly.</li>
 * </ul>
 */
public enum InferenceMode {
    RESIZE,
    TILED
}
