package org.xnet.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.xnet.core.XNetException;
import org.xnet.core.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The output folder of one training run and the only place training writes to: {@code config.json},
 * {@code provenance.json}, {@code log.csv}, {@link Checkpoint#FILE}, the best model and, once the
 * run has ended, {@code result.json}. Every file is written atomically.
 */
public final class RunFolder {
    public static final String CONFIG = "config.json";
    public static final String PROVENANCE = "provenance.json";
    public static final String LOG = "log.csv";
    public static final String RESULT = "result.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());

    private final Path dir;

    public RunFolder(Path dir) {
        this.dir = dir;
    }

    /** How a run ended: epochs done, the best epoch and its validation loss and accuracy, and why it stopped. */
    public record Result(@JsonProperty("completed_epochs") int completedEpochs,
                         @JsonProperty("best_epoch") int bestEpoch,
                         @JsonProperty("best_val_loss") double bestValLoss,
                         @JsonProperty("best_val_acc") double bestValAcc,
                         @JsonProperty("stop_reason") StopReason stopReason,
                         @JsonProperty("model_file") String modelFile) {
    }

    public Path dir() {
        return dir;
    }

    public Path resolve(String name) {
        return dir.resolve(name);
    }

    /** True when the run in this folder has ended (finished or stopped early, not interrupted). */
    public boolean isFinished() {
        return Files.isRegularFile(resolve(RESULT));
    }

    /** True when a checkpoint exists to resume from. */
    public boolean hasCheckpoint() {
        return Files.isRegularFile(resolve(Checkpoint.FILE));
    }

    /**
     * Makes the folder ready for a new run: creates it, or, when it holds an earlier run, refuses
     * unless {@code overwrite} (then deletes that run's files, nothing else). A {@code provenance.json}
     * alone is not a run: a run writes it first and {@code config.json} next, so it is what a run
     * killed between the two leaves, and it is replaced.
     */
    public void prepareFresh(boolean overwrite, String modelFile) throws XNetException {
        List<String> ours = List.of(CONFIG, PROVENANCE, LOG, RESULT, Checkpoint.FILE, modelFile);
        try {
            Files.createDirectories(dir);
            boolean earlier = ours.stream().filter(f -> !f.equals(PROVENANCE)).anyMatch(f -> Files.exists(resolve(f)));
            if (earlier && !overwrite) {
                throw new XNetException(dir + " already holds a " + (isFinished() ? "finished" : "started")
                        + " run: use --resume " + dir + " to continue it or --overwrite to start again");
            }
            for (String f : ours) {
                Files.deleteIfExists(resolve(f));
            }
        } catch (IOException e) {
            throw new XNetException("cannot prepare output folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the temporary files ({@code .NAME.*.tmp}) that an atomic write leaves behind when the
     * process is killed during it; called when a run starts or resumes, when no write is under way.
     */
    public void deleteStaleTemporaryFiles() throws XNetException {
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(RunFolder::isStaleTemporary).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new XNetException("cannot clean temporary files in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isStaleTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(".tmp") && Files.isRegularFile(file);
    }

    /** Writes a text file atomically. */
    public void writeText(String name, String text) throws XNetException {
        AtomicFiles.write(resolve(name), tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    /** Writes any JSON-serialisable value atomically. */
    public void writeJson(String name, Object value) throws XNetException {
        AtomicFiles.write(resolve(name), tmp -> JSON.writeValue(tmp.toFile(), value));
    }

    /** Writes the log: header and one row per completed epoch. */
    public void writeLog(List<EpochRow> rows) throws XNetException {
        StringBuilder sb = new StringBuilder(EpochRow.CSV_HEADER).append('\n');
        for (EpochRow r : rows) {
            sb.append(r.toCsv()).append('\n');
        }
        writeText(LOG, sb.toString());
    }

    /** Reads the log written by {@link #writeLog}. */
    public List<EpochRow> readLog() throws XNetException {
        try {
            List<String> lines = Files.readAllLines(resolve(LOG));
            return lines.stream().skip(1).filter(l -> !l.isBlank()).map(EpochRow::parseCsv).toList();
        } catch (IOException | IllegalArgumentException e) {
            throw new XNetException("cannot read training log " + resolve(LOG) + ": " + e.getMessage(), e);
        }
    }

    /** Reads a JSON file of this folder as {@code type}. */
    public <T> T readJson(String name, Class<T> type) throws XNetException {
        try {
            return JSON.readValue(resolve(name).toFile(), type);
        } catch (IOException e) {
            throw new XNetException("cannot read " + resolve(name) + ": " + e.getMessage(), e);
        }
    }

    /** Reads result.json. */
    public Result readResult() throws XNetException {
        return readJson(RESULT, Result.class);
    }

    /** Reads the configuration the run was started with. */
    public TrainConfig readConfig() throws XNetException {
        Path file = resolve(CONFIG);
        if (!Files.isRegularFile(file)) {
            throw new XNetException(dir + " is not a training run folder: " + CONFIG + " is missing");
        }
        try {
            return TrainConfig.fromJson(Files.readString(file));
        } catch (IOException | IllegalArgumentException e) {
            throw new XNetException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
