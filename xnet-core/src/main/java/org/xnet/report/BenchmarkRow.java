package org.xnet.report;

import java.util.List;
import java.util.Objects;
import org.xnet.eval.Metrics;

/**
 * One model of a benchmark: how it was trained, how it did on the test set before and after
 * post-processing, and what it cost.
 *
 * @param model the model's name in the benchmark (e.g. "xnet-shared")
 * @param filters the filter depths it was built with
 * @param parameters trainable parameters
 * @param epochs epochs trained, {@code bestEpoch} the one whose model was kept, {@code stopReason} why it ended
 * @param trainingMinutes wall-clock minutes of training (with validation)
 * @param prediction the test-set metrics of the plain argmax prediction
 * @param postProcessed the test-set metrics after {@code postProcessing}
 * @param auc the exact one-vs-rest AUC of each class, in class order
 * @param msPerStep median milliseconds per training step of batch {@code stepBatch} (random images)
 * @param msPerImage median milliseconds to predict one model-sized image
 * @param peakRssMiB peak resident memory of a process running training steps (-1 when unknown)
 * @param trainingLog the training log (CSV) as a path relative to the benchmark folder
 * @param report the model's own evaluation report, relative to the benchmark folder
 */
public record BenchmarkRow(String model, List<Integer> filters, long parameters, int epochs, int bestEpoch,
                           String stopReason, double trainingMinutes, Metrics prediction, Metrics postProcessed,
                           String postProcessing, List<Double> auc, double msPerStep, int stepBatch,
                           double msPerImage, long peakRssMiB, String trainingLog, String report) {
    public BenchmarkRow {
        Objects.requireNonNull(model, "model");
        filters = List.copyOf(filters);
        Objects.requireNonNull(prediction, "prediction");
        Objects.requireNonNull(postProcessed, "postProcessed");
        auc = List.copyOf(auc);
    }
}
