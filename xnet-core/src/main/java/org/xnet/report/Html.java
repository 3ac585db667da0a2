package org.xnet.report;

import java.util.Locale;
import java.util.Map;
import org.xnet.core.Provenance;
import org.xnet.eval.ClassMetrics;
import org.xnet.eval.EvaluationResult;
import org.xnet.eval.Metrics;
import org.xnet.eval.ResultsText;
import org.xnet.eval.RocCurve;
import org.xnet.eval.VariantResult;

/** The HTML text of the report: metrics tables and figures. Formatting only. */
final class Html {
    static final String STYLE = "body{font-family:sans-serif;margin:24px;color:#222;max-width:1200px}"
            + "table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #bbb;padding:4px 8px;"
            + "text-align:right}th{background:#eee}td:first-child,th:first-child{text-align:left}"
            + "img{display:block;margin:8px 0;max-width:100%}figure{margin:0 0 16px}"
            + "figcaption{font-size:90%;color:#555}.provenance{font-size:90%;color:#555}";

    private final StringBuilder b = new StringBuilder();

    Html(EvaluationResult r) {
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>XNet evaluation report</title><style>").append(STYLE).append("</style></head><body>\n")
                .append("<h1>XNet evaluation report</h1>\n");
        provenance(r);
        variantTable(r);
        classTable(r.prediction(), r);
        bodyPartTable(r);
    }

    void heading(String title) {
        b.append("<h2>").append(escape(title)).append("</h2>\n");
    }

    /** A figure whose image is {@code src} (a data URI or a relative file name). */
    void figure(String src, String alt, String caption) {
        b.append("<figure><img src=\"").append(src).append("\" alt=\"").append(escape(alt)).append("\">");
        if (!caption.isEmpty()) {
            b.append("<figcaption>").append(escape(caption)).append("</figcaption>");
        }
        b.append("</figure>\n");
    }

    String finish() {
        return b.append("</body></html>\n").toString();
    }

    private void provenance(EvaluationResult r) {
        Provenance p = r.provenance();
        b.append("<p class=\"provenance\">").append(escape(p.software() + " " + p.version())).append(", created ")
                .append(escape(p.created())).append(", seed ").append(p.seed());
        if (!p.datasetSha256().isEmpty()) {
            b.append(", dataset SHA-256 ").append(escape(p.datasetSha256()));
        }
        for (Map.Entry<String, String> e : p.details().entrySet()) {
            b.append("<br>").append(escape(e.getKey())).append(": ").append(escape(e.getValue()));
        }
        b.append("<br>").append(r.images().size()).append(" images, ").append(r.prediction().pixels())
                .append(" pixels; trainable parameters: ")
                .append(r.trainableParameters() < 0 ? "unknown" : String.format(Locale.ROOT, "%,d", r.trainableParameters()))
                .append("</p>\n");
    }

    private void variantTable(EvaluationResult r) {
        heading("Overall and post-processing");
        b.append("<table><tr><th>variant</th><th>accuracy</th><th>macro F1</th><th>macro IoU</th>")
                .append("<th>soft tissue TP rate</th><th>soft tissue FP rate</th></tr>\n");
        for (VariantResult v : r.variants()) {
            Metrics m = v.overall();
            row(v.name(), ResultsText.pct(m.accuracy()), ResultsText.num(m.macroF1()), ResultsText.num(m.macroIou()),
                    ResultsText.pct(m.tissueTruePositiveRate()), ResultsText.pct(m.tissueFalsePositiveRate()));
        }
        b.append("</table>\n<p class=\"provenance\">Soft tissue TP rate: tissue predicted as tissue over all true"
                + " tissue. FP rate: open beam and bone predicted as tissue over all tissue predictions (as the"
                + " original PostProcessing.py).</p>\n");
    }

    private void classTable(Metrics m, EvaluationResult r) {
        heading("Per class (prediction)");
        b.append("<table><tr><th>class</th><th>precision</th><th>recall</th><th>F1</th><th>IoU</th><th>Dice</th>")
                .append("<th>ROC AUC</th><th>support (pixels)</th></tr>\n");
        for (int c = 0; c < m.perClass().size(); c++) {
            ClassMetrics k = m.perClass().get(c);
            RocCurve roc = r.roc().get(c);
            row(k.name(), ResultsText.num(k.precision()), ResultsText.num(k.recall()), ResultsText.num(k.f1()),
                    ResultsText.num(k.iou()), ResultsText.num(k.dice()), ResultsText.num(roc.auc()),
                    Long.toString(k.support()));
        }
        b.append("</table>\n");
    }

    private void bodyPartTable(EvaluationResult r) {
        heading("Per body part");
        b.append("<table><tr><th>body part</th><th>pixels</th>");
        for (VariantResult v : r.variants()) {
            b.append("<th>").append(escape(v.name())).append("<br>accuracy / tissue FP</th>");
        }
        b.append("</tr>\n");
        for (String part : r.variants().get(0).byBodyPart().keySet()) {
            b.append("<tr><td>").append(escape(part)).append("</td><td>")
                    .append(r.variants().get(0).byBodyPart().get(part).pixels()).append("</td>");
            for (VariantResult v : r.variants()) {
                Metrics m = v.byBodyPart().get(part);
                b.append("<td>").append(ResultsText.pct(m.accuracy())).append(" / ")
                        .append(ResultsText.pct(m.tissueFalsePositiveRate())).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
    }

    private void row(String first, String... cells) {
        b.append("<tr><td>").append(escape(first)).append("</td>");
        for (String c : cells) {
            b.append("<td>").append(escape(c)).append("</td>");
        }
        b.append("</tr>\n");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
