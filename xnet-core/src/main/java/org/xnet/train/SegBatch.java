package org.xnet.train;

import org.xnet.core.Sample;

import java.util.List;

/**
 * A batch of {@code count} images and label maps of one size, packed as the model wants them:
 * images row-major one after another ({@code N x H x W}), labels likewise as class indices.
 */
public record SegBatch(float[] images, byte[] labels, int count, int height, int width) {
    public SegBatch {
        if (count <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + count + "x" + height + "x" + width);
        }
        long n = (long) count * height * width;
        if (images.length != n || labels.length != n) {
            throw new IllegalArgumentException("batch of " + count + " " + width + "x" + height + " needs " + n
                    + " values, got " + images.length + " image and " + labels.length + " label values");
        }
    }

    /** Packs samples of equal size into one batch (copies the pixels). */
    public static SegBatch of(List<Sample> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("cannot make a batch of no samples");
        }
        int w = samples.get(0).image().width();
        int h = samples.get(0).image().height();
        int area = w * h;
        float[] images = new float[samples.size() * area];
        byte[] labels = new byte[samples.size() * area];
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            if (s.image().width() != w || s.image().height() != h) {
                throw new IllegalArgumentException("sample " + s.source() + " is " + s.image().sizeString()
                        + ", expected " + w + "x" + h + " like the rest of the batch");
            }
            System.arraycopy(s.image().data(), 0, images, i * area, area);
            System.arraycopy(s.label().data(), 0, labels, i * area, area);
        }
        return new SegBatch(images, labels, samples.size(), h, w);
    }

    /** Number of pixels in the batch. */
    public long pixels() {
        return (long) count * height * width;
    }
}
