package org.xnet.io;

import org.xnet.core.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.xnet.core.XNetException;

/** The image formats {@link ImageReaders} recognises, told apart by their first bytes. */
public enum ImageFormat {
    TIFF, PNG, JPEG, DICOM,
    /** Recognised by none of the signatures above; ImageIO may still read it (BMP, GIF). */
    OTHER;

    private static final int HEAD = 132;

    /** The format of {@code file}, from its content; {@code .dcm} files without a preamble count as DICOM. */
    public static ImageFormat of(Path file) throws XNetException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD);
        } catch (IOException e) {
            throw new XNetException(file + ": cannot read (" + AtomicFiles.describe(e) + ")", e);
        }
        if (head.length == 0) {
            throw new XNetException(file + ": empty file, not an image");
        }
        return of(head, file.getFileName() == null ? "" : file.getFileName().toString());
    }

    /**
     * The format of a file whose content starts with {@code head} (at least its first 132 bytes, or
     * all of it) and whose name is {@code fileName}; no bytes at all give {@link #OTHER}.
     */
    public static ImageFormat of(byte[] head, String fileName) {
        if (startsWith(head, 'I', 'I', 42, 0) || startsWith(head, 'M', 'M', 0, 42)
                || startsWith(head, 'I', 'I', 43, 0) || startsWith(head, 'M', 'M', 0, 43)) {
            return TIFF;
        }
        if (startsWith(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (startsWith(head, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (DicomParser.hasPreamble(head) || lower.endsWith(".dcm") || lower.endsWith(".dicom")) {
            return DICOM;
        }
        return OTHER;
    }

    private static boolean startsWith(byte[] b, int... signature) {
        if (b.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((b[i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
