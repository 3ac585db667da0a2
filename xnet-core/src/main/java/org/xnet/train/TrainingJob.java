package org.xnet.train;

import org.xnet.augment.AugmentPipeline;
import org.xnet.augment.OnTheFlyOptions;
import org.xnet.core.Dataset;
import org.xnet.core.Provenance;
import org.xnet.core.XNetException;
import org.xnet.io.DatasetFile;
import org.xnet.model.ModelFile;
import org.xnet.model.ModelMetadata;
import org.xnet.model.Kernels;
import org.xnet.model.RuntimeRequest;
import org.xnet.model.RuntimeOptions;
import org.xnet.model.Workload;
import org.xnet.model.SegmentationNet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One training run from a dataset file to a run folder (what {@code xnet train} does): prepares
 * or resumes the folder, reads the dataset, builds the network, trains, and saves the best model
 * as a {@code .xnet} file with provenance (config, seed, dataset SHA-256, versions, epoch).
 */
public final class TrainingJob {
    /** The provenance key of the precision and layout a run computes in ("fp32 channels-last"). */
    static final String ARITHMETIC = "arithmetic";

    private TrainingJob() {
    }

    /**
     * What to run. With {@code resume}, the config is read from the folder and {@code config} is
     * ignored; {@code data} may then be null (the config's data path is used). {@code arithmetic} is
     * what was asked for; the run computes in the fastest configuration that passed the kernel
     * check for training ({@link Kernels#resolve}), recorded in the provenance, not in the config.
     */
    public record Request(TrainConfig config, Path data, Path out, boolean resume, boolean overwrite,
                          RuntimeRequest arithmetic, List<TrainingListener> listeners) {
        public Request {
            Objects.requireNonNull(arithmetic, "arithmetic");
            listeners = List.copyOf(listeners);
        }

        /** A request in the arithmetic {@code xnet train} uses by default ({@link RuntimeRequest#AUTO}), no extra listeners. */
        public Request(TrainConfig config, Path data, Path out, boolean resume, boolean overwrite) {
            this(config, data, out, resume, overwrite, RuntimeRequest.AUTO, List.of());
        }
    }

    /** Runs the request; {@code stop} ends it after the current step (see {@link StopOnSignal}). */
    public static RunFolder.Result run(Request request, AtomicBoolean stop) throws XNetException {
        RunFolder folder = new RunFolder(request.out());
        boolean resume = request.resume();
        TrainConfig config;
        Path data;
        if (resume) {
            if (folder.isFinished()) {
                throw new XNetException(request.out() + " holds a finished run: nothing to resume (use --overwrite to train again)");
            }
            config = folder.readConfig();
            data = request.data() != null ? request.data() : Path.of(config.dataPath());
            resume = folder.hasCheckpoint();
        } else {
            data = request.data() != null ? request.data() : Path.of(request.config().dataPath());
            config = request.config().with(Map.of("data_path", data.toAbsolutePath().toString(),
                    "save_folder", request.out().toAbsolutePath().toString()));
        }
        // read and check the dataset before the run folder is touched: a bad --data leaves nothing behind
        Dataset dataset = DatasetFile.read(data);
        checkDataset(dataset, data);
        String sha = DatasetFile.sha256(data);
        // a started run (config.json written) computes as it began, even when it was killed before its
        // first checkpoint: its provenance records the arithmetic asked for then, and the dataset
        Provenance earlier = request.resume() ? earlierProvenance(folder, config, sha) : null;
        RuntimeRequest asked = request.arithmetic().withThreads(config.threads());
        RuntimeOptions options = earlier != null ? resumedArithmetic(earlier, asked, folder)
                : Kernels.resolve(asked, Workload.TRAINING);
        // the config was validated when it was made; building the network is the last check before writing
        try (TrainableNet net = TrainableNet.of(config.modelSpec(), dataset.imageSize(), config.seed(), options)) {
            if (!request.resume()) {
                folder.prepareFresh(request.overwrite(), config.modelPath());
            }
            folder.deleteStaleTemporaryFiles();
            // provenance.json before config.json, which marks a started run that --resume and a restarted
            // sweep continue: a kill between the two writes cannot leave a run without its arithmetic
            Provenance provenance = earlier != null ? earlier : newProvenance(folder, config, sha, options);
            if (!request.resume()) {
                folder.writeText(RunFolder.CONFIG, config.toJson());
            }
            List<TrainingListener> listeners = new ArrayList<>(Trainer.standardListeners(config, folder));
            listeners.add(bestModelFile(folder, config, dataset, provenance));
            listeners.addAll(request.listeners());
            Trainer trainer = new Trainer(config, folder, stop, listeners);
            try (BatchSource train = trainingBatches(config, dataset)) {
                return trainer.run(net, train,
                        new ShuffledBatches(dataset.validation(), config.batchSize(), config.seed(), false), resume);
            }
        }
    }

    /** Refuses a dataset without training or validation images. */
    static void checkDataset(Dataset dataset, Path data) throws XNetException {
        if (dataset.train().isEmpty()) {
            throw new XNetException(data + " has no training images");
        }
        if (dataset.validation().isEmpty()) {
            throw new XNetException(data + " has no validation images: training keeps the model with the best validation loss");
        }
    }

    /**
     * On-the-fly: fresh augmentation each epoch ({@link TrainConfig#augmentConfig()}, 2 workers, 4 batches
     * ahead), body parts balanced by
     * duplication when {@code duplicate} is set, last partial batch kept. Otherwise the stored
     * samples (a pre-augmented dataset or plain data), shuffled each epoch.
     */
    private static BatchSource trainingBatches(TrainConfig config, Dataset dataset) {
        if (config.augmentation() == AugmentationMode.ON_THE_FLY) {
            return new OnTheFlySource(dataset.train(), new AugmentPipeline(config.augmentConfig()),
                    new OnTheFlyOptions(config.batchSize(), config.seed(), 2, 4, config.duplicate(), false));
        }
        return new ShuffledBatches(dataset.train(), config.batchSize(), config.seed(), true);
    }

    /**
     * The provenance a resumed run wrote when it started (null when there is none); the dataset must
     * still have the same bytes.
     */
    private static Provenance earlierProvenance(RunFolder folder, TrainConfig config, String sha) throws XNetException {
        if (!Files.isRegularFile(folder.resolve(RunFolder.PROVENANCE))) {
            return null;
        }
        Provenance earlier = folder.readJson(RunFolder.PROVENANCE, Provenance.class);
        if (!earlier.datasetSha256().equals(sha)) {
            throw new XNetException(config.dataPath() + " has changed since the run started (SHA-256 "
                    + sha + ", was " + earlier.datasetSha256() + "): resuming would not continue the same run");
        }
        return earlier;
    }

    /**
     * A resumed run computes as it started (its provenance's {@code arithmetic}): another precision or
     * layout would not continue the same run, and the recorded one must still pass the kernel check.
     * Runs recorded before the arithmetic was take what {@code asked} resolves to.
     */
    static RuntimeOptions resumedArithmetic(Provenance earlier, RuntimeRequest asked, RunFolder folder)
            throws XNetException {
        String recorded = earlier.details().get(ARITHMETIC);
        if (recorded == null) {
            return Kernels.resolve(asked, Workload.TRAINING);
        }
        RuntimeOptions options;
        try {
            options = RuntimeOptions.parse(recorded).withThreads(asked.threads());
        } catch (IllegalArgumentException e) {
            throw new XNetException(folder.resolve(RunFolder.PROVENANCE) + ": " + ARITHMETIC + " " + e.getMessage(), e);
        }
        if (!asked.allows(options)) {
            throw new XNetException(folder.dir() + " was trained in " + recorded + "; " + asked.describe()
                    + " would not continue the same run");
        }
        try {
            return Kernels.require(options, Workload.TRAINING);
        } catch (XNetException e) {
            throw new XNetException(folder.dir() + " was trained in " + recorded + " and cannot resume here: "
                    + e.getMessage(), e);
        }
    }

    /** Provenance of a new run, written once. */
    private static Provenance newProvenance(RunFolder folder, TrainConfig config, String sha, RuntimeOptions options)
            throws XNetException {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("config", config.toJson());
        details.put("java", System.getProperty("java.version"));
        // Results are bit-identical for a fixed thread count; 1 vs 2 threads differ in the last bits.
        details.putAll(Kernels.provenance(options));
        details.put(ARITHMETIC, options.describe());
        Provenance p = Provenance.now(config.seed(), sha, details);
        folder.writeJson(RunFolder.PROVENANCE, p);
        return p;
    }

    /** Saves the best model so far as the run's {@code .xnet} file, with the run's provenance. */
    private static TrainingListener bestModelFile(RunFolder folder, TrainConfig config, Dataset dataset,
                                                  Provenance provenance) {
        return new TrainingListener() {
            @Override
            public void onBestModel(TrainableNet net, EpochRow row) throws XNetException {
                Map<String, String> meta = new LinkedHashMap<>();
                meta.put("epoch", Integer.toString(row.epoch()));
                meta.put("val_loss", Double.toString(row.valLoss()));
                meta.put("val_acc", Double.toString(row.valAcc()));
                meta.put("loss", config.loss().key());
                ModelMetadata metadata = ModelMetadata.standard(config.modelSpec(), dataset.imageSize(), provenance, meta);
                ModelFile.save(folder.resolve(config.modelPath()), metadata, (SegmentationNet) net.block());
            }
        };
    }

}
