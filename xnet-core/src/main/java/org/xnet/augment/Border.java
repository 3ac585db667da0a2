package org.xnet.augment;

/**
 * How a sampling index outside {@code [0, n)} is folded back into the image.
 *
 * <p>{@link #REFLECT} is numpy/scikit-image {@code mode='reflect'} = OpenCV {@code BORDER_REFLECT_101}
 * = scipy.ndimage {@code mode='mirror'}: {@code dcb|abcd|cba}, the edge pixel is not repeated. It is
 * what the original's {@code iaa.Affine(mode="reflect")} used. {@link #SYMMETRIC} is numpy
 * {@code 'symmetric'} = OpenCV {@code BORDER_REFLECT} = scipy.ndimage {@code mode='reflect'}:
 * {@code dcba|abcd|dcba}, the edge is repeated; scipy's {@code gaussian_filter} (and so imgaug's blur)
 * uses it by default.
 */
public enum Border {
    REFLECT,
    SYMMETRIC;

    /** The in-range index that {@code i} maps to in a row of {@code n} pixels. */
    public int index(int i, int n) {
        if (i >= 0 && i < n) {
            return i;
        }
        if (n == 1) {
            return 0;
        }
        if (this == REFLECT) {
            int period = 2 * (n - 1);
            int m = Math.floorMod(i, period);
            return m < n ? m : period - m;
        }
        int period = 2 * n;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - 1 - m;
    }
}
