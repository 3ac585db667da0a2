package org.xnet.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a fuzz input to a file for the readers that take a path (NIfTI, label images, HDF5 via
 * jhdf). One file per name in a folder made once per JVM, overwritten by each input, so a long
 * fuzzing run leaves a handful of files rather than millions.
 */
final class FuzzFiles {
    private static final Path DIR = folder();

    private FuzzFiles() {
    }

    /** {@code bytes} as the content of the file {@code name} in the fuzz folder. */
    static Path write(String name, byte[] bytes) {
        Path file = DIR.resolve(name);
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fuzz input " + file, e);
        }
        return file;
    }

    /** {@code bytes} gzip-compressed, so the fuzzer mutates what a gzip reader decompresses. */
    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Path folder() {
        try {
            Path dir = Files.createTempDirectory("xnet-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
