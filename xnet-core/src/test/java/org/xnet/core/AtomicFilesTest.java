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
        })).isInstanceOf(XNetException.class).hasMessage("cannot write " + target + ": disk full");
        assertThat(Files.readString(target)).isEqualTo("old");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void checkingWritabilityLeavesNothingBehindNotEvenTheMissingFolders() throws Exception {
        Path nested = dir.resolve("a/b/out.bin");
        AtomicFiles.checkWritable(nested);
        AtomicFiles.checkWritable(dir.resolve("out.bin"));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> AtomicFiles.checkWritable(file.resolve("a/out.bin"))).isInstanceOf(XNetException.class)
                .hasMessage("cannot write " + file.resolve("a/out.bin") + ": " + file + " is not a folder");
    }

    @Test
    void writingThroughASymbolicLinkReplacesItsTargetAndKeepsTheLink() throws Exception {
        Path target = Files.writeString(Files.createDirectories(dir.resolve("real")).resolve("t.txt"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), target);
        AtomicFiles.writeBytes(link, new byte[] {7});
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readAllBytes(target)).containsExactly(7);
    }
}
