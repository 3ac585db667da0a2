package org.xnet.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A prepared dataset: train, validation and test samples of one square size, plus the value range
 * of the raw images it was made from ({@code max_value}, {@code min_value} in the original HDF5
 * layout). Every sample has the size {@code imageSize x imageSize}.
 */
public record Dataset(List<Sample> train, List<Sample> validation, List<Sample> test, int imageSize,
                      double maxValue, double minValue) {
    public Dataset {
        train = List.copyOf(Objects.requireNonNull(train, "train"));
        validation = List.copyOf(Objects.requireNonNull(validation, "validation"));
        test = List.copyOf(Objects.requireNonNull(test, "test"));
        if (imageSize <= 0) {
            throw new IllegalArgumentException("imageSize must be positive, got " + imageSize);
        }
        for (List<Sample> part : List.of(train, validation, test)) {
            for (Sample s : part) {
                if (s.image().width() != imageSize || s.image().height() != imageSize) {
                    throw new IllegalArgumentException("sample " + s.source() + " is " + s.image().sizeString()
                            + ", expected " + imageSize + "x" + imageSize);
                }
            }
        }
    }

    /** The samples of one split. */
    public List<Sample> get(Split split) {
        return switch (split) {
            case TRAIN -> train;
            case VALIDATION -> validation;
            case TEST -> test;
        };
    }

    /** All splits by name, in the order train, validation, test. */
    public Map<Split, List<Sample>> bySplit() {
        Map<Split, List<Sample>> m = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            m.put(s, get(s));
        }
        return Collections.unmodifiableMap(m);
    }

    /** Every sample, train first, then validation, then test. */
    public List<Sample> all() {
        List<Sample> all = new ArrayList<>(train.size() + validation.size() + test.size());
        all.addAll(train);
        all.addAll(validation);
        all.addAll(test);
        return all;
    }

    /** A copy with {@code split} replaced by {@code samples}. */
    public Dataset with(Split split, List<Sample> samples) {
        return new Dataset(split == Split.TRAIN ? samples : train,
                split == Split.VALIDATION ? samples : validation,
                split == Split.TEST ? samples : test, imageSize, maxValue, minValue);
    }
}
