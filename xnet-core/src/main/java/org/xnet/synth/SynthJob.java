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
import org.xnet.core.Progress;
import org.xnet.core.XNetException;
import org.xnet.core.AtomicFiles;
import org.xnet.io.DicomSeries;
import org.xnet.io.ImageFormat;
import org.xnet.io.ImageWriters;
import org.xnet.io.LabelImages;
import org.xnet.io.Nifti;

/**
 * Writes a labelled dataset from CT volumes in the original XNet layout:
 * {@code Images/PART/NAME.tif} (16-bit, see {@link Radiograph#image16()}) and
 * {@code Labels/PART/NAMEonehot.png} (colour), plus {@code synth-config.json}, all moved into place
 * at the end of the run. Each volume's views are drawn from the config seed and the volume's file
 * name, so the same seed and inputs give the same bytes whatever the input order.
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
     * name), or the folder itself as a DICOM series when it holds DICOM files but no NIfTI file.
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
        List<Path> entries;
        try (Stream<Path> files = Files.list(input)) {
            entries = files.sorted().toList();
        } catch (IOException e) {
            throw new XNetException(input + ": cannot list folder (" + e.getMessage() + ")", e);
        }
        List<Path> nifti = entries.stream().filter(p -> p.getFileName().toString().matches("(?i).*\\.nii(\\.gz)?"))
                .filter(Files::isRegularFile).toList();
        if (!nifti.isEmpty()) {
            return nifti;
        }
        for (Path p : entries) {
            if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".") && isDicom(p)) {
                return List.of(input);
            }
        }
        String hint = entries.stream().filter(Files::isDirectory).findFirst()
                .map(sub -> "; give the folders inside it, e.g. " + sub).orElse("");
        throw new XNetException(input + ": holds neither NIfTI volumes (.nii, .nii.gz) nor DICOM files of a series"
                + " (subfolders are not searched" + hint + ")");
    }

    private static boolean isDicom(Path file) throws XNetException {
        try {
            return Files.size(file) > 0 && ImageFormat.of(file) == ImageFormat.DICOM;
        } catch (IOException e) {
            throw new XNetException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads a CT volume: a NIfTI file or a folder holding one DICOM series, either reordered to LPS
     * (x left, y posterior, z superior) from its sform/qform or Image Orientation (Patient).
     */
    public static Volume read(Path fileOrFolder) throws XNetException {
        return Files.isDirectory(fileOrFolder) ? DicomSeries.read(fileOrFolder) : Nifti.read(fileOrFolder);
    }

    /**
     * Synthesises every source's views and writes them under {@code out}, telling {@code progress}
     * after each view and stopping (with nothing written) when it cancels. Nothing reaches {@code out} until every volume has been rendered (see
     * {@link StagedOutput}), so a failing run leaves it as it was. An {@code out} holding an earlier
     * run's Images/ or Labels/ is refused unless {@code overwrite}, which replaces them.
     */
    public static List<Written> run(List<Source> sources, Path out, SynthConfig config, boolean overwrite,
                                    Progress progress) throws XNetException {
        for (Source source : sources) {
            if (!Files.isDirectory(source.path())) {
                Nifti.readHeader(source.path());
            }
        }
        try (StagedOutput staged = StagedOutput.open(out, overwrite)) {
            Synthesizer synth = new Synthesizer(config);
            List<Written> written = new ArrayList<>();
            long views = (long) sources.size() * config.views();
            progress.start("synth", views);
            long[] done = {0};
            for (Source source : sources) {
                written.add(render(synth, source, body(source, config), staged.dir(), () -> {
                    progress.stopIfCancelled("synth", done[0], views);
                    progress.advance(++done[0], source.stem());
                }));
            }
            AtomicFiles.write(staged.dir().resolve("synth-config.json"),
                    temp -> Files.writeString(temp, config.toJson(), StandardCharsets.UTF_8));
            staged.commit();
            return written;
        }
    }

    private static BodyVolume body(Source source, SynthConfig config) throws XNetException {
        Volume ct = read(source.path());
        try {
            return BodyVolume.of(ct, config.bodyHu());
        } catch (IllegalArgumentException e) {
            throw new XNetException(source.path() + ": no body to project (" + e.getMessage() + ")", e);
        }
    }

    /** Called after each view; may stop the run. */
    @FunctionalInterface
    private interface ViewDone {
        void run() throws XNetException;
    }

    private static Written render(Synthesizer synth, Source source, BodyVolume body, Path out, ViewDone onView)
            throws XNetException {
        long[] counts = new long[SegClass.COUNT];
        List<View> views = synth.drawViews(viewSeed(synth.config().seed(), source.stem()));
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
        return new Written(source, views.size(), counts);
    }

    /** The seed of one volume's views: the config seed mixed with the volume's name. */
    static long viewSeed(long seed, String stem) {
        long h = seed * 0x9E3779B97F4A7C15L + stem.hashCode();
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}
