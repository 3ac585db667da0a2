package org.xnet.infer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.model.ModelFile;
import org.xnet.model.ModelSpec;
import org.xnet.testutil.ChildXnet;

/**
 * The memory bound of README's reliability section, as behaviour: {@code xnet predict --tiled} on a
 * 10000x10000 16-bit radiograph succeeds in a JVM limited to a 1 GB heap (it needed more than 2.2 GB
 * before masks were made band by band and integer pixels converted row by row) and writes masks at
 * full size. Slow: about a minute of CPU, 200 MB of TIFF in the temporary folder.
 */
@Tag("slow")
class TiledPredictMemoryTest {
    private static final int SIZE = 10_000;

    @TempDir
    Path dir;

    @Test
    void aTenThousandPixelSquareRadiographIsSegmentedInAOneGigabyteHeap() throws Exception {
        Path image = dir.resolve("big.tif");
        LargeRadiograph.write(image, SIZE, SIZE);
        Path model = dir.resolve("tiny.xnet");
        ModelFile.writeUntrained(model, ModelSpec.xnet().withFilters(List.of(4, 8, 8, 16)), 200, 1);
        Path out = dir.resolve("masks");
        Path stderr = dir.resolve("stderr.txt");
        Process predict = ChildXnet.command(List.of("-Xmx1g"), "predict", "--model", model.toString(), "--tiled",
                image.toString(), "--out", out.toString(), "--no-progress")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
        assertThat(predict.waitFor(900, TimeUnit.SECONDS)).isTrue();
        assertThat(predict.exitValue()).as(Files.readString(stderr)).isZero();
        for (String mask : List.of("big_mask.png", "big_colour.png")) {
            try (ImageInputStream in = ImageIO.createImageInputStream(out.resolve(mask).toFile())) {
                ImageReader reader = ImageIO.getImageReaders(in).next();
                reader.setInput(in);
                assertThat(List.of(reader.getWidth(0), reader.getHeight(0))).as(mask).containsExactly(SIZE, SIZE);
            }
        }
    }
}
