package org.xnet.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xnet.core.XNetException;

/** The Secondary Capture overlay read back by the project's parser: RGB bytes, study, series and reference. */
class DicomOverlayTest {

    @Test
    void anOverlayReadsBackAsRgbInTheSourceStudyReferencingTheSource() throws Exception {
        int w = 5;
        int h = 3;
        int[] argb = new Random(9).ints(w * h).toArray();
        DicomObject source = DicomSegTest.sourceObject(w, h);
        DicomObject sc = DicomParser.parse("sc", DicomOverlay.encode(source, w, h, argb, DicomSegTest.ALGORITHM,
                DicomSegTest.ID));
        assertThat(sc.string(0x0008_0016)).isEqualTo(DicomOverlay.SOP_CLASS);
        assertThat(sc.string(DicomSeg.MODALITY)).isEqualTo("OT");
        assertThat(sc.string(SourceAttributes.STUDY_UID)).isEqualTo(DicomSegTest.STUDY);
        assertThat(sc.string(DicomObject.SERIES_UID)).isEqualTo(DicomUids.of(DicomSegTest.ID.series()));
        DicomObject ref = sc.sequence(SegFrames.SOURCE_IMAGES).get(0);
        assertThat(ref.string(DicomSeg.REFERENCED_SOP_INSTANCE)).isEqualTo(DicomSegTest.INSTANCE);
        assertThat(sc.string(DicomObject.PHOTOMETRIC)).isEqualTo("RGB");
        assertThat(sc.uint16(DicomObject.SAMPLES_PER_PIXEL, 0)).isEqualTo(3);
        DicomObject.Span pixels = sc.nativePixels();
        assertThat(pixels.length()).isEqualTo(3 * w * h + 1); // 45 bytes, padded to 46
        byte[] b = sc.bytes();
        for (int i = 0; i < w * h; i++) {
            int at = pixels.offset() + 3 * i;
            int rgb = (b[at] & 0xFF) << 16 | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF);
            assertThat(rgb).as("pixel " + i).isEqualTo(argb[i] & 0xFFFFFF);
        }
    }

    @Test
    void anOverlayOfAnotherSizeIsRefused() throws Exception {
        DicomObject source = DicomSegTest.sourceObject(5, 3);
        assertThatThrownBy(() -> DicomOverlay.encode(source, 3, 5, new int[15], DicomSegTest.ALGORITHM,
                DicomSegTest.ID)).isInstanceOf(XNetException.class)
                .hasMessageStartingWith("source.dcm: the image is 5x3 but the derived image is 3x5");
    }
}
