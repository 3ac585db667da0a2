package org.xnet.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.XNetException;

class DatasetSourcesTest {
    @TempDir
    Path dir;

    @Test
    void pairsRecursivelyByBaseNameWithOnehotSuffix() throws Exception {
        Path images = dir.resolve("Images");
        Path labels = dir.resolve("Labels");
        touch(images.resolve("Humans/hand01.tif"), images.resolve("Humans/Knee_2.TIFF"), images.resolve("CT/nof_3.png"),
                images.resolve("notes.txt"), images.resolve(".DS_Store"));
        touch(labels.resolve("Humans/hand01onehot.jpg"), labels.resolve("knee_2_onehot.png"),
                labels.resolve("CT/nof_3.png"));
        List<DatasetSources.Pair> pairs = DatasetSources.pair(images, labels);
        assertThat(pairs).containsExactly(
                new DatasetSources.Pair(images.resolve("CT/nof_3.png"), labels.resolve("CT/nof_3.png")),
                new DatasetSources.Pair(images.resolve("Humans/Knee_2.TIFF"), labels.resolve("knee_2_onehot.png")),
                new DatasetSources.Pair(images.resolve("Humans/hand01.tif"), labels.resolve("Humans/hand01onehot.jpg")));
    }

    @Test
    void acceptsExtensionlessDicomButNotOtherExtensionlessFiles() throws Exception {
        Path images = dir.resolve("i");
        Path labels = dir.resolve("l");
        byte[] dicom = new byte[140];
        System.arraycopy("DICM".getBytes(), 0, dicom, 128, 4);
        Files.createDirectories(images);
        Files.write(images.resolve("IM0001"), dicom);
        Files.writeString(images.resolve("README"), "not an image");
        touch(labels.resolve("IM0001.png"));
        assertThat(DatasetSources.pair(images, labels)).extracting(DatasetSources.Pair::image)
                .containsExactly(images.resolve("IM0001"));
    }

    @Test
    void imagesWithoutLabelsAreAllCounted() throws Exception {
        Path images = dir.resolve("i");
        Path labels = dir.resolve("l");
        for (int i = 0; i < 8; i++) {
            touch(images.resolve("hand" + i + ".tif"));
        }
        touch(labels.resolve("hand0onehot.jpg"));
        assertThatThrownBy(() -> DatasetSources.pair(images, labels)).isInstanceOf(XNetException.class)
                .hasMessage("7 images without a label in " + labels
                        + ": hand1.tif, hand2.tif, hand3.tif, hand4.tif, hand5.tif and 2 more");
    }

    @Test
    void labelWithoutImageIsNamed() throws Exception {
        Path images = dir.resolve("i");
        Path labels = dir.resolve("l");
        touch(images.resolve("hand0.tif"));
        touch(labels.resolve("hand0onehot.jpg"), labels.resolve("sub/knee9onehot.jpg"));
        assertThatThrownBy(() -> DatasetSources.pair(images, labels)).isInstanceOf(XNetException.class)
                .hasMessage("1 label without an image in " + images + ": " + Path.of("sub/knee9onehot.jpg"));
    }

    @Test
    void emptyOrMissingFolderIsAnError() throws Exception {
        Path images = Files.createDirectories(dir.resolve("i"));
        Path labels = dir.resolve("l");
        touch(labels.resolve("a.png"));
        assertThatThrownBy(() -> DatasetSources.pair(images, labels)).isInstanceOf(XNetException.class)
                .hasMessageStartingWith("no images found in " + images);
        assertThatThrownBy(() -> DatasetSources.pair(dir.resolve("nope"), labels)).isInstanceOf(XNetException.class)
                .hasMessageContaining(dir.resolve("nope").toString()).hasMessageContaining("does not exist");
    }

    @Test
    void sameNameInTwoSubfoldersIsAnError() throws Exception {
        Path images = dir.resolve("i");
        Path labels = dir.resolve("l");
        touch(images.resolve("a/hand1.tif"), images.resolve("b/HAND1.png"));
        touch(labels.resolve("hand1.png"));
        assertThatThrownBy(() -> DatasetSources.pair(images, labels)).isInstanceOf(XNetException.class)
                .hasMessageContaining(Path.of("a/hand1.tif").toString())
                .hasMessageContaining(Path.of("b/HAND1.png").toString());
    }

    private static void touch(Path... files) throws IOException {
        for (Path f : files) {
            Files.createDirectories(f.getParent());
            Files.writeString(f, "x");
        }
    }
}
