package org.xnet.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.xnet.core.XNetException;

/**
 * The two entries of a model file's zip archive, read from its bytes (a file is read whole, model
 * files being a few MB to tens of MB); every failure is an {@link XNetException} naming the file (or
 * the name the caller gave the bytes): a cut or corrupt archive is "corrupt or truncated", an archive without
 * {@code model.json} is not a model file. {@code weights} is null when absent (the caller checks it
 * after the format version).
 */
record ModelArchive(byte[] metadata, byte[] weights) {
    /** Length of the end-of-central-directory record without its comment. */
    private static final int END_RECORD = 22;

    private static ModelArchive checked(byte[] metadata, byte[] weights, String name) throws XNetException {
        if (metadata == null) {
            throw new XNetException(name + ": not an xnet model file (missing " + ModelFile.METADATA_ENTRY + ")");
        }
        return new ModelArchive(metadata, weights);
    }

    static ModelArchive read(Path file) throws XNetException {
        return read(ModelFile.readAll(file), file.toString());
    }

    /**
     * The entries of a model file's {@code bytes}, as strict as {@code java.util.zip.ZipFile} on a file:
     * the archive must end with its central directory (checked first, since {@link ZipInputStream} reads
     * from the front and would not notice a cut end), and each entry must match its size and CRC-32.
     */
    static ModelArchive read(byte[] bytes, String name) throws XNetException {
        if (!isSignature(bytes, 0, 3, 4)) {
            throw new XNetException(name + ": not an xnet model file (not a zip archive)");
        }
        byte[] metadata = null;
        byte[] weights = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            requireCentralDirectory(bytes);
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                requireInside(entry.getName(), name);
                if (entry.getName().equals(ModelFile.METADATA_ENTRY)) {
                    metadata = readEntry(zip, entry, name);
                } else if (entry.getName().equals(ModelFile.WEIGHTS_ENTRY)) {
                    weights = readEntry(zip, entry, name);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // ZipInputStream throws IllegalArgumentException for an entry name that is not UTF-8 (ModelFileFuzzTest)
            throw new XNetException(name + ": corrupt or truncated model file (" + e.getMessage() + ")", e);
        }
        return checked(metadata, weights, name);
    }

    /** Refuses an entry name that would point outside a folder the archive were unpacked into. */
    private static void requireInside(String entry, String name) throws XNetException {
        boolean outside = entry.startsWith("/") || entry.startsWith("\\") || entry.matches("^[A-Za-z]:.*")
                || java.util.Arrays.asList(entry.split("[/\\\\]")).contains("..");
        if (outside) {
            throw new XNetException(name + ": not an xnet model file (entry name '" + entry
                    + "' points outside the archive)");
        }
    }

    /**
     * An entry's bytes, read no further than a quarter of the heap, so that a small archive declaring
     * or inflating to a huge entry is refused instead of exhausting memory.
     */
    private static byte[] readEntry(ZipInputStream zip, ZipEntry entry, String name) throws IOException, XNetException {
        long limit = Runtime.getRuntime().maxMemory() / 4;
        if (entry.getSize() > limit) {
            throw new XNetException(name + ": model file entry " + entry.getName() + " declares " + entry.getSize()
                    + " bytes, more than this Java can hold (" + limit + " bytes)");
        }
        byte[] bytes = zip.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
        if (bytes.length > limit) {
            throw new XNetException(name + ": model file entry " + entry.getName() + " inflates to more than "
                    + limit + " bytes, more than this Java can hold");
        }
        return bytes;
    }

    /** The end-of-central-directory record ends the archive and points at a central directory just before it. */
    private static void requireCentralDirectory(byte[] b) throws ZipException {
        int lowest = Math.max(0, b.length - END_RECORD - 0xFFFF);
        for (int at = b.length - END_RECORD; at >= lowest; at--) {
            if (isSignature(b, at, 5, 6) && at + END_RECORD + uint16(b, at + 20) == b.length) {
                long size = uint32(b, at + 12);
                long offset = uint32(b, at + 16);
                if (offset + size != at || size > 0 && !isSignature(b, (int) offset, 1, 2)) {
                    throw new ZipException("the end record points at no central directory");
                }
                return;
            }
        }
        throw new ZipException("no end of central directory record");
    }

    /** Whether a zip record signature, "PK" and two bytes, starts at {@code at}. */
    private static boolean isSignature(byte[] b, int at, int third, int fourth) {
        return at + 4 <= b.length && b[at] == 'P' && b[at + 1] == 'K' && b[at + 2] == third && b[at + 3] == fourth;
    }

    private static int uint16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long uint32(byte[] b, int at) {
        return uint16(b, at) | (long) uint16(b, at + 2) << 16;
    }

    /** The bytes of one entry, checked against the size and CRC-32 in the central directory; null if absent. */
}
