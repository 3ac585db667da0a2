package org.xnet.core;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file atomically: the content goes to a temporary file in the target directory, which is
 * moved into place only when complete; on failure the temporary file is deleted, so nothing
 * half-written remains. The temporary file is created with the default permissions (umask), so
 * the result is as readable as any other file the user writes. Error messages name the target,
 * never the temporary file.
 */
public final class AtomicFiles {

    /** Writes the content of a file, given the temporary path to write it to. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path temp) throws IOException, XNetException;
    }

    private AtomicFiles() {
    }

    /** Runs {@code writer} on a temporary file next to {@code target}, then moves it to {@code target}. */
    public static void write(Path target, Writer writer) throws XNetException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp;
        try {
            Files.createDirectories(dir);
            temp = Files.createFile(dir.resolve("." + absolute.getFileName() + "."
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp"));
        } catch (IOException e) {
            throw new XNetException(target + ": cannot write here (" + describe(e) + ")", e);
        }
        boolean moved = false;
        try {
            try {
                writer.writeTo(temp);
            } catch (IOException e) {
                throw new XNetException(target + ": write failed (" + describe(e).replace(temp.toString(),
                        absolute.toString()).replace(temp.getFileName().toString(), absolute.getFileName().toString())
                        + ")", e);
            }
            try {
                move(temp, absolute);
            } catch (IOException e) {
                throw new XNetException(target + (Files.isDirectory(absolute) ? " is a directory"
                        : ": cannot put the finished file in place (" + e.getClass().getSimpleName() + ")"), e);
            }
            moved = true;
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the write already failed; the original error is the one to report
                }
            }
        }
    }

    /** Writes {@code bytes} to {@code target} atomically. */
    public static void writeBytes(Path target, byte[] bytes) throws XNetException {
        write(target, temp -> Files.write(temp, bytes));
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** "ExceptionClass: message", for one-line error messages. */
    public static String describe(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
