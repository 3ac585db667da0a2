package org.xnet.core;

import java.util.Arrays;

/**
 * A single-channel float32 image, row-major ({@code data[y * width + x]}).
 *
 * <p>The pixel array is shared, not copied, so that fast code can work on it in place; use
 * {@link #copy()} when an independent image is needed. Equality compares pixel values.
 */
public final class Image2D {
    private final int width;
    private final int height;
    private final float[] data;

    /** Wraps {@code data} (not copied) as a {@code width x height} image. */
    public Image2D(int width, int height, float[] data) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (data.length != (long) width * height) {
            throw new IllegalArgumentException("pixel count " + data.length + " does not match size "
                    + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.data = data;
    }

    /** A zero-filled image. */
    public Image2D(int width, int height) {
        this(width, height, new float[checkedArea(width, height)]);
    }

    static int checkedArea(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        long area = (long) width * height;
        if (area > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("image too large: " + width + "x" + height);
        }
        return (int) area;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The backing pixel array (row-major); changes to it change this image. */
    public float[] data() {
        return data;
    }

    public float get(int x, int y) {
        return data[y * width + x];
    }

    public void set(int x, int y, float value) {
        data[y * width + x] = value;
    }

    /** An independent copy. */
    public Image2D copy() {
        return new Image2D(width, height, data.clone());
    }

    /** "WIDTHxHEIGHT", as used in error messages. */
    public String sizeString() {
        return width + "x" + height;
    }

    /** Smallest pixel value. */
    public float min() {
        float m = Float.POSITIVE_INFINITY;
        for (float v : data) {
            m = Math.min(m, v);
        }
        return m;
    }

    /** Largest pixel value. */
    public float max() {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : data) {
            m = Math.max(m, v);
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Image2D other && other.width == width && other.height == height
                && Arrays.equals(other.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Image2D[" + sizeString() + "]";
    }
}
