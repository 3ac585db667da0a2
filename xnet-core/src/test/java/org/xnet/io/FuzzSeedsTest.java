package org.xnet.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xnet.core.XNetException;
import org.xnet.model.ModelFile;

/**
 * The fuzz targets start from valid inputs: every seed written by {@link FuzzSeeds} is read without
 * error by the reader its target fuzzes. Every input a fuzzer once failed on ({@code regression-*})
 * is refused with an {@link XNetException} naming it (the fuzz tests only check that nothing else
 * escapes).
 */
class FuzzSeedsTest {
    private static final Path RESOURCES = Path.of("src/test/resources/org/xnet");

    static Stream<Path> seeds() throws IOException {
        return inputs(false);
    }

    static Stream<Path> regressionInputs() throws IOException {
        return inputs(true);
    }

    private static Stream<Path> inputs(boolean regression) throws IOException {
        List<String> dirs = List.of("io/DicomFuzzTestInputs/read", "io/ImageFuzzTestInputs/read",
                "io/LabelFuzzTestInputs/read", "io/NiftiFuzzTestInputs/read", "io/NiftiFuzzTestInputs/readGzipped",
                "io/DatasetFileFuzzTestInputs/read", "model/ModelFileFuzzTestInputs/readMetadata");
        Stream<Path> all = Stream.empty();
        for (String dir : dirs) {
            try (Stream<Path> files = Files.list(RESOURCES.resolve(dir))) {
                List<Path> chosen = files.filter(f -> f.getFileName().toString().startsWith("regression-") == regression)
                        .toList();
                all = Stream.concat(all, chosen.stream());
                if (!regression) {
                    assertThat(chosen).as(dir).isNotEmpty();
                }
            }
        }
        return all;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void seedIsValid(Path seed) throws Exception {
        assertThat(read(seed)).isNotNull();
    }

    /** What the fuzzer found is now refused with one line that names the input. */
    @ParameterizedTest
    @MethodSource("regressionInputs")
    void regressionInputIsRefusedNamingTheFile(Path input) {
        assertThatThrownBy(() -> read(input)).isInstanceOf(XNetException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(input.getFileName().toString()).doesNotContain("\n"));
    }

    /** Reads {@code input} with the reader its folder's fuzz target calls. */
    private static Object read(Path input) throws Exception {
        String dir = input.getParent().toString();
        byte[] bytes = Files.readAllBytes(input);
        if (dir.endsWith("DicomFuzzTestInputs/read")) {
            return DicomReader.readRadiograph(bytes, input.toString());
        } else if (dir.endsWith("ImageFuzzTestInputs/read")) {
            return ImageReaders.read(bytes, input.toString());
        } else if (dir.endsWith("LabelFuzzTestInputs/read")) {
            return LabelImages.read(input);
        } else if (dir.endsWith("NiftiFuzzTestInputs/readGzipped")) {
            return Nifti.read(FuzzFiles.write(input.getFileName() + ".nii.gz", FuzzFiles.gzip(bytes)));
        } else if (dir.endsWith("NiftiFuzzTestInputs/read")) {
            return Nifti.read(input);
        } else if (dir.endsWith("DatasetFileFuzzTestInputs/read")) {
            return DatasetFile.read(input);
        }
        return ModelFile.readMetadata(bytes, input.toString());
    }
}
