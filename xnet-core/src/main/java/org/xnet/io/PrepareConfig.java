package org.xnet.io;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Objects;

/**
 * How {@link Prepare} turns folders of radiographs and label images into a dataset: the two
 * folders, the square model size, the fraction of images kept for training, the split seed, the
 * colours of the label images and, optionally, a file-name glob of the images that form the test
 * split ({@code ""}: none, the test split is drawn like the validation split).
 */
public record PrepareConfig(@JsonSerialize(using = ToStringSerializer.class) Path imagesDir,
                            @JsonSerialize(using = ToStringSerializer.class) Path labelsDir,
                            int size, double trainFraction, long seed, ColourTable colourTable,
                            String testPattern) {
    /** The original XNet's model size. */
    public static final int DEFAULT_SIZE = 200;
    /** The original XNet's training fraction. */
    public static final double DEFAULT_TRAIN_FRACTION = 0.7;
    /** The seed used when none is given. */
    public static final long DEFAULT_SEED = 42;

    public PrepareConfig {
        Objects.requireNonNull(imagesDir, "imagesDir");
        Objects.requireNonNull(labelsDir, "labelsDir");
        Objects.requireNonNull(colourTable, "colourTable");
        if (size < 8 || size > 4096) {
            throw new IllegalArgumentException("size must be in [8, 4096], got " + size);
        }
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("train fraction must be in (0, 1), got " + trainFraction);
        }
        testPattern = testPattern == null ? "" : testPattern.strip();
        if (!testPattern.isEmpty()) {
            testMatcher(testPattern);
        }
    }

    /** A config with no test pattern. */
    public PrepareConfig(Path imagesDir, Path labelsDir, int size, double trainFraction, long seed,
                         ColourTable colourTable) {
        this(imagesDir, labelsDir, size, trainFraction, seed, colourTable, "");
    }

    /** Whether the image {@code file} belongs to the given test split (false when there is no pattern). */
    public boolean isTestImage(Path file) {
        return !testPattern.isEmpty() && testMatcher(testPattern).matches(file.getFileName());
    }

    /** A copy whose test split is the images with file names matching the glob {@code pattern}. */
    public PrepareConfig withTestPattern(String pattern) {
        return new PrepareConfig(imagesDir, labelsDir, size, trainFraction, seed, colourTable, pattern);
    }

    private static PathMatcher testMatcher(String pattern) {
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("test pattern '" + pattern + "' is not a valid glob: " + e.getMessage(), e);
        }
    }

    /** The original's settings (200x200, 70 % training) with the default seed. */
    public static PrepareConfig of(Path imagesDir, Path labelsDir) {
        return new PrepareConfig(imagesDir, labelsDir, DEFAULT_SIZE, DEFAULT_TRAIN_FRACTION, DEFAULT_SEED,
                ColourTable.defaults());
    }
}
