package org.xnet.infer;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.xnet.core.Image2D;
import org.xnet.core.XNetException;
import org.xnet.io.ImageReaders;

/**
 * Reads the inputs in groups on a background thread, one group ahead of the caller, so that
 * decoding the next radiographs (DICOM, JPEG 2000, large TIFFs) overlaps with the network.
 */
final class ReadAhead implements AutoCloseable {
    /** One input: its image, or the error that reading it gave. */
    record Read(InputFiles.Input input, Image2D image, XNetException error) {
    }

    private final ExecutorService executor;
    private final List<List<InputFiles.Input>> groups = new ArrayList<>();
    private Future<List<Read>> pending;
    private int next;

    ReadAhead(List<InputFiles.Input> inputs, int groupSize) {
        this(inputs, groupSize, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "xnet-read-ahead");
            t.setDaemon(true);
            return t;
        }));
    }

    /** Reads on {@code executor}, which it shuts down on {@link #close()}; tests choose when tasks run. */
    ReadAhead(List<InputFiles.Input> inputs, int groupSize, ExecutorService executor) {
        if (groupSize < 1) {
            throw new IllegalArgumentException("group size must be at least 1, got " + groupSize);
        }
        this.executor = executor;
        for (int from = 0; from < inputs.size(); from += groupSize) {
            groups.add(inputs.subList(from, Math.min(inputs.size(), from + groupSize)));
        }
        if (!groups.isEmpty()) {
            List<InputFiles.Input> first = groups.get(0);
            pending = executor.submit(() -> read(first));
        }
    }

    boolean hasNext() {
        return next < groups.size();
    }

    /**
     * The next group, in input order; starts reading the one after it. The task is given its group,
     * not this object's {@code next}: it may start after the caller has moved on.
     */
    List<Read> next() throws XNetException {
        if (!hasNext()) {
            throw new NoSuchElementException("all " + groups.size() + " groups of inputs have been read");
        }
        Future<List<Read>> current = pending;
        next++;
        if (next < groups.size()) {
            List<InputFiles.Input> group = groups.get(next);
            pending = executor.submit(() -> read(group));
        } else {
            pending = null;
        }
        try {
            return current.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XNetException("interrupted while reading inputs", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error; // out of memory on the reading thread is reported as such, not as a bug
            }
            throw new IllegalStateException("reading inputs failed unexpectedly", e.getCause());
        }
    }

    private static List<Read> read(List<InputFiles.Input> group) {
        List<Read> out = new ArrayList<>(group.size());
        for (InputFiles.Input input : group) {
            try {
                out.add(new Read(input, ImageReaders.read(input.file()), null));
            } catch (XNetException e) {
                out.add(new Read(input, null, e));
            }
        }
        return out;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
