package org.xnet.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.xnet.core.Sha256;

/**
 * SHA-256 of native libraries, remembered per file (path, size and modification time) in the user's
 * cache folder: hashing libtorch's 446 MB takes about a second. The memory is an optimisation only;
 * where the cache folder cannot be written, the file is hashed every time.
 */
final class LibraryHashes {
    private LibraryHashes() {
    }

    /** The SHA-256 (lower-case hex) of {@code file}. */
    static String sha256(Path file) throws IOException {
        return sha256(file, cacheFolder());
    }

    static String sha256(Path file, Path cacheFolder) throws IOException {
        String key = file.toAbsolutePath() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis();
        Path entry = cacheFolder.resolve("sha256-" + Sha256.of(key.getBytes(StandardCharsets.UTF_8)));
        try {
            String[] remembered = Files.readString(entry).split("\n");
            if (remembered.length == 2 && remembered[0].equals(key) && remembered[1].matches("[0-9a-f]{64}")) {
                return remembered[1];
            }
        } catch (IOException e) {
            // not remembered yet
        }
        String sha = Sha256.of(file);
        try {
            Files.createDirectories(cacheFolder);
            Path tmp = Files.createTempFile(cacheFolder, "sha256-", ".tmp");
            Files.writeString(tmp, key + "\n" + sha);
            Files.move(tmp, entry, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // an optimisation only
        }
        return sha;
    }

    /** {@code $XDG_CACHE_HOME/xnet}, else {@code ~/.cache/xnet}. */
    static Path cacheFolder() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path root = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return root.resolve("xnet");
    }
}
