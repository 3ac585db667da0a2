package org.xnet.testutil;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the project's shared real data ({@code /work/shared/data} or {@code ../shared/data} relative
 * to the working directory); tests that need it are skipped, with a message, where it is absent.
 */
public final class SharedData {

    private static final List<Path> CANDIDATES = List.of(Path.of("/work/shared/data"),
            Path.of("..", "shared", "data"), Path.of("..", "..", "shared", "data"));

    private SharedData() {
    }

    /** The shared data folder, or skips the calling test when there is none. */
    public static Path root() {
        for (Path p : CANDIDATES) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        assumeTrue(false, "shared data not found (tried " + CANDIDATES + "); skipping");
        throw new IllegalStateException("unreachable");
    }

    /** {@code relative} under the shared data folder, or skips the calling test when it is absent. */
    public static Path file(String relative) {
        Path p = root().resolve(relative);
        assumeTrue(Files.exists(p), "shared data file " + p + " not found; skipping");
        return p;
    }
}
