package org.xnet.io;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How {@link Prepare} turns folders of radiographs and label images into a dataset: the two
 * folders, the square model size, the fraction of images kept for training and the split seed.
 */
public record PrepareConfig(@JsonSerialize(using = ToStringSerializer.class) Path imagesDir,
                            @JsonSerialize(using = ToStringSerializer.class) Path labelsDir,
                            int size, double trainFraction, long seed) {
    /** The original XNet's model size. */
    public static final int DEFAULT_SIZE = 200;
    /** The original XNet's training fraction. */
    public static final double DEFAULT_TRAIN_FRACTION = 0.7;
    /** The seed used when none is given. */
    public static final long DEFAULT_SEED = 42;

    public PrepareConfig {
        Objects.requireNonNull(imagesDir, "imagesDir");
        Objects.requireNonNull(labelsDir, "labelsDir");
        if (size < 8 || size > 4096) {
            throw new IllegalArgumentException("size must be in [8, 4096], got " + size);
        }
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("train fraction must be in (0, 1), got " + trainFraction);
        }
    }

    /** The original's settings (200x200, 70 % training) with the default seed. */
    public static PrepareConfig of(Path imagesDir, Path labelsDir) {
        return new PrepareConfig(imagesDir, labelsDir, DEFAULT_SIZE, DEFAULT_TRAIN_FRACTION, DEFAULT_SEED);
    }
}
