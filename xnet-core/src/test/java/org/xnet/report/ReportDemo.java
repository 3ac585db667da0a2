package org.xnet.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xnet.core.Provenance;
import org.xnet.core.XNetException;
import org.xnet.eval.EvaluationConfig;
import org.xnet.eval.EvaluationResult;
import org.xnet.eval.Evaluator;
import org.xnet.eval.PostProcessed;
import org.xnet.eval.ResultsWriter;
import org.xnet.eval.SyntheticEvaluation;

/**
 * Writes a demo evaluation (results.json, results.txt) and report from fabricated samples and noisy
 * probabilities, plus a fabricated training log. Not a test; used by the tests and to look at the report:
 * {@code java -cp target/classes:target/test-classes:... org.xnet.report.ReportDemo OUT_DIR [images]}.
 */
public final class ReportDemo {
    private ReportDemo() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "demo-report");
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        write(dir, images, 200);
        System.out.println("report written to " + dir.resolve(Report.INDEX).toAbsolutePath());
    }

    /** Writes the demo into {@code dir} and returns the evaluation result. */
    public static EvaluationResult write(Path dir, int images, int size) throws XNetException, java.io.IOException {
        SyntheticEvaluation data = new SyntheticEvaluation(images, size, 5);
        EvaluationConfig config = EvaluationConfig.defaults();
        Evaluator evaluator = new Evaluator(config, images * size * size);
        List<PostProcessed> maps = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            maps.add(evaluator.add(data.samples.get(i), data.probabilities.get(i)));
        }
        EvaluationResult result = evaluator.result(31_035_139L,
                Provenance.now(5, "", Map.of("model", "synthetic (noisy truth)", "split", "test")));
        ResultsWriter.write(result, dir);
        Path csv = dir.resolve("training-log.csv");
        Files.createDirectories(dir);
        Files.writeString(csv, fabricatedLog(), StandardCharsets.UTF_8);
        Report.write(result, ReportInputs.of(data.samples, maps).withTrainingLog(csv), dir);
        return result;
    }

    private static String fabricatedLog() {
        StringBuilder b = new StringBuilder("epoch,loss,acc,val_loss,val_acc,time\n");
        for (int e = 0; e < 40; e++) {
            double loss = 0.25 + 0.9 * Math.exp(-e / 8.0);
            b.append(String.format(Locale.ROOT, "%d,%.4f,%.4f,%.4f,%.4f,%.1f%n", e, loss, 1 - 0.3 * loss,
                    loss * 1.1 + 0.02, 1 - 0.33 * loss - 0.01, 60.0 + e));
        }
        return b.toString();
    }
}
