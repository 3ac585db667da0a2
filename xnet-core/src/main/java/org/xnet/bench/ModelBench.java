package org.xnet.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xnet.core.InvalidSetting;
import org.xnet.core.InvalidSetting.AtLeast;
import ai.djl.nn.Block;
import org.xnet.model.FoldedNetwork;
import org.xnet.model.InferenceGraph;
import org.xnet.model.ModelSpec;
import org.xnet.model.Networks;
import org.xnet.model.RuntimeOptions;
import org.xnet.model.SegmentationNet;

/**
 * Times inference forward passes (batch norms in inference mode, no gradients) of a seeded,
 * untrained network on random input, and reads the process's peak resident memory.
 */
public final class ModelBench {
    private ModelBench() {
    }

    /** Timings in milliseconds of each timed pass, their median and minimum, and the peak RSS in MiB (-1 when unknown). */
    public record Result(ModelSpec spec, Shape inputShape, int warmup, List<Double> millis, double medianMillis,
                         double minMillis, long peakRssMiB) {
        public Result {
            millis = List.copyOf(millis);
        }
    }

    /**
     * Runs {@code warmup} untimed then {@code repeat} timed forward passes on a (batch, C, size, size)
     * input, computing as {@code options} say, in the graph prediction uses ({@link InferenceGraph#configured()}).
     */
    public static Result run(ModelSpec spec, int size, int batch, int warmup, int repeat, RuntimeOptions options) {
        return run(spec, size, batch, warmup, repeat, options, InferenceGraph.configured());
    }

    /** As {@link #run(ModelSpec, int, int, int, int, RuntimeOptions)} in {@code graph}. */
    public static Result run(ModelSpec spec, int size, int batch, int warmup, int repeat, RuntimeOptions options,
                             InferenceGraph graph) {
        InvalidSetting.requireAtLeast("need size >= 1, batch >= 1, warmup >= 0, repeat >= 1; got size " + size
                        + ", batch " + batch + ", warmup " + warmup + ", repeat " + repeat,
                new AtLeast("size", size, 1), new AtLeast("batch", batch, 1), new AtLeast("warmup", warmup, 0),
                new AtLeast("repeat", repeat, 1));
        Shape shape = new Shape(batch, spec.inputChannels(), size, size);
        try (NDManager manager = NDManager.newBaseManager()) {
            SegmentationNet net = Networks.initialized(spec, manager, 0);
            Block runnable = graph.prepare(net, options);
            NDArray x = manager.randomUniform(0f, 1f, shape);
            ParameterStore store = new ParameterStore(manager, false);
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < warmup + repeat; i++) {
                long t0 = System.nanoTime();
                try (NDScope scope = new NDScope()) {
                    runnable.forward(store, new NDList(x), false).singletonOrThrow().getFloat(0, 0, 0, 0);
                }
                if (i >= warmup) {
                    millis.add((System.nanoTime() - t0) / 1e6);
                }
            }
            if (runnable instanceof FoldedNetwork folded) {
                folded.close();
            }
            double[] timed = millis.stream().mapToDouble(Double::doubleValue).toArray();
            return new Result(spec, shape, warmup, millis, median(timed), Arrays.stream(timed).min().orElseThrow(),
                    peakRssMiB());
        }
    }

    /** The median of {@code values} (the mean of the middle two for an even count); {@code values} is not changed. */
    public static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("the median of no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * The process's peak resident set size in MiB (2^20 bytes), rounded down: VmHWM in /proc/self/status,
     * which the kernel gives in kB that are KiB. -1 where there is no /proc. Every peak-memory figure of
     * the project is this one, in this unit.
     */
    public static long peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) >> 10;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
