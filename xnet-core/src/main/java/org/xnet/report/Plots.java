package org.xnet.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.xnet.core.SegClass;
import org.xnet.eval.ResultsText;
import org.xnet.eval.RocCurve;
import org.xnet.eval.RocPoint;

/** The report's charts, drawn with XChart into images: learning curve, ROC curves, confusion matrix. */
public final class Plots {
    /** Line colours of the classes (open beam's white label colour would not show on a white chart). */
    static final Color[] CLASS_LINE = {new Color(0x555555), new Color(0xD4A017), new Color(0x1F4FD8)};
    /** Line colours of runs compared in one chart. */
    private static final Color[] RUN_LINE = {new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C),
        new Color(0xD62728), new Color(0x9467BD), new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F)};
    /** Up to this many epochs, compared runs show their points as markers. */
    private static final int FEW_EPOCHS = 20;
    private static final int WIDTH = 640;
    private static final int HEIGHT = 420;

    private Plots() {
    }

    /**
     * The original's learning curve: error (1 - accuracy) of training and validation with the desired error
     * of 2 %, above the training and validation loss, per epoch.
     */
    public static BufferedImage learningCurve(TrainingLog log) {
        List<Double> epochs = new ArrayList<>();
        List<Double> trainErr = new ArrayList<>();
        List<Double> valErr = new ArrayList<>();
        List<Double> loss = new ArrayList<>();
        List<Double> valLoss = new ArrayList<>();
        for (TrainingLog.Epoch e : log.epochs()) {
            epochs.add((double) e.epoch());
            trainErr.add(1 - e.acc());
            valErr.add(1 - e.valAcc());
            loss.add(e.loss());
            valLoss.add(e.valLoss());
        }
        XYChart error = lineChart("Error", "epoch", "error (1 - accuracy)");
        line(error, "training error", epochs, trainErr, new Color(0x1F77B4));
        line(error, "validation error", epochs, valErr, new Color(0xFF7F0E));
        line(error, "desired error", List.of(epochs.get(0), epochs.get(epochs.size() - 1)), List.of(0.02, 0.02),
                new Color(0x2CA02C));
        XYChart losses = lineChart("Loss", "epoch", "loss");
        line(losses, "training loss", epochs, loss, new Color(0x1F77B4));
        line(losses, "validation loss", epochs, valLoss, new Color(0xFF7F0E));
        return stack(BitmapEncoder.getBufferedImage(error), BitmapEncoder.getBufferedImage(losses));
    }

    /**
     * Learning curves of several runs side by side on shared axes: validation loss (top) and
     * validation error (bottom) per epoch, one line per run, in the map's order.
     */
    public static BufferedImage compareLearningCurves(Map<String, TrainingLog> logs) {
        XYChart loss = lineChart("Validation loss", "epoch", "validation loss");
        XYChart error = lineChart("Validation error", "epoch", "error (1 - accuracy)");
        int i = 0;
        for (Map.Entry<String, TrainingLog> run : logs.entrySet()) {
            List<TrainingLog.Epoch> epochs = run.getValue().epochs();
            if (epochs.isEmpty()) {
                continue;
            }
            List<Double> x = epochs.stream().map(e -> (double) e.epoch()).toList();
            Color colour = RUN_LINE[i++ % RUN_LINE.length];
            List<XYSeries> series = List.of(
                    line(loss, run.getKey(), x, epochs.stream().map(TrainingLog.Epoch::valLoss).toList(), colour),
                    line(error, run.getKey(), x, epochs.stream().map(e -> 1 - e.valAcc()).toList(), colour));
            if (epochs.size() <= FEW_EPOCHS) {
                // a line through one or a few points hardly shows: mark the points
                series.forEach(s -> s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(colour));
            }
        }
        loss.getStyler().setMarkerSize(6);
        error.getStyler().setMarkerSize(6);
        return stack(BitmapEncoder.getBufferedImage(loss), BitmapEncoder.getBufferedImage(error));
    }

    /** One-vs-rest ROC curves of the classes with their exact AUC, and the chance diagonal. */
    public static BufferedImage roc(List<RocCurve> curves) {
        XYChart chart = lineChart("ROC curves (one-vs-rest)", "false positive rate", "true positive rate");
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0)
                .setLegendPosition(Styler.LegendPosition.InsideSE);
        for (int c = 0; c < curves.size(); c++) {
            RocCurve curve = curves.get(c);
            if (curve.points().isEmpty()) {
                continue;
            }
            List<Double> x = curve.points().stream().map(RocPoint::fpr).toList();
            List<Double> y = curve.points().stream().map(RocPoint::tpr).toList();
            line(chart, curve.className() + " (AUC " + ResultsText.num(curve.auc()) + ")", x, y, CLASS_LINE[c]);
        }
        XYSeries chance = line(chart, "chance", List.of(0.0, 1.0), List.of(0.0, 1.0), Color.GRAY);
        chance.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 6f}, 0f));
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** The confusion matrix normalised by true class (each row sums to 1), values printed in the cells. */
    public static BufferedImage confusion(double[][] normalised, String title) {
        HeatMapChart chart = new HeatMapChartBuilder().width(520).height(460).title(title)
                .xAxisTitle("predicted class").yAxisTitle("true class").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setShowValue(true).setMin(0).setMax(1).setHeatMapValueDecimalPattern("0.000")
                .setRangeColors(new Color[] {new Color(0xF7FBFF), new Color(0x6BAED6), new Color(0x08306B)})
                .setValueFontColor(Color.BLACK).setLegendVisible(true);
        List<String> names = new ArrayList<>();
        for (SegClass c : SegClass.values()) {
            names.add(c.label());
        }
        List<Number[]> cells = new ArrayList<>();
        int k = SegClass.COUNT;
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                double v = normalised[t][p];
                // the y axis grows upwards: put the first true class in the top row
                cells.add(new Number[] {p, k - 1 - t, Double.isNaN(v) ? 0.0 : v});
            }
        }
        List<String> reversed = new ArrayList<>(names);
        java.util.Collections.reverse(reversed);
        chart.addSeries("fraction of true class", names, reversed, cells);
        return BitmapEncoder.getBufferedImage(chart);
    }

    private static XYChart lineChart(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y)
                .build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE).setLegendPosition(Styler.LegendPosition.InsideNE)
                .setMarkerSize(0);
        return chart;
    }

    private static XYSeries line(XYChart chart, String name, List<Double> x, List<Double> y, Color colour) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
        return s;
    }

    private static BufferedImage stack(BufferedImage top, BufferedImage bottom) {
        BufferedImage out = new BufferedImage(Math.max(top.getWidth(), bottom.getWidth()),
                top.getHeight() + bottom.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(top, 0, 0, null);
        g.drawImage(bottom, 0, top.getHeight(), null);
        g.dispose();
        return out;
    }
}
