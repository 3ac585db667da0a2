package org.xnet.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.xnet.core.XNetException;
import org.xnet.model.Architecture;
import org.xnet.model.ModelSpec;
import org.xnet.model.MemoryLayout;
import org.xnet.model.Precision;
import org.xnet.model.RuntimeOptions;


/**
 * {@link TrainBenchmark} in a fresh JVM, so that its peak resident memory is that of the model alone
 * (in one process the allocator keeps what earlier models freed, and the high-water mark only grows).
 * The child runs this class's {@link #main}, with the parent's class path, JVM memory options and
 * {@code ai.djl.*} properties, and prints one result line.
 */
public final class IsolatedTrainBenchmark {
    private static final String PREFIX = "xnet-train-bench ";

    private IsolatedTrainBenchmark() {
    }

    /** Median ms per step, peak RSS in MiB (-1 where unknown) and trainable parameters. */
    public record Result(double medianMs, long peakRssMiB, long parameters) {
    }

    /** Times {@code steps} training steps after {@code warmup} of {@code spec} on random images, with {@code options}. */
    public static Result run(ModelSpec spec, int batch, int size, int warmup, int steps, long seed, RuntimeOptions options)
            throws XNetException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-Xm") || arg.startsWith("-Dai.djl.")) {
                command.add(arg);
            }
        }
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("ai.djl.")).sorted()
                .forEach(k -> command.add("-D" + k + "=" + System.getProperty(k)));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), IsolatedTrainBenchmark.class.getName(),
                spec.architecture().cliName(), join(spec.filters()), Integer.toString(spec.kernelSize()),
                Double.toString(spec.l2()), Boolean.toString(spec.shareWeights()), Integer.toString(batch),
                Integer.toString(size), Integer.toString(warmup), Integer.toString(steps), Long.toString(seed),
                options.precision().cliName(), options.layout().cliName()));
        try {
            Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            // the output ends when the child does
            if (child.waitFor() != 0) {
                throw new XNetException("timing training steps of " + spec.architecture().cliName() + " " + spec.filters()
                        + " in a child JVM failed: " + lastLines(output));
            }
            return parse(output);
        } catch (IOException e) {
            throw new XNetException("cannot start a child JVM to time training steps: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XNetException("interrupted while timing training steps", e);
        }
    }

    /** The child: runs the benchmark and prints one line starting with {@value #PREFIX}. */
    public static void main(String[] args) {
        ModelSpec spec = ModelSpec.of(Architecture.parse(args[0])).withFilters(parseInts(args[1]))
                .withKernelSize(Integer.parseInt(args[2])).withL2(Double.parseDouble(args[3]))
                .withSharedWeights(Boolean.parseBoolean(args[4]));
        TrainBenchmark.Result r = TrainBenchmark.run(spec, Integer.parseInt(args[5]), Integer.parseInt(args[6]),
                Integer.parseInt(args[7]), Integer.parseInt(args[8]), Long.parseLong(args[9]),
                new RuntimeOptions(Precision.parse(args[10]), MemoryLayout.parse(args[11])));
        System.out.printf(Locale.ROOT, "%s%.3f %d %d%n", PREFIX, r.medianMs(), r.peakRssMiB(), r.parameters());
        System.out.flush();
        // the engine's threads must not keep the child alive
        System.exit(0);
    }

    static Result parse(String output) throws XNetException {
        for (String line : output.split("\n")) {
            if (line.startsWith(PREFIX)) {
                String[] f = line.substring(PREFIX.length()).trim().split(" ");
                return new Result(Double.parseDouble(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]));
            }
        }
        throw new XNetException("the child JVM timing training steps printed no result: " + lastLines(output));
    }

    private static String join(List<Integer> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }

    private static List<Integer> parseInts(String s) {
        return Arrays.stream(s.split(",")).map(Integer::parseInt).toList();
    }

    private static String lastLines(String output) {
        String[] lines = output.strip().split("\n");
        return String.join(" | ", List.of(lines).subList(Math.max(0, lines.length - 3), lines.length));
    }
}
