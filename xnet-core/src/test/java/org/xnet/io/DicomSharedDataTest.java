package org.xnet.io;

import static org.assertj.core.api.Assertions.assertThat;

import ij.plugin.DICOM;
import ij.process.ImageProcessor;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xnet.core.Image2D;
import org.xnet.testutil.SharedData;

/**
 * The NEMA WG04 radiographs under the shared data folder (skipped where it is absent): sizes, the
 * JPEG 2000 lossless file equal to the uncompressed one, the TIFF copy's relation to both, and the
 * exposure polarity after reading (open beam bright, bone darker, RG3's collimator 0).
 */
class DicomSharedDataTest {

    private static Path radiograph(String name) {
        return SharedData.file("radiographs/" + name);
    }

    @Test
    @Tag("slow") // decoding 1760x1760 JPEG 2000 in pure Java takes seconds
    void rg3LosslessJpeg2000EqualsTheUncompressedDicom() throws Exception {
        Image2D j2k = ImageReaders.read(radiograph("RG3_J2KR.dcm"));
        Image2D raw = ImageReaders.read(radiograph("RG3_J2KR_raw.dcm"));
        assertThat(j2k.sizeString()).isEqualTo("1760x1760");
        assertThat(j2k).isEqualTo(raw);
    }

    @Test
    void rg3UncompressedHasTheStatedSizeAndBitDepth() throws Exception {
        Path file = radiograph("RG3_J2KR_raw.dcm");
        DicomObject o = DicomReader.parse(file);
        DicomPixels.Format f = DicomPixels.Format.of(o);
        assertThat(f.columns()).isEqualTo(1760);
        assertThat(f.rows()).isEqualTo(1760);
        assertThat(f.bitsStored()).isEqualTo(10);
        assertThat(f.photometric()).isEqualTo("MONOCHROME1");
        Image2D raw = ImageReaders.read(file);
        assertThat(raw.sizeString()).isEqualTo("1760x1760");
        assertThat(raw.min()).isEqualTo(0f);
        assertThat(raw.max()).isEqualTo(1023f);
    }

    @Test
    void rg3TiffHoldsTheStoredValuesWhichAreAlreadyInExposurePolarity() throws Exception {
        Image2D tiff = ImageReaders.read(radiograph("RG3_J2KR_raw_16bit.tif"));
        Image2D dicom = ImageReaders.read(radiograph("RG3_J2KR_raw.dcm"));
        assertThat(tiff.sizeString()).isEqualTo("1760x1760");
        float[] t = tiff.data();
        float[] d = dicom.data();
        for (int i = 0; i < t.length; i++) {
            if (t[i] != d[i]) {
                throw new AssertionError("pixel " + i + ": TIFF " + t[i] + ", DICOM " + d[i] + ", expected equal");
            }
        }
    }

    @Test
    void rg3ReadsInExposurePolarityOpenBeamBrightestCollimatorBlack() throws Exception {
        Image2D image = ImageReaders.read(radiograph("RG3_J2KR_raw.dcm"));
        double openBeam = patchMean(image, 560, 800);
        double tibia = patchMean(image, 900, 480);
        double collimatorLeft = patchMean(image, 200, 880);
        double collimatorRight = patchMean(image, 1500, 880);
        assertThat(openBeam).as("open beam beside the leg").isGreaterThan(900);
        assertThat(tibia).as("tibia").isBetween(100.0, openBeam / 2);
        assertThat(collimatorLeft).as("left collimator").isEqualTo(0.0);
        assertThat(collimatorRight).as("right collimator").isEqualTo(0.0);
    }

    @Test
    @Tag("slow")
    void rg1ReadsInExposurePolarityOpenBeamAboveTheShouldersBrighterThanLungBrighterThanSpine() throws Exception {
        Image2D image = ImageReaders.read(radiograph("RG1_J2KI.dcm"));
        double openBeam = Math.min(patchMean(image, 40, 60), patchMean(image, 1800, 60));
        double lung = patchMean(image, 600, 600);
        double mediastinum = patchMean(image, 920, 1000);
        assertThat(openBeam).isGreaterThan(lung);
        assertThat(lung).isGreaterThan(2 * mediastinum);
    }

    /** Mean of the 41x41 patch centred on (x, y). */
    private static double patchMean(Image2D image, int x, int y) {
        double sum = 0;
        for (int dy = -20; dy <= 20; dy++) {
            for (int dx = -20; dx <= 20; dx++) {
                sum += image.get(x + dx, y + dy);
            }
        }
        return sum / (41 * 41);
    }

    @Test
    void rg3StoredValuesAgreeWithImageJ() throws Exception {
        Path file = radiograph("RG3_J2KR_raw.dcm");
        DICOM imagej = new DICOM();
        imagej.open(file.toString());
        ImageProcessor ip = imagej.getProcessor();
        assertThat(ip).as("ImageJ opens " + file).isNotNull();
        DicomObject o = DicomReader.parse(file);
        int[] stored = DicomPixels.storedValues(o, DicomPixels.Format.of(o));
        assertThat(ip.getWidth()).isEqualTo(1760);
        assertThat(ip.getHeight()).isEqualTo(1760);
        for (int i = 0; i < stored.length; i++) {
            if (ip.get(i) != stored[i]) {
                throw new AssertionError("pixel " + i + ": ImageJ " + ip.get(i) + ", ours " + stored[i]);
            }
        }
    }

    @Test
    void rg1HeaderHasTheStatedSizeAndBitDepth() throws Exception {
        DicomObject o = DicomReader.parse(radiograph("RG1_J2KI.dcm"));
        DicomPixels.Format f = DicomPixels.Format.of(o);
        assertThat(f.columns()).isEqualTo(1841);
        assertThat(f.rows()).isEqualTo(1955);
        assertThat(f.bitsStored()).isEqualTo(15);
        assertThat(f.photometric()).isEqualTo("MONOCHROME1");
        assertThat(o.transferSyntax()).isEqualTo("1.2.840.10008.1.2.4.91");
    }

    @Test
    @Tag("slow") // decodes 1841x1955 lossy JPEG 2000
    void rg1LossyJpeg2000HasColumnsAsWidth() throws Exception {
        Image2D image = ImageReaders.read(radiograph("RG1_J2KI.dcm"));
        assertThat(image.width()).isEqualTo(1841);
        assertThat(image.height()).isEqualTo(1955);
        assertThat(image.min()).isGreaterThanOrEqualTo(0f);
        assertThat(image.max()).isLessThanOrEqualTo(32767f);
    }
}
