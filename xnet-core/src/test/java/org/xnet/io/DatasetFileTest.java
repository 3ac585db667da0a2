package org.xnet.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Dataset;
import org.xnet.core.Sample;
import org.xnet.core.Split;
import org.xnet.core.XNetException;

class DatasetFileTest {
    @TempDir
    Path dir;

    @Test
    void writeThenReadGivesIdenticalDataset() throws XNetException {
        Dataset original = TestDatasets.dataset(42, 5, 2, 3, 12);
        Path file = dir.resolve("data.h5");
        DatasetFile.write(original, file);
        Dataset read = DatasetFile.read(file);
        assertThat(read).isEqualTo(original);
        assertThat(read.imageSize()).isEqualTo(12);
        assertThat(read.maxValue()).isEqualTo(65535.0);
        assertThat(read.minValue()).isEqualTo(12.0);
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void readingSomeSplitsLeavesTheOthersEmptyAndTheRestAsWritten() throws XNetException {
        Dataset original = TestDatasets.dataset(43, 5, 2, 3, 12);
        Path file = dir.resolve("data.h5");
        DatasetFile.write(original, file);
        Dataset test = DatasetFile.read(file, EnumSet.of(Split.TEST));
        assertThat(test.test()).isEqualTo(original.test()).hasSize(3);
        assertThat(test.train()).isEmpty();
        assertThat(test.validation()).isEmpty();
        assertThat(test.imageSize()).isEqualTo(12);
        assertThat(test.maxValue()).isEqualTo(original.maxValue());
        assertThat(test.minValue()).isEqualTo(original.minValue());
        Dataset trainAndValidation = DatasetFile.read(file, EnumSet.of(Split.TRAIN, Split.VALIDATION));
        assertThat(trainAndValidation.train()).isEqualTo(original.train());
        assertThat(trainAndValidation.validation()).isEqualTo(original.validation());
        assertThat(trainAndValidation.test()).isEmpty();
    }

    @Test
    void maxAndMinValueAreTheOriginalsOneAndZeroAndTheRawRangeHasItsOwnAttributes() throws Exception {
        Path file = dir.resolve("attrs.h5");
        DatasetFile.write(TestDatasets.dataset(42, 2, 1, 1, 4), file);
        try (HdfFile hdf = new HdfFile(file)) {
            assertThat(attribute(hdf, "max_value")).isEqualTo(1.0);
            assertThat(attribute(hdf, "min_value")).isEqualTo(0.0);
            assertThat(attribute(hdf, "raw_max_value")).isEqualTo(65535.0);
            assertThat(attribute(hdf, "raw_min_value")).isEqualTo(12.0);
        }
        Path original = hdf("original.h5", hdf -> { });
        Dataset fromOriginal = DatasetFile.read(original);
        assertThat(fromOriginal.maxValue()).isEqualTo(1.0);
        assertThat(fromOriginal.minValue()).isEqualTo(0.0);
    }

    private static double attribute(HdfFile hdf, String name) {
        Object value = hdf.getAttribute(name).getData();
        return ((Number) (value.getClass().isArray() ? java.lang.reflect.Array.get(value, 0) : value)).doubleValue();
    }

    @Test
    void roundTripKeepsNonAsciiNamesAndEmptySplits() throws XNetException {
        Random random = new Random(7);
        List<Sample> train = List.of(TestDatasets.sample(random, 4, "hand", "Röntgen/hände 01.tif"),
                TestDatasets.sample(random, 4, "neckoffemur", "x.tif"));
        Dataset original = new Dataset(train, List.of(), List.of(), 4, 1.0, 0.0);
        Path file = dir.resolve("names.h5");
        DatasetFile.write(original, file);
        assertThat(DatasetFile.read(file)).isEqualTo(original);
    }

    @Test
    void writingReplacesAnExistingFileAndSha256ChangesWithContent() throws XNetException {
        Path file = dir.resolve("data.h5");
        DatasetFile.write(TestDatasets.dataset(1, 2, 1, 1, 4), file);
        String first = DatasetFile.sha256(file);
        DatasetFile.write(TestDatasets.dataset(2, 2, 1, 1, 4), file);
        assertThat(DatasetFile.sha256(file)).hasSize(64).isNotEqualTo(first);
        assertThat(DatasetFile.read(file)).isEqualTo(TestDatasets.dataset(2, 2, 1, 1, 4));
    }

    @Test
    void sha256OfKnownBytes() throws IOException, XNetException {
        Path file = Files.writeString(dir.resolve("abc.txt"), "abc");
        assertThat(DatasetFile.sha256(file))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void unwritableOutputLeavesNoFile() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain.txt"), "x");
        Path file = notADirectory.resolve("data.h5");
        assertThatThrownBy(() -> DatasetFile.write(TestDatasets.dataset(1, 1, 1, 1, 4), file))
                .isInstanceOf(XNetException.class).hasMessageContaining(file.toString());
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(notADirectory);
        }
    }

    @Test
    void missingFileAndNonHdf5FileAreNamed() throws IOException {
        Path missing = dir.resolve("none.h5");
        assertThatThrownBy(() -> DatasetFile.read(missing)).isInstanceOf(XNetException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
        Path text = Files.writeString(dir.resolve("text.h5"), "this is not HDF5");
        assertThatThrownBy(() -> DatasetFile.read(text)).isInstanceOf(XNetException.class)
                .hasMessageContaining(text.toString());
    }

    @Test
    void missingDatasetIsNamed() {
        Path file = hdf("partial.h5", hdf -> {
            hdf.putDataset("train_img", new double[1][2][2][1]);
            hdf.putDataset("train_bodypart", new String[] {"hand"});
            hdf.putDataset("train_file", new String[] {"hand.tif"});
        });
        assertThatThrownBy(() -> DatasetFile.read(file)).isInstanceOf(XNetException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("train_label");
    }

    @Test
    void wrongShapeIsNamed() {
        Path file = hdf("shape.h5", hdf -> {
            hdf.putDataset("val_img", new double[1][2][2][1]);
            hdf.putDataset("val_label", new byte[1][2][2][2]);
            hdf.putDataset("val_bodypart", new String[] {"hand"});
            hdf.putDataset("val_file", new String[] {"hand.tif"});
        });
        assertThatThrownBy(() -> DatasetFile.read(file)).isInstanceOf(XNetException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("val_label")
                .hasMessageContaining("[1, 2, 2, 2]").hasMessageContaining("[1, 2, 2, 3]");
    }

    @Test
    void labelThatIsNotOneHotIsNamedWithItsPixel() {
        byte[][][][] labels = new byte[2][2][2][3];
        for (byte[][][] image : labels) {
            for (byte[][] row : image) {
                for (byte[] pixel : row) {
                    pixel[0] = 1;
                }
            }
        }
        labels[1][1][0][2] = 1;
        Path file = hdf("onehot.h5", hdf -> {
            hdf.putDataset("test_img", new double[2][2][2][1]);
            hdf.putDataset("test_label", labels);
            hdf.putDataset("test_bodypart", new String[] {"hand", "knee"});
            hdf.putDataset("test_file", new String[] {"hand.tif", "knee.tif"});
        });
        assertThatThrownBy(() -> DatasetFile.read(file)).isInstanceOf(XNetException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("test_label")
                .hasMessageContaining("image 1 pixel (0,1)").hasMessageContaining("[1.0, 0.0, 1.0]");
    }

    /** As for image files: NaN or infinite pixels are refused with the file, the dataset and their count. */
    @Test
    void imagesWithNonFinitePixelsAreRefusedWithTheDatasetAndTheirCount() {
        double[][][][] images = new double[3][2][2][1];
        images[1][0][1][0] = Double.NaN;
        images[1][1][1][0] = Double.NEGATIVE_INFINITY;
        images[2][0][0][0] = 1e300; // float64 beyond float32's range: infinite once read
        byte[][][][] labels = new byte[3][2][2][3];
        for (byte[][][] image : labels) {
            for (byte[][] row : image) {
                for (byte[] pixel : row) {
                    pixel[1] = 1;
                }
            }
        }
        Path file = hdf("nan.h5", hdf -> {
            hdf.putDataset("val_img", images);
            hdf.putDataset("val_label", labels);
            hdf.putDataset("val_bodypart", new String[] {"hand", "hand", "knee"});
            hdf.putDataset("val_file", new String[] {"a.tif", "b.tif", "c.tif"});
        });
        assertThatThrownBy(() -> DatasetFile.read(file)).isInstanceOf(XNetException.class)
                .hasMessage("dataset file " + file + ": dataset val_img has 3 of 12 pixels that are not finite"
                        + " (NaN or infinite), the first in image 1; expected finite values");
    }

    @Test
    void readsImagesWithoutAChannelAxisAndIntegerLabels() throws XNetException {
        int[][][][] labels = new int[1][2][2][3];
        labels[0][0][0][2] = 1;
        labels[0][0][1][1] = 1;
        labels[0][1][0][0] = 1;
        labels[0][1][1][0] = 1;
        Path file = hdf("threeaxes.h5", hdf -> {
            hdf.putDataset("train_img", new float[][][] {{{1.5f, 2}, {3, 4}}});
            hdf.putDataset("train_label", labels);
            hdf.putDataset("train_bodypart", new String[] {"hand"});
            hdf.putDataset("train_file", new String[] {"hand.tif"});
        });
        Sample s = DatasetFile.read(file).train().get(0);
        assertThat(s.image().data()).containsExactly(1.5f, 2f, 3f, 4f);
        assertThat(s.label().data()).containsExactly(2, 1, 0, 0);
    }

    @Test
    void missingAttributeIsNamed() {
        Path file = dir.resolve("noattr.h5");
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            hdf.putAttribute("image_size", 2L);
        }
        assertThatThrownBy(() -> DatasetFile.read(file)).isInstanceOf(XNetException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("max_value");
    }

    private Path hdf(String name, Consumer<WritableHdfFile> content) {
        Path file = dir.resolve(name);
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            hdf.putAttribute("image_size", 2L);
            hdf.putAttribute("max_value", 1.0);
            hdf.putAttribute("min_value", 0.0);
            content.accept(hdf);
        }
        return file;
    }
}
