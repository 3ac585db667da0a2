package org.xnet.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xnet.core.XNetException;
import org.xnet.model.RuntimeOptions;
import org.xnet.model.Workload;
import org.xnet.infer.InferenceMode;
import org.xnet.bench.PredictBenchmark;
import org.xnet.infer.Segmenter;
import org.xnet.infer.SegmenterOptions;
import org.xnet.model.EngineInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xnet predict bench}: prediction speed and peak memory of a model file. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time prediction: ms per model-sized image (resize mode) and seconds per large radiograph "
                + "(resize and tiled mode); peak RSS and load average.")
final class PredictBenchCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M.xnet", description = "The model file.")
    Path model;

    @Option(names = "--size", paramLabel = "PX", defaultValue = "200", description = "Side of the small image. Default ${DEFAULT-VALUE}.")
    int size;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "10", description = "Timed runs of the small image. Default ${DEFAULT-VALUE}.")
    int repeat;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2", description = "Untimed runs first. Default ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--large", paramLabel = "PX", defaultValue = "1760", description = "Side of the large radiograph. Default ${DEFAULT-VALUE}.")
    int large;

    @Option(names = "--large-repeat", paramLabel = "N", defaultValue = "3", description = "Timed runs per mode of the large radiograph (0 = skip). Default ${DEFAULT-VALUE}.")
    int largeRepeat;

    @Option(names = "--tile-scale", paramLabel = "S", defaultValue = "2.0", description = "Tiled mode scale. Default ${DEFAULT-VALUE}.")
    double tileScale;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "4", description = "Tiles per forward pass. Default ${DEFAULT-VALUE}.")
    int batchSize;

    @picocli.CommandLine.Mixin
    ArithmeticOptions arithmetic;

    @Override
    public Integer call() throws XNetException {
        if (size < 1 || repeat < 1 || warmup < 0 || large < 1 || largeRepeat < 0) {
            throw new UsageError(spec.commandLine(),
                    "--size, --repeat and --large must be >= 1, --warmup and --large-repeat >= 0");
        }
        SegmenterOptions tiled = Usage.build(spec,
                () -> SegmenterOptions.tiled().withTileScale(tileScale).withBatchSize(batchSize));
        PredictBenchmark.Result r;
        RuntimeOptions options = arithmetic.resolve(Workload.INFERENCE);
        try (Segmenter segmenter = Segmenter.load(model, options)) {
            r = PredictBenchmark.run(segmenter, size, repeat, warmup, large, largeRepeat,
                    tiled.withMode(InferenceMode.TILED));
        }
        var out = spec.commandLine().getOut();
        EngineInfo info = EngineInfo.current();
        out.printf("model %s, %s, engine %s %s, threads %s%n", model, options.describe(), info.engine(),
                info.engineVersion(), info.threads());
        for (PredictBenchmark.Timing t : r.timings()) {
            out.printf("%-50s runs %3d  median %9.1f ms  mean %9.1f ms  CPU %9.1f ms/run%n", t.name(), t.runs(),
                    t.medianMs(), t.meanMs(), t.meanCpuMs());
        }
        out.printf("%s; load average before: %s; after: %s%n", ModelBenchCommand.peakRss(r.peakRssMiB()), r.loadBefore(),
                r.loadAfter());
        return 0;
    }
}
