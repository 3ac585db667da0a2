package org.xnet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.xnet.core.Image2D;
import org.xnet.infer.InferenceMode;
import org.xnet.infer.Segmenter;
import org.xnet.infer.SegmenterOptions;

/**
 * Times prediction with a loaded {@link Segmenter}: milliseconds per model-sized image in resize mode
 * (a batch of one; the whole call: normalise, forward, softmax, argmax) and seconds per large
 * radiograph in resize and tiled mode, plus the process's peak resident memory and the machine's
 * load average (the figures are only comparable on an idle machine). Images are seeded noise on a
 * smooth background: the network's cost does not depend on the pixel values.
 */
public final class PredictBenchmark {
    /**
     * Median and mean wall-clock milliseconds of the timed runs of one case, and the mean process CPU
     * milliseconds per run (all threads): on a shared machine the CPU time is the steadier figure.
     */
    public record Timing(String name, int runs, double medianMs, double meanMs, double meanCpuMs) {
    }

    /** All timings, peak RSS in MiB (-1 when unknown) and the 1-minute load average before and after. */
    public record Result(List<Timing> timings, long peakRssMiB, String loadBefore, String loadAfter) {
        public Result {
            timings = List.copyOf(timings);
        }
    }

    private PredictBenchmark() {
    }

    /**
     * Runs {@code warmup} untimed and {@code repeat} timed predictions of a {@code size x size} image in
     * resize mode, then {@code largeRepeat} of a {@code largeSize x largeSize} radiograph in resize and
     * in tiled mode ({@code tiled}'s options; none when {@code largeRepeat} is 0).
     */
    public static Result run(Segmenter segmenter, int size, int repeat, int warmup, int largeSize, int largeRepeat,
                             SegmenterOptions tiled) {
        String before = loadAverage();
        SegmenterOptions resize = SegmenterOptions.resize().withBatchSize(1);
        Image2D small = image(size, 1);
        Timing smallTiming = time("resize " + size + "x" + size, segmenter, small, resize, warmup, repeat);
        List<Timing> timings = new java.util.ArrayList<>(List.of(smallTiming));
        if (largeRepeat > 0) {
            Image2D large = image(largeSize, 2);
            timings.add(time("resize " + largeSize + "x" + largeSize, segmenter, large, resize, 1, largeRepeat));
            timings.add(time("tiled " + largeSize + "x" + largeSize + " (scale " + tiled.tileScale() + ", overlap "
                    + tiled.tileOverlap() + ", batch " + tiled.batchSize() + (tiled.tta() ? ", tta" : "") + ")",
                    segmenter, large, tiled.withMode(InferenceMode.TILED), 1, largeRepeat));
        }
        return new Result(timings, ModelBench.peakRssMiB(), before, loadAverage());
    }

    private static Timing time(String name, Segmenter s, Image2D image, SegmenterOptions o, int warmup, int repeat) {
        for (int i = 0; i < warmup; i++) {
            s.segment(image, o);
        }
        double[] ms = new double[repeat];
        long cpu0 = processCpuNanos();
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            s.segment(image, o);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double cpuMs = (processCpuNanos() - cpu0) / 1e6 / repeat;
        return new Timing(name, repeat, ModelBench.median(ms), Arrays.stream(ms).average().orElse(Double.NaN), cpuMs);
    }

    private static Image2D image(int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] d = new float[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                d[y * size + x] = (float) (1000 * Math.hypot(x - size / 2.0, y - size / 2.0) / size + 50 * r.nextDouble());
            }
        }
        return new Image2D(size, size, d);
    }

    private static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
