package org.xnet.core;

import java.util.List;

/** The three parts of a dataset, with the prefix the original HDF5 layout uses for each. */
public enum Split {
    TRAIN("train"),
    VALIDATION("val"),
    TEST("test");

    private final String prefix;

    Split(String prefix) {
        this.prefix = prefix;
    }

    /** "train", "val" or "test", as in the dataset names {@code train_img}, {@code val_label}, ... */
    public String prefix() {
        return prefix;
    }

    /** The split with the given prefix ("train", "val"/"validation", "test"). */
    public static Split of(String name) {
        for (Split s : values()) {
            if (s.prefix.equalsIgnoreCase(name) || s.name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown split '" + name + "': expected train, val or test");
    }

    /** The splits {@code name} stands for: all three for "all" (any case), else the one {@link #of} names. */
    public static List<Split> named(String name) {
        return "all".equalsIgnoreCase(name) ? List.of(values()) : List.of(of(name));
    }
}
