package org.xnet.infer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xnet.core.AtomicFiles;
import org.xnet.core.XNetException;

/**
 * A prediction manifest in JSON Lines: one {@link ManifestEntry} object per line, appended as each
 * input finishes with one write call, so a process killed at any moment leaves every finished
 * input's line (the operating system keeps what was written; the file is not synced to disk, so a
 * power cut may lose the last lines). A kill during a write can leave a partial last line: {@link #read}
 * drops it, and a run that continues the manifest rewrites it without it.
 */
final class Manifest implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final FileChannel channel;

    private Manifest(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Starts {@code file} afresh with the lines {@code first} (atomically: the old file, if any, stays
     * whole until the new one replaces it), then keeps it open for appending.
     */
    static Manifest start(Path file, List<ManifestEntry> first) throws XNetException {
        StringBuilder text = new StringBuilder();
        for (ManifestEntry e : first) {
            text.append(line(e));
        }
        AtomicFiles.writeBytes(file, text.toString().getBytes(StandardCharsets.UTF_8));
        try {
            return new Manifest(file, FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new XNetException("cannot append to " + file + ": " + AtomicFiles.describe(e), e);
        }
    }

    /** Appends one line and hands it to the operating system at once. */
    void append(ManifestEntry entry) throws XNetException {
        ByteBuffer bytes = ByteBuffer.wrap(line(entry).getBytes(StandardCharsets.UTF_8));
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            throw new XNetException("cannot append to " + file + ": " + AtomicFiles.describe(e), e);
        }
    }

    /**
     * The entries of {@code file} by input, the last line of an input winning; an absent file gives
     * none. A last line without its newline (cut by a kill) is dropped; any other line that is not a
     * manifest entry is an error naming the file and the line number.
     */
    static Map<String, ManifestEntry> read(Path file) throws XNetException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new XNetException("cannot read " + file + ": " + AtomicFiles.describe(e), e);
        }
        Map<String, ManifestEntry> out = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        // the piece after the last newline is either empty or a line cut short
        for (int i = 0; i < lines.length - 1; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                ManifestEntry e = JSON.readValue(lines[i], ManifestEntry.class);
                out.put(e.input(), e);
            } catch (JsonProcessingException | RuntimeException e) {
                throw new XNetException(file + " line " + (i + 1) + ": not a manifest entry ("
                        + e.getMessage().lines().findFirst().orElse("") + ")", e);
            }
        }
        return out;
    }

    private static String line(ManifestEntry entry) {
        try {
            return JSON.writeValueAsString(entry) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a manifest entry as JSON", e);
        }
    }

    @Override
    public void close() throws XNetException {
        try {
            channel.close();
        } catch (IOException e) {
            throw new XNetException("cannot close " + file + ": " + AtomicFiles.describe(e), e);
        }
    }
}
