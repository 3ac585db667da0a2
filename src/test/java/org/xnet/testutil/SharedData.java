package org.xnet.testutil;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the project's shared real data ({@code /work/shared/data} or {@code ../shared/data}). */
public final class SharedData {
    private static final Path[] CANDIDATES = {
        Path.of("/work/shared/data"), Path.of("../shared/data"), Path.of("../../shared/data"),
    };

    private SharedData() {
    }

    /** The shared data folder, or a skipped test (with a message) when it is absent. */
    public static Path root() {
        for (Path p : CANDIDATES) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        assumeTrue(false, "shared data folder not found (tried /work/shared/data, ../shared/data): skipped");
        throw new IllegalStateException("unreachable");
    }

    /** A file under the shared data folder, or a skipped test when it is absent. */
    public static Path file(String relative) {
        Path p = root().resolve(relative);
        assumeTrue(Files.exists(p), p + " not found: skipped");
        return p;
    }
}
