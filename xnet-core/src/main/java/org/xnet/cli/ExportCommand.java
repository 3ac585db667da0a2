package org.xnet.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.xnet.infer.ModelRef;
import org.xnet.export.BioImageIoExport;
import org.xnet.export.BioImageIoOptions;
import org.xnet.export.OnnxExport;
import org.xnet.export.OnnxShape;
import org.xnet.io.ImageReaders;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xnet export}: a model file as ONNX or as a BioImage Model Zoo package. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a model file for other tools: --format onnx writes an ONNX model (opset 13, input "
                + "'raw' (N,1,H,W) normalised per image to [0,1], output 'probabilities' (N,3,H,W)); "
                + "--format bioimageio writes a BioImage Model Zoo package (zip with rdf.yaml 0.5, the ONNX "
                + "weights, test tensors, cover and README) for deepImageJ, Fiji and the zoo.",
                "The file is written whole or not at all."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "M.xnet|builtin[:NAME]", description = "The model file, or the "
            + "built-in model (required).")
    String model;

    @Option(names = "--format", paramLabel = "onnx|bioimageio", description = "What to write (required).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "The file to write (FILE.onnx or FILE.zip; required).")
    Path out;

    @Option(names = "--size", paramLabel = "dynamic|N|WxH", defaultValue = "dynamic", description = "onnx: the "
            + "input size the model declares; dynamic (default) takes any size (sides of at least 5 px for "
            + "xnet and segnet, 9 px for unet) and any batch.")
    String size;

    @Option(names = "--license", paramLabel = "SPDX", description = "bioimageio: the package's licence as an SPDX "
            + "identifier, e.g. MIT or CC-BY-4.0 (required: the project declares no licence to take it from).")
    String license;

    @Option(names = "--author", paramLabel = "NAME", description = "bioimageio: an author of the package "
            + "(repeatable; default: XNet for Java contributors).")
    List<String> authors = List.of();

    @Option(names = "--training-data", paramLabel = "TEXT", description = "bioimageio: what the model was trained "
            + "on (default: synthetic radiographs made by `xnet synth` from CT volumes).")
    String trainingData;

    @Option(names = "--test-image", paramLabel = "FILE", description = "bioimageio: the radiograph for the test "
            + "tensors and the cover, scaled to the model's input size (default: a built-in limb phantom).")
    Path testImage;

    @Override
    public Integer call() throws Exception {
        if (model == null || format == null || out == null) {
            throw new UsageError(spec.commandLine(), "export needs --model, --format and --out");
        }
        long start = System.nanoTime();
        String what = switch (format.toLowerCase(Locale.ROOT)) {
            case "onnx" -> onnx();
            case "bioimageio" -> bioimageio();
            default -> throw new UsageError(spec.commandLine(), "--format must be onnx or bioimageio, got " + format);
        };
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s (%s, %,d bytes) in %.1f s%n", out, what,
                Files.size(out), (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private String onnx() throws Exception {
        if (license != null || !authors.isEmpty() || trainingData != null || testImage != null) {
            throw new UsageError(spec.commandLine(),
                    "--license, --author, --training-data and --test-image apply to --format bioimageio only");
        }
        OnnxShape shape = Usage.build(spec, Map.of("size", "--size"), () -> OnnxShape.parse(size));
        ModelRef ref = ModelRef.parse(model);
        OnnxExport.export(ref.bytes(), ref.toString(), out, shape);
        return "ONNX, " + shape + " input size";
    }

    private String bioimageio() throws Exception {
        if (!size.equals("dynamic")) {
            throw new UsageError(spec.commandLine(), "--size applies to --format onnx only (a package takes any size)");
        }
        if (license == null) {
            throw new UsageError(spec.commandLine(), "--format bioimageio needs --license (an SPDX identifier)");
        }
        BioImageIoOptions options = Usage.build(spec, Map.of("license", "--license", "authors", "--author",
                "trainingData", "--training-data"), () -> {
                    BioImageIoOptions o = BioImageIoOptions.of(license);
                    o = authors.isEmpty() ? o : o.withAuthors(authors);
                    return trainingData == null ? o : o.withTrainingData(trainingData);
                });
        if (testImage != null) {
            options = options.withTestImage(ImageReaders.read(testImage));
        }
        ModelRef ref = ModelRef.parse(model);
        BioImageIoExport.export(ref.bytes(), ref.toString(), out, options);
        return "BioImage Model Zoo package";
    }
}
