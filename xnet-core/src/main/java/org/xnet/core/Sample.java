package org.xnet.core;

import java.util.Objects;

/**
 * One training example: a radiograph, its label map of the same size, the body part it shows and
 * where it came from (a file name, for error messages and reports).
 */
public record Sample(Image2D image, LabelMap label, String bodyPart, String source) {
    public Sample {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(bodyPart, "bodyPart");
        Objects.requireNonNull(source, "source");
        if (!label.sameSize(image)) {
            throw new IllegalArgumentException("Image and label sizes do not match for " + source + ": "
                    + image.sizeString() + " vs " + label.sizeString());
        }
    }
}
