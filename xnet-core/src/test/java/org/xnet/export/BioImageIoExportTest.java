package org.xnet.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Sha256;

/**
 * A package of a tiny random XNet: rdf.yaml parsed back has the fields the BioImage Model Zoo spec
 * (format 0.5) requires of a model, every file it names is in the zip with the stated SHA-256, and
 * ONNX Runtime, given the test input preprocessed as rdf.yaml says, reproduces the test output.
 * (The zoo's own validator, the Python package bioimageio.spec, cannot be installed here.)
 */
class BioImageIoExportTest {
    @TempDir
    Path dir;

    @Test
    void packageIsCompleteAndItsTestTensorsReproduce() throws Exception {
        Path model = dir.resolve("tiny.xnet");
        PackageFiles.saveRandomModel(TinyNets.XNET, 36, model);
        Path zip = dir.resolve("tiny.zip");
        BioImageIoExport.export(model, zip, BioImageIoOptions.of("MIT"));

        Map<String, byte[]> files = PackageFiles.unzip(zip);
        JsonNode rdf = new ObjectMapper(new YAMLFactory()).readTree(files.get("rdf.yaml"));
        assertThat(rdf.path("format_version").asText()).startsWith("0.5.");
        assertThat(rdf.path("type").asText()).isEqualTo("model");
        assertThat(rdf.path("name").asText()).hasSizeBetween(5, 128);
        assertThat(rdf.path("description").asText()).isNotBlank().hasSizeLessThanOrEqualTo(1024)
                .contains("synthetic radiographs").contains("xnet synth");
        assertThat(rdf.path("authors").get(0).path("name").asText()).isNotBlank();
        JsonNode cite = rdf.path("cite").get(0);
        assertThat(cite.path("text").asText()).contains("XNet");
        assertThat(cite.path("doi").asText()).isEqualTo("10.1117/12.2512451");
        assertThat(cite.path("url").asText()).isEqualTo("https://arxiv.org/abs/1812.00548");
        assertThat(rdf.path("license").asText()).isEqualTo("MIT");
        assertThat(files).containsKey(rdf.path("documentation").asText());
        assertThat(rdf.path("tags").size()).isPositive();
        assertThat(rdf.path("version").asText()).matches("\\d+\\.\\d+\\.\\d+");

        JsonNode input = rdf.path("inputs").get(0);
        assertThat(input.path("id").asText()).isEqualTo("raw");
        assertThat(axisTypes(input)).containsExactly("batch", "channel", "space", "space");
        assertThat(input.path("axes").get(1).path("channel_names").size()).isEqualTo(1);
        assertThat(input.path("axes").get(2).path("id").asText()).isEqualTo("y");
        assertThat(input.path("axes").get(3).path("id").asText()).isEqualTo("x");
        int min = input.path("axes").get(2).path("size").path("min").asInt();
        int step = input.path("axes").get(2).path("size").path("step").asInt();
        assertThat(min).isEqualTo(8);
        assertThat(step).isEqualTo(8);
        JsonNode pre = input.path("preprocessing").get(0);
        assertThat(pre.path("id").asText()).isEqualTo("scale_range");

        JsonNode output = rdf.path("outputs").get(0);
        assertThat(output.path("id").asText()).isEqualTo("probabilities");
        assertThat(axisTypes(output)).containsExactly("batch", "channel", "space", "space");
        assertThat(output.path("axes").get(1).path("channel_names").toString())
                .isEqualTo("[\"open_beam\",\"soft_tissue\",\"bone\"]");
        assertThat(output.path("axes").get(2).path("size").path("tensor_id").asText()).isEqualTo("raw");

        JsonNode onnx = rdf.path("weights").path("onnx");
        assertThat(onnx.path("opset_version").asInt()).isBetween(7, 17);
        byte[] weights = file(files, onnx);
        byte[] in = file(files, input.path("test_tensor"));
        byte[] out = file(files, output.path("test_tensor"));
        for (JsonNode cover : rdf.path("covers")) {
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(files.get(cover.asText())));
            assertThat(png.getWidth()).isEqualTo(2 * png.getHeight());
        }

        PackageFiles.Npy raw = PackageFiles.readNpy(in);
        PackageFiles.Npy expected = PackageFiles.readNpy(out);
        long h = raw.shape()[2];
        long w = raw.shape()[3];
        assertThat(raw.shape()).containsExactly(1, 1, h, w);
        assertThat((h - min) % step).isZero();
        assertThat((w - min) % step).isZero();
        assertThat(expected.shape()).containsExactly(1, 3, h, w);

        float[] actual = OnnxRuntime.run(weights, scaleRange(raw.values(), pre.path("kwargs")), raw.shape());
        double maxDiff = 0;
        for (int i = 0; i < actual.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected.values()[i]));
        }
        System.out.printf("bioimageio test tensors %dx%d: max |ort - test_output| = %.3g%n", h, w, maxDiff);
        assertThat(maxDiff).isLessThan(1e-4);
        assertThat(expected.values()[0] + expected.values()[(int) (h * w)] + expected.values()[(int) (2 * h * w)])
                .isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
    }

    /** The file {@code node.source} names, checked against {@code node.sha256}. */
    private static byte[] file(Map<String, byte[]> files, JsonNode node) {
        String source = node.path("source").asText();
        assertThat(files).as("zip entries " + PackageFiles.names(files)).containsKey(source);
        assertThat(Sha256.of(files.get(source))).as(source + " sha256").isEqualTo(node.path("sha256").asText());
        return files.get(source);
    }

    private static List<String> axisTypes(JsonNode tensor) {
        List<String> types = new ArrayList<>();
        tensor.path("axes").forEach(a -> types.add(a.path("type").asText()));
        return types;
    }

    /**
     * The zoo's scale_range as its spec defines it, from the kwargs in rdf.yaml: percentiles over the
     * whole (one-image, one-channel) tensor; here only 0 and 100, i.e. min and max.
     */
    private static float[] scaleRange(float[] v, JsonNode kwargs) {
        assertThat(kwargs.path("min_percentile").asDouble()).isZero();
        assertThat(kwargs.path("max_percentile").asDouble()).isEqualTo(100.0);
        assertThat(kwargs.path("axes").toString()).isEqualTo("[\"channel\",\"y\",\"x\"]");
        double eps = kwargs.path("eps").asDouble();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) ((v[i] - lo) / (hi - lo + eps));
        }
        return out;
    }
}
