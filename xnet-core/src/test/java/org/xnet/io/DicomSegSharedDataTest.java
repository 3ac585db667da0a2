package org.xnet.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import org.xnet.core.XNetException;
import org.xnet.testutil.SharedData;

/**
 * Segmentations and Secondary Capture overlays of the NEMA radiographs (shared data; skipped where absent) checked by two
 * independent readers: dicom3tools' {@code dciodvfy} (no line may start with "Error"; the warnings
 * are printed and kept in {@code target/dicom-seg/}, with the Segmentations) and pydicom (SOP class, frame count, segment
 * count, and its pixel_array equal to the mask class by class; for the overlay, the SOP class,
 * the study and the RGB pixels). The mask is synthetic, thresholds
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
        Files.createDirectories(REPORTS);
        Path seg = REPORTS.resolve(name.replace(".dcm", "_seg.dcm")); // kept for inspection with other tools
        byte[] bytes = DicomSeg.encode(DicomReader.header(source), mask,
                new DicomSeg.Algorithm("XNet", "test-1.0", "synthetic-threshold-mask"),
                new DicomSeg.Identity(new UUID(1, 2), new UUID(3, 4), LocalDateTime.of(2026, 12, 5, 12, 0)));
        Files.write(seg, bytes);

        DicomSegTest.assertReadsBack(DicomParser.parse(seg.toString(), bytes), mask, DicomReader.header(source));
        dciodvfy(seg, name);
        pydicom(seg, mask, name);
    }

    /**
     * The other branch of the writer, for sources placed in a Frame of Reference (a CT slice): Frame of
     * Reference module, shared Plane Position and Orientation, Pixel Measures with Slice Thickness, no
     * Patient Orientation; checked by dciodvfy the same way. The source is synthetic: the shared CT
     * slices are anonymised down to empty Study and Series UIDs, which the writer refuses (asserted).
     */
    @org.junit.jupiter.api.Test
    void segmentationOfACtSliceWithAFrameOfReferencePassesDciodvfy() throws Exception {
        int w = 13;
        int h = 11;
        byte[] source = DicomTestFiles.part10(DicomParser.EXPLICIT_LE)
                .text(0x0008_0016, "UI", "1.2.840.10008.5.1.4.1.1.2").text(0x0008_0018, "UI", "1.2.3.4.5.6.7")
                .text(0x0008_0060, "CS", "CT").text(0x0018_0050, "DS", "3")
                .text(0x0020_000D, "UI", "1.2.3.4.5").text(0x0020_000E, "UI", "1.2.3.4.5.6")
                .text(0x0020_0032, "DS", "-249.5\\-437.5\\-766.5").text(0x0020_0037, "DS", "1\\0\\0\\0\\1\\0")
                .text(0x0020_0052, "UI", "1.2.3.4.9").text(0x0028_0030, "DS", "0.9765625\\0.9765625")
                .pixelModule(h, w, 16, 12, false, "MONOCHROME2").pixels16(new int[w * h]).bytes();
        DicomObject header = DicomParser.parse("ct.dcm", source);
        LabelMap mask = DicomSegTest.randomMask(w, h, 11);
        Files.createDirectories(REPORTS);
        Path seg = REPORTS.resolve("ct_slice_seg.dcm");
        byte[] bytes = DicomSeg.encode(header, mask, new DicomSeg.Algorithm("XNet", "test-1.0", "synthetic"),
                new DicomSeg.Identity(new UUID(9, 10), new UUID(11, 12), LocalDateTime.of(2026, 12, 5, 12, 0)));
        Files.write(seg, bytes);
        DicomObject read = DicomParser.parse(seg.toString(), bytes);
        DicomSegTest.assertReadsBack(read, mask, header);
        assertThat(read.string(SourceAttributes.FRAME_OF_REFERENCE_UID)).isEqualTo("1.2.3.4.9");
        assertThat(read.has(SourceAttributes.PATIENT_ORIENTATION)).isFalse();
        DicomObject shared = read.sequence(SegFrames.SHARED_GROUPS).get(0);
        assertThat(shared.sequence(SegFrames.PLANE_POSITION).get(0).decimals(DicomObject.IMAGE_POSITION))
                .containsExactly(-249.5, -437.5, -766.5);
        assertThat(shared.sequence(SegFrames.PIXEL_MEASURES).get(0).decimal(DicomObject.SLICE_THICKNESS, 0))
                .isEqualTo(3);
        dciodvfy(seg, "ct_slice");
    }

    @org.junit.jupiter.api.Test
    void theSharedAnonymisedCtSlicesAreRefusedForTheirEmptyStudyUid() throws Exception {
        Path slice;
        try (var files = Files.list(SharedData.file("ct-dicom/totalseg_dicom20"))) {
            slice = files.sorted().findFirst().orElseThrow();
        }
        DicomObject header = DicomReader.header(slice);
        assertThatThrownBy(() -> DicomSeg.encode(header, new LabelMap(512, 512), new DicomSeg.Algorithm("XNet",
                "1", "id"), DicomSeg.Identity.fresh())).isInstanceOf(XNetException.class)
                .hasMessage(slice + ": no Study Instance UID (0020,000D); a Segmentation must reference its source "
                        + "image's UIDs, so none is written");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RG3_J2KR_raw.dcm", "RG1_J2KI.dcm"})
    void overlayOfANemaRadiographPassesDciodvfyAndPydicom(String name) throws Exception {
        Path source = SharedData.file("radiographs/" + name);
        Image2D image = DicomReader.readRadiograph(source);
        int[] argb = overlay(image, thresholds(image));
        Path sc = dir.resolve(name.replace(".dcm", "_overlay.dcm"));
        Files.write(sc, DicomOverlay.encode(DicomReader.header(source), image.width(), image.height(), argb,
                new DicomSeg.Algorithm("XNet", "test-1.0", "synthetic-threshold-mask"),
                new DicomSeg.Identity(new UUID(5, 6), new UUID(7, 8), LocalDateTime.of(2026, 12, 5, 12, 0))));
        Files.createDirectories(REPORTS);
        dciodvfy(sc, name + ".overlay");
        byte[] rgb = new byte[3 * argb.length];
        for (int i = 0; i < argb.length; i++) {
            rgb[3 * i] = (byte) (argb[i] >> 16);
            rgb[3 * i + 1] = (byte) (argb[i] >> 8);
            rgb[3 * i + 2] = (byte) argb[i];
        }
        Path expected = dir.resolve("rgb.u8");
        Files.write(expected, rgb);
        List<String> out = python(String.join("\n",
                "import sys, numpy, pydicom",
                "ds = pydicom.dcmread(sys.argv[1])",
                "rgb = numpy.fromfile(sys.argv[2], dtype=numpy.uint8).reshape(ds.Rows, ds.Columns, 3)",
                "print('SOPClassUID', ds.SOPClassUID)",
                "print('Photometric', ds.PhotometricInterpretation)",
                "print('StudyMatches', ds.StudyInstanceUID == pydicom.dcmread(sys.argv[3]).StudyInstanceUID)",
                "print('PixelsEqual', numpy.array_equal(ds.pixel_array, rgb))"),
                sc.toString(), expected.toString(), source.toString());
        Files.write(REPORTS.resolve(name + ".overlay.pydicom.txt"), out);
        System.out.println("pydicom " + name + " overlay:\n  " + String.join("\n  ", out));
        assertThat(out).containsExactly("SOPClassUID " + DicomOverlay.SOP_CLASS, "Photometric RGB", "StudyMatches True",
                "PixelsEqual True");
    }

    /** Grey image blended half and half with the class colours (open beam left grey). */
    private static int[] overlay(Image2D image, LabelMap mask) {
        float lo = image.min();
        float range = image.max() - lo;
        int[] argb = new int[mask.data().length];
        for (int i = 0; i < argb.length; i++) {
            int grey = Math.round(255 * (image.data()[i] - lo) / range);
            int colour = mask.data()[i] == 0 ? grey * 0x010101 : org.xnet.core.SegClass.of(mask.data()[i]).rgb();
            int r = (grey + (colour >> 16 & 0xFF)) / 2;
            int g = (grey + (colour >> 8 & 0xFF)) / 2;
            int b = (grey + (colour & 0xFF)) / 2;
            argb[i] = 0xFF00_0000 | r << 16 | g << 8 | b;
        }
        return argb;
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
        assertThat(errors).as("dciodvfy errors for " + name).isEmpty();
    }

    /** Runs a Python script with pydicom and numpy, or skips the test when they are absent. */
    private static List<String> python(String script, String... args) throws Exception {
        if (!Files.isExecutable(PYTHON) || run(List.of(PYTHON.toString(), "-c", "import pydicom, numpy"))
                .stream().anyMatch(l -> l.contains("Error"))) {
            assumeTrue(false, "pydicom or numpy not available to " + PYTHON + "; skipping the pydicom check");
        }
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-c", script));
        command.addAll(List.of(args));
        return run(command);
    }

    private void pydicom(Path seg, LabelMap mask, String name) throws Exception {
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
        List<String> out = python(script, seg.toString(), labels.toString(), Integer.toString(mask.width()),
                Integer.toString(mask.height()));
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
