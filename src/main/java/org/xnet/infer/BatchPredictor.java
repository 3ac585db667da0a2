package org.xnet.infer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.xnet.core.AtomicFiles;
import org.xnet.core.Progress;
import org.xnet.core.Provenance;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.xnet.core.Image2D;
import org.xnet.core.InvalidSetting;
import org.xnet.core.LabelMap;
import org.xnet.core.SegClass;
import org.xnet.core.XNetException;
import org.xnet.eval.PostProcessing;
import org.xnet.core.AtomicFiles;
import org.xnet.io.ImageWriters;
import org.xnet.io.LabelImages;

/**
 * Segments many radiographs and writes, per input {@code NAME.ext} (keeping its folder relative to
 * the input folder or glob base): {@code NAME_mask.png} (or {@code .tif}; class indices 0, 1, 2),
 * {@code NAME_colour.png} and, as asked, {@code NAME_overlay.png} and one float TIFF of probabilities
 * per class ({@code NAME_prob_open_beam.tif}, {@code _soft_tissue}, {@code _bone}). A file that cannot
 * be read or segmented is reported and skipped, unless {@link PredictConfig#failFast()} asks to stop.
 */
public final class BatchPredictor {
    /** The run record written into the output folder. */
    public static final String RUN_RECORD = "run.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Segmenter segmenter;
    private final PredictConfig config;

    public BatchPredictor(Segmenter segmenter, PredictConfig config) {
        this.segmenter = segmenter;
        this.config = config;
    }

    /**
     * Segments {@code inputs} into {@code outDir}. In resize mode readable images go through the
     * network {@code batchSize} at a time; the next group is read on a background thread meanwhile.
     * Throws the first failure when failing fast.
     */
    public PredictionSummary run(List<InputFiles.Input> inputs, Path outDir, Progress progress) throws XNetException {
        long start = System.nanoTime();
        checkDistinctOutputs(inputs);
        List<String> failures = new ArrayList<>();
        double[] fractions = new double[SegClass.COUNT];
        int predicted = 0;
        int group = config.segmenter().mode() == InferenceMode.RESIZE ? config.segmenter().batchSize() : 1;
        progress.start("predict", inputs.size());
        try (ReadAhead reader = new ReadAhead(inputs, group)) {
            while (reader.hasNext()) {
                progress.stopIfCancelled("predict", predicted + failures.size(), inputs.size());
                List<InputFiles.Input> read = new ArrayList<>();
                List<Image2D> images = new ArrayList<>();
                for (ReadAhead.Read r : reader.next()) {
                    if (r.error() != null) {
                        fail(r.input(), r.error(), failures, progress);
                        progress.advance(predicted + failures.size(), r.input().file().toString());
                    } else {
                        read.add(r.input());
                        images.add(r.image());
                    }
                }
                List<ScaledProbabilities> probabilities = segmenter.scaledProbabilities(
                        config.invert() ? images.stream().map(BatchPredictor::invert).toList() : images,
                        config.segmenter());
                for (int i = 0; i < read.size(); i++) {
                    try {
                        LabelMap labels = write(images.get(i), probabilities.get(i), base(outDir, read.get(i)));
                        addFractions(labels, fractions);
                        predicted++;
                        progress.advance(predicted + failures.size(), read.get(i).file().toString());
                    } catch (XNetException e) {
                        fail(read.get(i), e, failures, progress);
                        progress.advance(predicted + failures.size(), read.get(i).file().toString());
                    }
                }
            }
        }
        for (int c = 0; c < fractions.length; c++) {
            fractions[c] = predicted == 0 ? 0 : fractions[c] / predicted;
        }
        PredictionSummary summary = new PredictionSummary(predicted, failures, (System.nanoTime() - start) / 1e9,
                fractions);
        writeRunRecord(outDir.resolve(RUN_RECORD), inputs.size(), summary);
        return summary;
    }

    /**
     * {@value #RUN_RECORD}: what made the outputs (the model's name and SHA-256, precision, layout,
     * threads, engine, CPU, the options) and how it went, written when the run ends.
     */
    private void writeRunRecord(Path file, int inputs, PredictionSummary summary) throws XNetException {
        Map<String, String> details = new LinkedHashMap<>(segmenter.provenance());
        details.put("options", config.toString());
        details.put("inputs", Integer.toString(inputs));
        details.put("predicted", Integer.toString(summary.predicted()));
        details.put("failed", Integer.toString(summary.failures().size()));
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(Provenance.now(0, "", details));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the run record as JSON", e);
        }
        AtomicFiles.writeBytes(file, json);
    }

    private void fail(InputFiles.Input input, XNetException e, List<String> failures, Progress progress)
            throws XNetException {
        String message = e.getMessage().contains(input.file().toString()) ? e.getMessage()
                : input.file() + ": " + e.getMessage();
        if (config.failFast()) {
            throw new XNetException(message, e);
        }
        failures.add(message);
        progress.warn(message);
    }

    /**
     * The post-processed label map of one image, after writing every output; the probabilities are
     * brought to the image's size only as each output needs them (one class at a time).
     */
    LabelMap write(Image2D image, ScaledProbabilities p, Path base) throws XNetException {
        LabelMap labels = config.threshold() == null ? p.argmax()
                : p.labels(band -> PostProcessing.thresholdSoftTissue(band, config.threshold()));
        if (config.dilate() > 0) {
            labels = PostProcessing.cleanUpBone(labels, config.opening(), config.dilate());
        }
        Path mask = sibling(base, "_mask." + config.maskFormat().extension());
        if (config.maskFormat() == PredictConfig.MaskFormat.PNG) {
            LabelImages.writeIndex(labels, mask);
        } else {
            ImageWriters.writeTiff16(asImage(labels), mask);
        }
        LabelImages.writeColour(labels, sibling(base, "_colour.png"));
        if (config.overlay()) {
            var rgb = Overlay.render(image, labels);
            AtomicFiles.write(sibling(base, "_overlay.png"), temp -> {
                if (!ImageIO.write(rgb, "png", temp.toFile())) {
                    throw new IOException("no PNG writer");
                }
            });
        }
        if (config.probabilities()) {
            for (SegClass c : SegClass.values()) {
                ImageWriters.writeTiffFloat(p.channel(c.index()), sibling(base, "_prob_" + c.label().replace(' ', '_') + ".tif"));
            }
        }
        return labels;
    }

    private static Path base(Path outDir, InputFiles.Input input) {
        String name = input.relativeName().toString();
        int dot = name.lastIndexOf('.');
        int slash = name.lastIndexOf(input.relativeName().getFileSystem().getSeparator());
        return outDir.resolve(dot > slash + 1 ? name.substring(0, dot) : name);
    }

    private static Path sibling(Path base, String suffix) {
        return base.resolveSibling(base.getFileName() + suffix);
    }

    /** Two inputs whose outputs would overwrite each other (a.tif and a.dcm) are refused. */
    private static void checkDistinctOutputs(List<InputFiles.Input> inputs) {
        Map<String, Path> seen = new HashMap<>();
        for (InputFiles.Input input : inputs) {
            String key = base(Path.of(""), input).toString().toLowerCase(Locale.ROOT);
            Path other = seen.putIfAbsent(key, input.file());
            if (other != null && !other.equals(input.file())) {
                throw new InvalidSetting("inputs", other + " and " + input.file() + " would write the same outputs ("
                        + key + "_*): rename one or predict them separately");
            }
        }
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

    private static Image2D asImage(LabelMap labels) {
        float[] values = new float[labels.data().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = labels.data()[i];
        }
        return new Image2D(labels.width(), labels.height(), values);
    }

    private static void addFractions(LabelMap labels, double[] fractions) {
        long[] counts = labels.classCounts();
        double n = labels.data().length;
        for (int c = 0; c < counts.length; c++) {
            fractions[c] += counts[c] / n;
        }
    }
}
