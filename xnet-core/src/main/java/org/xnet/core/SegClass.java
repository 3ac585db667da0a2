package org.xnet.core;

/**
 * The three classes XNet segments a radiograph into, with the index used in label maps and the
 * colour used in the original project's label images.
 */
public enum SegClass {
    OPEN_BEAM("open beam", 0xFFFFFF),
    SOFT_TISSUE("soft tissue", 0xFFFF00),
    BONE("bone", 0x0000FF);

    /** Number of classes. */
    public static final int COUNT = values().length;

    private final String label;
    private final int rgb;

    SegClass(String label, int rgb) {
        this.label = label;
        this.rgb = rgb;
    }

    /** The index of this class in label maps and probability channels. */
    public int index() {
        return ordinal();
    }

    /** Human-readable name, e.g. "soft tissue". */
    public String label() {
        return label;
    }

    /** The colour of this class in label images, as 0xRRGGBB. */
    public int rgb() {
        return rgb;
    }

    /** The class with the given index. */
    public static SegClass of(int index) {
        if (index < 0 || index >= COUNT) {
            throw new IllegalArgumentException("class index must be in [0, " + COUNT + "), got " + index);
        }
        return values()[index];
    }
}
