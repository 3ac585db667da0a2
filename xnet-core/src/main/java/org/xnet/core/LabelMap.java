package org.xnet.core;

import java.util.Arrays;

/**
 * A per-pixel class map, row-major ({@code data[y * width + x]}), each value a {@link SegClass}
 * index. The array is shared, not copied; equality compares values.
 */
public final class LabelMap {
    private final int width;
    private final int height;
    private final byte[] data;

    /** Wraps {@code data} (not copied); every value must be a class index. */
    public LabelMap(int width, int height, byte[] data) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("label size must be positive, got " + width + "x" + height);
        }
        if (data.length != (long) width * height) {
            throw new IllegalArgumentException("pixel count " + data.length + " does not match size "
                    + width + "x" + height);
        }
        for (int i = 0; i < data.length; i++) {
            if (data[i] < 0 || data[i] >= SegClass.COUNT) {
                throw new IllegalArgumentException("label value " + data[i] + " at pixel " + i
                        + " is not a class index in [0, " + SegClass.COUNT + ")");
            }
        }
        this.width = width;
        this.height = height;
        this.data = data;
    }

    /** A map filled with class 0 (open beam). */
    public LabelMap(int width, int height) {
        this(width, height, new byte[Image2D.checkedArea(width, height)]);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The backing array (row-major); changes to it change this map. */
    public byte[] data() {
        return data;
    }

    public int get(int x, int y) {
        return data[y * width + x];
    }

    public void set(int x, int y, int classIndex) {
        if (classIndex < 0 || classIndex >= SegClass.COUNT) {
            throw new IllegalArgumentException("not a class index: " + classIndex);
        }
        data[y * width + x] = (byte) classIndex;
    }

    public LabelMap copy() {
        return new LabelMap(width, height, data.clone());
    }

    public String sizeString() {
        return width + "x" + height;
    }

    /** Pixel count per class, indexed by class. */
    public long[] classCounts() {
        long[] counts = new long[SegClass.COUNT];
        for (byte b : data) {
            counts[b]++;
        }
        return counts;
    }

    /** True when this map has the same width and height as {@code image}. */
    public boolean sameSize(Image2D image) {
        return image.width() == width && image.height() == height;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMap other && other.width == width && other.height == height
                && Arrays.equals(other.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "LabelMap[" + sizeString() + "]";
    }
}
