package org.xnet.bench;

import org.xnet.core.InvalidSetting;
import org.xnet.core.InvalidSetting.AtLeast;
import org.xnet.model.ModelSpec;
import org.xnet.model.Networks;
import org.xnet.model.RuntimeOptions;

import java.util.Arrays;
import java.util.Random;
import org.xnet.train.KerasOptimizer;
import org.xnet.train.LossKind;
import org.xnet.train.RmsProp;
import org.xnet.train.SegBatch;
import org.xnet.train.TrainableNet;

/**
 * Times training steps of a network on random images (forward, loss with L2, backward, RMSProp
 * update): the numbers {@code xnet train-bench} reports. Peak RSS is the process' high-water mark
 * (VmHWM), so it covers everything the JVM did before, too.
 */
public final class TrainBenchmark {
    private TrainBenchmark() {
    }

    /** Median and mean step time, images per second, trainable parameters and peak RSS in MiB (-1 when unknown). */
    public record Result(ModelSpec spec, int batch, int size, int steps, double medianMs, double meanMs,
                         double imagesPerSecond, long parameters, long peakRssMiB) {
    }

    /** Runs {@code warmup} untimed steps, then {@code steps} timed ones, computing as {@code options} say. */
    public static Result run(ModelSpec spec, int batch, int size, int warmup, int steps, long seed, RuntimeOptions options) {
        InvalidSetting.requireAtLeast("need steps >= 1, warmup >= 0, batch >= 1, size >= 1, got steps " + steps
                        + ", warmup " + warmup + ", batch " + batch + ", size " + size,
                new AtLeast("steps", steps, 1), new AtLeast("warmup", warmup, 0), new AtLeast("batch", batch, 1),
                new AtLeast("size", size, 1));
        SegBatch data = randomBatch(batch, size, seed);
        KerasOptimizer optimizer = new RmsProp(RmsProp.DEFAULT_LR, RmsProp.DEFAULT_DECAY);
        try (TrainableNet net = TrainableNet.of(spec, size, seed, options)) {
            for (int i = 0; i < warmup; i++) {
                net.trainStep(data, LossKind.CROSS_ENTROPY, (float) spec.l2(), optimizer);
            }
            double[] ms = new double[steps];
            for (int i = 0; i < steps; i++) {
                long t0 = System.nanoTime();
                net.trainStep(data, LossKind.CROSS_ENTROPY, (float) spec.l2(), optimizer);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            double mean = Arrays.stream(ms).average().orElseThrow();
            double median = ModelBench.median(ms);
            return new Result(spec, batch, size, steps, median, mean, batch * 1000.0 / median,
                    Networks.trainableParameterCount(net.block()), ModelBench.peakRssMiB());
        }
    }

    private static SegBatch randomBatch(int batch, int size, long seed) {
        Random r = new Random(seed);
        float[] images = new float[batch * size * size];
        byte[] labels = new byte[images.length];
        for (int i = 0; i < images.length; i++) {
            images[i] = r.nextFloat();
            labels[i] = (byte) r.nextInt(3);
        }
        return new SegBatch(images, labels, batch, size, size);
    }
}
