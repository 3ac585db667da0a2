package org.xnet.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xnet.core.Split;
import org.xnet.core.XNetException;
import org.xnet.eval.EvaluationConfig;
import org.xnet.eval.EvaluationResult;
import org.xnet.io.ColourTable;
import org.xnet.io.Prepare;
import org.xnet.io.PrepareConfig;
import org.xnet.model.Kernels;
import org.xnet.model.RuntimeRequest;
import org.xnet.model.RuntimeOptions;
import org.xnet.model.Workload;
import org.xnet.report.Report;
import org.xnet.synth.SampleData;
import org.xnet.synth.SynthConfig;
import org.xnet.synth.SynthJob;
import org.xnet.train.RunFolder;
import org.xnet.train.TrainConfig;
import org.xnet.train.TrainingJob;
import org.xnet.train.TrainingListener;

/**
 * The whole pipeline on CT volumes, end to end: labelled radiographs by {@code synth}, a dataset by
 * {@code prepare}, a compact XNet trained on the CPU, and its evaluation with the HTML report. With
 * no volumes given it uses the ones built into the jar.
 */
public final class Demo {
    /** Folder names inside the demo's output folder. */
    public static final String SYNTH = "synth";
    public static final String DATA = "data.h5";
    public static final String TRAIN = "train";
    public static final String REPORT = "report";

    /**
     * What to run: CT volumes (empty = built-in), output folder, views per volume, image size,
     * XNet filter depths, epochs, a training time budget in minutes (0 = none) and the seed. Every
     * value is checked when the request is made (the synth and training settings it makes included),
     * so a bad one is refused before any work.
     */
    public record Request(List<Path> ct, Path out, int views, int size, List<Integer> filters, int epochs,
                          double minutes, long seed) {
        public Request {
            ct = List.copyOf(ct);
            Objects.requireNonNull(out, "out");
            filters = List.copyOf(filters);
            if (views < 3) {
                throw new IllegalArgumentException("views must be at least 3 (train, validation and test need images), got " + views);
            }
            if (size < 16) {
                throw new IllegalArgumentException("size must be at least 16, got " + size);
            }
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            }
            if (!(minutes >= 0)) {
                throw new IllegalArgumentException("minutes must be >= 0, got " + minutes);
            }
            synth(views, size, seed);
            training(filters, epochs, minutes, seed);
        }

        /** The synth settings: the defaults with these views, size and seed. */
        public SynthConfig synthConfig() {
            return synth(views, size, seed);
        }

        /** The training settings of the compact XNet. */
        public TrainConfig trainConfig() {
            return training(filters, epochs, minutes, seed);
        }

        private static SynthConfig synth(int views, int size, long seed) {
            return SynthConfig.defaults().withViews(views).withSize(size).withSeed(seed);
        }

        private static TrainConfig training(List<Integer> filters, int epochs, double minutes, long seed) {
            return TrainConfig.defaults().with(Map.of("name", "demo", "filters", filters, "no_epochs", epochs,
                    "max_minutes", minutes, "seed", seed, "lrate", 1e-3, "duplicate", true));
        }
    }

    /** What the demo produced. */
    public record Result(Path data, Path model, Path report, RunFolder.Result training, EvaluationResult evaluation) {
    }

    /** The number of stages {@link #run} reports. */
    public static final int STAGES = 4;

    private Demo() {
    }

    /**
     * Runs every stage. {@code stop} ends training after the current step; the demo then ends with an
     * {@link XNetException} naming the best model so far.
     */
    public static Result run(Request request, StageListener listener, List<TrainingListener> trainingListeners,
                             AtomicBoolean stop) throws XNetException {
        Path out = request.out();
        List<Path> ct = request.ct().isEmpty() ? SampleData.extract(out.resolve("ct")) : request.ct();

        List<SynthJob.Source> sources = SynthJob.plan(ct, null);
        listener.stage(1, "synthesising labelled radiographs from " + sources.size() + " CT volume(s)");
        SynthConfig synth = request.synthConfig();
        // overwrite: an earlier demo's radiographs (other volumes, more views) must not join this dataset
        SynthJob.run(sources, out.resolve(SYNTH), synth, true, listener);

        listener.stage(2, "preparing the dataset (resize, normalise, split by body part)");
        Path data = out.resolve(DATA);
        PrepareConfig prepare = new PrepareConfig(out.resolve(SYNTH).resolve("Images"), out.resolve(SYNTH).resolve("Labels"),
                request.size(), PrepareConfig.DEFAULT_TRAIN_FRACTION, request.seed(), ColourTable.defaults());
        Prepare.toFile(prepare, data, listener);

        RuntimeOptions options = Kernels.resolve(RuntimeRequest.AUTO, Workload.TRAINING);
        listener.stage(3, "training a compact XNet " + request.filters() + " on the CPU (" + options.describe() + ")");
        TrainConfig config = request.trainConfig();
        Path runDir = out.resolve(TRAIN);
        RunFolder.Result training = TrainingJob.run(
                new TrainingJob.Request(config, data, runDir, false, true, RuntimeRequest.AUTO, trainingListeners), stop);
        Path model = runDir.resolve(training.modelFile());
        if (stop.get() && training.bestEpoch() == 0) {
            throw new XNetException("training stopped by Ctrl-C before the first epoch ended: no model to evaluate");
        }
        if (stop.get()) {
            // the JVM is shutting down (Ctrl-C): report where the model is instead of starting new work
            throw new XNetException("training stopped by Ctrl-C after " + training.completedEpochs()
                    + " epoch(s); the best model so far is " + model + " (evaluate it with: xnet evaluate --model "
                    + model + " --data " + data + " --out " + out.resolve(REPORT) + ")");
        }

        listener.stage(4, "evaluating on the test split and writing the report");
        Path report = out.resolve(REPORT);
        EvaluationResult evaluation = EvaluationRun.run(new EvaluationRun.Request(model, data, List.of(Split.TEST),
                EvaluationConfig.defaults(), Optional.empty(), 12, report,
                Kernels.resolve(RuntimeRequest.AUTO, Workload.INFERENCE)), listener);
        return new Result(data, model, report.resolve(Report.INDEX), training, evaluation);
    }
}
