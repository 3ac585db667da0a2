package org.xnet.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.broadcast.Broadcast;
import org.xnet.core.XNetException;
import org.xnet.infer.BatchPredictor;
import org.xnet.infer.EncodedImage;
import org.xnet.infer.ManifestEntry;

/**
 * What one task does with its share of the inputs: reads each input's bytes, skips an input whose
 * outputs are all in the output folder, and segments the rest {@code batchSize} at a time with the
 * executor's model ({@link ExecutorModel}) through the library's {@link BatchPredictor}, which writes
 * the outputs exactly as {@code xnet predict} does. Rows come out as the inputs are done, so a task
 * holds one batch of images at a time. An input that cannot be read, segmented or written is a
 * {@code failed} row, never a failed task.
 */
final class PredictPartition implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One input of a task: its name, the relative name of its outputs and how to get its bytes. */
    record Pending(String name, String relativeName, Content content) {
    }

    /** The bytes of an input, read only when the task comes to it. */
    @FunctionalInterface
    interface Content {
        byte[] read() throws XNetException;
    }

    private final ExecutorModel.Spec model;
    private final Broadcast<byte[]> modelBytes;
    private final PredictSettings settings;
    private final String outDir;

    PredictPartition(ExecutorModel.Spec model, Broadcast<byte[]> modelBytes, PredictSettings settings, String outDir) {
        this.model = model;
        this.modelBytes = modelBytes;
        this.settings = settings;
        this.outDir = outDir;
    }

    /** The manifest entries of {@code inputs}, computed a batch at a time as they are asked for. */
    Iterator<ManifestEntry> run(Iterator<Pending> inputs) throws XNetException {
        BatchPredictor predictor = new BatchPredictor(ExecutorModel.get(model, modelBytes::value), settings.toConfig());
        Path out = Path.of(outDir);
        int batch = settings.batchSize();
        return new Iterator<>() {
            private final Deque<ManifestEntry> ready = new ArrayDeque<>();

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && inputs.hasNext()) {
                    try {
                        ready.addAll(nextBatch(inputs, predictor, out, batch));
                    } catch (XNetException e) {
                        throw new IllegalStateException("a failed input stopped the task: " + e.getMessage(), e);
                    }
                }
                return !ready.isEmpty();
            }

            @Override
            public ManifestEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }
        };
    }

    /** The entries of the next {@code batch} inputs to segment (and of those skipped or unread on the way). */
    private static List<ManifestEntry> nextBatch(Iterator<Pending> inputs, BatchPredictor predictor, Path out, int batch)
            throws XNetException {
        List<ManifestEntry> entries = new ArrayList<>();
        List<EncodedImage> todo = new ArrayList<>();
        while (todo.size() < batch && inputs.hasNext()) {
            Pending p = inputs.next();
            EncodedImage image;
            try {
                image = new EncodedImage(p.name(), p.relativeName(), p.content().read());
            } catch (XNetException e) {
                entries.add(failed(p.name(), e.getMessage()));
                continue;
            }
            boolean complete;
            try {
                complete = predictor.complete(image, out);
            } catch (XNetException e) {
                entries.add(failed(p.name(), e.getMessage()));
                continue;
            }
            if (complete) {
                entries.add(new ManifestEntry(p.name(), ManifestEntry.SKIPPED_COMPLETE, null, 0, null, null, null, null,
                        List.of()));
            } else {
                todo.add(image);
            }
        }
        entries.addAll(predictor.predict(todo, out));
        return entries;
    }

    private static ManifestEntry failed(String name, String message) {
        String error = message.contains(name) ? message : name + ": " + message;
        return new ManifestEntry(name, ManifestEntry.FAILED, error, 0, null, null, null, null, List.of());
    }
}
