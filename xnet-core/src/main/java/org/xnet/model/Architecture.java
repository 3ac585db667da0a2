package org.xnet.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The three segmentation networks: XNet, the standard UNet and the simplified SegNet. */
public enum Architecture {
    XNET(List.of(64, 128, 256, 512), 3),
    UNET(List.of(64, 128, 256, 512, 1024), 4),
    SEGNET(List.of(64, 128, 256, 512), 3);

    private final List<Integer> defaultFilters;
    private final int poolings;

    Architecture(List<Integer> defaultFilters, int poolings) {
        this.defaultFilters = defaultFilters;
        this.poolings = poolings;
    }

    /** The filter depths of the original definition. */
    public List<Integer> defaultFilters() {
        return defaultFilters;
    }

    /** How many 2x2 max-poolings are stacked: inputs are padded to a multiple of {@code 2^poolings}. */
    public int poolings() {
        return poolings;
    }

    /** The side length every input is padded to a multiple of (8 for XNet and SegNet, 16 for UNet). */
    public int sizeMultiple() {
        return 1 << poolings;
    }

    /** Parses "xnet", "unet" or "segnet" (any case). */
    public static Architecture parse(String name) {
        for (Architecture a : values()) {
            if (a.name().equalsIgnoreCase(name.strip())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown architecture '" + name + "', expected one of "
                + Arrays.toString(values()).toLowerCase(Locale.ROOT));
    }

    /** Lower-case name as used on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
