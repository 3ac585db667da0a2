package org.xnet.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.xnet.core.XNetException;

/**
 * The two entries of a model file's zip archive, read from a file or from its bytes; every failure
 * is an {@link XNetException} naming the file (or the name the caller gave the bytes). Both ways are
 * as strict: a cut or corrupt archive is "corrupt or truncated", an archive without
 * {@code model.json} is not a model file. {@code weights} is null when absent (the caller checks it
 * after the format version).
 */
record ModelArchive(byte[] metadata, byte[] weights) {
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    /** Length of the end-of-central-directory record without its comment. */
    private static final int END_RECORD = 22;

    private static ModelArchive checked(byte[] metadata, byte[] weights, String name) throws XNetException {
        if (metadata == null) {
            throw new XNetException(name + ": not an xnet model file (missing " + ModelFile.METADATA_ENTRY + ")");
        }
        return new ModelArchive(metadata, weights);
    }

    static ModelArchive read(Path file) throws XNetException {
        byte[] metadata = null;
        byte[] weights = null;
        try (InputStream raw = Files.newInputStream(file)) {
            byte[] magic = raw.readNBytes(ZIP_MAGIC.length);
            if (!Arrays.equals(magic, ZIP_MAGIC)) {
                throw new XNetException(file + ": not an xnet model file (not a zip archive)");
            }
        } catch (NoSuchFileException e) {
            throw new XNetException(file + ": model file not found");
        } catch (IOException e) {
            throw new XNetException(file + ": cannot read the model file: " + e.getMessage(), e);
        }
        // ZipFile needs the central directory at the end of the file, so a truncated file is noticed
        try (ZipFile zip = new ZipFile(file.toFile())) {
            metadata = readEntry(zip, ModelFile.METADATA_ENTRY);
            weights = readEntry(zip, ModelFile.WEIGHTS_ENTRY);
        } catch (IOException e) {
            throw new XNetException(file + ": corrupt or truncated model file (" + e.getMessage() + ")", e);
        }
        return checked(metadata, weights, file.toString());
    }

    /**
     * The entries of a model file's {@code bytes}, as strict as {@link ZipFile} on a file: the
     * archive must end with its central directory (checked first, since {@link ZipInputStream} reads
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
                if (entry.getName().equals(ModelFile.METADATA_ENTRY)) {
                    metadata = zip.readAllBytes();
                } else if (entry.getName().equals(ModelFile.WEIGHTS_ENTRY)) {
                    weights = zip.readAllBytes();
                }
            }
        } catch (IOException e) {
            throw new XNetException(name + ": corrupt or truncated model file (" + e.getMessage() + ")", e);
        }
        return checked(metadata, weights, name);
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
    private static byte[] readEntry(ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            return null;
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readAllBytes();
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        if (bytes.length != entry.getSize() || crc.getValue() != entry.getCrc()) {
            throw new ZipException(name + " does not match its recorded size and checksum");
        }
        return bytes;
    }
}
