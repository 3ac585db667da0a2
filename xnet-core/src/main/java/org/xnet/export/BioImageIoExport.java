package org.xnet.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.xnet.core.AtomicFiles;
import org.xnet.core.Image2D;
import org.xnet.core.Resize;
import org.xnet.core.XNetException;
import org.xnet.model.LoadedModel;
import org.xnet.model.ModelFile;
import org.xnet.model.Networks;
import org.xnet.model.RuntimeOptions;
import org.xnet.model.SegmentationNet;

/**
 * A model as a BioImage Model Zoo package (a zip, {@code rdf.yaml} in format 0.5): the ONNX export
 * with dynamic size ({@code model.onnx}), test tensors ({@code test_input.npy}, the raw radiograph,
 * and {@code test_output.npy}, the probabilities the network gives after the package's preprocessing),
 * a cover, a README and the description ({@link RdfDescription}).
 *
 * <p>The test output is computed by the DJL network in FP32 NCHW on the input preprocessed exactly as
 * the package says ({@link #scaleRange}), so a zoo runtime running the ONNX weights reproduces it.
 */
public final class BioImageIoExport {
    /** The epsilon of the zoo's {@code scale_range} (its default; it must be positive). */
    static final double SCALE_RANGE_EPS = 1e-6;
    /** Every entry's time, so that one model gives the same package bytes every time. */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

    private BioImageIoExport() {
    }

    /** Reads the model file {@code model} and writes its package to {@code out} atomically. */
    public static void export(Path model, Path out, BioImageIoOptions options) throws XNetException {
        export(ModelFile.readAll(model), model.toString(), out, options);
    }

    /** Writes the package of a model file's bytes ({@code name} names it in errors) to {@code out} atomically. */
    public static void export(byte[] model, String name, Path out, BioImageIoOptions options) throws XNetException {
        byte[] zip;
        try (NDManager manager = NDManager.newBaseManager()) {
            zip = toZip(ModelFile.load(model, name, manager), name, options);
        }
        AtomicFiles.write(out, temp -> Files.write(temp, zip));
    }

    /** The package's bytes; {@code name} names the model in errors. */
    public static byte[] toZip(LoadedModel model, String name, BioImageIoOptions options) throws XNetException {
        var spec = model.metadata().spec();
        if (spec.inputChannels() != 1) {
            throw new XNetException(name + ": a BioImage Model Zoo package needs a one-channel model, this one has "
                    + spec.inputChannels() + " input channels");
        }
        Image2D raw = testInput(options, model.metadata().inputSize(), spec.architecture().sizeMultiple());
        float[] probabilities = probabilities(model.network(), scaleRange(raw));
        byte[] onnx = OnnxExport.toBytes(model, OnnxShape.dynamic());
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(RdfDescription.WEIGHTS, onnx);
        files.put(RdfDescription.TEST_INPUT, Npy.float32(new long[] {1, 1, raw.height(), raw.width()}, raw.data()));
        files.put(RdfDescription.TEST_OUTPUT, Npy.float32(
                new long[] {1, spec.classes(), raw.height(), raw.width()}, probabilities));
        files.put(RdfDescription.COVER, CoverImage.png(raw, probabilities));
        RdfDescription rdf = new RdfDescription(model.metadata(), options, OnnxGraph.OPSET);
        files.put(RdfDescription.DOCUMENTATION, rdf.readme());
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put(RdfDescription.RDF, rdf.yaml(files));
        all.putAll(files);
        return zip(all);
    }

    /**
     * The zoo's {@code scale_range} with percentiles 0 and 100 over the whole image:
     * {@code (v - min) / (max - min + eps)}, in double. The project's own normalisation
     * ({@code Normalise.meanThenMinMax}) is the same without the eps (the mean cancels), so the two
     * differ by a relative {@code eps / (max - min)}: 1e-9 for a 12-bit radiograph.
     */
    static Image2D scaleRange(Image2D image) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : image.data()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float[] out = new float[image.data().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ((image.data()[i] - min) / (max - min + SCALE_RANGE_EPS));
        }
        return new Image2D(image.width(), image.height(), out);
    }

    /**
     * The test radiograph: the user's image scaled so that its longer side is the model's input size,
     * or the phantom at that size; each side then rounded up to a multiple of the size step, which the
     * package declares as the only sizes it accepts.
     */
    static Image2D testInput(BioImageIoOptions options, int inputSize, int step) {
        if (options.testImage().isEmpty()) {
            int side = roundUp(inputSize, step);
            return TestRadiograph.of(side, side);
        }
        Image2D image = options.testImage().get();
        double factor = (double) inputSize / Math.max(image.width(), image.height());
        int w = roundUp(Math.max(1, (int) Math.round(image.width() * factor)), step);
        int h = roundUp(Math.max(1, (int) Math.round(image.height() * factor)), step);
        return factor < 1 ? Resize.area(image, w, h) : Resize.bilinear(image, w, h);
    }

    /** The network's probabilities in FP32 NCHW, whatever options it had (restored afterwards). */
    private static float[] probabilities(SegmentationNet net, Image2D normalised) {
        RuntimeOptions previous = net.runtimeOptions();
        net.setRuntimeOptions(RuntimeOptions.FP32_NCHW);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(normalised.data(), new Shape(1, 1, normalised.height(), normalised.width()));
            return Networks.probabilities(net, x).toFloatArray();
        } finally {
            net.setRuntimeOptions(previous);
        }
    }

    private static int roundUp(int n, int m) {
        return (n + m - 1) / m * m;
    }

    private static byte[] zip(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var file : files.entrySet()) {
                ZipEntry entry = new ZipEntry(file.getKey());
                entry.setTimeLocal(ENTRY_TIME);
                zip.putNextEntry(entry);
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing a zip to memory failed", e);
        }
        return bytes.toByteArray();
    }
}
