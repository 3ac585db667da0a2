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
import org.xnet.io.ImageReaders;

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
                PredictionOutputs.Source source = PredictionOutputs.source(input);
                ours.addAll(outputs.files(source, PredictionOutputs.base(outDir, source)));
            }
            PredictionOutputs.removeStaleTemporaries(ours);
            Map<String, ManifestEntry> earlier = Manifest.read(manifestFile);
            for (InputFiles.Input input : mine) {
                PredictionOutputs.Source source = PredictionOutputs.source(input);
                if (outputs.complete(source, PredictionOutputs.base(outDir, source))) {
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
        progress.start("predict", todo.size());
        Finished done = new Finished() {
            @Override
            public void ok(Item item, ManifestEntry entry) throws XNetException {
                manifest.append(entry);
                tally.add(entry);
                progress.advance(tally.done(), item.name());
            }

            @Override
            public void failed(Item item, XNetException error, long ms) throws XNetException {
                ManifestEntry entry = failure(item, error, ms);
                manifest.append(entry);
                tally.failures.add(entry.error());
                if (config.failFast()) {
                    throw new XNetException(entry.error(), error);
                }
                progress.warn(entry.error());
                progress.advance(tally.done(), item.name());
            }
        };
        try (ReadAhead reader = new ReadAhead(todo, groupSize())) {
            while (reader.hasNext()) {
                progress.stopIfCancelled("predict", tally.done(), todo.size());
                List<Item> group = new ArrayList<>();
                for (ReadAhead.Read r : reader.next()) {
                    group.add(new Item(PredictionOutputs.source(r.input()), name(r.input()), r.image(), r.error()));
                }
                predictGroup(group, outDir, done);
            }
        }
    }

    /**
     * Segments radiographs held as bytes (a Spark partition, an upload) into {@code outDir}: the same
     * files, post-processing and manifest entries as {@link #run} gives input files, without a run
     * record or a manifest file (the caller keeps the entries). In resize mode the images go through
     * the network {@code batchSize} at a time. An input that cannot be read, segmented or written is
     * a {@code failed} entry naming it, and the others are still predicted; only {@link
     * PredictConfig#failFast()} makes the first failure throw.
     */
    public List<ManifestEntry> predict(List<EncodedImage> inputs, Path outDir) throws XNetException {
        List<ManifestEntry> entries = new ArrayList<>();
        Finished done = new Finished() {
            @Override
            public void ok(Item item, ManifestEntry entry) {
                entries.add(entry);
            }

            @Override
            public void failed(Item item, XNetException error, long ms) throws XNetException {
                ManifestEntry entry = failure(item, error, ms);
                entries.add(entry);
                if (config.failFast()) {
                    throw new XNetException(entry.error(), error);
                }
            }
        };
        int group = groupSize();
        for (int from = 0; from < inputs.size(); from += group) {
            List<Item> items = new ArrayList<>();
            for (EncodedImage input : inputs.subList(from, Math.min(inputs.size(), from + group))) {
                items.add(read(input));
            }
            predictGroup(items, outDir, done);
        }
        return entries;
    }

    /** Whether every output of {@code input} is in {@code outDir} (so a re-run may skip it). */
    public boolean complete(EncodedImage input, Path outDir) throws XNetException {
        PredictionOutputs.Source source = PredictionOutputs.source(input);
        return outputs.complete(source, PredictionOutputs.base(outDir, source));
    }

    private static Item read(EncodedImage input) {
        PredictionOutputs.Source source = PredictionOutputs.source(input);
        try {
            return new Item(source, input.name(), ImageReaders.read(input.bytes(), input.name()), null);
        } catch (XNetException e) {
            return new Item(source, input.name(), null, e);
        }
    }

    /** Inputs that share a forward pass: {@code batchSize} in resize mode, one in tiled mode. */
    private int groupSize() {
        return config.segmenter().mode() == InferenceMode.RESIZE ? config.segmenter().batchSize() : 1;
    }

    /** One input of a group: what its outputs derive from, its manifest name, its image or the error reading it. */
    private record Item(PredictionOutputs.Source source, String name, Image2D image, XNetException error) {
    }

    /** Where {@link #predictGroup} hands each input as it finishes. */
    private interface Finished {
        void ok(Item item, ManifestEntry entry) throws XNetException;

        void failed(Item item, XNetException error, long ms) throws XNetException;
    }

    /**
     * Segments one group: the inputs that could not be read are failures at once, the others share
     * one batched forward pass and are then written one by one, each handed to {@code done} as it
     * finishes.
     */
    private void predictGroup(List<Item> group, Path outDir, Finished done) throws XNetException {
        List<Item> read = new ArrayList<>();
        for (Item item : group) {
            if (item.error() != null) {
                done.failed(item, item.error(), 0);
            } else {
                read.add(item);
            }
        }
        if (read.isEmpty()) {
            return;
        }
        List<Image2D> images = read.stream().map(Item::image).toList();
        long forward = System.nanoTime();
        List<ScaledProbabilities> probabilities = segmenter.scaledProbabilities(
                config.invert() ? images.stream().map(BatchPredictor::invert).toList() : images, config.segmenter());
        double shareMs = (System.nanoTime() - forward) / 1e6 / read.size();
        for (int i = 0; i < read.size(); i++) {
            long started = System.nanoTime();
            Item item = read.get(i);
            try {
                done.ok(item, predictOne(item, probabilities.get(i), outDir, shareMs));
            } catch (XNetException e) {
                done.failed(item, e, Math.round(shareMs + (System.nanoTime() - started) / 1e6));
            }
        }
    }

    /**
     * Writes every output of one input and describes it for the manifest; {@code forwardMs} is its
     * share of the forward pass, to which the time spent here is added.
     */
    private ManifestEntry predictOne(Item item, ScaledProbabilities p, Path outDir, double forwardMs)
            throws XNetException {
        long start = System.nanoTime();
        LabelMap labels = outputs.labels(p);
        outputs.write(item.source(), item.image(), p, labels, PredictionOutputs.base(outDir, item.source()));
        double[] fractions = QualityFlags.fractions(labels);
        double meanConfidence = p.mean(ProbabilityMap::confidence);
        long ms = Math.round(forwardMs + (System.nanoTime() - start) / 1e6);
        return ManifestEntry.ok(item.name(), ms, fractions, meanConfidence,
                QualityFlags.of(fractions, meanConfidence, config.flagConfidence()));
    }

    /** The failed entry of an input, its one-line error naming the input. */
    private static ManifestEntry failure(Item item, XNetException e, long ms) {
        String message = e.getMessage().contains(item.name()) ? e.getMessage() : item.name() + ": " + e.getMessage();
        return ManifestEntry.failed(item.name(), ms, message);
    }

    /** How an input is named in the manifest: its path as given or found. */
    private static String name(InputFiles.Input input) {
        return input.file().toString();
    }

    /** Two inputs whose outputs would overwrite each other (a.tif and a.dcm) are refused. */
    private static void checkDistinctOutputs(List<InputFiles.Input> inputs) {
        checkDistinctOutputs(inputs.stream().map(BatchPredictor::name).toList(),
                inputs.stream().map(InputFiles.Input::relativeName).toList());
    }

    /**
     * Refuses (an {@link InvalidSetting} of {@code inputs}) two inputs whose outputs would overwrite
     * each other ({@code a.tif} and {@code a.dcm}, names compared ignoring case), given by their names
     * and their relative names ({@link EncodedImage}); the same input named twice is allowed.
     */
    public static void checkDistinctOutputs(List<String> names, List<Path> relativeNames) {
        if (names.size() != relativeNames.size()) {
            throw new IllegalArgumentException(names.size() + " names but " + relativeNames.size() + " relative names");
        }
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String key = PredictionOutputs.relativeBase(relativeNames.get(i)).toLowerCase(Locale.ROOT);
            String other = seen.putIfAbsent(key, names.get(i));
            if (other != null && !other.equals(names.get(i))) {
                throw new InvalidSetting("inputs", other + " and " + names.get(i) + " would write the same outputs ("
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
