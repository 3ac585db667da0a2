package org.xnet.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.cli.Main;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.Normalise;
import org.xnet.core.ProbabilityMap;
import org.xnet.core.Resize;
import org.xnet.infer.ScaledProbabilities;
import org.xnet.io.ImageReaders;
import org.xnet.io.LabelImages;
import org.xnet.model.BuiltinModels;
import org.xnet.model.ModelFile;
import org.xnet.testutil.SharedData;

/**
 * Issue 20's check: the built-in XNet exported by {@code xnet export --format onnx} and run by ONNX
 * Runtime gives {@code xnet predict --model builtin}'s masks on the shared radiographs. ORT is fed
 * what predict feeds the network in resize mode (the same reader, area resize to the model's input
 * size, per-image normalisation) and its probabilities are resized back and argmaxed by the same
 * code; only the network's arithmetic differs (ORT's kernels vs libtorch's, probabilities within
 * about 1e-7 of each other, {@code OnnxParityTest}). So a pixel may differ only where two classes
 * are nearly tied: every disagreeing pixel must have a margin below 1e-4 between the class ORT
 * picked and predict's class, and the agreement is printed.
 */
@Tag("slow")
class BuiltinOnnxRadiographsTest {
    private static final List<String> RADIOGRAPHS = List.of("RG1_J2KI.dcm", "RG3_J2KR.dcm", "RG3_J2KR_raw.dcm",
            "RG3_J2KR_raw_16bit.tif");
    /** Largest probability margin at which ORT and libtorch may pick different classes. */
    private static final float TIE = 1e-4f;

    @Test
    void onnxRuntimeGivesPredictsMasks(@TempDir Path dir) throws Exception {
        Path folder = SharedData.file("radiographs");
        Path onnx = dir.resolve("builtin.onnx");
        assertThat(Main.run("export", "--model", "builtin", "--format", "onnx", "--out", onnx.toString())).isZero();
        Path masks = dir.resolve("masks");
        String[] predict = new String[RADIOGRAPHS.size() + 5];
        predict[0] = "predict";
        predict[1] = "--model";
        predict[2] = "builtin";
        predict[3] = "--out";
        predict[4] = masks.toString();
        for (int i = 0; i < RADIOGRAPHS.size(); i++) {
            predict[5 + i] = SharedData.file("radiographs/" + RADIOGRAPHS.get(i)).toString();
        }
        assertThat(Main.run(predict)).isZero();

        byte[] model = Files.readAllBytes(onnx);
        int size = ModelFile.readMetadata(BuiltinModels.defaultModel().bytes(), "builtin").inputSize();
        for (String name : RADIOGRAPHS) {
            Image2D image = ImageReaders.read(folder.resolve(name));
            float[] input = Normalise.meanThenMinMax(Resize.area(image, size, size)).data();
            float[] out = OnnxRuntime.run(model, input, 1, 1, size, size);
            ProbabilityMap full = new ScaledProbabilities(new ProbabilityMap(size, size, 3, out), image.width(),
                    image.height()).full();
            LabelMap ort = full.argmax();
            String base = name.substring(0, name.lastIndexOf('.'));
            LabelMap predicted = LabelImages.read(masks.resolve(base + "_mask.png"));

            long agree = 0;
            float widestDisagreement = 0;
            for (int y = 0; y < image.height(); y++) {
                for (int x = 0; x < image.width(); x++) {
                    int a = ort.get(x, y);
                    int b = predicted.get(x, y);
                    if (a == b) {
                        agree++;
                    } else {
                        widestDisagreement = Math.max(widestDisagreement, full.get(a, x, y) - full.get(b, x, y));
                    }
                }
            }
            long pixels = (long) image.width() * image.height();
            System.out.printf(Locale.ROOT, "%s (%s): ONNX Runtime agrees with xnet predict on %d of %d pixels"
                            + " (%.5f %%); widest margin where they differ %.2g%n", name, image.sizeString(), agree,
                    pixels, 100.0 * agree / pixels, widestDisagreement);
            assertThat(widestDisagreement).as(name).isLessThan(TIE);
            assertThat(agree).as(name).isGreaterThan(0);
        }
    }
}
