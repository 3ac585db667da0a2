package org.xnet.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.xnet.core.XNetException;

/**
 * Finds the radiographs and label images of a dataset and pairs them by base name.
 *
 * <p>Both folders are searched recursively; hidden files are ignored. Radiographs are
 * {@code .tif .tiff .png .jpg .jpeg .dcm .dicom} files and extension-less DICOM files (with the
 * {@code DICM} marker at byte 128); labels are {@code .png .jpg .jpeg .tif .tiff .bmp .gif}.
 * The pairing key is the file name without its extension and, for labels, without a trailing
 * {@code onehot} ({@code hand01.tif} ↔ {@code hand01onehot.jpg}), compared case-insensitively
 * (names typed on Windows); sub-folders do not take part, so every key must be unique in each
 * folder. Every unpaired or duplicated file is an error.
 */
public final class DatasetSources {
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("tif", "tiff", "png", "jpg", "jpeg", "dcm", "dicom");
    private static final Set<String> LABEL_EXTENSIONS = Set.of("png", "jpg", "jpeg", "tif", "tiff", "bmp", "gif");
    private static final int LISTED = 5;

    /** A radiograph and its label image. */
    public record Pair(Path image, Path label) {
    }

    private DatasetSources() {
    }

    /** Every radiograph under {@code imagesDir} with its label under {@code labelsDir}, sorted by image path. */
    public static List<Pair> pair(Path imagesDir, Path labelsDir) throws XNetException {
        Map<String, Path> images = index(imagesDir, "images", false);
        Map<String, Path> labels = index(labelsDir, "labels", true);
        List<String> noLabel = images.keySet().stream().filter(k -> !labels.containsKey(k))
                .map(k -> imagesDir.relativize(images.get(k)).toString()).toList();
        List<String> noImage = labels.keySet().stream().filter(k -> !images.containsKey(k))
                .map(k -> labelsDir.relativize(labels.get(k)).toString()).toList();
        List<String> problems = new ArrayList<>();
        if (!noLabel.isEmpty()) {
            problems.add(describe(noLabel, "image", "without a label in " + labelsDir));
        }
        if (!noImage.isEmpty()) {
            problems.add(describe(noImage, "label", "without an image in " + imagesDir));
        }
        if (!problems.isEmpty()) {
            throw new XNetException(String.join("; ", problems));
        }
        List<Pair> pairs = new ArrayList<>();
        images.forEach((key, image) -> pairs.add(new Pair(image, labels.get(key))));
        pairs.sort((a, b) -> a.image().compareTo(b.image()));
        return pairs;
    }

    /** The pairing key of a file name: without extension, lower-case, for labels without "onehot". */
    static String key(Path file, boolean label) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = (dot > 0 ? name.substring(0, dot) : name).toLowerCase(Locale.ROOT);
        if (label && base.endsWith("onehot") && base.length() > "onehot".length()) {
            base = base.substring(0, base.length() - "onehot".length());
            base = base.endsWith("_") || base.endsWith("-") ? base.substring(0, base.length() - 1) : base;
        }
        return base;
    }

    private static Map<String, Path> index(Path dir, String what, boolean labels) throws XNetException {
        if (!Files.isDirectory(dir)) {
            throw new XNetException(what + " folder " + dir + " does not exist or is not a folder");
        }
        Map<String, Path> byKey = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new XNetException("cannot list " + what + " folder " + dir + ": " + e.getMessage(), e);
        }
        for (Path file : files) {
            if (!(labels ? isLabelFile(file) : isImageFile(file))) {
                continue;
            }
            Path previous = byKey.putIfAbsent(key(file, labels), file);
            if (previous != null) {
                throw new XNetException(what + " " + dir.relativize(previous) + " and " + dir.relativize(file)
                        + " have the same name: cannot tell which one pairs with which");
            }
        }
        if (byKey.isEmpty()) {
            throw new XNetException("no " + what + " found in " + dir + " (looked for "
                    + String.join(", ", (labels ? LABEL_EXTENSIONS : IMAGE_EXTENSIONS).stream().sorted().toList())
                    + (labels ? "" : ", DICOM without extension") + ")");
        }
        return byKey;
    }

    private static boolean isImageFile(Path file) {
        String ext = extension(file);
        return ext.isEmpty() ? isDicom(file) : IMAGE_EXTENSIONS.contains(ext);
    }

    private static boolean isLabelFile(Path file) {
        return LABEL_EXTENSIONS.contains(extension(file));
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    private static boolean isDicom(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(132);
            return head.length == 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
        } catch (IOException e) {
            return false;
        }
    }

    private static String describe(List<String> files, String what, String problem) {
        String listed = String.join(", ", files.subList(0, Math.min(LISTED, files.size())));
        String more = files.size() > LISTED ? " and " + (files.size() - LISTED) + " more" : "";
        return files.size() + " " + what + (files.size() == 1 ? " " : "s ") + problem + ": " + listed + more;
    }
}
