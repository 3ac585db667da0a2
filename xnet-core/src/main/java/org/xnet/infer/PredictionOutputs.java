package org.xnet.infer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import org.xnet.core.AtomicFiles;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.ProbabilityMap;
import org.xnet.core.SegClass;
import org.xnet.core.XNetException;
import org.xnet.eval.PostProcessing;
import org.xnet.infer.PredictConfig.Extra;
import org.xnet.io.DicomObject;
import org.xnet.io.DicomOverlay;
import org.xnet.io.DicomReader;
import org.xnet.io.DicomSeg;
import org.xnet.io.ImageFormat;
import org.xnet.io.ImageWriters;
import org.xnet.io.LabelImages;

/**
 * The files {@code xnet predict} writes for one input, {@code NAME.ext} (its folder kept relative to
 * the input folder or glob base): {@code NAME_mask.png} (or {@code .tif}; class indices 0, 1, 2),
 * {@code NAME_colour.png} and, as the config asks, {@code NAME_overlay.png}, one float TIFF of
 * probabilities per class ({@code NAME_prob_open_beam.tif}, {@code _soft_tissue}, {@code _bone}),
 * {@code NAME_confidence.tif}, {@code NAME_entropy.tif} and, for DICOM inputs, {@code NAME_seg.dcm}
 * (a DICOM Segmentation) and {@code NAME_overlay.dcm} (a Secondary Capture). Every file is written atomically, so an
 * input is complete exactly when all of its files exist ({@link #complete}).
 */
final class PredictionOutputs {
    /**
     * What the outputs of one input derive from: the relative name they are named after and, read
     * only when a DICOM output is asked for, the input's format and DICOM header.
     */
    interface Source {
        Path relativeName();

        ImageFormat format() throws XNetException;

        DicomObject dicomHeader() throws XNetException;
    }

    /** An input file as a source of outputs. */
    static Source source(InputFiles.Input input) {
        return new Source() {
            @Override
            public Path relativeName() {
                return input.relativeName();
            }

            @Override
            public ImageFormat format() throws XNetException {
                return ImageFormat.of(input.file());
            }

            @Override
            public DicomObject dicomHeader() throws XNetException {
                return DicomReader.header(input.file());
            }
        };
    }

    /** An input held as bytes as a source of outputs. */
    static Source source(EncodedImage input) {
        return new Source() {
            @Override
            public Path relativeName() {
                return input.relativePath();
            }

            @Override
            public ImageFormat format() {
                return ImageFormat.of(input.bytes(), input.name());
            }

            @Override
            public DicomObject dicomHeader() throws XNetException {
                return DicomReader.header(input.bytes(), input.name());
            }
        };
    }

    private final PredictConfig config;
    private final DicomSeg.Algorithm algorithm;

    /** {@code algorithm} names the model in the DICOM outputs. */
    PredictionOutputs(PredictConfig config, DicomSeg.Algorithm algorithm) {
        this.config = config;
        this.algorithm = algorithm;
    }

    /** The post-processed label map: argmax or soft-tissue thresholding, then the optional bone clean-up. */
    LabelMap labels(ScaledProbabilities p) {
        LabelMap labels = config.threshold() == null ? p.argmax()
                : p.labels(band -> PostProcessing.thresholdSoftTissue(band, config.threshold()));
        if (config.dilate() > 0) {
            labels = PostProcessing.cleanUpBone(labels, config.opening(), config.dilate());
        }
        return labels;
    }

    /**
     * Writes every output of one input next to {@code base} (the output path without suffix). The
     * one place that decides what is written per input: a new kind of output goes here and in
     * {@link #files}.
     */
    void write(Source input, Image2D image, ScaledProbabilities p, LabelMap labels, Path base)
            throws XNetException {
        Path mask = sibling(base, "_mask." + config.maskFormat().extension());
        if (config.maskFormat() == PredictConfig.MaskFormat.PNG) {
            LabelImages.writeIndex(labels, mask);
        } else {
            ImageWriters.writeTiff16(asImage(labels), mask);
        }
        LabelImages.writeColour(labels, sibling(base, "_colour.png"));
        boolean dicom = dicomOutputs(input);
        BufferedImage overlay = config.has(Extra.OVERLAY) || dicom && config.has(Extra.DICOM_OVERLAY)
                ? Overlay.render(image, labels) : null;
        if (config.has(Extra.OVERLAY)) {
            AtomicFiles.write(sibling(base, "_overlay.png"), temp -> {
                if (!ImageIO.write(overlay, "png", temp.toFile())) {
                    throw new IOException("no PNG writer");
                }
            });
        }
        if (config.has(Extra.PROBABILITIES)) {
            for (SegClass c : SegClass.values()) {
                ImageWriters.writeTiffFloat(p.channel(c.index()), sibling(base, probabilitySuffix(c)));
            }
        }
        if (config.has(Extra.CONFIDENCE)) {
            ImageWriters.writeTiffFloat(p.map(ProbabilityMap::confidence), sibling(base, "_confidence.tif"));
        }
        if (config.has(Extra.ENTROPY)) {
            ImageWriters.writeTiffFloat(p.map(ProbabilityMap::entropy), sibling(base, "_entropy.tif"));
        }
        DicomObject source = dicom ? input.dicomHeader() : null;
        if (dicom && config.has(Extra.DICOM_SEG)) {
            DicomSeg.write(source, labels, algorithm, sibling(base, "_seg.dcm"));
        }
        if (dicom && config.has(Extra.DICOM_OVERLAY)) {
            DicomOverlay.write(source, overlay.getWidth(), overlay.getHeight(),
                    overlay.getRGB(0, 0, overlay.getWidth(), overlay.getHeight(), null, 0, overlay.getWidth()),
                    algorithm, sibling(base, "_overlay.dcm"));
        }
    }

    /** Every file {@link #write} writes for {@code input} at {@code base}, in the order it writes them. */
    List<Path> files(Source input, Path base) throws XNetException {
        List<Path> out = new ArrayList<>();
        out.add(sibling(base, "_mask." + config.maskFormat().extension()));
        out.add(sibling(base, "_colour.png"));
        if (config.has(Extra.OVERLAY)) {
            out.add(sibling(base, "_overlay.png"));
        }
        if (config.has(Extra.PROBABILITIES)) {
            for (SegClass c : SegClass.values()) {
                out.add(sibling(base, probabilitySuffix(c)));
            }
        }
        if (config.has(Extra.CONFIDENCE)) {
            out.add(sibling(base, "_confidence.tif"));
        }
        if (config.has(Extra.ENTROPY)) {
            out.add(sibling(base, "_entropy.tif"));
        }
        boolean dicom = dicomOutputs(input);
        if (dicom && config.has(Extra.DICOM_SEG)) {
            out.add(sibling(base, "_seg.dcm"));
        }
        if (dicom && config.has(Extra.DICOM_OVERLAY)) {
            out.add(sibling(base, "_overlay.dcm"));
        }
        return out;
    }

    /**
     * Whether a DICOM output is asked for and {@code input} is DICOM: the others have no study to file
     * one in. The file's head is read only when a DICOM output is asked for.
     */
    private boolean dicomOutputs(Source input) throws XNetException {
        return (config.has(Extra.DICOM_SEG) || config.has(Extra.DICOM_OVERLAY))
                && input.format() == ImageFormat.DICOM;
    }

    /** Whether every output of {@code input} exists (each is written atomically, so each that exists is whole). */
    boolean complete(Source input, Path base) throws XNetException {
        return files(input, base).stream().allMatch(Files::isRegularFile);
    }

    /**
     * Deletes the temporary files that a killed run left for any of {@code targets} (the
     * {@code .NAME.RANDOM.tmp} files of {@link AtomicFiles}); other files are never touched, so
     * parts writing other targets into the same folder meanwhile are safe. Returns how many it deleted.
     */
    static int removeStaleTemporaries(List<Path> targets) throws XNetException {
        Map<Path, Set<String>> byFolder = new HashMap<>();
        for (Path t : targets) {
            Path abs = t.toAbsolutePath();
            byFolder.computeIfAbsent(abs.getParent(), d -> new HashSet<>()).add(abs.getFileName().toString());
        }
        int removed = 0;
        for (Map.Entry<Path, Set<String>> folder : byFolder.entrySet()) {
            if (!Files.isDirectory(folder.getKey())) {
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder.getKey(), "*.tmp")) {
                for (Path f : files) {
                    String target = temporaryTarget(f.getFileName().toString());
                    if (target != null && folder.getValue().contains(target) && Files.deleteIfExists(f)) {
                        removed++;
                    }
                }
            } catch (NoSuchFileException e) {
                // the folder went away meanwhile: nothing of ours left there
            } catch (IOException e) {
                throw new XNetException("cannot clean up temporary files in " + folder.getKey() + ": "
                        + AtomicFiles.describe(e), e);
            }
        }
        return removed;
    }

    /** {@code NAME} for a temporary file {@code .NAME.RANDOM.tmp}, else null. */
    static String temporaryTarget(String fileName) {
        if (!fileName.startsWith(".") || !fileName.endsWith(".tmp")) {
            return null;
        }
        String middle = fileName.substring(1, fileName.length() - ".tmp".length());
        int dot = middle.lastIndexOf('.');
        return dot > 0 ? middle.substring(0, dot) : null;
    }

    /** The output path of {@code input} without suffix: {@code outDir} / relative name without extension. */
    static Path base(Path outDir, Source input) {
        return outDir.resolve(relativeBase(input.relativeName()));
    }

    /** A relative name without its extension. */
    static String relativeBase(Path relativeName) {
        String name = relativeName.toString();
        int dot = name.lastIndexOf('.');
        int slash = name.lastIndexOf(relativeName.getFileSystem().getSeparator());
        return dot > slash + 1 ? name.substring(0, dot) : name;
    }

    private static String probabilitySuffix(SegClass c) {
        return "_prob_" + c.label().replace(' ', '_') + ".tif";
    }

    private static Path sibling(Path base, String suffix) {
        return base.resolveSibling(base.getFileName() + suffix);
    }

    private static Image2D asImage(LabelMap labels) {
        float[] values = new float[labels.data().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = labels.data()[i];
        }
        return new Image2D(labels.width(), labels.height(), values);
    }
}
