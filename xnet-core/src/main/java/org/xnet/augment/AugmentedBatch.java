package org.xnet.augment;

/**
 * One batch of augmented training data as plain arrays, for the trainer to wrap as tensors:
 * {@code images} is NCHW with C = 1 ({@code size * height * width} floats), {@code labels} the class
 * indices in the same order, {@code sampleIndices} which training samples they came from.
 */
public record AugmentedBatch(int epoch, int batchIndex, int size, int height, int width, float[] images,
                             byte[] labels, int[] sampleIndices) {
    public AugmentedBatch {
        long n = (long) size * height * width;
        if (images.length != n || labels.length != n || sampleIndices.length != size) {
            throw new IllegalArgumentException("batch of " + size + " x " + width + "x" + height + " needs " + n
                    + " pixels and " + size + " indices, got " + images.length + ", " + labels.length + ", "
                    + sampleIndices.length);
        }
    }
}
