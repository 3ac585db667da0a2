package org.xnet.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Dataset;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.Progress;
import org.xnet.core.Sample;
import org.xnet.core.XNetException;

/** Prepare on in-memory images: the files exist only as names, the readers hand out generated pixels. */
class PrepareTest {
    @TempDir
    Path dir;

    private final Map<String, Image2D> images = new HashMap<>();
    private final Map<String, LabelMap> labels = new HashMap<>();

    private final Prepare.Readers readers = new Prepare.Readers() {
        @Override
        public Image2D image(Path file) throws XNetException {
            Image2D image = images.get(file.getFileName().toString());
            if (image == null) {
                throw new XNetException(file + ": not an image");
            }
            return image;
        }

        @Override
        public LabelMap label(Path file) {
            return labels.get(file.getFileName().toString());
        }
    };

    @Test
    void preparesResizedNormalisedBalancedDataset() throws Exception {
        PrepareConfig config = config(12, 3);
        List<Path> done = new ArrayList<>();
        int[] total = new int[1];
        Dataset d = Prepare.run(config, readers, new Progress() {
            @Override
            public void start(String task, long n) {
                total[0] = (int) n;
            }

            @Override
            public void advance(long count, String image) {
                done.add(Path.of(image));
            }
        });
        assertThat(total[0]).isEqualTo(12);
        assertThat(done).hasSize(12);
        assertThat(d.imageSize()).isEqualTo(10);
        assertThat(d.all()).hasSize(12);
        assertThat(d.test().size() + d.validation().size()).isEqualTo(3);
        assertThat(d.all()).extracting(Sample::bodyPart).containsOnly("hand", "knee", "neckoffemur");
        assertThat(d.all()).extracting(Sample::source).allMatch(s -> s.startsWith("group/") && s.endsWith(".tif"));
        for (Sample s : d.all()) {
            assertThat(s.image().min()).isEqualTo(0f);
            assertThat(s.image().max()).isCloseTo(1f, within(1e-6f));
        }
        assertThat(d.minValue()).isEqualTo(images.values().stream().mapToDouble(Image2D::min).min().orElseThrow());
        assertThat(d.maxValue()).isEqualTo(images.values().stream().mapToDouble(Image2D::max).max().orElseThrow());
    }

    @Test
    void aCancelledPreparationStopsBetweenImagesAndWritesNothing(@org.junit.jupiter.api.io.TempDir Path tmp) {
        Progress stopAfterThree = new Progress() {
            private long done;

            @Override
            public void advance(long count, String item) {
                done = count;
            }

            @Override
            public boolean cancelled() {
                return done >= 3;
            }
        };
        assertThatThrownBy(() -> Prepare.run(config(12, 3), readers, stopAfterThree))
                .isInstanceOf(Progress.Cancelled.class).hasMessage("prepare cancelled after 3 of 12");
    }

    @Test
    void testPatternPutsTheMatchingImagesInTheTestSplit() throws Exception {
        PrepareConfig config = config(12, 3).withTestPattern("knee_*");
        Dataset d = Prepare.run(config, readers, Progress.NONE);
        assertThat(d.test()).extracting(Sample::source)
                .containsExactlyInAnyOrder("group/knee_1.tif", "group/knee_4.tif", "group/knee_7.tif", "group/knee_10.tif");
        assertThat(d.train()).extracting(Sample::bodyPart).doesNotContain("knee").contains("hand", "neckoffemur");
        assertThat(d.validation()).extracting(Sample::bodyPart).containsOnly("hand", "neckoffemur").hasSize(2);
    }

    @Test
    void testPatternMatchingNoneOrAllImagesIsRejected() throws Exception {
        PrepareConfig config = config(6, 3);
        assertThatThrownBy(() -> Prepare.run(config.withTestPattern("elbow_*"), readers, Progress.NONE))
                .isInstanceOf(XNetException.class).hasMessageContaining("'elbow_*' matches none of the 6");
        assertThatThrownBy(() -> Prepare.run(config.withTestPattern("*.tif"), readers, Progress.NONE))
                .isInstanceOf(XNetException.class).hasMessageContaining("matches all of the 6");
        assertThatThrownBy(() -> config.withTestPattern("knee_[")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid glob");
    }

    @Test
    void sampleIsAreaResizedImageAndNearestResizedLabel() throws Exception {
        PrepareConfig config = config(6, 3);
        Dataset d = Prepare.run(config, readers, Progress.NONE);
        for (Sample s : d.all()) {
            String name = Path.of(s.source()).getFileName().toString();
            Image2D expected = org.xnet.core.Normalise.meanThenMinMax(
                    org.xnet.core.Resize.area(images.get(name), 10, 10));
            assertThat(s.image()).isEqualTo(expected);
            assertThat(s.label()).isEqualTo(org.xnet.core.Resize.nearest(labels.get(labelName(name)), 10, 10));
        }
    }

    @Test
    void sameSeedSameDatasetAndSameFileBytes() throws Exception {
        PrepareConfig config = config(15, 3);
        Dataset a = Prepare.run(config, readers, Progress.NONE);
        Dataset b = Prepare.run(config, readers, Progress.NONE);
        assertThat(b).isEqualTo(a);
        DatasetFile.write(a, dir.resolve("a.h5"));
        DatasetFile.write(b, dir.resolve("b.h5"));
        assertThat(DatasetFile.sha256(dir.resolve("a.h5"))).isEqualTo(DatasetFile.sha256(dir.resolve("b.h5")));
        Dataset other = Prepare.run(new PrepareConfig(config.imagesDir(), config.labelsDir(), 10, 0.7, 99, ColourTable.defaults()),
                readers, Progress.NONE);
        assertThat(other.all()).containsExactlyInAnyOrderElementsOf(a.all());
    }

    @Test
    void labelOfSameAspectButOtherSizeIsAccepted() throws Exception {
        PrepareConfig config = config(6, 3);
        String name = "hand_0.tif";
        labels.put(labelName(name), new LabelMap(20, 15));
        Dataset d = Prepare.run(config, readers, Progress.NONE);
        assertThat(d.all()).hasSize(6);
    }

    @Test
    void labelOfOtherAspectIsRejectedNamingBothFiles() throws Exception {
        PrepareConfig config = config(6, 3);
        labels.put(labelName("knee_1.tif"), new LabelMap(40, 40));
        assertThatThrownBy(() -> Prepare.run(config, readers, Progress.NONE))
                .isInstanceOf(XNetException.class)
                .hasMessageContaining("knee_1onehot.png")
                .hasMessageContaining("40x40").hasMessageContaining("knee_1.tif").hasMessageContaining("40x30");
    }

    @Test
    void emptyValidationOrTestSplitIsRefusedBeforeAnyImageIsRead() throws Exception {
        PrepareConfig three = config(3, 3);
        int[] reads = new int[1];
        Prepare.Readers counting = new Prepare.Readers() {
            @Override
            public Image2D image(Path file) throws XNetException {
                reads[0]++;
                return readers.image(file);
            }

            @Override
            public LabelMap label(Path file) throws XNetException {
                reads[0]++;
                return readers.label(file);
            }
        };
        assertThatThrownBy(() -> Prepare.run(three, counting, Progress.NONE)).isInstanceOf(XNetException.class)
                .hasMessageStartingWith(three.imagesDir() + ": 3 images of 3 body parts (0 with two or more images) "
                        + "leave the validation and test splits empty;")
                .hasMessageContaining("at least two body parts have two or more");
        PrepareConfig four = config(4, 3);
        assertThatThrownBy(() -> Prepare.run(four, counting, Progress.NONE)).isInstanceOf(XNetException.class)
                .hasMessageContaining(": 4 images of 3 body parts (1 with two or more images) leave the test split empty;");
        assertThatThrownBy(() -> Prepare.run(four.withTestPattern("hand_*"), counting, Progress.NONE))
                .isInstanceOf(XNetException.class).hasMessageContaining(": 2 images outside the test pattern of 2 body "
                        + "parts (0 with two or more images) leave the validation split empty;");
        assertThat(reads[0]).isZero();
        assertThat(Prepare.run(config(5, 3), counting, Progress.NONE).validation()).isNotEmpty();
    }

    @Test
    void readerErrorsPassThrough() throws Exception {
        PrepareConfig config = config(6, 3);
        images.remove("knee_1.tif");
        assertThatThrownBy(() -> Prepare.run(config, readers, Progress.NONE))
                .isInstanceOf(XNetException.class).hasMessageContaining("knee_1.tif").hasMessageContaining("not an image");
    }

    @Test
    void configJsonRoundTrip() throws Exception {
        PrepareConfig config = new PrepareConfig(Path.of("data/Images"), Path.of("/abs/Labels"), 128, 0.8, -7,
                new ColourTable(java.util.List.of("#FFFFFF", "#00FF00", "#FF0000"), 60, 0.05));
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(config);
        assertThat(text).contains("\"imagesDir\":\"data/Images\"");
        assertThat(json.readValue(text, PrepareConfig.class)).isEqualTo(config);
    }

    @Test
    void configRejectsBadValues() {
        assertThatThrownBy(() -> new PrepareConfig(dir, dir, 4, 0.7, 1, ColourTable.defaults())).hasMessageContaining("4");
        assertThatThrownBy(() -> new PrepareConfig(dir, dir, 200, 1.5, 1, ColourTable.defaults())).hasMessageContaining("1.5");
        assertThat(PrepareConfig.of(dir, dir).size()).isEqualTo(200);
        assertThat(PrepareConfig.of(dir, dir).trainFraction()).isEqualTo(0.7);
    }

    /** {@code n} radiographs of 40x30 named hand_i, knee_i, nof_i in turn, with labels of the same size. */
    private PrepareConfig config(int n, long seed) throws IOException {
        Path imageDir = Files.createDirectories(dir.resolve("images/group"));
        Path labelDir = Files.createDirectories(dir.resolve("labels"));
        Random random = new Random(seed);
        String[] parts = {"hand", "knee", "nof"};
        for (int i = 0; i < n; i++) {
            String name = parts[i % 3] + "_" + i + ".tif";
            Files.writeString(imageDir.resolve(name), "");
            Files.writeString(labelDir.resolve(labelName(name)), "");
            float[] pixels = new float[40 * 30];
            byte[] classes = new byte[40 * 30];
            for (int p = 0; p < pixels.length; p++) {
                pixels[p] = 1000 + 3000 * random.nextFloat();
                classes[p] = (byte) random.nextInt(3);
            }
            images.put(name, new Image2D(40, 30, pixels));
            labels.put(labelName(name), new LabelMap(40, 30, classes));
        }
        return new PrepareConfig(dir.resolve("images"), labelDir, 10, 0.7, seed, ColourTable.defaults());
    }

    private static String labelName(String image) {
        return image.replace(".tif", "onehot.png");
    }
}
