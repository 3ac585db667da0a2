package org.xnet.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * are nearly tied: against {@code predict --precision fp32} every disagreeing pixel must have a
 * margin below 1e-4 between the class ORT picked and predict's class. Against predict's default
 * ({@code auto}: bf16 where the CPU has bf16 units and the kernel check passed it) the agreement is
 * printed as well; bf16 moves more pixels than ties.
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
        Path fp32 = predict(folder, dir.resolve("fp32"), "--precision", "fp32");
        Path auto = predict(folder, dir.resolve("auto"));
        String autoArithmetic = arithmetic(auto);

        byte[] model = Files.readAllBytes(onnx);
        int size = ModelFile.readMetadata(BuiltinModels.defaultModel().bytes(), "builtin").inputSize();
        for (String name : RADIOGRAPHS) {
            Image2D image = ImageReaders.read(folder.resolve(name));
            float[] input = Normalise.meanThenMinMax(Resize.area(image, size, size)).data();
            float[] out = OnnxRuntime.run(model, input, 1, 1, size, size);
            ProbabilityMap full = new ScaledProbabilities(new ProbabilityMap(size, size, 3, out), image.width(),
                    image.height()).full();
            String mask = name.substring(0, name.lastIndexOf('.')) + "_mask.png";

            LabelMap ort = full.argmax();
            Agreement withFp32 = Agreement.of(full, ort, LabelImages.read(fp32.resolve(mask)));
            Agreement withAuto = Agreement.of(full, ort, LabelImages.read(auto.resolve(mask)));
            System.out.printf(Locale.ROOT, "%s (%s): ONNX Runtime vs xnet predict %s: %s; vs xnet predict (auto = %s): %s%n",
                    name, image.sizeString(), arithmetic(fp32), withFp32, autoArithmetic, withAuto);
            assertThat(withFp32.widestMargin()).as(name).isLessThan(TIE);
            // bf16, where the kernel check picks it, moves masks by more than a tie (DESIGN: 99.89-99.99 % agreement)
            assertThat(withAuto.percent()).as(name).isGreaterThan(99.0);
        }
    }

    /** Runs {@code xnet predict --model builtin} on every radiograph into {@code out}. */
    private static Path predict(Path folder, Path out, String... options) {
        List<String> args = new ArrayList<>(List.of("predict", "--model", "builtin", "--out", out.toString()));
        args.addAll(List.of(options));
        RADIOGRAPHS.forEach(name -> args.add(folder.resolve(name).toString()));
        assertThat(Main.run(args.toArray(String[]::new))).isZero();
        return out;
    }

    /** The precision and layout a prediction run recorded in its {@code run.json}. */
    private static String arithmetic(Path out) throws Exception {
        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        return run.findValue("precision").asText() + " " + run.findValue("layout").asText();
    }

    /** Where ORT's argmax and a mask agree, and the widest probability margin where they do not. */
    private record Agreement(long agree, long pixels, float widestMargin) {
        static Agreement of(ProbabilityMap ort, LabelMap ortMask, LabelMap mask) {
            long agree = 0;
            float widest = 0;
            for (int y = 0; y < ort.height(); y++) {
                for (int x = 0; x < ort.width(); x++) {
                    int b = mask.get(x, y);
                    int a = ortMask.get(x, y);
                    if (a == b) {
                        agree++;
                    } else {
                        widest = Math.max(widest, ort.get(a, x, y) - ort.get(b, x, y));
                    }
                }
            }
            return new Agreement(agree, (long) ort.width() * ort.height(), widest);
        }

        double percent() {
            return 100.0 * agree / pixels;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d of %d pixels agree (%.5f %%), widest margin where they differ %.2g",
                    agree, pixels, percent(), widestMargin);
        }
    }
}
