package org.xnet.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.LabelMap;
import org.xnet.core.XNetException;

/**
 * The Segmentation writer, read back by the project's own parser: UIDs, copied patient and study,
 * the segments and their codes, every frame's references, and the bit-packed frames unpacked by a
 * naive twin of the packing (bit {@code k * area + i} of the little-endian bit stream) to exactly
 * the mask. Sizes that are not multiples of 8 make the frames straddle byte boundaries.
 */
class DicomSegTest {

    static final DicomSeg.Algorithm ALGORITHM = new DicomSeg.Algorithm("XNet", "1.2.3", "abc123");
    static final DicomSeg.Identity ID = new DicomSeg.Identity(new UUID(0x0123_4567_89AB_CDEFL, -42L),
            new UUID(-1L, 7L), LocalDateTime.of(2026, 12, 5, 18, 30, 15));
    static final String STUDY = "1.2.3.4.5";
    static final String SERIES = "1.2.3.4.5.6";
    static final String INSTANCE = "1.2.3.4.5.6.7";
    static final String CR = "1.2.840.10008.5.1.4.1.1.1";

    @TempDir
    Path dir;

    /** A single-frame source image: patient, study, series, SOP and pixel attributes, optional extras. */
    static DicomTestFiles source(int w, int h, boolean withStudy) {
        DicomTestFiles f = DicomTestFiles.part10(DicomParser.EXPLICIT_LE)
                .text(0x0008_0016, "UI", CR).text(0x0008_0018, "UI", INSTANCE)
                .text(0x0008_0020, "DA", "20040826").text(0x0008_0060, "CS", "CR")
                .text(0x0010_0010, "PN", "Doe^Jane").text(0x0010_0020, "LO", "P1");
        if (withStudy) {
            f.text(0x0020_000D, "UI", STUDY);
        }
        return f.text(0x0020_000E, "UI", SERIES).text(0x0028_0030, "DS", "0.0\\0.0")
                .text(0x0018_1164, "DS", "0.1\\0.2").pixelModule(h, w, 16, 12, false, "MONOCHROME1");
    }

    static DicomObject sourceObject(int w, int h) throws Exception {
        return DicomParser.parse("source.dcm", source(w, h, true).pixels16(new int[w * h]).bytes());
    }

    static LabelMap randomMask(int w, int h, long seed) {
        Random r = new Random(seed);
        byte[] labels = new byte[w * h];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) r.nextInt(3);
        }
        return new LabelMap(w, h, labels);
    }

    @Test
    void aSegmentationReadsBackWithItsUidsSegmentsReferencesAndFrames() throws Exception {
        int w = 7;
        int h = 5;
        LabelMap mask = randomMask(w, h, 1);
        DicomObject source = sourceObject(w, h);
        byte[] bytes = DicomSeg.encode(source, mask, ALGORITHM, ID);
        DicomObject seg = DicomParser.parse("seg.dcm", bytes);
        assertReadsBack(seg, mask, source);

        assertThat(seg.string(0x0008_0018)).isEqualTo("2.25." + unsigned(ID.instance()))
                .isEqualTo(seg.string(DicomWriter.MEDIA_SOP_INSTANCE));
        assertThat(seg.string(DicomObject.SERIES_UID)).isEqualTo("2.25." + unsigned(ID.series()));
        assertThat(seg.string(0x0010_0010)).isEqualTo("Doe^Jane");
        assertThat(seg.string(0x0010_0030)).as("type 2, absent in the source: empty").isEmpty();
        assertThat(seg.string(0x0008_0023)).isEqualTo("20261205");
        assertThat(seg.string(0x0008_0033)).isEqualTo("183015");
        List<DicomObject> segments = seg.sequence(DicomSeg.SEGMENT_SEQUENCE);
        assertThat(segments).extracting(s -> s.string(DicomSeg.SEGMENT_LABEL))
                .containsExactly("Open beam", "Soft tissue", "Bone");
        assertThat(segments).extracting(s -> code(s, DicomSeg.SEGMENT_TYPE))
                .containsExactly("DCM 125040 Background", "DCM 112144 Soft tissue", "SCT 272673000 Bone");
        assertThat(segments).extracting(s -> code(s, DicomSeg.SEGMENT_CATEGORY))
                .containsExactly("SCT 309825002 Spatial and Relational Concept", "SCT 85756007 Tissue",
                        "SCT 85756007 Tissue");
        for (DicomObject s : segments) {
            assertThat(s.string(DicomSeg.SEGMENT_ALGORITHM_TYPE)).isEqualTo("AUTOMATIC");
            assertThat(s.string(DicomSeg.SEGMENT_ALGORITHM_NAME)).isEqualTo("XNet");
            assertThat(s.sequence(DicomSeg.SEGMENT_ALGORITHM_IDENTIFICATION).get(0)
                    .string(DicomSeg.ALGORITHM_VERSION)).isEqualTo("1.2.3");
        }
        assertThat(seg.string(0x0018_1000)).as("device serial number: the model id").isEqualTo("abc123");
        DicomObject measures = seg.sequence(SegFrames.SHARED_GROUPS).get(0).sequence(SegFrames.PIXEL_MEASURES).get(0);
        assertThat(measures.decimals(DicomObject.PIXEL_SPACING)).as("0\\0 pixel spacing: imager spacing used")
                .containsExactly(0.1, 0.2);
        assertThat(seg.has(SourceAttributes.FRAME_OF_REFERENCE_UID)).isFalse();
    }

    @Test
    void theSameIdentityGivesTheSameBytesAndAnotherGivesOtherUids() throws Exception {
        LabelMap mask = randomMask(4, 3, 2);
        DicomObject source = sourceObject(4, 3);
        byte[] a = DicomSeg.encode(source, mask, ALGORITHM, ID);
        assertThat(DicomSeg.encode(source, mask, ALGORITHM, ID)).isEqualTo(a);
        DicomObject other = DicomParser.parse("b", DicomSeg.encode(source, mask, ALGORITHM,
                new DicomSeg.Identity(UUID.randomUUID(), UUID.randomUUID(), ID.created())));
        assertThat(other.string(0x0008_0018)).isNotEqualTo(DicomParser.parse("a", a).string(0x0008_0018));
    }

    @Test
    void writeIsAtomicAndReadsBack() throws Exception {
        LabelMap mask = randomMask(9, 2, 3);
        Path source = dir.resolve("source.dcm");
        Files.write(source, source(9, 2, true).pixels16(new int[18]).bytes());
        Path out = dir.resolve("out/seg.dcm");
        DicomSeg.write(DicomReader.header(source), mask, ALGORITHM, out);
        assertReadsBack(DicomReader.parse(out), mask, DicomReader.parse(source));
        try (var files = Files.list(out.getParent())) {
            assertThat(files).containsExactly(out);
        }
    }

    @Test
    void aMaskOfAnotherSizeIsRefusedNamingBothSizes() throws Exception {
        DicomObject source = sourceObject(7, 5);
        assertThatThrownBy(() -> DicomSeg.encode(source, randomMask(5, 7, 4), ALGORITHM, ID))
                .isInstanceOf(XNetException.class)
                .hasMessage("source.dcm: the image is 7x5 but the derived image is 5x7; it must have the source "
                        + "image's size");
    }

    @Test
    void aSourceWithoutStudyUidIsRefused() throws Exception {
        DicomObject source = DicomParser.parse("nostudy.dcm", source(2, 2, false).pixels16(new int[4]).bytes());
        assertThatThrownBy(() -> DicomSeg.encode(source, randomMask(2, 2, 5), ALGORITHM, ID))
                .isInstanceOf(XNetException.class)
                .hasMessage("nostudy.dcm: no Study Instance UID (0020,000D); a Segmentation must reference its "
                        + "source image's UIDs, so none is written");
    }

    @Test
    void namesAndVersionsOfTheLongestAllowedLengthStillFitTheirElements() throws Exception {
        String long64 = "N".repeat(64);
        DicomSeg.Algorithm algorithm = new DicomSeg.Algorithm(long64, "v".repeat(64), "f".repeat(64));
        DicomObject seg = DicomParser.parse("s", DicomSeg.encode(sourceObject(2, 2), randomMask(2, 2, 6), algorithm, ID));
        assertThat(seg.string(DicomSeg.CONTENT_LABEL)).isEqualTo("N".repeat(16));
        assertThat(seg.string(DicomSeg.CONTENT_DESCRIPTION)).hasSize(64).startsWith("Open beam, soft tissue and bone by N");
        assertThat(seg.sequence(DicomSeg.SEGMENT_SEQUENCE).get(0).string(DicomSeg.SEGMENT_ALGORITHM_NAME)).isEqualTo(long64);
        assertThatThrownBy(() -> new DicomSeg.Algorithm("XNet", "", "id")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sopUidsMissingFromTheDataSetAreTakenFromTheMetaGroup() throws Exception {
        byte[] meta = new DicomDataSet().text(DicomWriter.MEDIA_SOP_CLASS, "UI", CR)
                .text(DicomWriter.MEDIA_SOP_INSTANCE, "UI", "9.8.7")
                .text(DicomObject.TRANSFER_SYNTAX, "UI", DicomParser.EXPLICIT_LE).encode();
        byte[] body = DicomTestFiles.bare(true).text(0x0020_000D, "UI", STUDY).text(0x0020_000E, "UI", SERIES)
                .pixelModule(2, 3, 8, 8, false, "MONOCHROME2").pixels8(new int[6]).bytes();
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        file.writeBytes(new byte[128]);
        file.writeBytes("DICM".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        file.writeBytes(new DicomDataSet().uint32(DicomWriter.META_GROUP_LENGTH, meta.length).encode());
        file.writeBytes(meta);
        file.writeBytes(body);
        DicomObject source = DicomParser.parse("meta-only.dcm", file.toByteArray());
        DicomObject seg = DicomParser.parse("s", DicomSeg.encode(source, randomMask(3, 2, 8), ALGORITHM, ID));
        DicomObject ref = seg.sequence(DicomSeg.REFERENCED_SERIES).get(0).sequence(DicomSeg.REFERENCED_INSTANCES).get(0);
        assertThat(ref.string(DicomSeg.REFERENCED_SOP_CLASS)).isEqualTo(CR);
        assertThat(ref.string(DicomSeg.REFERENCED_SOP_INSTANCE)).isEqualTo("9.8.7");
    }

    @Test
    void uidsAreTheUnsignedDecimalOfTheUuid() {
        assertThat(DicomUids.of(new UUID(0, 1))).isEqualTo("2.25.1");
        assertThat(DicomUids.of(new UUID(-1, -1))).isEqualTo("2.25." + BigInteger.TWO.pow(128).subtract(BigInteger.ONE));
        assertThat(DicomUids.of(new UUID(1, 0))).isEqualTo("2.25." + BigInteger.TWO.pow(64));
    }

    /**
     * Checks what every Segmentation of {@code mask} over {@code source} must hold: SOP class and
     * modality, the study and the referenced series and instance equal to the source's, three
     * segments, and three frames that unpack to the mask's classes with their references.
     */
    static void assertReadsBack(DicomObject seg, LabelMap mask, DicomObject source) throws Exception {
        assertThat(seg.string(0x0008_0016)).isEqualTo(DicomSeg.SOP_CLASS).isEqualTo(seg.string(DicomWriter.MEDIA_SOP_CLASS));
        assertThat(seg.transferSyntax()).isEqualTo(DicomParser.EXPLICIT_LE);
        assertThat(seg.string(DicomSeg.MODALITY)).isEqualTo("SEG");
        assertThat(seg.string(DicomSeg.SEGMENTATION_TYPE)).isEqualTo("BINARY");
        assertThat(seg.string(SourceAttributes.STUDY_UID)).isEqualTo(source.string(SourceAttributes.STUDY_UID));
        assertThat(seg.string(DicomObject.SERIES_UID)).startsWith("2.25.")
                .isNotEqualTo(source.string(DicomObject.SERIES_UID));
        DicomObject series = seg.sequence(DicomSeg.REFERENCED_SERIES).get(0);
        assertThat(series.string(DicomObject.SERIES_UID)).isEqualTo(source.string(DicomObject.SERIES_UID));
        assertReferencesSource(series.sequence(DicomSeg.REFERENCED_INSTANCES).get(0), source);
        assertThat(seg.sequence(DicomSeg.SEGMENT_SEQUENCE)).extracting(s -> s.uint16(DicomSeg.SEGMENT_NUMBER, 0))
                .containsExactly(1, 2, 3);
        assertThat(seg.decimal(DicomObject.NUMBER_OF_FRAMES, 0)).isEqualTo(3);
        assertThat(seg.uint16(DicomObject.COLUMNS, 0)).isEqualTo(mask.width());
        assertThat(seg.uint16(DicomObject.ROWS, 0)).isEqualTo(mask.height());
        assertThat(seg.uint16(DicomObject.BITS_ALLOCATED, 0)).isEqualTo(1);
        List<DicomObject> frames = seg.sequence(SegFrames.PER_FRAME_GROUPS);
        assertThat(frames).hasSize(3);
        for (int k = 0; k < 3; k++) {
            DicomObject f = frames.get(k);
            assertThat(f.sequence(SegFrames.SEGMENT_IDENTIFICATION).get(0)
                    .uint16(SegFrames.REFERENCED_SEGMENT_NUMBER, 0)).isEqualTo(k + 1);
            assertThat(f.sequence(SegFrames.FRAME_CONTENT).get(0).uint32s(SegFrames.DIMENSION_INDEX_VALUES))
                    .containsExactly(k + 1);
            assertReferencesSource(f.sequence(SegFrames.DERIVATION_IMAGES).get(0)
                    .sequence(SegFrames.SOURCE_IMAGES).get(0), source);
        }
        DicomObject.Span pixels = seg.nativePixels();
        int area = mask.width() * mask.height();
        assertThat(pixels.length()).isEqualTo((3 * area + 7) / 8 + ((3 * area + 7) / 8) % 2);
        byte[] b = seg.bytes();
        byte[] labels = mask.data();
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < area; i++) {
                int bit = k * area + i;
                boolean set = (b[pixels.offset() + bit / 8] >> (bit % 8) & 1) == 1;
                if (set != (labels[i] == k)) {
                    throw new AssertionError("frame " + k + " pixel " + i + ": bit " + set + ", mask class " + labels[i]);
                }
            }
        }
    }

    private static void assertReferencesSource(DicomObject reference, DicomObject source) {
        assertThat(reference.string(DicomSeg.REFERENCED_SOP_CLASS)).isEqualTo(source.string(0x0008_0016));
        assertThat(reference.string(DicomSeg.REFERENCED_SOP_INSTANCE)).isEqualTo(source.string(0x0008_0018));
    }

    private static String code(DicomObject segment, int sequence) {
        DicomObject c = segment.sequence(sequence).get(0);
        return c.string(SegmentCodes.CODING_SCHEME) + " " + c.string(SegmentCodes.CODE_VALUE) + " "
                + c.string(SegmentCodes.CODE_MEANING);
    }

    private static BigInteger unsigned(UUID u) {
        return new BigInteger(1, java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits()).array());
    }
}
