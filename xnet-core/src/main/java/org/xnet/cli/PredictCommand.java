package org.xnet.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.xnet.model.RuntimeOptions;
import org.xnet.model.Workload;
import org.xnet.infer.InferenceMode;
import org.xnet.infer.ModelRef;
import org.xnet.infer.Part;
import org.xnet.infer.PredictConfig;
import org.xnet.infer.PredictionRun;
import org.xnet.infer.PredictionSummary;
import org.xnet.infer.SegmenterOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code xnet predict}: segment radiographs of any size and format at their own resolution. */
@Command(name = "predict", mixinStandardHelpOptions = true, subcommands = PredictBenchCommand.class,
        description = {"Segment radiographs (files, folders searched recursively, or globs) into open beam, "
                + "soft tissue and bone at their own resolution.",
                "Writes NAME_mask.png (class indices 0/1/2), NAME_colour.png and, on request, NAME_overlay.png, "
                        + "NAME_prob_{open_beam,soft_tissue,bone}.tif, NAME_confidence.tif and NAME_entropy.tif; "
                        + "one manifest line per input (manifest.jsonl) and run.json. Bad inputs are reported and "
                        + "skipped (exit code 1 at the end)."})
final class PredictCommand implements Callable<Integer> {
    private static final Map<String, String> PART_OPTIONS = Map.of("numParts", "--num-parts", "partId", "--part-id");

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "M.xnet|DIR|builtin[:NAME]", description = "The model file, an "
            + "ensemble whose probabilities are averaged (a folder holding ensemble.json, as xnet crossval writes, "
            + "or such a manifest file), or a model built into xnet (xnet models lists them). Default: the built-in "
            + "model.")
    String model;

    @Parameters(paramLabel = "INPUT", arity = "0..*", description = "Image files, folders or globs.")
    List<String> inputs = List.of();

    @Option(names = "--input-list", paramLabel = "FILE", description = "More inputs: one file, folder or glob "
            + "per line; blank lines and lines starting with # are ignored; relative lines are relative to FILE's folder.")
    Path inputList;

    @Option(names = "--continue", description = "Skip inputs whose outputs are all there (from an earlier, "
            + "perhaps killed, run into the same --out); refused when that run used another model or other "
            + "output options.")
    boolean resume;

    @Option(names = "--num-parts", defaultValue = "1", paramLabel = "N", description = "Split the inputs into N "
            + "parts (sorted by output name, input k to part k mod N) for N processes sharing one --out. "
            + "Default ${DEFAULT-VALUE}.")
    int numParts;

    @Option(names = "--part-id", defaultValue = "0", paramLabel = "I",
            description = "Which part this process predicts, 0 <= I < N; writes run-part-I-of-N.json and "
                    + "manifest-part-I-of-N.jsonl. Default ${DEFAULT-VALUE}.")
    int partId;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (required).")
    Path out;

    @Option(names = "--tiled", description = "Overlapping model-sized tiles blended with a Hann window, "
            + "aspect ratio kept (default: resize the whole image to the model size and back).")
    boolean tiled;

    @Option(names = "--tile-scale", defaultValue = "2.0", paramLabel = "S", description = "Tiled mode: the "
            + "image's longer side becomes S model input sizes (1 = the training scale). Default ${DEFAULT-VALUE}.")
    double tileScale;

    @Option(names = "--tile-overlap", defaultValue = "0.5", paramLabel = "F",
            description = "Tiled mode: fraction of a tile shared with its neighbour. Default ${DEFAULT-VALUE}.")
    double tileOverlap;

    @Option(names = "--tta", description = "Average the probabilities over horizontal and vertical flips.")
    boolean tta;

    @Option(names = "--threshold", paramLabel = "T|none", description = "Soft tissue only where its probability "
            + "exceeds T (fewer false positives); none = the plain argmax. Default: the threshold an ensemble's "
            + "ensemble.json records (tuned by xnet crossval, with or without --tta), else none.")
    String threshold;

    @Option(names = "--dilate", paramLabel = "N", description = "Bone clean-up: open bone by an --opening square, "
            + "then dilate it by an NxN square (output pixels). 0 = off. Default: what an ensemble's ensemble.json "
            + "records, else 0. Giving --threshold or --dilate switches the recorded post-processing off.")
    Integer dilate;

    @Option(names = "--opening", defaultValue = "10", paramLabel = "K",
            description = "Opening size of the bone clean-up (output pixels). Default ${DEFAULT-VALUE}.")
    int opening;

    @Option(names = "--format", defaultValue = "png", paramLabel = "png|tiff",
            description = "Index mask as 8-bit PNG or 16-bit TIFF. Default ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--overlay", description = "Also write the mask over the radiograph (NAME_overlay.png).")
    boolean overlay;

    @Option(names = "--probabilities", description = "Also write one float TIFF of probabilities per class.")
    boolean probabilities;

    @Option(names = "--confidence", description = "Also write the per-pixel confidence (largest class "
            + "probability) as a float TIFF (NAME_confidence.tif).")
    boolean confidence;

    @Option(names = "--entropy", description = "Also write the per-pixel entropy of the class probabilities, "
            + "divided by ln 3 so in [0, 1], as a float TIFF (NAME_entropy.tif).")
    boolean entropy;

    @Option(names = "--dicom-seg", description = "For DICOM inputs, also write a DICOM Segmentation object "
            + "(NAME_seg.dcm: one binary segment per class, in the input's study, referencing the input image) "
            + "for PACS and viewers that read SEG.")
    boolean dicomSeg;

    @Option(names = "--dicom-overlay", description = "For DICOM inputs, also write the overlay as a DICOM "
            + "Secondary Capture in the input's study (NAME_overlay.dcm), for viewers that do not read SEG.")
    boolean dicomOverlay;

    @Option(names = "--flag-confidence", defaultValue = "0.7", paramLabel = "C", description = "Flag images "
            + "whose mean confidence is below C (low_confidence in the manifest). Default ${DEFAULT-VALUE}.")
    double flagConfidence;

    @Option(names = "--invert", description = "Mirror the grey values before segmenting, for radiographs in the "
            + "other display convention than the training images (e.g. open beam dark where it was bright).")
    boolean invert;

    @Option(names = "--fail-fast", description = "Stop at the first bad input.")
    boolean failFast;

    @Option(names = "--batch-size", defaultValue = "4", paramLabel = "B",
            description = "Images (resize mode) or tiles (tiled mode) per forward pass. Default ${DEFAULT-VALUE}.")
    int batchSize;

    @picocli.CommandLine.Mixin
    ArithmeticOptions arithmetic;

    @Option(names = "--no-progress", description = "Hide the progress bar (hidden anyway when the output is not "
            + "a terminal).")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        if (out == null || (inputs.isEmpty() && inputList == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "predict needs --out and at least one INPUT or an --input-list");
        }
        ModelRef ref = ModelRef.parse(model);
        PredictConfig given = config();
        PredictConfig config = TunedDefault.choose(spec, ref, tta, threshold != null || dilate != null, "")
                .map(given::withTuned).orElse(given);
        Part part = Usage.build(spec, PART_OPTIONS, () -> new Part(numParts, partId));
        RuntimeOptions options = arithmetic.resolve(Workload.INFERENCE);
        var request = new PredictionRun.Request(ref, inputs, inputList, out, config, options, part,
                resume);
        PredictionSummary summary;
        try (ProgressBars progress = ProgressBars.onTerminal(spec.commandLine().getErr(), !noProgress)) {
            summary = Usage.run(spec, () -> PredictionRun.run(request, progress));
        }
        spec.commandLine().getOut().println(summary.describe());
        return summary.failures().isEmpty() ? 0 : Main.EXIT_BAD_INPUT;
    }

    private PredictConfig config() {
        PredictConfig.MaskFormat maskFormat;
        try {
            maskFormat = PredictConfig.MaskFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format " + e.getMessage());
        }
        return Usage.build(spec, Map.of("flagConfidence", "--flag-confidence"), () -> new PredictConfig(
                new SegmenterOptions(tiled ? InferenceMode.TILED : InferenceMode.RESIZE, tileScale, tileOverlap, tta,
                        batchSize), threshold(), dilate == null ? 0 : dilate, opening, maskFormat, extras(), failFast,
                invert, flagConfidence));
    }

    /** The --threshold value: null for none (or not given), else the number. */
    private Double threshold() {
        if (threshold == null || threshold.equalsIgnoreCase("none")) {
            return null;
        }
        try {
            return Double.valueOf(threshold);
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threshold expects a number in (0, 1) or "
                    + "none, got " + threshold);
        }
    }

    private Set<PredictConfig.Extra> extras() {
        return PredictConfig.Extra.selected(Map.of(PredictConfig.Extra.OVERLAY, overlay,
                PredictConfig.Extra.PROBABILITIES, probabilities, PredictConfig.Extra.CONFIDENCE, confidence,
                PredictConfig.Extra.ENTROPY, entropy, PredictConfig.Extra.DICOM_SEG, dicomSeg,
                PredictConfig.Extra.DICOM_OVERLAY, dicomOverlay));
    }

}
