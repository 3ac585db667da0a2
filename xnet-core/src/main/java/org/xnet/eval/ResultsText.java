package org.xnet.eval;

import java.util.Locale;
import java.util.Map;
import org.xnet.core.SegClass;

/**
 * The human-readable {@code results.txt}: the original PostProcessing.py's sections (overall accuracy,
 * per-class accuracy, soft-tissue TP/FP, thresholds 90 % and 99 %) followed by the newer metrics.
 * Formatting only; every number comes from {@link Metrics} or {@link RocCurve}.
 */
public final class ResultsText {
    private ResultsText() {
    }

    /** The whole text. */
    public static String format(EvaluationResult r) {
        StringBuilder b = new StringBuilder();
        Metrics p = r.prediction();
        b.append("XNet evaluation: ").append(r.images().size()).append(" images, ").append(p.pixels())
                .append(" pixels\n");
        b.append("Trainable params: ")
                .append(r.trainableParameters() < 0 ? "unknown" : String.format(Locale.ROOT, "%,d", r.trainableParameters()))
                .append('\n');
        b.append("Software: ").append(r.provenance().software()).append(' ').append(r.provenance().version())
                .append(", created ").append(r.provenance().created()).append('\n');
        r.provenance().details().forEach((k, v) -> b.append("  ").append(k).append(": ").append(v).append('\n'));

        section(b, "Overall accuracy");
        b.append(line("On test set", pct(p.accuracy())));
        b.append(line("Macro precision / recall / F1", num(p.macroPrecision()) + " / " + num(p.macroRecall()) + " / "
                + num(p.macroF1())));
        b.append(line("Macro IoU / Dice", num(p.macroIou()) + " / " + num(p.macroDice())));

        section(b, "Per class (accuracy = precision, as the original)");
        classTable(b, p);
        b.append("\nConfusion matrix (rows: truth, columns: prediction)\n");
        confusion(b, p.confusion());

        section(b, "Soft tissue true / false positives");
        b.append("TP rate = tissue predicted as tissue / true tissue; FP rate = beam and bone predicted as tissue"
                + " / tissue predictions\n");
        for (VariantResult v : r.variants()) {
            b.append(line(v.name(), "TP " + pct(v.overall().tissueTruePositiveRate()) + "   FP "
                    + pct(v.overall().tissueFalsePositiveRate()) + "   accuracy " + pct(v.overall().accuracy())));
        }

        for (VariantResult v : r.variants().subList(1, r.variants().size())) {
            section(b, capitalise(v.name()));
            b.append(line("Overall accuracy", pct(v.overall().accuracy())));
            b.append(line("Soft tissue TP / FP", pct(v.overall().tissueTruePositiveRate()) + " / "
                    + pct(v.overall().tissueFalsePositiveRate())));
            classTable(b, v.overall());
        }

        section(b, "ROC AUC (one-vs-rest, exact)");
        for (RocCurve c : r.roc()) {
            b.append(line(c.className(), num(c.auc())));
        }

        section(b, "Per body part (prediction)");
        b.append(String.format(Locale.ROOT, "%-16s %10s %10s %10s %10s%n", "body part", "pixels", "accuracy",
                "tissue TP", "tissue FP"));
        for (Map.Entry<String, Metrics> e : r.variants().get(0).byBodyPart().entrySet()) {
            Metrics m = e.getValue();
            b.append(String.format(Locale.ROOT, "%-16s %10d %10s %10s %10s%n", e.getKey(), m.pixels(),
                    pct(m.accuracy()), pct(m.tissueTruePositiveRate()), pct(m.tissueFalsePositiveRate())));
        }
        return b.toString();
    }

    /** A rate as a percentage with two decimals, or "n/a" when undefined. */
    public static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f %%", 100 * v);
    }

    /** A number with four decimals, or "n/a" when undefined. */
    public static String num(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static void classTable(StringBuilder b, Metrics m) {
        b.append(String.format(Locale.ROOT, "%-12s %10s %10s %10s %10s %10s %12s%n", "class", "precision", "recall",
                "F1", "IoU", "Dice", "support"));
        for (ClassMetrics c : m.perClass()) {
            b.append(String.format(Locale.ROOT, "%-12s %10s %10s %10s %10s %10s %12d%n", c.name(), num(c.precision()),
                    num(c.recall()), num(c.f1()), num(c.iou()), num(c.dice()), c.support()));
        }
    }

    private static void confusion(StringBuilder b, long[][] counts) {
        b.append(String.format(Locale.ROOT, "%-12s", ""));
        for (SegClass c : SegClass.values()) {
            b.append(String.format(Locale.ROOT, " %12s", c.label()));
        }
        b.append('\n');
        for (SegClass t : SegClass.values()) {
            b.append(String.format(Locale.ROOT, "%-12s", t.label()));
            for (long v : counts[t.index()]) {
                b.append(String.format(Locale.ROOT, " %12d", v));
            }
            b.append('\n');
        }
    }

    private static void section(StringBuilder b, String title) {
        b.append("\n== ").append(title).append(" ==\n");
    }

    private static String line(String label, String value) {
        return String.format(Locale.ROOT, "%-40s %s%n", label + ":", value);
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
