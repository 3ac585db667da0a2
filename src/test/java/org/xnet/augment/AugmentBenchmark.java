package org.xnet.augment;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.xnet.core.Sample;

/**
 * Full augmentation pipeline throughput on 200x200 image+label pairs, 2 threads (see
 * docs/BENCHMARKS.md, "Augmentation", for the command). The score is pairs per second summed over threads.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(2)
public class AugmentBenchmark {

    /** One input sample and one pipeline shared by the threads. */
    @State(Scope.Benchmark)
    public static class Shared {
        @Param({"BICUBIC", "BILINEAR"})
        public String interpolation;
        Sample sample;
        AugmentPipeline pipeline;

        @Setup
        public void setUp() {
            sample = TestSamples.random(new SplittableRandom(1), 200, 200, (byte) 0, (byte) 1, (byte) 2);
            pipeline = new AugmentPipeline(
                    AugmentConfig.defaults().withInterpolation(Interpolation.valueOf(interpolation)));
        }
    }

    /** Per-thread random stream and output buffers. */
    @State(Scope.Thread)
    public static class PerThread {
        SplittableRandom random = new SplittableRandom(Thread.currentThread().getId());
        float[] image = new float[200 * 200];
        byte[] label = new byte[200 * 200];
    }

    @Benchmark
    public float fullPipeline(Shared shared, PerThread t) {
        AugmentParams params = shared.pipeline.draw(t.random);
        shared.pipeline.applyInto(shared.sample, params, t.image, 0, t.label, 0);
        return t.image[t.random.nextInt(t.image.length)] + t.label[0];
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(AugmentBenchmark.class.getSimpleName()).build()).run();
    }
}
