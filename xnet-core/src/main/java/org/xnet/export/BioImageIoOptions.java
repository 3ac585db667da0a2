package org.xnet.export;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xnet.core.Image2D;
import org.xnet.core.InvalidSetting;

/**
 * What a BioImage Model Zoo package says that the model file does not: the licence (an SPDX
 * identifier; the project has no licence file to take it from), the package's authors, a sentence
 * on the training data, and optionally the radiograph for the test tensors and the cover (a
 * built-in phantom otherwise).
 */
public record BioImageIoOptions(String license, List<String> authors, String trainingData, Optional<Image2D> testImage) {
    /** The training data of the project's models, as {@code xnet synth} makes them. */
    public static final String SYNTHETIC_TRAINING_DATA = "synthetic radiographs that `xnet synth` renders from CT"
            + " volumes (digitally reconstructed radiographs with labels from CT attenuation), not clinical"
            + " radiographs and not the original XNet's proprietary data";
    /** Authors named when none are given. */
    public static final List<String> DEFAULT_AUTHORS = List.of("XNet for Java contributors");

    public BioImageIoOptions {
        Objects.requireNonNull(testImage, "testImage");
        if (license == null || !license.matches("[A-Za-z0-9.+-]+")) {
            throw new InvalidSetting("license", "must be an SPDX licence identifier such as MIT or CC-BY-4.0, got "
                    + license);
        }
        authors = List.copyOf(authors);
        if (authors.isEmpty() || authors.stream().anyMatch(String::isBlank)) {
            throw new InvalidSetting("authors", "must name at least one author, none blank, got " + authors);
        }
        if (trainingData == null || trainingData.isBlank()) {
            throw new InvalidSetting("trainingData", "must describe the training data");
        }
    }

    /** The default authors and training data, the built-in test image, under {@code license}. */
    public static BioImageIoOptions of(String license) {
        return new BioImageIoOptions(license, DEFAULT_AUTHORS, SYNTHETIC_TRAINING_DATA, Optional.empty());
    }

    public BioImageIoOptions withAuthors(List<String> newAuthors) {
        return new BioImageIoOptions(license, newAuthors, trainingData, testImage);
    }

    public BioImageIoOptions withTrainingData(String text) {
        return new BioImageIoOptions(license, authors, text, testImage);
    }

    public BioImageIoOptions withTestImage(Image2D image) {
        return new BioImageIoOptions(license, authors, trainingData, Optional.of(image));
    }
}
