package org.xnet.augment;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * docs/BENCHMARKS.md, "Augmentation", for the command). The score is pairs per second summed over threads;
 * 15 measured iterations of 2 s kept the error bar under a tenth of the score (2026-11-27, load 2).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 15, time = 2)
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

    /** Runs the benchmark on 2 threads; with the argument {@code cpu}, prints CPU milliseconds per pair instead. */
    public static void main(String[] args) throws RunnerException {
        if (args.length > 0 && args[0].equals("cpu")) {
            cpuTimePerPair();
            return;
        }
        new Runner(new OptionsBuilder().include(AugmentBenchmark.class.getSimpleName()).threads(2).build()).run();
    }

    /**
     * CPU time per pair on one thread (ThreadMXBean), which a machine shared with other jobs inflates
     * far less than wall-clock throughput: 2 / (seconds per pair) estimates pairs/s on 2 free cores.
     */
    private static void cpuTimePerPair() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (String interpolation : new String[] {"BICUBIC", "BILINEAR"}) {
            Shared shared = new Shared();
            shared.interpolation = interpolation;
            shared.setUp();
            report(mx, interpolation, shared);
        }
        domainCpuTimePerPair(mx);
    }

    /**
     * The domain randomisation's cost: the bilinear pipeline with {@code --domain-randomisation all}
     * (preset probabilities), then with every effect on every image, then each effect alone on every image.
     */
    private static void domainCpuTimePerPair(ThreadMXBean mx) {
        java.util.Map<String, DomainConfig> configs = new java.util.LinkedHashMap<>();
        configs.put("domain none", DomainConfig.off());
        configs.put("domain all (preset)", DomainConfig.preset(java.util.EnumSet.allOf(DomainEffect.class)));
        configs.put("domain all (always)", DomainConfig.always(java.util.EnumSet.allOf(DomainEffect.class)));
        for (DomainEffect e : DomainEffect.values()) {
            configs.put("domain " + e.key() + " (always)", DomainConfig.always(java.util.EnumSet.of(e)));
        }
        for (var entry : configs.entrySet()) {
            Shared shared = new Shared();
            shared.interpolation = "BILINEAR";
            shared.setUp();
            shared.pipeline = new AugmentPipeline(AugmentConfig.defaults().withDomain(entry.getValue()));
            report(mx, "BILINEAR + " + entry.getKey(), shared);
        }
    }

    private static void report(ThreadMXBean mx, String name, Shared shared) {
        PerThread t = new PerThread();
        for (int round = 0; round < 6; round++) {
            int pairs = 1000;
            long start = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < pairs; i++) {
                new AugmentBenchmark().fullPipeline(shared, t);
            }
            double ms = (mx.getCurrentThreadCpuTime() - start) / 1e6 / pairs;
            System.out.printf("%s round %d: %.3f CPU ms per pair (%.0f pairs per CPU second)%n", name, round, ms,
                    1000 / ms);
        }
    }
}
