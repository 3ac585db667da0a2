package org.xnet.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.List;
import org.xnet.model.Networks;

/**
 * Runs equally sized single-channel images through a logits network in batches and returns their
 * per-pixel class probabilities. Every batch lives in its own sub-manager of the model's manager,
 * closed before the next one, so nothing accumulates however many images pass through.
 */
final class NetworkRunner {
    private final Block logits;
    private final NDManager manager;
    private final int classes;

    /**
     * Runs {@code logits}, whose parameter arrays stop requiring gradients. libtorch's grad mode is
     * per thread and DJL turns it off only in the thread that started the engine; in any other thread
     * the bf16 convolution's output (an inference tensor: DJL runs TorchScript in inference mode) met
     * a batch-norm scale that requires a gradient and was refused ("Inference tensors cannot be saved
     * for backward"), so a bf16 segmenter failed in every thread but that one. With no parameter
     * requiring a gradient, nothing asks for autograd in any thread.
     */
    NetworkRunner(Block logits, NDManager manager, int classes) {
        for (Parameter p : Networks.distinctParameters(logits)) {
            p.getArray().setRequiresGradient(false);
        }
        this.logits = logits;
        this.manager = manager;
        this.classes = classes;
    }

    /**
     * Told how many of a run's images have been through the network: before each forward pass and
     * once after the last; it may stop the run by throwing {@code E} (a cancel between passes).
     */
    @FunctionalInterface
    interface Passes<E extends Exception> {
        /** A gate that never stops a run. */
        Passes<RuntimeException> NONE = (done, total) -> { };

        void at(int done, int total) throws E;
    }

    /**
     * Probabilities (channel-major, {@code classes * height * width}) of each row-major image of
     * {@code width x height}, {@code batchSize} images per forward pass; with {@code tta} the mean over
     * the identity and the horizontal, vertical and both flips (each prediction flipped back).
     */
    float[][] run(List<float[]> images, int width, int height, boolean tta, int batchSize) {
        return run(images, width, height, tta, batchSize, Passes.NONE);
    }

    /** As {@link #run(List, int, int, boolean, int)}, telling {@code passes} before and after every forward pass. */
    <E extends Exception> float[][] run(List<float[]> images, int width, int height, boolean tta, int batchSize,
                                        Passes<E> passes) throws E {
        int area = width * height;
        float[][] out = new float[images.size()][];
        for (int from = 0; from < images.size(); from += batchSize) {
            passes.at(from, images.size());
            int to = Math.min(images.size(), from + batchSize);
            float[] flat = new float[(to - from) * area];
            for (int i = from; i < to; i++) {
                System.arraycopy(images.get(i), 0, flat, (i - from) * area, area);
            }
            float[] probs;
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = scope.create(flat, new Shape(to - from, 1, height, width));
                probs = (tta ? flipMean(x) : Networks.probabilities(logits, x)).toFloatArray();
            }
            int per = classes * area;
            for (int i = from; i < to; i++) {
                float[] one = new float[per];
                System.arraycopy(probs, (i - from) * per, one, 0, per);
                out[i] = one;
            }
        }
        passes.at(images.size(), images.size());
        return out;
    }

    private NDArray flipMean(NDArray x) {
        NDArray sum = Networks.probabilities(logits, x);
        sum = sum.add(Networks.probabilities(logits, x.flip(3)).flip(3));
        sum = sum.add(Networks.probabilities(logits, x.flip(2)).flip(2));
        sum = sum.add(Networks.probabilities(logits, x.flip(2, 3)).flip(2, 3));
        return sum.div(4f);
    }
}
