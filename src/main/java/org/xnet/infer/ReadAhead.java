package org.xnet.infer;

import java.util.ArrayList;
import java.util.List;
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

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "xnet-read-ahead");
        t.setDaemon(true);
        return t;
    });
    private final List<List<InputFiles.Input>> groups = new ArrayList<>();
    private Future<List<Read>> pending;
    private int next;

    ReadAhead(List<InputFiles.Input> inputs, int groupSize) {
        for (int from = 0; from < inputs.size(); from += groupSize) {
            groups.add(inputs.subList(from, Math.min(inputs.size(), from + groupSize)));
        }
        pending = groups.isEmpty() ? null : executor.submit(() -> read(groups.get(0)));
    }

    boolean hasNext() {
        return next < groups.size();
    }

    /** The next group, in input order; starts reading the one after it. */
    List<Read> next() throws XNetException {
        Future<List<Read>> current = pending;
        next++;
        pending = next < groups.size() ? executor.submit(() -> read(groups.get(next))) : null;
        try {
            return current.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XNetException("interrupted while reading inputs", e);
        } catch (ExecutionException e) {
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
