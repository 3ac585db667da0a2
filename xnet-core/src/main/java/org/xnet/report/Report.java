package org.xnet.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.xnet.core.Sample;
import org.xnet.core.XNetException;
import org.xnet.core.AtomicFiles;
import org.xnet.eval.ConfusionMatrix;
import org.xnet.eval.EvaluationConfig;
import org.xnet.eval.EvaluationResult;
import org.xnet.eval.VariantResult;

/**
 * Writes the evaluation report into a directory: every figure as a PNG file (learning curve, ROC curves,
 * normalised confusion matrices, one panel row per image) and {@code index.html} with the metrics tables
 * and the same figures embedded as {@code data:} URIs, so that the one HTML file is self-contained (it can be
 * mailed or archived alone) while the PNGs stay reusable. Every file is written atomically.
 */
public final class Report {
    public static final String INDEX = "index.html";

    private Report() {
    }

    /** Writes the report of {@code result} into {@code dir} (created if needed). */
    public static void write(EvaluationResult result, ReportInputs inputs, Path dir) throws XNetException {
        Html html = new Html(result);
        html.heading("Figures");
        if (inputs.trainingLog().isPresent()) {
            TrainingLog log = TrainingLog.read(inputs.trainingLog().get());
            if (!log.epochs().isEmpty()) {
                add(html, dir, "learning-curve.png", Plots.learningCurve(log), "learning curve",
                        "Training and validation error and loss per epoch (" + inputs.trainingLog().get().getFileName()
                                + ").");
            }
        }
        add(html, dir, "roc.png", Plots.roc(result.roc()), "ROC curves",
                "One-vs-rest ROC curves from the class probabilities; AUC exact, curve drawn through at most "
                        + result.config().rocPoints() + " points.");
        VariantResult first = result.variants().get(0);
        VariantResult last = result.variants().get(result.variants().size() - 1);
        add(html, dir, "confusion-prediction.png", Plots.confusion(normalised(first), "Confusion matrix: prediction"),
                "confusion matrix of the prediction", "Rows: true class; each row sums to 1.");
        add(html, dir, "confusion-postprocessed.png", Plots.confusion(normalised(last), "Confusion matrix: "
                + "after clean-up"), "confusion matrix after post-processing", last.name() + ".");
        html.heading("Images");
        String thresholdName = EvaluationConfig.thresholdName(result.config().thresholds().get(0));
        for (int i = 0; i < inputs.samples().size(); i++) {
            Sample s = inputs.samples().get(i);
            String name = String.format(Locale.ROOT, "panel-%04d.png", i + 1);
            add(html, dir, name, Panels.row(s, inputs.maps().get(i), thresholdName), "panel of " + s.source(), "");
        }
        AtomicFiles.writeBytes(dir.resolve(INDEX), html.finish().getBytes(StandardCharsets.UTF_8));
    }

    private static double[][] normalised(VariantResult v) {
        return ConfusionMatrix.of(v.overall().confusion()).normalisedByTruth();
    }

    private static void add(Html html, Path dir, String file, BufferedImage image, String alt, String caption)
            throws XNetException {
        byte[] png = png(image);
        AtomicFiles.writeBytes(dir.resolve(file), png);
        html.figure("data:image/png;base64," + Base64.getEncoder().encodeToString(png), alt, caption);
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
