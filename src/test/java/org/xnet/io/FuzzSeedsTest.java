package org.xnet.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xnet.core.Dataset;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.Volume;
import org.xnet.model.ModelFile;

/**
 * The fuzz targets start from valid inputs: every seed written by {@link FuzzSeeds} is read without
 * error by the reader its target fuzzes (regression inputs, named {@code regression-*}, are bad on
 * purpose and left to the fuzz tests themselves).
 */
class FuzzSeedsTest {
    private static final Path RESOURCES = Path.of("src/test/resources/org/xnet");

    static Stream<Path> seeds() throws IOException {
        List<String> dirs = List.of("io/DicomFuzzTestInputs/read", "io/ImageFuzzTestInputs/read",
                "io/LabelFuzzTestInputs/read", "io/NiftiFuzzTestInputs/read", "io/NiftiFuzzTestInputs/readGzipped",
                "io/DatasetFileFuzzTestInputs/read", "model/ModelFileFuzzTestInputs/readMetadata");
        Stream<Path> all = Stream.empty();
        for (String dir : dirs) {
            try (Stream<Path> files = Files.list(RESOURCES.resolve(dir))) {
                List<Path> seeds = files.filter(f -> !f.getFileName().toString().startsWith("regression-")).toList();
                assertThat(seeds).as(dir).isNotEmpty();
                all = Stream.concat(all, seeds.stream());
            }
        }
        return all;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void seedIsValid(Path seed) throws Exception {
        String dir = seed.getParent().toString();
        byte[] bytes = Files.readAllBytes(seed);
        if (dir.endsWith("DicomFuzzTestInputs/read")) {
            Image2D image = DicomReader.readRadiograph(bytes, seed.toString());
            assertThat(image.width() * image.height()).isPositive();
        } else if (dir.endsWith("ImageFuzzTestInputs/read")) {
            assertThat(ImageReaders.read(bytes, seed.toString()).data()).isNotEmpty();
        } else if (dir.endsWith("LabelFuzzTestInputs/read")) {
            LabelMap labels = LabelImages.read(seed);
            assertThat(labels.data()).isNotEmpty();
        } else if (dir.endsWith("NiftiFuzzTestInputs/readGzipped")) {
            Volume v = Nifti.read(FuzzFiles.write("seed.nii.gz", FuzzFiles.gzip(bytes)));
            assertThat(v.data()).isNotEmpty();
        } else if (dir.endsWith("NiftiFuzzTestInputs/read")) {
            assertThat(Nifti.read(seed).data()).isNotEmpty();
        } else if (dir.endsWith("DatasetFileFuzzTestInputs/read")) {
            Dataset d = DatasetFile.read(seed);
            assertThat(d.imageSize()).isPositive();
        } else {
            assertThat(ModelFile.readMetadata(bytes, seed.toString()).spec()).isNotNull();
        }
    }
}
