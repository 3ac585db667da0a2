package org.xnet.synth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.xnet.core.SegClass;
import org.xnet.core.Volume;
import org.xnet.core.XNetException;
import org.xnet.core.AtomicFiles;
import org.xnet.io.DicomSeries;
import org.xnet.io.ImageWriters;
import org.xnet.io.LabelImages;
import org.xnet.io.Nifti;

/**
 * Writes a labelled dataset from CT volumes in the original XNet layout:
 * {@code Images/PART/NAME.tif} (16-bit, see {@link Radiograph#image16()}) and
 * {@code Labels/PART/NAMEonehot.png} (colour), plus {@code synth-config.json}. Each volume's views
 * are drawn from the config seed and the volume's file name, so the same seed and inputs give the
 * same bytes whatever the input order.
 */
public final class SynthJob {
    /** One input volume, its body part and output stem. */
    public record Source(Path path, String bodyPart, String stem) {
    }

    /** Per-volume result: the views written and the pixel count of each class over them. */
    public record Written(Source source, int views, long[] classCounts) {
        /** Fraction of pixels of class {@code c}. */
        public double fraction(SegClass c) {
            long total = 0;
            for (long n : classCounts) {
                total += n;
            }
            return total == 0 ? 0 : (double) classCounts[c.index()] / total;
        }
    }

    private SynthJob() {
    }

    /**
     * Lists the volumes to read: each file as given, each folder's .nii/.nii.gz files (sorted by
     * name), or the folder itself as a DICOM series when it holds no NIfTI file.
     * {@code bodyPart} (may be null) overrides the part derived from the file name.
     */
    public static List<Source> plan(List<Path> inputs, String bodyPart) throws XNetException {
        List<Source> sources = new ArrayList<>();
        for (Path input : inputs) {
            for (Path file : volumes(input)) {
                String name = file.getFileName().toString();
                String part = bodyPart != null ? BodyParts.clean(bodyPart) : BodyParts.fromFileName(name);
                if (part.isEmpty()) {
                    throw new XNetException("body part '" + bodyPart + "' has no letters");
                }
                sources.add(new Source(file, part, BodyParts.stem(name)));
            }
        }
        if (sources.isEmpty()) {
            throw new XNetException("no CT volumes found in " + inputs);
        }
        return sources;
    }

    private static List<Path> volumes(Path input) throws XNetException {
        if (Files.isRegularFile(input)) {
            return List.of(input);
        }
        if (!Files.isDirectory(input)) {
            throw new XNetException(input + ": no such file or folder");
        }
        try (Stream<Path> files = Files.list(input)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().matches("(?i).*\\.nii(\\.gz)?"))
                    .sorted().toList();
            return found.isEmpty() ? List.of(input) : found;
        } catch (IOException e) {
            throw new XNetException(input + ": cannot list folder (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads a CT volume: a NIfTI file (reordered to LPS), or a folder holding one axial DICOM series
     * (whose row, column and slice-normal axes are left, posterior and superior for axial scans).
     */
    public static Volume read(Path fileOrFolder) throws XNetException {
        return Files.isDirectory(fileOrFolder) ? DicomSeries.read(fileOrFolder) : Nifti.read(fileOrFolder);
    }

    /** Synthesises and writes every source's views under {@code out}; {@code onView} runs after each view. */
    public static List<Written> run(List<Source> sources, Path out, SynthConfig config, Runnable onView)
            throws XNetException {
        AtomicFiles.write(out.resolve("synth-config.json"),
                temp -> Files.writeString(temp, config.toJson(), StandardCharsets.UTF_8));
        Synthesizer synth = new Synthesizer(config);
        List<Written> written = new ArrayList<>();
        for (Source source : sources) {
            BodyVolume body = BodyVolume.of(read(source.path()), config.bodyHu());
            long[] counts = new long[SegClass.COUNT];
            List<View> views = synth.drawViews(viewSeed(config.seed(), source.stem()));
            for (int i = 0; i < views.size(); i++) {
                Radiograph r = synth.render(body, views.get(i));
                String name = BodyParts.outputName(source.bodyPart(), source.stem(), i);
                ImageWriters.writeTiff16(r.image16(), out.resolve("Images").resolve(source.bodyPart()).resolve(name + ".tif"));
                LabelImages.writeColour(r.labels(),
                        out.resolve("Labels").resolve(source.bodyPart()).resolve(name + "onehot.png"));
                long[] c = r.labels().classCounts();
                for (int k = 0; k < counts.length; k++) {
                    counts[k] += c[k];
                }
                onView.run();
            }
            written.add(new Written(source, views.size(), counts));
        }
        return written;
    }

    /** The seed of one volume's views: the config seed mixed with the volume's name. */
    static long viewSeed(long seed, String stem) {
        long h = seed * 0x9E3779B97F4A7C15L + stem.hashCode();
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}
