package org.xnet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void theFileGetsTheSamePermissionsAsAnyNewFile() throws Exception {
        Path plain = Files.createFile(dir.resolve("plain"));
        Path atomic = dir.resolve("sub/atomic.bin");
        AtomicFiles.writeBytes(atomic, new byte[] {1, 2, 3});
        assertThat(Files.readAllBytes(atomic)).containsExactly(1, 2, 3);
        assertThat(Files.getPosixFilePermissions(atomic)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void aFailedWriteLeavesNothingAndKeepsTheOldFile() throws Exception {
        Path target = dir.resolve("kept.txt");
        Files.writeString(target, "old");
        assertThatThrownBy(() -> AtomicFiles.write(target, temp -> {
            Files.writeString(temp, "half");
            throw new IOException("disk full");
        })).isInstanceOf(XNetException.class).hasMessageStartingWith(target + ": write failed").hasMessageContaining("disk full");
        assertThat(Files.readString(target)).isEqualTo("old");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void errorsNameTheTargetNeverTheTemporaryFile() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("adir"));
        assertThatThrownBy(() -> AtomicFiles.writeBytes(folder, new byte[] {1}))
                .isInstanceOf(XNetException.class).hasMessage(folder + " is a directory");
        Path target = dir.resolve("out.h5");
        assertThatThrownBy(() -> AtomicFiles.write(target, temp -> {
            throw new IOException(temp + ": cannot write, " + temp.getFileName() + " is locked");
        })).isInstanceOf(XNetException.class)
                .hasMessage(target + ": write failed (IOException: " + target.toAbsolutePath() + ": cannot write, out.h5 is locked)");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(folder);
        }
    }
}
