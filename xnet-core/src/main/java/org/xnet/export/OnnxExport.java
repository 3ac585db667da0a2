package org.xnet.export;

import static org.xnet.export.OnnxGraph.intAttribute;
import static org.xnet.export.OnnxGraph.stringAttribute;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xnet.core.AtomicFiles;
import org.xnet.core.Provenance;
import org.xnet.core.XNetException;
import org.xnet.model.LoadedModel;
import org.xnet.model.ModelFile;
import org.xnet.model.ModelMetadata;
import org.xnet.model.SegmentationNet;

/**
 * A network as an ONNX model (opset {@value OnnxGraph#OPSET}) that any ONNX runtime can run: input
 * {@value #INPUT} (N, channels, H, W) normalised as in training, output {@value #OUTPUT} (N, classes,
 * H, W), per-pixel class probabilities (softmax inside the graph). The graph reflect-pads H and W to
 * the architecture's size multiple (computed from the input's shape at run time), runs the layers
 * with batch norms folded into the convolutions, crops the logits back and applies the softmax: the
 * same arithmetic as the DJL network in FP32. Written by hand in the protobuf wire format (the
 * handful of ONNX messages needed do not justify protobuf-java and a protoc plugin in the build).
 *
 * <p>Sides shorter than half the size multiple plus one (5 px for XNet, 9 px for UNet) cannot be
 * reflect-padded by ONNX's Pad (the pad must be smaller than the side); DJL reflects repeatedly there.
 */
public final class OnnxExport {
    /** Name of the graph's input tensor (the BioImage Model Zoo input id). */
    public static final String INPUT = "raw";
    /** Name of the graph's output tensor. */
    public static final String OUTPUT = "probabilities";

    private OnnxExport() {
    }

    /** The serialised ONNX model of {@code model}'s network, with its provenance as metadata. */
    public static byte[] toBytes(LoadedModel model, OnnxShape shape) {
        return toBytes(model.network(), shape, metadataProps(model.metadata()));
    }

    /** The serialised ONNX model of an initialised network, with {@code metadata} as its metadata_props. */
    public static byte[] toBytes(SegmentationNet net, OnnxShape shape, Map<String, String> metadata) {
        var spec = net.spec();
        OnnxGraph graph = new OnnxGraph(spec.architecture().cliName());
        OnnxGraph.Dim batch = OnnxGraph.Dim.symbolic("batch");
        OnnxGraph.Dim height = shape.isDynamic() ? OnnxGraph.Dim.symbolic("height") : OnnxGraph.Dim.fixed(shape.height());
        OnnxGraph.Dim width = shape.isDynamic() ? OnnxGraph.Dim.symbolic("width") : OnnxGraph.Dim.fixed(shape.width());
        graph.input(INPUT, batch, OnnxGraph.Dim.fixed(spec.inputChannels()), height, width);

        String inputShape = graph.node("input_shape", "Shape", List.of(INPUT));
        String hw = graph.node("input_hw", "Slice", List.of(inputShape, graph.int64s("axis_2", 2),
                graph.int64s("axis_4", 4)));
        String multiple = graph.int64s("size_multiple", spec.architecture().sizeMultiple());
        String missing = graph.node("pad_hw", "Mod", List.of(graph.node("multiple_minus_remainder", "Sub",
                List.of(multiple, graph.node("remainder", "Mod", List.of(hw, multiple)))), multiple));
        String pads = graph.node("pads", "Concat", List.of(graph.int64s("no_pad", 0, 0, 0, 0, 0, 0), missing),
                intAttribute("axis", 0));
        String padded = graph.node("padded", "Pad", List.of(INPUT, pads), stringAttribute("mode", "reflect"));

        String logits = NetworkGraph.logits(graph, net, padded);
        String cropped = graph.node("cropped", "Slice", List.of(logits, graph.int64s("crop_starts", 0, 0), hw,
                graph.int64s("crop_axes", 2, 3)));
        graph.node(OUTPUT, "Softmax", List.of(cropped), intAttribute("axis", 1));
        graph.output(OUTPUT, batch, OnnxGraph.Dim.fixed(spec.classes()), height, width);

        String doc = spec.architecture().cliName() + " filters " + spec.filters() + " kernel " + spec.kernelSize()
                + (spec.shareWeights() ? " shared weights" : "") + "; input " + shape
                + ", normalised per image (subtract mean, min-max to [0,1]); output per-pixel class probabilities";
        return graph.toModel(Provenance.softwareVersion(), doc, metadata);
    }

    /** Reads the model file {@code model} and writes its ONNX export to {@code out} atomically. */
    public static void export(Path model, Path out, OnnxShape shape) throws XNetException {
        export(ModelFile.readAll(model), model.toString(), out, shape);
    }

    /** Writes the ONNX export of a model file's bytes ({@code name} names it in errors) to {@code out} atomically. */
    public static void export(byte[] model, String name, Path out, OnnxShape shape) throws XNetException {
        byte[] onnx;
        try (NDManager manager = NDManager.newBaseManager()) {
            onnx = toBytes(ModelFile.load(model, name, manager), shape);
        }
        AtomicFiles.write(out, temp -> Files.write(temp, onnx));
    }

    /** The classes, normalisation and provenance of a model file, as ONNX metadata_props. */
    static Map<String, String> metadataProps(ModelMetadata m) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("classes", String.join(",", m.classes().stream().map(ModelMetadata.ClassInfo::name).toList()));
        props.put("normalisation", m.normalisation());
        props.put("input_size", Integer.toString(m.inputSize()));
        props.put("created", m.provenance().created());
        props.put("software", m.provenance().software() + " " + m.provenance().version());
        props.put("dataset_sha256", m.provenance().datasetSha256());
        return props;
    }
}
