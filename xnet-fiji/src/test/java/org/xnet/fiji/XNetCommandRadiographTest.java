package org.xnet.fiji;

import static org.assertj.core.api.Assertions.assertThat;

import ij.IJ;
import ij.ImagePlus;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scijava.Context;
import org.xnet.cli.Main;
import org.xnet.core.LabelMap;
import org.xnet.io.LabelImages;
import org.xnet.testutil.SharedData;

/**
 * The command on the shared RG3 radiograph (1760x1760, 16-bit TIFF opened by ImageJ) with the
 * built-in model gives {@code xnet predict --model builtin}'s mask of the same file, in tiled and in
 * resize mode: the same pixels and the same library call, so every pixel must agree.
 */
@Tag("slow")
class XNetCommandRadiographTest {
    private static final String RG3 = "radiographs/RG3_J2KR_raw_16bit.tif";
    private static Context context;

    @BeforeAll
    static void setUp() {
        context = CommandRuns.context();
    }

    @AfterAll
    static void tearDown() {
        context.dispose();
    }

    @ParameterizedTest
    @ValueSource(strings = {XNetCommand.TILED, XNetCommand.RESIZE})
    void rg3MaskIsXnetPredicts(String mode, @TempDir Path out) throws Exception {
        Path file = SharedData.file(RG3);
        ImagePlus image = IJ.openImage(file.toString());
        long start = System.nanoTime();
        XNetCommand command = CommandRuns.run(context, Map.of("image", image, "model", XNetCommand.BUILTIN,
                "mode", mode, "tta", false, "probabilities", false, "overlay", true), null);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(command.isCanceled()).as(String.valueOf(command.getCancelReason())).isFalse();
        byte[] mask = (byte[]) command.result().mask().getProcessor().getPixels();

        boolean tiled = mode.equals(XNetCommand.TILED);
        int exit = tiled ? Main.run("predict", "--model", "builtin", "--tiled", file.toString(), "--out", out.toString())
                : Main.run("predict", "--model", "builtin", file.toString(), "--out", out.toString());
        assertThat(exit).isZero();
        LabelMap predicted = LabelImages.read(out.resolve("RG3_J2KR_raw_16bit_mask.png"));

        assertThat(predicted.width()).isEqualTo(image.getWidth());
        assertThat(predicted.height()).isEqualTo(image.getHeight());
        long agree = 0;
        for (int i = 0; i < mask.length; i++) {
            agree += mask[i] == predicted.data()[i] ? 1 : 0;
        }
        long[] counts = predicted.classCounts();
        System.out.printf(Locale.ROOT, "RG3 %s: command %.1f s; agrees with xnet predict on %d of %d pixels (%.4f %%);"
                        + " predict's classes open/tissue/bone %d/%d/%d%n", mode, seconds, agree, mask.length,
                100.0 * agree / mask.length, counts[0], counts[1], counts[2]);
        assertThat(agree).isEqualTo(mask.length);
    }
}
