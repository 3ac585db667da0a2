package org.xnet.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xnet.core.Sha256;
import org.xnet.model.ModelMetadata;
import org.xnet.model.ModelSpec;

/**
 * The {@code rdf.yaml} (BioImage Model Zoo model description, format {@value #FORMAT_VERSION}) and
 * the README of a model package. Input {@code raw}: batch, one channel, y and x of any size
 * {@code min + k * step} with min = step = 2^poolings, preprocessed by {@code scale_range} over the
 * whole image with percentiles 0 and 100 (the project's per-image min-max). Output
 * {@code probabilities}: batch, one channel per class (named as the classes, spaces as
 * underscores), y and x of the input's size; the softmax is inside the network because the zoo's
 * Java runtime has no softmax postprocessing.
 */
final class RdfDescription {
    static final String FORMAT_VERSION = "0.5.3";
    static final String RDF = "rdf.yaml";
    static final String WEIGHTS = "model.onnx";
    static final String TEST_INPUT = "test_input.npy";
    static final String TEST_OUTPUT = "test_output.npy";
    static final String COVER = "cover.png";
    static final String DOCUMENTATION = "README.md";
    static final String CITATION = "Bullock J, Cuesta-Lázaro C, Quera-Bofarull A. XNet: a convolutional neural network"
            + " (CNN) implementation for medical X-ray image segmentation suitable for small datasets."
            + " Proc. SPIE 10953, Medical Imaging 2019.";
    static final String DOI = "10.1117/12.2512451";
    static final String ARXIV = "https://arxiv.org/abs/1812.00548";

    private final ModelMetadata model;
    private final BioImageIoOptions options;
    private final int opset;

    RdfDescription(ModelMetadata model, BioImageIoOptions options, int opset) {
        this.model = model;
        this.options = options;
        this.opset = opset;
    }

    /** The rdf.yaml, with the SHA-256 of the weights and test tensors among {@code files}. */
    byte[] yaml(Map<String, byte[]> files) {
        ModelSpec spec = model.spec();
        Map<String, Object> rdf = new LinkedHashMap<>();
        rdf.put("format_version", FORMAT_VERSION);
        rdf.put("type", "model");
        rdf.put("name", "XNet X-ray segmentation (" + spec.architecture().cliName() + ")");
        rdf.put("description", description());
        rdf.put("authors", options.authors().stream().map(a -> Map.of("name", a)).toList());
        rdf.put("cite", List.of(ordered("text", CITATION, "doi", DOI, "url", ARXIV)));
        rdf.put("license", options.license());
        rdf.put("documentation", DOCUMENTATION);
        rdf.put("covers", List.of(COVER));
        rdf.put("tags", List.of("segmentation", "semantic-segmentation", "x-ray", "radiography", "2d", "bone",
                "soft-tissue", "xnet", "onnx"));
        rdf.put("version", "0.1.0");
        rdf.put("timestamp", model.provenance().created());
        rdf.put("inputs", List.of(input(files)));
        rdf.put("outputs", List.of(output(files)));
        rdf.put("weights", Map.of("onnx", ordered("source", WEIGHTS, "sha256", Sha256.of(files.get(WEIGHTS)),
                "opset_version", opset)));
        rdf.put("config", Map.of("xnet", ordered("architecture", spec.architecture().cliName(),
                "filters", spec.filters(), "kernel_size", spec.kernelSize(), "shared_weights", spec.shareWeights(),
                "trained_input_size", model.inputSize(), "software", model.provenance().software() + " "
                        + model.provenance().version(), "dataset_sha256", model.provenance().datasetSha256())));
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
        try {
            return yaml.writeValueAsBytes(rdf);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the rdf map holds only strings, numbers, lists and maps", e);
        }
    }

    /** The package's README: what the model does, its input and output, training data, limits, citation. */
    byte[] readme() {
        ModelSpec spec = model.spec();
        int step = spec.architecture().sizeMultiple();
        String text = "# XNet X-ray segmentation (" + spec.architecture().cliName() + ")\n\n"
                + description() + "\n\n"
                + "## Input\n\n`raw`: one radiograph, shape (batch, 1, y, x), y and x multiples of " + step
                + ". Preprocessing `scale_range` (percentiles 0 and 100 of each image) maps it to [0, 1], as"
                + " XNet for Java's per-image normalisation does (subtract the mean, then min-max; the mean"
                + " cancels). The zoo's epsilon of " + BioImageIoExport.SCALE_RANGE_EPS + " in the denominator is"
                + " the only difference.\n\n"
                + "## Output\n\n`probabilities`: shape (batch, " + spec.classes() + ", y, x), per-pixel class"
                + " probabilities summing to 1 over the channels " + channelNames() + " (softmax inside the"
                + " network). The most likely class per pixel is the segmentation.\n\n"
                + "## Training data\n\n" + training() + ". Dataset SHA-256: "
                + (model.provenance().datasetSha256().isEmpty() ? "none recorded" : model.provenance().datasetSha256())
                + ".\n\n"
                + "## How it was made and what to expect\n\n"
                + "Exported by `xnet export --format bioimageio` from a model file of XNet for Java "
                + model.provenance().version() + " (created " + model.provenance().created() + "). The ONNX graph"
                + " (opset " + opset + ") folds each batch norm into its convolution and reflect-pads the input to"
                + " a multiple of " + step + " inside the graph, so it matches the Java library in FP32 to about"
                + " 1e-7. `xnet predict` first resizes a radiograph to the training size ("
                + model.inputSize() + " px) and resizes the probabilities back; this package runs at the"
                + " resolution it is given, so give it radiographs at about that scale for the best results.\n\n"
                + "## Citation\n\n" + CITATION + " doi:" + DOI + ", " + ARXIV + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String description() {
        ModelSpec spec = model.spec();
        return "Segments X-ray radiographs pixel by pixel into " + String.join(", ", classNames())
                + " with " + spec.architecture().cliName() + " (filters " + spec.filters() + (spec.shareWeights()
                ? ", shared weights" : "") + ") from XNet for Java, after Bullock et al. 2019. " + training() + ".";
    }

    /**
     * What the weights were trained on: the options' text, unless the model file says it was made
     * untrained by {@code xnet model init} (its provenance's "made by"), which the package must not hide.
     */
    private String training() {
        String madeBy = model.provenance().details().getOrDefault("made by", "");
        return madeBy.contains("untrained") ? "Not trained: random weights from `xnet model init`, for testing"
                + " tools only" : "Trained on " + options.trainingData();
    }

    private Map<String, Object> input(Map<String, byte[]> files) {
        int step = model.spec().architecture().sizeMultiple();
        Map<String, Object> size = ordered("min", step, "step", step);
        return ordered("id", OnnxExport.INPUT,
                "description", "a radiograph (any intensity range; transmission, open beam bright)",
                "axes", List.of(Map.of("type", "batch"),
                        ordered("type", "channel", "channel_names", List.of("radiograph")),
                        ordered("type", "space", "id", "y", "size", size),
                        ordered("type", "space", "id", "x", "size", size)),
                "test_tensor", ordered("source", TEST_INPUT, "sha256", Sha256.of(files.get(TEST_INPUT))),
                "data", Map.of("type", "float32"),
                "preprocessing", List.of(ordered("id", "scale_range", "kwargs", ordered(
                        "axes", List.of("channel", "y", "x"), "min_percentile", 0.0, "max_percentile", 100.0,
                        "eps", BioImageIoExport.SCALE_RANGE_EPS))));
    }

    private Map<String, Object> output(Map<String, byte[]> files) {
        return ordered("id", OnnxExport.OUTPUT,
                "description", "per-pixel class probabilities (softmax over the channels)",
                "axes", List.of(Map.of("type", "batch"),
                        ordered("type", "channel", "channel_names", channelNames()),
                        ordered("type", "space", "id", "y", "size", ordered("tensor_id", OnnxExport.INPUT, "axis_id", "y")),
                        ordered("type", "space", "id", "x", "size", ordered("tensor_id", OnnxExport.INPUT, "axis_id", "x"))),
                "test_tensor", ordered("source", TEST_OUTPUT, "sha256", Sha256.of(files.get(TEST_OUTPUT))),
                "data", ordered("type", "float32", "range", List.of(0.0, 1.0)));
    }

    private List<String> classNames() {
        return model.classes().stream().map(ModelMetadata.ClassInfo::name).toList();
    }

    /** Class names as channel names: lower case, spaces as underscores ("open_beam"). */
    List<String> channelNames() {
        return classNames().stream().map(n -> n.toLowerCase(Locale.ROOT).replace(' ', '_')).toList();
    }

    /** A map keeping the order of its key/value pairs, so rdf.yaml reads in the spec's order. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
