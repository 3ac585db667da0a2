package org.xnet.core;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file atomically: the content goes to a temporary file in the target directory, which is
 * moved into place only when complete; on failure the temporary file is deleted, so nothing
 * half-written remains. The temporary file is created with the default permissions (umask), so
 * the result is as readable as any other file the user writes.
 *
 * <p>The target must be a regular file or not exist: a folder, FIFO, device or socket at that path
 * is refused, never replaced. A symbolic link is followed, so its target is replaced and the link
 * stays; a link to nothing is refused. Error messages name the target, never the temporary file.
 */
public final class AtomicFiles {

    /**
     * Test-only: milliseconds to sleep after creating the temporary file and again after writing it,
     * so that a kill test can land a SIGKILL inside the window on purpose (PredictPartsKillTest).
     * Set with {@code -Dxnet.test.atomicWritePauseMillis=N}; 0, the default, in every use.
     */
    private static final long PAUSE_MILLIS = Long.getLong("xnet.test.atomicWritePauseMillis", 0);

    /** Writes the content of a file, given the temporary path to write it to. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path temp) throws IOException, XNetException;
    }

    private AtomicFiles() {
    }

    /** Runs {@code writer} on a temporary file next to {@code target}, then moves it to {@code target}. */
    public static void write(Path target, Writer writer) throws XNetException {
        Path absolute = destination(target);
        Path dir = absolute.getParent();
        Path temp;
        try {
            Files.createDirectories(dir);
            temp = Files.createFile(tempName(absolute));
        } catch (IOException e) {
            throw new XNetException("cannot write " + target + ": " + reason(e, dir), e);
        }
        boolean moved = false;
        try {
            pauseForKillTests();
            writer.writeTo(temp);
            pauseForKillTests();
            move(temp, absolute);
            moved = true;
        } catch (IOException e) {
            String why = reason(e, dir).replace(temp.toString(), target.toString());
            throw new XNetException("cannot write " + target + ": " + why, e);
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

    private static void pauseForKillTests() throws IOException {
        if (PAUSE_MILLIS > 0) {
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted");
            }
        }
    }

    /**
     * Checks, without writing {@code target}, that {@link #write} could put a file there: the path
     * is acceptable (see the class comment) and a temporary file can be created and deleted in its
     * folder, or in the nearest existing folder above it when the folder does not exist yet.
     */
    public static void checkWritable(Path target) throws XNetException {
        Path absolute = destination(target);
        Path dir = absolute.getParent();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new XNetException("cannot write " + target + ": " + (dir == null ? "no folder to write in"
                    : dir + " is not a folder"));
        }
        try {
            Files.delete(Files.createFile(tempName(dir.resolve(absolute.getFileName()))));
        } catch (IOException e) {
            throw new XNetException("cannot write " + target + ": " + reason(e, dir), e);
        }
    }

    /**
     * The absolute path that {@code target} names for writing: itself, or the file its symbolic
     * link points to; an existing folder, FIFO, device or socket, or a link to nothing, is refused.
     */
    private static Path destination(Path target) throws XNetException {
        Path absolute = target.toAbsolutePath();
        if (Files.isSymbolicLink(absolute)) {
            try {
                absolute = absolute.toRealPath();
            } catch (IOException e) {
                throw new XNetException("cannot write " + target + ": it is a symbolic link to a file that does "
                        + "not exist", e);
            }
        }
        if (Files.isDirectory(absolute)) {
            throw new XNetException("cannot write " + target + ": it is a folder");
        }
        if (Files.exists(absolute) && !Files.isRegularFile(absolute)) {
            throw new XNetException("cannot write " + target + ": it exists and is not a regular file "
                    + "(a FIFO, device or socket), so it is not replaced");
        }
        Path parent = absolute.getParent();
        if (parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
            throw new XNetException("cannot write " + target + ": " + parent + " is not a folder");
        }
        return absolute;
    }

    private static Path tempName(Path absolute) {
        return absolute.resolveSibling("." + absolute.getFileName() + "."
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
    }

    /**
     * Why writing in {@code dir} failed, in words, without the exception's class or (for file-system
     * errors) the temporary file's name.
     */
    private static String reason(IOException e, Path dir) {
        if (e instanceof AccessDeniedException) {
            return "permission denied in " + dir;
        }
        if (e instanceof FileSystemException f) {
            return f.getReason() != null ? f.getReason() + " (in " + dir + ")" : "cannot create a file in " + dir;
        }
        return e.getMessage() != null ? e.getMessage() : "I/O error in " + dir;
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

    /**
     * What went wrong, in words for a one-line error message: the exception's message (a missing
     * file or a refused permission said so), never its class name, which means nothing to a user.
     */
    public static String describe(Exception e) {
        String m = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("").strip();
        if (e instanceof java.nio.file.NoSuchFileException n && n.getReason() == null) {
            return n.getFile() + ": no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException a && a.getReason() == null) {
            return a.getFile() + ": permission denied";
        }
        if (m.isEmpty()) {
            return e instanceof java.io.EOFException ? "unexpected end of file" : "no details given";
        }
        return m;
    }
}
