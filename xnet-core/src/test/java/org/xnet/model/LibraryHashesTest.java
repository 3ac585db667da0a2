package org.xnet.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SHA-256 of libraries, remembered per path, size and modification time. */
class LibraryHashesTest {
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @TempDir
    Path dir;

    @Test
    void hashesOnceAndRemembers() throws Exception {
        Path file = dir.resolve("lib.so");
        Files.writeString(file, "abc");
        Path cache = dir.resolve("cache");
        assertThat(LibraryHashes.sha256(file, cache)).isEqualTo(ABC);
        Path entry;
        try (Stream<Path> entries = Files.list(cache)) {
            entry = entries.findFirst().orElseThrow();
        }
        // a remembered value is used as long as the file's path, size and time are those remembered
        String remembered = Files.readString(entry);
        Files.writeString(entry, remembered.replace(ABC, "0".repeat(64)));
        assertThat(LibraryHashes.sha256(file, cache)).isEqualTo("0".repeat(64));
        Files.writeString(file, "abcd");
        assertThat(LibraryHashes.sha256(file, cache))
                .isEqualTo("88d4266fd4e6338d13b845fcf289579d209c897823b9217da3e161936f031589");
    }

    @Test
    void anUnwritableCacheOnlyCostsTime() throws Exception {
        Path file = dir.resolve("lib.so");
        Files.writeString(file, "abc");
        Path notAFolder = dir.resolve("plain-file");
        Files.writeString(notAFolder, "x");
        assertThat(LibraryHashes.sha256(file, notAFolder)).isEqualTo(ABC);
    }
}
