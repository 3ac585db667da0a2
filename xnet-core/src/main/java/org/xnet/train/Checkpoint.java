package org.xnet.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.xnet.core.XNetException;
import org.xnet.core.AtomicFiles;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The resumable state of a run at the end of an epoch, or in the middle of one after Ctrl-C, kept in
 * one zip file written atomically: {@code state.json} (epochs done, best-so-far, early-stopping
 * counter, the log rows, the progress of the unfinished epoch), {@code weights.bin} (every
 * parameter) and {@code optimizer.bin} (slots and update counts). The random stream needs no
 * state: batches are a function of (seed, epoch), so a resumed run skips the batches already done.
 */
public final class Checkpoint {
    /** The file name inside a run folder. */
    public static final String FILE = "checkpoint.zip";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());

    private Checkpoint() {
    }

    /** Progress of a run after {@code completedEpochs} epochs and {@code epoch} of the next one. */
    public record State(@JsonProperty("completed_epochs") int completedEpochs,
                        @JsonProperty("best_val_loss") double bestValLoss,
                        @JsonProperty("best_epoch") int bestEpoch,
                        @JsonProperty("epochs_since_best") int epochsSinceBest,
                        @JsonProperty("rows") List<EpochRow> rows,
                        @JsonProperty("next_epoch_progress") EpochProgress epoch) {
        public State {
            epoch = epoch == null ? EpochProgress.NONE : epoch; // checkpoints written at epoch ends only
            rows = List.copyOf(rows);
            if (rows.size() != completedEpochs) {
                throw new IllegalArgumentException("checkpoint has " + rows.size() + " log rows for "
                        + completedEpochs + " completed epochs");
            }
        }

        /** The state before the first epoch. */
        public static State initial() {
            return new State(0, Double.POSITIVE_INFINITY, 0, 0, List.of(), EpochProgress.NONE);
        }

        /** This state with the next epoch's progress replaced. */
        public State withEpoch(EpochProgress progress) {
            return new State(completedEpochs, bestValLoss, bestEpoch, epochsSinceBest, rows, progress);
        }
    }

    /** Writes the state, the weights and the optimizer to {@code file} atomically. */
    public static void write(Path file, State state, TrainableNet net, KerasOptimizer optimizer) throws XNetException {
        AtomicFiles.write(file, tmp -> {
            try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                zip.putNextEntry(new ZipEntry("state.json"));
                zip.write(JSON.writeValueAsBytes(state));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry("weights.bin"));
                DataOutputStream out = new DataOutputStream(unclosable(zip));
                net.saveWeights(out);
                out.flush();
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry("optimizer.bin"));
                out = new DataOutputStream(unclosable(zip));
                optimizer.save(out);
                out.flush();
                zip.closeEntry();
            }
        });
    }

    /** Reads only the state of the checkpoint {@code file} (no network needed). */
    public static State readState(Path file) throws XNetException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return JSON.readValue(entry(zip, "state.json", file), State.class);
        } catch (IOException | RuntimeException e) {
            throw new XNetException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@code file} into {@code net} and {@code optimizer} and returns the run's state. */
    public static State read(Path file, TrainableNet net, KerasOptimizer optimizer)
            throws XNetException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            State state = JSON.readValue(entry(zip, "state.json", file), State.class);
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(entry(zip, "weights.bin", file)))) {
                net.loadWeights(in);
            }
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(entry(zip, "optimizer.bin", file)))) {
                optimizer.load(in, net.manager());
            }
            return state;
        } catch (IOException | RuntimeException e) {
            throw new XNetException("cannot resume from checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static InputStream entry(ZipFile zip, String name, Path file) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new IOException("entry " + name + " is missing in " + file);
        }
        return zip.getInputStream(e);
    }

    private static OutputStream unclosable(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
