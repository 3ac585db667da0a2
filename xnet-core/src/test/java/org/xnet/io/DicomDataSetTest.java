package org.xnet.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.XNetException;

/**
 * The Part 10 writer read back by the parser and by a byte walk written here from PS3.10/PS3.5:
 * the meta group length, even-length padding per VR, AT values, nested defined-length sequences,
 * and {@link DicomReader#header} on headers shorter and longer than the prefix it reads first.
 */
class DicomDataSetTest {

    @TempDir
    Path dir;

    private static byte[] file(DicomDataSet d) {
        return DicomWriter.part10(d.text(DicomWriter.SOP_CLASS, "UI", "1.2").text(DicomWriter.SOP_INSTANCE, "UI", "1.2.3"),
                "1.2", "1.2.3");
    }

    @Test
    void theMetaGroupLengthCountsTheMetaElementsAfterIt() throws Exception {
        byte[] b = file(new DicomDataSet().text(0x0010_0010, "PN", "A^B"));
        assertThat(DicomParser.hasPreamble(b)).isTrue();
        assertThat(le16(b, 132)).isEqualTo(0x0002);
        assertThat(le16(b, 134)).isEqualTo(0x0000);
        assertThat(new String(b, 136, 2)).isEqualTo("UL");
        long groupLength = le32(b, 140);
        int at = 144;
        while (le16(b, at) == 0x0002) {
            String vr = new String(b, at + 4, 2);
            boolean longForm = vr.equals("OB");
            at += longForm ? 12 + (int) le32(b, at + 8) : 8 + le16(b, at + 6);
        }
        assertThat(at - 144L).isEqualTo(groupLength);
        DicomObject o = DicomParser.parse("f", b);
        assertThat(o.string(DicomObject.TRANSFER_SYNTAX)).isEqualTo(DicomParser.EXPLICIT_LE);
        assertThat(o.string(DicomWriter.IMPLEMENTATION_CLASS_UID)).isEqualTo(DicomUids.IMPLEMENTATION_CLASS);
        assertThat(o.rawValue(DicomWriter.META_VERSION)).containsExactly(0, 1);
        assertThat(o.string(0x0010_0010)).isEqualTo("A^B");
    }

    @Test
    void oddValuesArePaddedToEvenLengthAsTheirVrSays() throws Exception {
        DicomObject o = DicomParser.parse("f", file(new DicomDataSet()
                .text(0x0020_000D, "UI", "1.2.345")
                .text(0x0008_0060, "CS", "SEG")
                .binary(0x0009_0010, "OB", new byte[] {1, 2, 3})
                .uint16(DicomObject.ROWS, 513)
                .tags(0x0020_9165, 0x0062_000B)
                .uint32(0x0020_9157, 4_000_000_000L)));
        assertThat(o.rawValue(0x0020_000D)).containsExactly("1.2.345\0".getBytes());
        assertThat(o.rawValue(0x0008_0060)).containsExactly("SEG ".getBytes());
        assertThat(o.rawValue(0x0009_0010)).containsExactly(1, 2, 3, 0);
        assertThat(o.uint16(DicomObject.ROWS, 0)).isEqualTo(513);
        assertThat(o.rawValue(0x0020_9165)).containsExactly(0x62, 0, 0x0B, 0);
        assertThat(o.uint32s(0x0020_9157)).containsExactly(4_000_000_000L);
        assertThat(o.string(0x0020_000D)).isEqualTo("1.2.345");
    }

    @Test
    void nestedSequencesOfDefinedLengthReadBack() throws Exception {
        DicomDataSet inner = new DicomDataSet().text(0x0008_0100, "SH", "X1");
        DicomObject o = DicomParser.parse("f", file(new DicomDataSet()
                .sequence(0x0062_0002, List.of(new DicomDataSet().uint16(0x0062_0004, 1).sequence(0x0062_0003, inner),
                        new DicomDataSet().uint16(0x0062_0004, 2)))
                .sequence(0x0008_1115, List.of())
                .text(0x0010_0020, "LO", "after")));
        List<DicomObject> items = o.sequence(0x0062_0002);
        assertThat(items).extracting(i -> i.uint16(0x0062_0004, 0)).containsExactly(1, 2);
        assertThat(items.get(0).sequence(0x0062_0003).get(0).string(0x0008_0100)).isEqualTo("X1");
        assertThat(items.get(1).sequence(0x0062_0003)).isEmpty();
        assertThat(o.sequence(0x0008_1115)).isEmpty();
        assertThat(o.has(0x0008_0100)).as("item elements stay in their item").isFalse();
        assertThat(o.string(0x0010_0020)).isEqualTo("after");
    }

    @Test
    void undefinedLengthItemsOfAnotherWriterAreReadToo() throws Exception {
        byte[] inner = DicomTestFiles.bare(true).us(DicomObject.ROWS, 999).bytes();
        DicomObject o = DicomParser.parse("f", DicomTestFiles.part10(DicomParser.EXPLICIT_LE)
                .undefinedSequence(0x0008_1140, inner).us(DicomObject.ROWS, 4).bytes());
        assertThat(o.sequence(0x0008_1140).get(0).uint16(DicomObject.ROWS, 0)).isEqualTo(999);
        assertThat(o.uint16(DicomObject.ROWS, 0)).isEqualTo(4);
    }

    @Test
    void valuesThatDoNotFitTheirVrAreProgrammerErrors() {
        assertThatThrownBy(() -> new DicomDataSet().text(0x0070_0080, "CS", "SEVENTEEN_CHARS_X"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0070,0080)");
        assertThatThrownBy(() -> new DicomDataSet().text(0x0010_0010, "OB", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a text VR");
        assertThatThrownBy(() -> new DicomDataSet().uint16(DicomObject.ROWS, 65536))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headerReadsPastItsFirstPrefixWhenTheHeaderIsLonger() throws Exception {
        byte[] big = new byte[DicomReader.HEADER_PREFIX + 1001];
        Arrays.fill(big, (byte) 7);
        Path p = dir.resolve("long-header.dcm");
        Files.write(p, DicomSegTest.source(3, 2, true).element(0x0009_1010, "OB", big)
                .pixels16(new int[6]).bytes());
        DicomObject header = DicomReader.header(p);
        assertThat(header.string(0x0020_000E)).isEqualTo(DicomSegTest.SERIES);
        assertThat(header.rawValue(0x0009_1010)).isEqualTo(big);
        assertThat(header.hasPixelData()).as("header only: pixels not read").isFalse();

        Path small = dir.resolve("short-header.dcm");
        Files.write(small, DicomSegTest.source(3, 2, true).pixels16(new int[6]).bytes());
        assertThat(DicomReader.header(small).string(0x0008_0018)).isEqualTo(DicomSegTest.INSTANCE);
    }

    @Test
    void aHeaderCutShortNamesTheFile() throws Exception {
        byte[] whole = DicomSegTest.source(3, 2, true).pixels16(new int[6]).bytes();
        Path p = dir.resolve("cut.dcm");
        Files.write(p, Arrays.copyOf(whole, 300));
        assertThatThrownBy(() -> DicomReader.header(p)).isInstanceOf(XNetException.class)
                .hasMessageStartingWith(p + ": not a readable DICOM file: truncated");
    }

    private static int le16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long le32(byte[] b, int at) {
        return le16(b, at) | (long) le16(b, at + 2) << 16;
    }
}
