package org.xnet.infer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {

    @Test
    void foldersAreSearchedRecursivelyForImagesAndKeepTheirRelativeNames(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve("a/x.tif"), "");
        Files.writeString(dir.resolve("a/b/y.DCM"), "");
        Files.writeString(dir.resolve("a/b/notes.txt"), "");
        List<InputFiles.Input> inputs = InputFiles.expand(List.of(dir.resolve("a").toString()));
        assertThat(inputs).extracting(i -> i.relativeName().toString())
                .containsExactly(Path.of("b", "y.DCM").toString(), "x.tif");
    }

    @Test
    void globsMatchBelowTheirFixedFoldersAndAnUnmatchedOneIsKeptToBeReported(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("s/t"));
        Files.writeString(dir.resolve("s/one.png"), "");
        Files.writeString(dir.resolve("s/t/two.png"), "");
        Files.writeString(dir.resolve("s/t/three.tif"), "");
        assertThat(InputFiles.expand(List.of(dir.resolve("s/*.png").toString())))
                .extracting(i -> i.file().getFileName().toString()).containsExactly("one.png");
        assertThat(InputFiles.expand(List.of(dir.resolve("s/**.png").toString())))
                .extracting(i -> i.file().getFileName().toString()).containsExactly("one.png", "two.png");
        List<InputFiles.Input> none = InputFiles.expand(List.of(dir.resolve("s/*.jpg").toString()));
        assertThat(none).singleElement().extracting(i -> i.file().toString()).asString().endsWith("*.jpg");
    }

    @Test
    void aFileIsKeptWhateverItsName(@TempDir Path dir) throws Exception {
        Path odd = dir.resolve("scan.raw");
        assertThat(InputFiles.expand(List.of(odd.toString()))).singleElement()
                .extracting(InputFiles.Input::file).isEqualTo(odd);
    }
}
