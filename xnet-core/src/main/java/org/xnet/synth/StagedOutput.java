package org.xnet.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.xnet.core.AtomicFiles;
import org.xnet.core.XNetException;

/**
 * A synth output folder written all at once: the radiographs go into a hidden folder next to it, and
 * only when every volume has been rendered are {@code Images/}, {@code Labels/} and
 * {@code synth-config.json} moved in. Closing without {@link #commit()} deletes the hidden folder, so
 * a failed run leaves the output folder as it was.
 */
final class StagedOutput implements AutoCloseable {
    /** What a synth run puts into its output folder. */
    static final List<String> ENTRIES = List.of("Images", "Labels", "synth-config.json");

    private final Path out;
    private final Path staging;
    private boolean committed;

    private StagedOutput(Path out, Path staging) {
        this.out = out;
        this.staging = staging;
    }

    /**
     * Stages a run into {@code out}. Unless {@code overwrite}, an {@code out} that already holds an
     * earlier run's {@code Images/} or {@code Labels/} is refused: the old views would join the new ones.
     */
    static StagedOutput open(Path out, boolean overwrite) throws XNetException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new XNetException(out + ": exists and is not a folder");
        }
        for (String earlier : ENTRIES.subList(0, 2)) {
            if (!overwrite && Files.exists(out.resolve(earlier))) {
                throw new XNetException(out + " already holds " + earlier + "/ of an earlier run; give --overwrite "
                        + "to replace it or choose another output folder");
            }
        }
        Path absolute = out.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute.getParent());
            return new StagedOutput(out, Files.createTempDirectory(absolute.getParent(),
                    "." + absolute.getFileName() + ".synth-"));
        } catch (IOException e) {
            throw new XNetException(out + ": cannot write next to it (" + AtomicFiles.describe(e) + ")", e);
        }
    }

    /** The hidden folder to write into. */
    Path dir() {
        return staging;
    }

    /** Replaces the output folder's earlier Images/, Labels/ and synth-config.json by the staged ones. */
    void commit() throws XNetException {
        try {
            Files.createDirectories(out);
            for (String entry : ENTRIES) {
                deleteTree(out.resolve(entry));
                Path staged = staging.resolve(entry);
                if (Files.exists(staged)) {
                    Files.move(staged, out.resolve(entry), StandardCopyOption.ATOMIC_MOVE);
                }
            }
            Files.delete(staging);
            committed = true;
        } catch (IOException e) {
            throw new XNetException(out + ": cannot move the new radiographs in from " + staging + " ("
                    + AtomicFiles.describe(e) + ")", e);
        }
    }

    /** Deletes the staged files unless they were committed. */
    @Override
    public void close() {
        if (!committed) {
            try {
                deleteTree(staging);
            } catch (IOException ignored) {
                // the run already failed; its error is the one to report
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
