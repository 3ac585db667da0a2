package org.xnet.infer;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A radiograph handed over as the whole content of its file rather than as a file (a Spark record,
 * an upload): {@code name} is what the manifest and error messages call it (a path or URI as the
 * caller knows it), {@code relativeName} what its outputs are named after, as the relative name of an
 * {@link InputFiles.Input} (its folders kept, the extension replaced: {@code a/b.tif} gives
 * {@code a/b_mask.png}). The format is told by content, as for files ({@code ImageReaders}).
 */
public record EncodedImage(String name, String relativeName, byte[] bytes) {
    public EncodedImage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(relativeName, "relativeName");
        Objects.requireNonNull(bytes, "bytes");
        Path relative;
        try {
            relative = Path.of(relativeName);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("relative name of " + name + " is not a path: " + relativeName, e);
        }
        if (relativeName.isEmpty() || relative.isAbsolute() || relative.normalize().startsWith("..")
                || !relative.normalize().equals(relative)) {
            throw new IllegalArgumentException("relative name of " + name
                    + " must be a plain relative path inside the output folder, got '" + relativeName + "'");
        }
    }

    /** The relative name as a path. */
    public Path relativePath() {
        return Path.of(relativeName);
    }
}
