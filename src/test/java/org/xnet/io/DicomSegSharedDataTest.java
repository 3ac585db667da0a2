package org.xnet.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.testutil.SharedData;

/**
 * Segmentations of the NEMA radiographs (shared data; skipped where absent) checked by two
 * independent readers: dicom3tools' {@code dciodvfy} (no line may start with "Error"; the warnings
 * are printed and kept in {@code target/dicom-seg/}) and pydicom (SOP class, frame count, segment
 * count, and its pixel_array equal to the mask class by class). The mask is synthetic, thresholds
 * of the image at a third and two thirds of its range: no model is needed to test the writer.
 * Each external check is skipped, with a message, where its tool is absent.
 */
@Tag("slow") // decoding the JPEG 2000 radiograph in pure Java and two external tools take seconds
class DicomSegSharedDataTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path REPORTS = Path.of("target", "dicom-seg");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"RG3_J2KR_raw.dcm", "RG1_J2KI.dcm"})
    void segmentationOfANemaRadiographPassesDciodvfyAndPydicom(String name) throws Exception {
        Path source = SharedData.file("radiographs/" + name);
        LabelMap mask = thresholds(DicomReader.readRadiograph(source));
        Path seg = dir.resolve(name.replace(".dcm", "_seg.dcm"));
        byte[] bytes = DicomSeg.encode(DicomReader.header(source), mask,
                new DicomSeg.Algorithm("XNet", "test-1.0", "synthetic-threshold-mask"),
                new DicomSeg.Identity(new UUID(1, 2), new UUID(3, 4), LocalDateTime.of(2026, 12, 5, 12, 0)));
        Files.write(seg, bytes);
        Files.createDirectories(REPORTS);

        DicomSegTest.assertReadsBack(DicomParser.parse(seg.toString(), bytes), mask, DicomReader.header(source));
        dciodvfy(seg, name);
        pydicom(seg, mask, name);
    }

    private static LabelMap thresholds(Image2D image) {
        float lo = image.min();
        float range = image.max() - lo;
        byte[] labels = new byte[image.data().length];
        for (int i = 0; i < labels.length; i++) {
            float t = (image.data()[i] - lo) / range;
            labels[i] = (byte) (t > 2 / 3f ? 0 : t > 1 / 3f ? 1 : 2); // bright open beam, dark bone
        }
        return new LabelMap(image.width(), image.height(), labels);
    }

    private void dciodvfy(Path seg, String name) throws Exception {
        Path tool = Path.of("/usr/bin/dciodvfy");
        if (!Files.isExecutable(tool)) {
            System.out.println("dciodvfy not found at " + tool + "; skipping the dciodvfy check for " + name);
            return;
        }
        List<String> lines = run(List.of(tool.toString(), seg.toString()));
        Files.write(REPORTS.resolve(name + ".dciodvfy.txt"), lines);
        System.out.println("dciodvfy " + name + ":\n  " + String.join("\n  ", lines));
        List<String> errors = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("Error")) {
                errors.add(line);
            }
        }
        assertThat(errors).as("dciodvfy errors for the Segmentation of " + name).isEmpty();
    }

    private void pydicom(Path seg, LabelMap mask, String name) throws Exception {
        if (!Files.isExecutable(PYTHON) || run(List.of(PYTHON.toString(), "-c", "import pydicom, numpy"))
                .stream().anyMatch(l -> l.contains("Error"))) {
            assumeTrue(false, "pydicom or numpy not available to " + PYTHON + "; skipping the pydicom check");
        }
        Path labels = dir.resolve("labels.u8");
        Files.write(labels, mask.data());
        String script = String.join("\n",
                "import sys, numpy, pydicom",
                "ds = pydicom.dcmread(sys.argv[1])",
                "w, h = int(sys.argv[3]), int(sys.argv[4])",
                "labels = numpy.fromfile(sys.argv[2], dtype=numpy.uint8).reshape(h, w)",
                "frames = ds.pixel_array.reshape(-1, h, w)",
                "print('SOPClassUID', ds.SOPClassUID)",
                "print('NumberOfFrames', ds.NumberOfFrames)",
                "print('Segments', len(ds.SegmentSequence))",
                "print('Labels', '|'.join(s.SegmentLabel for s in ds.SegmentSequence))",
                "print('ReferencedSOP', ds.ReferencedSeriesSequence[0].ReferencedInstanceSequence[0]"
                        + ".ReferencedSOPInstanceUID)",
                "print('FramesEqualMask', all(numpy.array_equal(frames[k], labels == k) for k in range(3)))",
                "print('FrameSums', [int(frames[k].sum()) for k in range(3)])");
        List<String> out = run(List.of(PYTHON.toString(), "-c", script, seg.toString(), labels.toString(),
                Integer.toString(mask.width()), Integer.toString(mask.height())));
        Files.write(REPORTS.resolve(name + ".pydicom.txt"), out);
        System.out.println("pydicom " + name + ":\n  " + String.join("\n  ", out));
        long[] counts = mask.classCounts();
        assertThat(out).contains("SOPClassUID " + DicomSeg.SOP_CLASS, "NumberOfFrames 3", "Segments 3",
                "Labels Open beam|Soft tissue|Bone", "FramesEqualMask True",
                "FrameSums [" + counts[0] + ", " + counts[1] + ", " + counts[2] + "]",
                "ReferencedSOP " + DicomReader.header(SharedData.file("radiographs/" + name)).string(0x0008_0018));
    }

    private static List<String> run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.lines().toList();
    }
}
