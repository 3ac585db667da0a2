package org.xnet.infer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.xnet.core.AtomicFiles;
import org.xnet.core.InvalidSetting;
import org.xnet.core.XNetException;
import org.xnet.io.ImageReaders;

/**
 * Expands the inputs of {@code xnet predict} into image files: a file stands for itself (whatever
 * its name, so a bad file is reported rather than silently dropped), a folder for every file with an
 * image extension below it (recursively, sorted), and a glob ({@code *}, {@code ?}, {@code [..]},
 * {@code {..}}) for the matching image files below its fixed leading folders. Each entry keeps the
 * name its outputs get: the path relative to the folder or glob base, or the file name. Inputs can
 * also come from a list file ({@link #readList}).
 */
public final class InputFiles {
    private InputFiles() {
    }

    /** One input image and the relative name (with extension) its outputs are derived from. */
    public record Input(Path file, Path relativeName) {
    }

    /**
     * The image files of {@code arguments}, in argument order; a missing file or a pattern matching nothing
     * is kept as an entry, so that reading it reports it. An argument that is neither a path nor a glob is
     * an {@link InvalidSetting} of {@code inputs}.
     */
    public static List<Input> expand(List<String> arguments) throws IOException {
        List<Input> out = new ArrayList<>();
        for (String argument : arguments) {
            try {
                out.addAll(expand(argument));
            } catch (InvalidPathException | PatternSyntaxException e) {
                InvalidSetting refused = new InvalidSetting("inputs", "'" + argument + "' is neither a path nor a glob: "
                        + e.getMessage().lines().findFirst().orElse(""), e.getMessage());
                refused.initCause(e);
                throw refused;
            }
        }
        return out;
    }

    private static List<Input> expand(String argument) throws IOException {
        Path path = Path.of(argument);
        if (isGlob(argument)) {
            List<Input> matches = glob(argument);
            return matches.isEmpty() ? List.of(new Input(path, path.getFileName())) : matches;
        }
        return Files.isDirectory(path) ? walk(path, p -> true) : List.of(new Input(path, path.getFileName()));
    }

    /**
     * The inputs named by a list file: one path, folder or glob per line; blank lines and lines
     * starting with {@code #} (after leading spaces) are ignored, surrounding spaces dropped; a
     * relative line is resolved against the list file's folder, so the list works from any working
     * directory. A list file that cannot be read is an error naming it.
     */
    public static List<String> readList(Path listFile) throws XNetException {
        List<String> lines;
        try {
            lines = Files.readAllLines(listFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new XNetException("input list " + listFile + ": no such file", e);
        } catch (IOException e) {
            throw new XNetException("cannot read input list " + listFile + ": " + AtomicFiles.describe(e), e);
        }
        Path folder = listFile.toAbsolutePath().getParent();
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            out.add(resolve(folder, entry));
        }
        return out;
    }

    /** {@code entry} as is when absolute, else below {@code folder} (as text, so a glob stays a glob). */
    private static String resolve(Path folder, String entry) {
        boolean absolute;
        try {
            absolute = Path.of(entry).isAbsolute();
        } catch (InvalidPathException e) {
            absolute = entry.startsWith(folder.getFileSystem().getSeparator());
        }
        if (absolute) {
            return entry;
        }
        String base = folder.toString();
        return base.endsWith(folder.getFileSystem().getSeparator()) ? base + entry
                : base + folder.getFileSystem().getSeparator() + entry;
    }

    static boolean isGlob(String argument) {
        return argument.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    private static List<Input> glob(String pattern) throws IOException {
        Path whole = Path.of(pattern);
        Path base = whole.isAbsolute() ? whole.getRoot() : Path.of("");
        int i = 0;
        for (; i < whole.getNameCount() - 1 && !isGlob(whole.getName(i).toString()); i++) {
            base = base.resolve(whole.getName(i));
        }
        Path rest = whole.subpath(i, whole.getNameCount());
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        Path root = base.toString().isEmpty() ? Path.of(".") : base;
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        return walk(root, relative -> matcher.matches(relative));
    }

    private static List<Input> walk(Path root, java.util.function.Predicate<Path> accept) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(ImageReaders::hasImageExtension)
                    .filter(p -> accept.test(root.relativize(p)))
                    .sorted()
                    .map(p -> new Input(p, root.relativize(p)))
                    .toList();
        }
    }
}
