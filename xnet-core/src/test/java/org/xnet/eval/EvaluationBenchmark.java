package org.xnet.eval;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xnet.core.ProbabilityMap;
import org.xnet.core.Provenance;
import org.xnet.core.Sample;

/**
 * Times the evaluation of {@code N} (default 1000) synthetic 200x200 images, excluding inference: (a) the
 * metrics alone (argmax, confusion matrices per image and per body part, every metric, exact ROC/AUC of the
 * three classes), (b) the whole {@link Evaluator} including every post-processing variant. Not a test; run:
 * {@code java -Xmx3g -cp target/classes:target/test-classes:$(cat cp.txt) org.xnet.eval.EvaluationBenchmark [N] [repeats]}.
 */
public final class EvaluationBenchmark {
    private EvaluationBenchmark() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        SyntheticEvaluation data = new SyntheticEvaluation(n, 200, 1);
        Provenance prov = Provenance.now(1, "", Map.of());
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            long c0 = cpuNanos();
            double auc = metricsOnly(data.samples, data.probabilities);
            long t1 = System.nanoTime();
            long c1 = cpuNanos();
            EvaluationResult full = Evaluator.evaluate(data.samples, data.probabilities, EvaluationConfig.defaults(),
                    -1, prov);
            long t2 = System.nanoTime();
            long c2 = cpuNanos();
            System.out.printf("run %d: %d images 200x200: metrics + exact AUC %.2f s wall, %.2f s CPU (tissue AUC %.4f);"
                            + " with post-processing (5 variants) %.2f s wall, %.2f s CPU (accuracy %.4f)%n", r + 1, n,
                    (t1 - t0) / 1e9, (c1 - c0) / 1e9, auc, (t2 - t1) / 1e9, (c2 - c1) / 1e9,
                    full.prediction().accuracy());
        }
    }

    /** CPU time of the whole process (all threads, including the garbage collector). */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Metrics without post-processing; returns the soft-tissue AUC so the work cannot be skipped. */
    static double metricsOnly(List<Sample> samples, List<ProbabilityMap> probabilities) {
        ConfusionMatrix all = new ConfusionMatrix();
        Map<String, ConfusionMatrix> parts = new HashMap<>();
        RocAccumulator roc = new RocAccumulator(samples.size() * 200 * 200);
        double sink = 0;
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            ConfusionMatrix m = ConfusionMatrix.of(s.label(), probabilities.get(i).argmax());
            sink += Metrics.of(m).accuracy();
            all.merge(m);
            parts.computeIfAbsent(s.bodyPart(), k -> new ConfusionMatrix()).merge(m);
            roc.add(s.label(), probabilities.get(i));
        }
        parts.values().forEach(Metrics::of);
        Metrics.of(all);
        return roc.curves(1000).get(1).auc() + sink * 0;
    }
}
