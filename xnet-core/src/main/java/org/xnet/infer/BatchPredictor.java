package org.xnet.infer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xnet.core.Image2D;
import org.xnet.core.InvalidSetting;
import org.xnet.core.LabelMap;
import org.xnet.core.ProbabilityMap;
import org.xnet.core.Progress;
import org.xnet.core.Provenance;
import org.xnet.core.SegClass;
import org.xnet.core.XNetException;
import org.xnet.io.DicomSeg;

/**
 * Segments many radiographs into one output folder: per input the files of
 * {@link PredictionOutputs}, one manifest line ({@link Manifest}) as each input finishes, and the run
 * record ({@link RunRecord}). A file that cannot be read or segmented is reported and skipped,
 * unless {@link PredictConfig#failFast()} asks to stop.
 *
 * <p>Without {@code resume}, every input of the part is predicted and its outputs replace any that
 * are there (atomically, one file at a time); the manifest and run record of the part start afresh.
 * With {@code resume} ({@code --continue}), the run first refuses a folder whose run records name
 * another model or other output-affecting options, deletes the temporary files a killed run left for
 * this part's outputs, and skips (status {@code skipped-complete}) every input whose outputs all
 * exist, keeping what the earlier manifest said about it.
 */
public final class BatchPredictor {
    /** The run record of a whole (one-part) run. */
    public static final String RUN_RECORD = Part.WHOLE.runRecordName();
    /** The manifest of a whole (one-part) run. */
    public static final String MANIFEST = Part.WHOLE.manifestName();

    private final Segmenter segmenter;
    private final PredictConfig config;
    private final PredictionOutputs outputs;

    public BatchPredictor(Segmenter segmenter, PredictConfig config) {
        this.segmenter = segmenter;
        this.config = config;
        this.outputs = new PredictionOutputs(config, algorithm(segmenter));
    }

    /** Segments every input into {@code outDir} as one whole run, replacing outputs that are there. */
    public PredictionSummary run(List<InputFiles.Input> inputs, Path outDir, Progress progress) throws XNetException {
        return run(inputs, outDir, Part.WHOLE, false, progress);
    }

    /**
     * Segments {@code part}'s share of {@code inputs} (all of them, expanded alike on every part)
     * into {@code outDir}, continuing an earlier run there when {@code resume}. In resize mode
     * readable images go through the network {@code batchSize} at a time; the next group is read on
     * a background thread meanwhile. Throws the first failure when failing fast.
     */
    public PredictionSummary run(List<InputFiles.Input> inputs, Path outDir, Part part, boolean resume,
                                 Progress progress) throws XNetException {
        long start = System.nanoTime();
        checkDistinctOutputs(inputs);
        List<InputFiles.Input> mine = part.select(inputs);
        RunRecord record = new RunRecord(outDir, part, resume, segmenter.provenance(), config);
        Path manifestFile = outDir.resolve(part.manifestName());
        List<ManifestEntry> skipped = new ArrayList<>();
        List<InputFiles.Input> todo = mine;
        if (resume) {
            record.checkContinues(outDir);
            todo = new ArrayList<>();
            List<Path> ours = new ArrayList<>(List.of(manifestFile, outDir.resolve(part.runRecordName())));
            for (InputFiles.Input input : mine) {
                ours.addAll(outputs.files(input, PredictionOutputs.base(outDir, input)));
            }
            PredictionOutputs.removeStaleTemporaries(ours);
            Map<String, ManifestEntry> earlier = Manifest.read(manifestFile);
            for (InputFiles.Input input : mine) {
                if (outputs.complete(input, PredictionOutputs.base(outDir, input))) {
                    skipped.add(ManifestEntry.skipped(name(input), earlier.get(name(input))));
                } else {
                    todo.add(input);
                }
            }
        }
        Tally tally = new Tally(skipped);
        record.write("running", inputs.size(), mine.size(), tally.summary(start));
        String state = "stopped";
        try (Manifest manifest = Manifest.start(manifestFile, skipped)) {
            predict(todo, outDir, manifest, tally, progress);
            state = "finished";
        } finally {
            record.write(state, inputs.size(), mine.size(), tally.summary(start));
        }
        return tally.summary(start);
    }

    private void predict(List<InputFiles.Input> todo, Path outDir, Manifest manifest, Tally tally, Progress progress)
            throws XNetException {
        int group = config.segmenter().mode() == InferenceMode.RESIZE ? config.segmenter().batchSize() : 1;
        progress.start("predict", todo.size());
        try (ReadAhead reader = new ReadAhead(todo, group)) {
            while (reader.hasNext()) {
                progress.stopIfCancelled("predict", tally.done(), todo.size());
                List<InputFiles.Input> read = new ArrayList<>();
                List<Image2D> images = new ArrayList<>();
                for (ReadAhead.Read r : reader.next()) {
                    if (r.error() != null) {
                        fail(r.input(), r.error(), 0, manifest, tally, progress);
                    } else {
                        read.add(r.input());
                        images.add(r.image());
                    }
                }
                if (read.isEmpty()) {
                    continue;
                }
                long forward = System.nanoTime();
                List<ScaledProbabilities> probabilities = segmenter.scaledProbabilities(
                        config.invert() ? images.stream().map(BatchPredictor::invert).toList() : images,
                        config.segmenter());
                double shareMs = (System.nanoTime() - forward) / 1e6 / read.size();
                for (int i = 0; i < read.size(); i++) {
                    long started = System.nanoTime();
                    InputFiles.Input input = read.get(i);
                    try {
                        ManifestEntry entry = predictOne(input, images.get(i), probabilities.get(i), outDir, shareMs);
                        manifest.append(entry);
                        tally.add(entry);
                        progress.advance(tally.done(), input.file().toString());
                    } catch (XNetException e) {
                        fail(input, e, Math.round(shareMs + (System.nanoTime() - started) / 1e6), manifest, tally,
                                progress);
                    }
                }
            }
        }
    }

    /**
     * Writes every output of one input and describes it for the manifest; {@code forwardMs} is its
     * share of the forward pass, to which the time spent here is added.
     */
    private ManifestEntry predictOne(InputFiles.Input input, Image2D image, ScaledProbabilities p, Path outDir,
                                     double forwardMs) throws XNetException {
        long start = System.nanoTime();
        LabelMap labels = outputs.labels(p);
        outputs.write(input, image, p, labels, PredictionOutputs.base(outDir, input));
        double[] fractions = QualityFlags.fractions(labels);
        double meanConfidence = p.mean(ProbabilityMap::confidence);
        long ms = Math.round(forwardMs + (System.nanoTime() - start) / 1e6);
        return ManifestEntry.ok(name(input), ms, fractions, meanConfidence,
                QualityFlags.of(fractions, meanConfidence, config.flagConfidence()));
    }

    private void fail(InputFiles.Input input, XNetException e, long ms, Manifest manifest, Tally tally,
                      Progress progress) throws XNetException {
        String message = e.getMessage().contains(input.file().toString()) ? e.getMessage()
                : input.file() + ": " + e.getMessage();
        manifest.append(ManifestEntry.failed(name(input), ms, message));
        tally.failures.add(message);
        if (config.failFast()) {
            throw new XNetException(message, e);
        }
        progress.warn(message);
        progress.advance(tally.done(), input.file().toString());
    }

    /** How an input is named in the manifest: its path as given or found. */
    private static String name(InputFiles.Input input) {
        return input.file().toString();
    }

    /** Two inputs whose outputs would overwrite each other (a.tif and a.dcm) are refused. */
    private static void checkDistinctOutputs(List<InputFiles.Input> inputs) {
        Map<String, Path> seen = new HashMap<>();
        for (InputFiles.Input input : inputs) {
            String key = PredictionOutputs.relativeBase(input).toLowerCase(Locale.ROOT);
            Path other = seen.putIfAbsent(key, input.file());
            if (other != null && !other.equals(input.file())) {
                throw new InvalidSetting("inputs", other + " and " + input.file() + " would write the same outputs ("
                        + key + "_*): rename one or predict them separately");
            }
        }
    }

    /** How the DICOM outputs name what made them: XNet, this software's version, the model's SHA-256. */
    private static DicomSeg.Algorithm algorithm(Segmenter segmenter) {
        String sha256 = segmenter.provenance().getOrDefault("model_sha256", "");
        return new DicomSeg.Algorithm("XNet", Provenance.softwareVersion(), sha256.isEmpty() ? "unknown" : sha256);
    }

    /** {@code min + max - v}: the same range, the grey values mirrored. */
    static Image2D invert(Image2D image) {
        float sum = image.min() + image.max();
        float[] out = new float[image.data().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = sum - image.data()[i];
        }
        return new Image2D(image.width(), image.height(), out);
    }

    /** The counts of a run so far. */
    private static final class Tally {
        final List<String> failures = new ArrayList<>();
        final double[] fractions = new double[SegClass.COUNT];
        final int skipped;
        int predicted;
        int flagged;

        Tally(List<ManifestEntry> skippedEntries) {
            skipped = skippedEntries.size();
            flagged = (int) skippedEntries.stream().filter(ManifestEntry::flagged).count();
        }

        void add(ManifestEntry ok) {
            predicted++;
            fractions[0] += ok.openBeam();
            fractions[1] += ok.softTissue();
            fractions[2] += ok.bone();
            if (ok.flagged()) {
                flagged++;
            }
        }

        /** Inputs of this run finished so far, failed ones included (skipped ones are not counted). */
        int done() {
            return predicted + failures.size();
        }

        PredictionSummary summary(long startNanos) {
            double[] mean = new double[fractions.length];
            for (int c = 0; c < mean.length; c++) {
                mean[c] = predicted == 0 ? 0 : fractions[c] / predicted;
            }
            return new PredictionSummary(predicted, skipped, flagged, failures, (System.nanoTime() - startNanos) / 1e9,
                    mean);
        }
    }
}
