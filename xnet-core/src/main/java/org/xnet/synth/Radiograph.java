package org.xnet.synth;

import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;

/**
 * One synthetic radiograph: the detector image (display values in [0, 1], open beam 1, see
 * {@link SynthConfig#maxAttenuation()}), its exact 3-class label map, the noise-free line integrals
 * of attenuation behind it, and the view it was taken from.
 */
public record Radiograph(Image2D image, LabelMap labels, Image2D lineIntegrals, View view) {

    /** The image as 16-bit detector values: round(65535 * display value). */
    public Image2D image16() {
        float[] src = image.data();
        float[] out = new float[src.length];
        for (int i = 0; i < src.length; i++) {
            out[i] = Math.round(65535f * Math.max(0f, Math.min(1f, src[i])));
        }
        return new Image2D(image.width(), image.height(), out);
    }
}
