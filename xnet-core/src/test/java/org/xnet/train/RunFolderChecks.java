package org.xnet.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.xnet.core.XNetException;
import org.xnet.model.ModelFile;
import org.xnet.model.RuntimeOptions;

/**
 * What a run folder must satisfy at any moment, however its process ended: every model file and the
 * checkpoint load as a resumed run or {@code xnet predict} would load them, and the log and the
 * checkpoint's rows are a prefix of an uninterrupted run's log (none lost, none duplicated, same
 * values); and the comparisons of a finished run with an uninterrupted one.
 */
final class RunFolderChecks {
    private RunFolderChecks() {
    }

    /**
     * Loads every {@code .xnet} file and the checkpoint of {@code run} (images {@code size} pixels)
     * and checks the logged rows against {@code reference}; returns the checkpoint's completed epochs
     * (-1 without one).
     */
    static int assertConsistent(Path run, int size, List<EpochRow> reference) throws IOException, XNetException {
        RunFolder folder = new RunFolder(run);
        try (NDManager manager = NDManager.newBaseManager(); Stream<Path> files = Files.list(run)) {
            for (Path model : files.filter(f -> f.getFileName().toString().endsWith(ModelFile.EXTENSION)).toList()) {
                ModelFile.load(model, manager);
            }
        }
        if (Files.exists(folder.resolve(RunFolder.LOG))) {
            assertPrefix(folder.readLog(), reference, run.resolve(RunFolder.LOG));
        }
        if (!folder.hasCheckpoint()) {
            return -1;
        }
        TrainConfig config = folder.readConfig();
        try (TrainableNet net = TrainableNet.of(config.modelSpec(), size, config.seed(), RuntimeOptions.FP32_NCHW)) {
            Checkpoint.State state = Checkpoint.read(folder.resolve(Checkpoint.FILE), net, config.newOptimizer());
            assertPrefix(state.rows(), reference, folder.resolve(Checkpoint.FILE));
            return state.completedEpochs();
        }
    }

    /** The rows are the first rows of {@code reference}: same epochs, losses and accuracies (times aside). */
    static void assertPrefix(List<EpochRow> rows, List<EpochRow> reference, Path where) {
        assertThat(rows.size()).as("rows in %s", where).isLessThanOrEqualTo(reference.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(values(rows.get(i))).as("row %d of %s", i + 1, where).isEqualTo(values(reference.get(i)));
        }
    }

    /** A finished run equals an uninterrupted one: log values, result, model weights, checkpoint weights and optimizer. */
    static void assertSameRun(Path run, Path reference) throws IOException, XNetException {
        RunFolder a = new RunFolder(run);
        RunFolder b = new RunFolder(reference);
        String modelFile = a.readConfig().modelPath();
        assertThat(a.readLog()).hasSameSizeAs(b.readLog());
        assertPrefix(a.readLog(), b.readLog(), a.resolve(RunFolder.LOG));
        assertThat(a.readResult()).isEqualTo(b.readResult());
        assertThat(entry(a.resolve(modelFile), "weights.bin")).as("weights of %s", a.resolve(modelFile))
                .isEqualTo(entry(b.resolve(modelFile), "weights.bin"));
        for (String entry : List.of("weights.bin", "optimizer.bin")) {
            assertThat(entry(a.resolve(Checkpoint.FILE), entry)).as("%s of %s", entry, a.resolve(Checkpoint.FILE))
                    .isEqualTo(entry(b.resolve(Checkpoint.FILE), entry));
        }
        assertThat(names(run)).isEqualTo(names(reference));
    }

    /** The temporary files of atomic writes ({@code .NAME.*.tmp}) anywhere under {@code dir}, with their sizes. */
    static List<String> temporaryFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(".")
                            && f.getFileName().toString().endsWith(".tmp"))
                    .map(f -> dir.relativize(f) + " (" + f.toFile().length() + " bytes)").sorted().toList();
        }
    }

    static byte[] entry(Path zip, String name) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return z.getInputStream(z.getEntry(name)).readAllBytes();
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static List<Double> values(EpochRow r) {
        return List.of((double) r.epoch(), r.loss(), r.acc(), r.valLoss(), r.valAcc());
    }
}
