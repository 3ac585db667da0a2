package org.xnet.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xnet.core.AtomicFiles;
import org.xnet.core.SegClass;
import org.xnet.core.XNetException;
import org.xnet.eval.Metrics;
import org.xnet.eval.ResultsText;

/**
 * The benchmark's tables, as Markdown ({@value #MARKDOWN}) and as one self-contained HTML page
 * ({@value #HTML}) with the learning curves side by side ({@value #CURVES}), and the rows as JSON
 * ({@value #JSON}).
 */
public final class BenchmarkReport {
    public static final String MARKDOWN = "benchmark.md";
    public static final String HTML = "benchmark.html";
    public static final String JSON = "benchmark.json";
    public static final String CURVES = "learning-curves.png";

    private BenchmarkReport() {
    }

    /** A table: a header and rows of cells, all formatted; the first {@code textColumns} are text, the rest numbers. */
    record Table(List<String> header, List<List<String>> rows, int textColumns) {
    }

    /**
     * Writes every output into {@code dir}; {@code details} (dataset, budget, machine, ...) head the
     * report, {@code logs} are the training logs by model name.
     */
    public static void write(List<BenchmarkRow> rows, Map<String, String> details, Map<String, TrainingLog> logs,
                             Path dir) throws XNetException {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a benchmark report needs at least one model");
        }
        byte[] curves = Report.png(Plots.compareLearningCurves(logs));
        AtomicFiles.writeBytes(dir.resolve(CURVES), curves);
        List<Table> tables = List.of(quality(rows), cost(rows));
        String legend = legend(rows.get(0));
        AtomicFiles.writeBytes(dir.resolve(MARKDOWN), markdown(tables, details, legend, rows)
                .getBytes(StandardCharsets.UTF_8));
        AtomicFiles.writeBytes(dir.resolve(HTML), html(tables, details, legend, rows, curves)
                .getBytes(StandardCharsets.UTF_8));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("details", details);
        json.put("models", rows);
        try {
            AtomicFiles.writeBytes(dir.resolve(JSON), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsBytes(json));
        } catch (IOException e) {
            throw new XNetException("cannot write " + dir.resolve(JSON) + ": " + e.getMessage(), e);
        }
    }

    /** Test-set quality: one row per model and variant (prediction, post-processed). */
    static Table quality(List<BenchmarkRow> rows) {
        List<String> header = new ArrayList<>(List.of("model", "post-processing", "accuracy"));
        for (SegClass c : SegClass.values()) {
            header.add("F1 " + c.label());
        }
        for (SegClass c : SegClass.values()) {
            header.add("IoU " + c.label());
        }
        header.addAll(List.of("tissue TP rate", "tissue FP rate"));
        List<List<String>> cells = new ArrayList<>();
        for (BenchmarkRow r : rows) {
            cells.add(qualityRow(r.model(), "none", r.prediction()));
            cells.add(qualityRow(r.model(), "yes", r.postProcessed()));
        }
        return new Table(header, cells, 2);
    }

    private static List<String> qualityRow(String model, String variant, Metrics m) {
        List<String> row = new ArrayList<>(List.of(model, variant, ResultsText.pct(m.accuracy())));
        for (SegClass c : SegClass.values()) {
            row.add(three(m.of(c).f1()));
        }
        for (SegClass c : SegClass.values()) {
            row.add(three(m.of(c).iou()));
        }
        row.add(ResultsText.pct(m.tissueTruePositiveRate()));
        row.add(ResultsText.pct(m.tissueFalsePositiveRate()));
        return row;
    }

    /** Training and cost: parameters, epochs, AUC, speed and memory. */
    static Table cost(List<BenchmarkRow> rows) {
        List<String> header = new ArrayList<>(List.of("model", "filters", "trainable parameters", "epochs (best)",
                "training min"));
        for (SegClass c : SegClass.values()) {
            header.add("AUC " + c.label());
        }
        header.addAll(List.of("ms / training step (batch " + rows.get(0).stepBatch() + ")", "ms / image",
                "peak RSS MiB (training)"));
        List<List<String>> cells = new ArrayList<>();
        for (BenchmarkRow r : rows) {
            List<String> row = new ArrayList<>(List.of(r.model(), r.filters().toString(),
                    String.format(Locale.ROOT, "%,d", r.parameters()), r.epochs() + " (" + r.bestEpoch() + ")",
                    String.format(Locale.ROOT, "%.1f", r.trainingMinutes())));
            r.auc().forEach(a -> row.add(three(a)));
            row.add(String.format(Locale.ROOT, "%.0f", r.msPerStep()));
            row.add(String.format(Locale.ROOT, "%.1f", r.msPerImage()));
            row.add(r.peakRssMiB() < 0 ? "n/a" : Long.toString(r.peakRssMiB()));
            cells.add(row);
        }
        return new Table(header, cells, 2);
    }

    private static String legend(BenchmarkRow r) {
        return "Test split. Post-processing: " + r.postProcessing() + ". Tissue TP rate: soft tissue found over all "
                + "soft tissue; tissue FP rate: open beam and bone predicted as soft tissue over all soft-tissue "
                + "predictions (the original's tpfp). AUC: exact, one-vs-rest, from the probabilities. ms / training "
                + "step: median over random images in a fresh JVM, whose peak RSS is the memory column; ms / image: "
                + "median, one model-sized image, resize mode.";
    }

    static String markdown(List<Table> tables, Map<String, String> details, String legend, List<BenchmarkRow> rows) {
        StringBuilder b = new StringBuilder("# XNet benchmark\n\n");
        details.forEach((k, v) -> b.append("- ").append(k).append(": ").append(v).append('\n'));
        String[] titles = {"Test set, before and after post-processing", "Training and cost"};
        for (int t = 0; t < tables.size(); t++) {
            b.append("\n## ").append(titles[t]).append("\n\n");
            Table table = tables.get(t);
            b.append(mdRow(table.header()));
            b.append('|').append("---|".repeat(table.textColumns()))
                    .append("---:|".repeat(table.header().size() - table.textColumns())).append('\n');
            table.rows().forEach(r -> b.append(mdRow(r)));
        }
        b.append('\n').append(legend).append("\n\n## Learning curves\n\n![learning curves](").append(CURVES)
                .append(")\n\nEach model's evaluation report:");
        rows.forEach(r -> b.append(" [").append(r.model()).append("](").append(r.report()).append(")"));
        return b.append(".\n").toString();
    }

    private static String mdRow(List<String> cells) {
        return "| " + String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|")).toList()) + " |\n";
    }

    static String html(List<Table> tables, Map<String, String> details, String legend, List<BenchmarkRow> rows,
                       byte[] curves) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>XNet benchmark</title><style>").append(Html.STYLE).append("</style></head><body>\n"
                + "<h1>XNet benchmark</h1>\n<p class=\"provenance\">");
        details.forEach((k, v) -> b.append(Html.escape(k)).append(": ").append(Html.escape(v)).append("<br>"));
        b.append("</p>\n");
        for (Table table : tables) {
            b.append("<table>\n<tr>");
            table.header().forEach(h -> b.append("<th>").append(Html.escape(h)).append("</th>"));
            b.append("</tr>\n");
            for (List<String> row : table.rows()) {
                b.append("<tr>");
                row.forEach(c -> b.append("<td>").append(Html.escape(c)).append("</td>"));
                b.append("</tr>\n");
            }
            b.append("</table>\n");
        }
        b.append("<p class=\"provenance\">").append(Html.escape(legend)).append("</p>\n<h2>Learning curves</h2>\n")
                .append("<figure><img alt=\"learning curves\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(curves)).append("\"></figure>\n<p>Evaluation reports:");
        rows.forEach(r -> b.append(" <a href=\"").append(Html.escape(r.report())).append("\">")
                .append(Html.escape(r.model())).append("</a>"));
        return b.append("</p>\n</body></html>\n").toString();
    }

    private static String three(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }
}
