package org.xnet.bench;

import org.xnet.augment.AugmentConfig;
import org.xnet.augment.AugmentPipeline;
import org.xnet.augment.DataWait;
import org.xnet.augment.OnTheFlyOptions;
import org.xnet.core.Dataset;
import org.xnet.core.Sample;
import org.xnet.model.ModelSpec;
import org.xnet.model.RuntimeOptions;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.xnet.train.BatchSource;
import org.xnet.train.KerasOptimizer;
import org.xnet.train.LossKind;
import org.xnet.train.OnTheFlySource;
import org.xnet.train.RmsProp;
import org.xnet.train.SegBatch;
import org.xnet.train.ShuffledBatches;
import org.xnet.train.TrainableNet;

/**
 * Trains a network for a few epochs on on-the-fly augmented batches, as {@code xnet train} does
 * (2 workers, 4 batches ahead, body parts balanced, validation after each epoch), and measures how
 * long each step took and how long the trainer was blocked waiting for data: the figures
 * {@code xnet train-bench --on-the-fly} reports. The first epoch is started before the network is
 * built, as a trainer can do, so its first batch is made while the model initialises.
 */
public final class OnTheFlyTrainBenchmark {
    private OnTheFlyTrainBenchmark() {
    }

    /** One epoch: training-step times, the data wait of the epoch and the validation time. */
    public record Epoch(int epoch, double[] stepMs, DataWait dataWait, double validationSeconds) {
        public double medianStepMs() {
            return ModelBench.median(stepMs.clone());
        }
    }

    /** Runs {@code epochs} epochs on {@code data}'s training split; {@code report} sees each epoch when it ends. */
    public static List<Epoch> run(ModelSpec spec, Dataset data, int batch, int epochs, long seed, RuntimeOptions options,
                                  Consumer<Epoch> report) {
        if (epochs < 1 || batch < 1) {
            throw new IllegalArgumentException("need epochs >= 1 and batch >= 1, got " + epochs + ", " + batch);
        }
        if (data.train().isEmpty() || data.validation().isEmpty()) {
            throw new IllegalArgumentException("the dataset needs training and validation images, got "
                    + data.train().size() + " and " + data.validation().size());
        }
        List<Sample> train = data.train();
        BatchSource validation = new ShuffledBatches(data.validation(), batch, seed, false);
        KerasOptimizer optimizer = new RmsProp(RmsProp.DEFAULT_LR, RmsProp.DEFAULT_DECAY);
        List<Epoch> out = new ArrayList<>();
        try (OnTheFlySource source = new OnTheFlySource(train, new AugmentPipeline(AugmentConfig.defaults()),
                new OnTheFlyOptions(batch, seed, 2, 4, true, false))) {
            source.prepare(1);
            try (TrainableNet net = TrainableNet.of(spec, train.get(0).image().width(), seed, options)) {
                for (int e = 1; e <= epochs; e++) {
                    double[] ms = trainEpoch(net, optimizer, source.epoch(e), (float) spec.l2());
                    DataWait dataWait = source.lastEpochWait();
                    long t0 = System.nanoTime();
                    for (Iterator<SegBatch> it = validation.epoch(0); it.hasNext(); ) {
                        net.evaluate(it.next(), LossKind.CROSS_ENTROPY, (float) spec.l2());
                    }
                    Epoch epoch = new Epoch(e, ms, dataWait, (System.nanoTime() - t0) / 1e9);
                    out.add(epoch);
                    report.accept(epoch);
                }
            }
        }
        return out;
    }

    private static double[] trainEpoch(TrainableNet net, KerasOptimizer optimizer, Iterator<SegBatch> it, float l2) {
        List<Double> ms = new ArrayList<>();
        while (it.hasNext()) {
            SegBatch batch = it.next();
            long t0 = System.nanoTime();
            net.trainStep(batch, LossKind.CROSS_ENTROPY, l2, optimizer);
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        return ms.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
