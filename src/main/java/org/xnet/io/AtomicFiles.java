package org.xnet.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.xnet.core.XNetException;

/**
 * Writes a file so that it either appears complete or not at all: the content goes to a temporary
 * file in the target directory, which is moved into place only when the writer has finished.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes the content of one file, given the temporary path to write it to. */
    @FunctionalInterface
    public interface Writer {
        void write(Path temporary) throws IOException, XNetException;
    }

    /**
     * Runs {@code writer} on a temporary file next to {@code target}, then moves it onto
     * {@code target} (replacing it). On any failure the temporary file is deleted and the target
     * is left as it was.
     */
    public static void write(Path target, Writer writer) throws XNetException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new XNetException("cannot write " + target + ": directory " + dir + " does not exist");
        }
        Path temporary;
        try {
            temporary = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        } catch (AccessDeniedException e) {
            throw new XNetException("cannot write " + target + ": directory " + dir + " is not writable", e);
        } catch (IOException e) {
            throw new XNetException("cannot write " + target + ": " + describe(e), e);
        }
        boolean moved = false;
        try {
            writer.write(temporary);
            move(temporary, absolute);
            moved = true;
        } catch (IOException | RuntimeException e) {
            throw new XNetException("cannot write " + target + ": " + describe(e), e);
        } finally {
            if (!moved) {
                deleteQuietly(temporary);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort: the temporary file's name starts with a dot and ends in .tmp
        }
    }

    private static String describe(Exception e) {
        if (e instanceof NoSuchFileException || e instanceof AccessDeniedException) {
            return e.getClass().getSimpleName() + " " + e.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
