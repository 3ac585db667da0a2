package org.xnet.spark;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.xnet.core.AtomicFiles;
import org.xnet.core.InvalidSetting;
import org.xnet.core.Split;
import org.xnet.core.XNetException;
import org.xnet.eval.EvalJson;
import org.xnet.eval.EvaluationConfig;
import org.xnet.eval.Metrics;
import org.xnet.infer.InferenceMode;
import org.xnet.infer.ModelRef;
import org.xnet.infer.PredictConfig;
import org.xnet.infer.SegmenterOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code spark-submit} entry point: {@code predict} and {@code evaluate}, each parsing its options,
 * calling one job ({@link SparkPredict}, {@link SparkEvaluate}) on the session {@code spark-submit}
 * configured, and printing its counts. Exit codes as {@code xnet}'s: 2 for a bad command line, 1 for
 * bad input or failed inputs.
 */
@Command(name = "xnet-spark", mixinStandardHelpOptions = true, subcommands = {SparkApp.Predict.class,
        SparkApp.Evaluate.class}, description = "XNet segmentation and evaluation as Apache Spark jobs.")
public final class SparkApp implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (tests call this without exiting). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new SparkApp());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof InvalidSetting bad) {
                line.getErr().println("xnet-spark: " + bad.getMessage());
                return 2;
            }
            if (e instanceof XNetException bad) {
                line.getErr().println("xnet-spark: " + bad.getMessage());
                return 1;
            }
            throw e;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: predict or evaluate");
    }

    /** Options both jobs share: the model, the arithmetic, the partitions and the DJL cache. */
    static class Common {
        @Option(names = "--model", description = "model file, or builtin[:NAME] (default: the built-in model)")
        String model;
        @Option(names = "--precision", defaultValue = "auto", description = "auto, fp32 or bf16 (default: ${DEFAULT-VALUE})")
        String precision;
        @Option(names = "--layout", defaultValue = "auto", description = "auto, nchw or channels-last (default: ${DEFAULT-VALUE})")
        String layout;
        @Option(names = "--partitions", defaultValue = "0", description = "tasks (default 0: twice the default parallelism)")
        int partitions;
        @Option(names = "--djl-cache", description = "executors' DJL cache folder (default: DJL_CACHE_DIR, else TMP/xnet-djl-cache)")
        String djlCache;
    }

    @Command(name = "predict", mixinStandardHelpOptions = true,
            description = "Masks for every input, written as xnet predict writes them, and a Parquet manifest.")
    static final class Predict implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();
        @CommandLine.ArgGroup(multiplicity = "1")
        Inputs inputs;
        @Option(names = "--out", required = true, description = "output folder every executor can write (local or shared)")
        Path out;
        @Option(names = "--tiled") boolean tiled;
        @Option(names = "--tta") boolean tta;
        @Option(names = "--threshold") Double threshold;
        @Option(names = "--dilate", defaultValue = "0") int dilate;
        @Option(names = "--format", defaultValue = "png", description = "mask format: png or tiff") String format;
        @Option(names = "--overlay") boolean overlay;
        @Option(names = "--probabilities") boolean probabilities;
        @Option(names = "--confidence") boolean confidence;
        @Option(names = "--entropy") boolean entropy;
        @Option(names = "--dicom-seg") boolean dicomSeg;
        @Option(names = "--dicom-overlay") boolean dicomOverlay;
        @Option(names = "--invert") boolean invert;
        @Option(names = "--flag-confidence", defaultValue = "0.7") double flagConfidence;
        @Option(names = "--batch-size", defaultValue = "4") int batchSize;

        static final class Inputs {
            @Option(names = "--input-list", required = true, description = "a text file, one input file (path or URI) per line")
            String list;
            @Option(names = "--input-dir", required = true, description = "a folder (path or URI); every image file below it")
            String folder;
        }

        @Override
        public Integer call() throws Exception {
            SparkPredict.Request request = new SparkPredict.Request(ModelRef.parse(common.model), inputs.list,
                    inputs.folder, out, config(), common.precision, common.layout, common.partitions, common.djlCache);
            SparkSession spark = SparkSession.builder().appName("xnet predict").getOrCreate();
            SparkPredict.Summary s = SparkPredict.run(spark, request);
            System.out.printf(Locale.ROOT, "%d inputs: %d predicted, %d skipped (outputs complete), %d failed, "
                            + "%d flagged; %.1f s; manifest %s%n", s.inputs(), s.predicted(), s.skipped(), s.failed(),
                    s.flagged(), s.seconds(), out.resolve(SparkPredict.MANIFEST));
            s.failures().forEach(f -> System.err.println("failed: " + f));
            return s.failed() > 0 ? 1 : 0;
        }

        private PredictConfig config() {
            Set<PredictConfig.Extra> extras = PredictConfig.Extra.selected(Map.of(PredictConfig.Extra.OVERLAY, overlay,
                    PredictConfig.Extra.PROBABILITIES, probabilities, PredictConfig.Extra.CONFIDENCE, confidence,
                    PredictConfig.Extra.ENTROPY, entropy, PredictConfig.Extra.DICOM_SEG, dicomSeg,
                    PredictConfig.Extra.DICOM_OVERLAY, dicomOverlay));
            PredictConfig.MaskFormat mask;
            try {
                mask = PredictConfig.MaskFormat.parse(format);
            } catch (IllegalArgumentException e) {
                throw new InvalidSetting("format", e.getMessage());
            }
            try {
                return new PredictConfig(new SegmenterOptions(tiled ? InferenceMode.TILED : InferenceMode.RESIZE,
                        SegmenterOptions.DEFAULT_TILE_SCALE, SegmenterOptions.DEFAULT_TILE_OVERLAP, tta, batchSize),
                        threshold, dilate, PredictConfig.DEFAULT_OPENING, mask, extras, false, invert, flagConfidence);
            } catch (IllegalArgumentException e) {
                throw new InvalidSetting("options", e.getMessage());
            }
        }
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "xnet evaluate's metrics (no ROC) of a dataset file, computed with Spark aggregations.")
    static final class Evaluate implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();
        @Option(names = "--data", required = true, description = "dataset file written by xnet prepare")
        Path data;
        @Option(names = "--split", defaultValue = "test", description = "test, val, train or all (default: ${DEFAULT-VALUE})")
        String split;
        @Option(names = "--threshold", arity = "1..*", description = "soft-tissue thresholds (default 0.9 0.99)")
        List<Double> thresholds;
        @Option(names = "--dilate", description = "bone dilation of the clean-up (default 3)")
        Integer dilate;
        @Option(names = "--out", description = "folder for metrics.json")
        Path out;

        @Override
        public Integer call() throws Exception {
            EvaluationConfig config = EvaluationConfig.defaults();
            if (thresholds != null) {
                config = config.withThresholds(thresholds);
            }
            if (dilate != null) {
                config = config.withDilationSize(dilate);
            }
            SparkSession spark = SparkSession.builder().appName("xnet evaluate").getOrCreate();
            SparkEvaluate.Result r = SparkEvaluate.run(spark, new SparkEvaluate.Request(ModelRef.parse(common.model),
                    data, Split.named(split), config, common.precision, common.layout, common.partitions, common.djlCache));
            Map<String, Metrics> metrics = r.metrics();
            System.out.printf(Locale.ROOT, "%d images, %.1f s%n", r.images(), r.seconds());
            metrics.forEach((variant, m) -> System.out.printf(Locale.ROOT,
                    "%-60s accuracy %.4f  macro F1 %.4f  soft tissue TP %.4f FP %.4f%n", variant, m.accuracy(),
                    m.macroF1(), m.tissueTruePositiveRate(), m.tissueFalsePositiveRate()));
            if (out != null) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("images", r.images());
                json.put("overall", metrics);
                Map<String, Object> parts = new LinkedHashMap<>();
                r.byBodyPart().forEach((variant, byPart) -> {
                    Map<String, Metrics> m = new LinkedHashMap<>();
                    byPart.forEach((part, matrix) -> m.put(part, Metrics.of(matrix)));
                    parts.put(variant, m);
                });
                json.put("body_parts", parts);
                AtomicFiles.writeBytes(out.resolve("metrics.json"), EvalJson.toJson(json).getBytes(StandardCharsets.UTF_8));
            }
            return 0;
        }
    }
}
