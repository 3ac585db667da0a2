package org.xnet.infer;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.UnaryOperator;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.ProbabilityMap;
import org.xnet.core.Normalise;
import org.xnet.core.Resize;
import org.xnet.core.SegClass;
import org.xnet.core.Sha256;
import org.xnet.core.XNetException;
import org.xnet.model.BuiltinModels;
import org.xnet.model.FoldedNetwork;
import org.xnet.model.InferenceGraph;
import org.xnet.model.LoadedModel;
import org.xnet.model.ModelFile;
import org.xnet.model.ModelMetadata;
import org.xnet.model.Networks;
import org.xnet.model.Kernels;
import org.xnet.model.RuntimeOptions;
import org.xnet.model.RuntimeRequest;
import org.xnet.model.Workload;

/**
 * Segments radiographs of any size with a trained network: class probabilities and a label map at
 * the input's own resolution, in either {@link InferenceMode} (see {@link SegmenterOptions}). The
 * image is normalised as in training after it has been scaled to the network's working size.
 * Loads from a model file, its bytes or a stream; segments in-memory images ({@link Image2D}, as
 * {@code ImageReaders} reads them from files, bytes or streams). Owns the manager holding the
 * network's parameters and closes it in {@link #close()}.
 *
 * <p><b>Threads: one segmenter may be shared.</b> Any number of threads may call
 * {@link #probabilities} and {@link #segment} at once, and each call returns exactly what it would
 * return alone, in every {@link RuntimeOptions} (tested with four threads). Prediction only reads
 * the network: weights and batch-norm running statistics are not written in inference mode, the
 * project's blocks keep no per-call state (the bf16 convolution's TorchScript module is loaded once
 * under a lock and only run in inference mode; a loaded model runs as a {@link FoldedNetwork}, whose
 * module and prepared weights are made once and only read), and every call makes its own sub-manager and
 * parameter store, which DJL's manager attaches and detaches under its own lock. The parameters stop
 * requiring gradients when the segmenter is made, because libtorch's grad mode is per thread (see
 * {@code NetworkRunner}). {@link #close()} waits for the calls under way, so the native weights are
 * never freed under a running forward pass; later calls fail with an {@link IllegalStateException}.
 * Sharing saves loading the model and holding its weights once per thread; it adds little speed on a
 * CPU, where libtorch already spreads each call over the cores.
 */
public final class Segmenter implements AutoCloseable {
    /** Reads a model into a manager; a failure names the model. */
    private interface ModelSource {
        LoadedModel read(NDManager manager) throws XNetException;
    }

    private final NDManager manager;
    /** The folded network prediction runs (closed with the segmenter); null when it runs the layers. */
    private final FoldedNetwork folded;
    private final NetworkRunner runner;
    private final int inputWidth;
    private final int inputHeight;
    private final int classes;
    private final UnaryOperator<Image2D> normalisation;
    private final long trainableParameters;
    private final Map<String, String> provenance;
    /** Calls hold the read lock, {@link #close()} the write lock; {@code closed} is guarded by it. */
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    /**
     * A segmenter for an initialised logits network whose parameters live in {@code manager} (taken
     * over: closed by {@link #close()}), trained on {@code inputWidth x inputHeight} images normalised
     * by {@code normalisation}. The network becomes the segmenter's: its parameter arrays stop
     * requiring gradients, so it is no longer fit for training.
     */
    public Segmenter(Block logits, NDManager manager, int classes, int inputWidth, int inputHeight,
                     UnaryOperator<Image2D> normalisation) {
        this(logits, null, manager, classes, inputWidth, inputHeight, normalisation,
                Map.of("model", "an in-memory network"));
    }

    private Segmenter(Block logits, FoldedNetwork folded, NDManager manager, int classes, int inputWidth,
                      int inputHeight, UnaryOperator<Image2D> normalisation, Map<String, String> provenance) {
        this.provenance = Map.copyOf(provenance);
        if (inputWidth < 1 || inputHeight < 1) {
            throw new IllegalArgumentException("model input size must be positive, got " + inputWidth + "x" + inputHeight);
        }
        this.manager = manager;
        this.folded = folded;
        this.trainableParameters = Networks.trainableParameterCount(logits);
        this.runner = new NetworkRunner(folded == null ? logits : folded, manager, classes);
        this.inputWidth = inputWidth;
        this.inputHeight = inputHeight;
        this.classes = classes;
        this.normalisation = normalisation;
    }

    /**
     * Loads a {@code .xnet} model file: its network, input size and normalisation. The model must
     * segment the project's three classes with the per-image normalisation.
     */
    public static Segmenter load(Path modelFile) throws XNetException {
        return load(modelFile, defaultOptions());
    }

    /** As {@link #load(Path)}, computing as {@code options} say (logits in FP32). */
    public static Segmenter load(Path modelFile, RuntimeOptions options) throws XNetException {
        return load(ModelFile.readAll(modelFile), modelFile.toString(), options);
    }

    /**
     * As {@link #load(Path)} from the whole content of a model file (a Spark broadcast, a resource);
     * {@code name} (a file name or any label) starts every error message.
     */
    public static Segmenter load(byte[] model, String name) throws XNetException {
        return load(model, name, defaultOptions());
    }

    /** As {@link #load(byte[], String)}, computing as {@code options} say (logits in FP32). */
    public static Segmenter load(byte[] model, String name, RuntimeOptions options) throws XNetException {
        return load(name, options, manager -> ModelFile.load(model, name, manager), Sha256.of(model));
    }

    /** As {@link #load(byte[], String)}, reading {@code model} to its end; the stream is not closed. */
    public static Segmenter load(InputStream model, String name) throws XNetException {
        return load(model, name, defaultOptions());
    }

    /** As {@link #load(InputStream, String)}, computing as {@code options} say (logits in FP32). */
    public static Segmenter load(InputStream model, String name, RuntimeOptions options) throws XNetException {
        return load(ModelFile.readAll(model, name), name, options);
    }

    /**
     * Loads a model built into the jar ({@link BuiltinModels}; an empty {@code name} = the default
     * one), after checking its bytes against the registry's SHA-256. Errors and run records name it
     * {@code builtin:NAME}.
     */
    public static Segmenter loadBuiltin(String name, RuntimeOptions options) throws XNetException {
        BuiltinModels.Entry entry = BuiltinModels.getOrDefault(name);
        return load(entry.bytes(), entry.label(), options);
    }

    /** As {@link #loadBuiltin(String, RuntimeOptions)} in the fastest configuration that passed the kernel check. */
    public static Segmenter loadBuiltin(String name) throws XNetException {
        return loadBuiltin(name, defaultOptions());
    }

    /** What {@code xnet predict} computes in by default: the fastest configuration that passed the kernel check. */
    private static RuntimeOptions defaultOptions() throws XNetException {
        return Kernels.resolve(RuntimeRequest.AUTO, Workload.INFERENCE);
    }

    private static Segmenter load(String name, RuntimeOptions options, ModelSource source, String sha256)
            throws XNetException {
        NDManager manager = NDManager.newBaseManager();
        FoldedNetwork folded = null;
        try {
            LoadedModel model = source.read(manager);
            model.network().setRuntimeOptions(options);
            ModelMetadata meta = model.metadata();
            if (!ModelMetadata.PER_IMAGE_NORMALISATION.equals(meta.normalisation())) {
                throw new XNetException(name + ": unknown normalisation \"" + meta.normalisation()
                        + "\", expected \"" + ModelMetadata.PER_IMAGE_NORMALISATION + "\"");
            }
            if (meta.spec().classes() != SegClass.COUNT || meta.spec().inputChannels() != 1) {
                throw new XNetException(name + ": the model has " + meta.spec().inputChannels()
                        + " input channel(s) and " + meta.spec().classes() + " classes, predict needs 1 and "
                        + SegClass.COUNT);
            }
            Map<String, String> provenance = new LinkedHashMap<>();
            provenance.put("model", name);
            provenance.put("model_sha256", sha256);
            provenance.putAll(Kernels.provenance(options));
            InferenceGraph graph = InferenceGraph.configured();
            if (graph == InferenceGraph.FOLDED && !FoldedNetwork.unsupported(options).isEmpty()) {
                graph = InferenceGraph.LAYERS;
            }
            provenance.put("graph", graph.cliName());
            if (graph == InferenceGraph.FOLDED) {
                folded = FoldedNetwork.of(model.network(), options);
            }
            return new Segmenter(model.network(), folded, manager, SegClass.COUNT, meta.inputSize(), meta.inputSize(),
                    Normalise::meanThenMinMax, provenance);
        } catch (XNetException | RuntimeException e) {
            if (folded != null) {
                folded.close();
            }
            manager.close();
            throw e;
        }
    }

    /**
     * What produced this segmenter's results, for run records: the model's name and SHA-256, and the
     * precision, layout, threads, engine and CPU it computes with (a network given to the constructor
     * says only that it is one).
     */
    public Map<String, String> provenance() {
        return provenance;
    }

    /** The network's trainable parameter count (shared kernels once). */
    public long trainableParameters() {
        return trainableParameters;
    }

    /** The model's input width (the size it was trained at). */
    public int inputWidth() {
        return inputWidth;
    }

    /** The model's input height. */
    public int inputHeight() {
        return inputHeight;
    }

    /** Class probabilities of {@code image} at its own size. */
    public ProbabilityMap probabilities(Image2D image, SegmenterOptions options) {
        return probabilities(List.of(image), options).get(0);
    }

    /**
     * Class probabilities of each image at its own size. In resize mode the images share forward
     * passes ({@code batchSize} at a time); in tiled mode the tiles of each image do.
     */
    public List<ProbabilityMap> probabilities(List<Image2D> images, SegmenterOptions options) {
        return scaledProbabilities(images, options).stream().map(ScaledProbabilities::full).toList();
    }

    /**
     * As {@link #probabilities(List, SegmenterOptions)}, each still at the size the network computed
     * it: a mask or one class channel is then made at the image's size without the full-size
     * probabilities of every class (for a 10000x10000 radiograph, 1.2 GB less).
     */
    public List<ScaledProbabilities> scaledProbabilities(List<Image2D> images, SegmenterOptions options) {
        Lock call = lock.readLock();
        call.lock();
        try {
            if (closed) {
                throw new IllegalStateException("this segmenter is closed");
            }
            if (options.mode() == InferenceMode.TILED) {
                List<ScaledProbabilities> out = new ArrayList<>(images.size());
                for (Image2D image : images) {
                    out.add(tiled(image, options));
                }
                return out;
            }
            return resized(images, options);
        } finally {
            call.unlock();
        }
    }

    /** The most likely class at every pixel of {@code image}, at its own size. */
    public LabelMap segment(Image2D image, SegmenterOptions options) {
        return scaledProbabilities(List.of(image), options).get(0).argmax();
    }

    private List<ScaledProbabilities> resized(List<Image2D> images, SegmenterOptions options) {
        List<float[]> inputs = new ArrayList<>(images.size());
        for (Image2D image : images) {
            inputs.add(normalisation.apply(Resize.area(image, inputWidth, inputHeight)).data());
        }
        float[][] probs = runner.run(inputs, inputWidth, inputHeight, options.tta(), options.batchSize());
        List<ScaledProbabilities> out = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            ProbabilityMap small = new ProbabilityMap(inputWidth, inputHeight, classes, probs[i]);
            out.add(new ScaledProbabilities(small, images.get(i).width(), images.get(i).height()));
        }
        return out;
    }

    private ScaledProbabilities tiled(Image2D image, SegmenterOptions options) {
        double factor = options.tileScale() * Math.max(inputWidth, inputHeight)
                / Math.max(image.width(), image.height());
        int workWidth = Math.max(1, (int) Math.round(image.width() * factor));
        int workHeight = Math.max(1, (int) Math.round(image.height() * factor));
        Image2D scaled = factor < 1 ? Resize.area(image, workWidth, workHeight)
                : Resize.bilinear(image, workWidth, workHeight);
        Image2D work = normalisation.apply(scaled);
        TileBlender blender = new TileBlender(workWidth, workHeight, Math.min(inputWidth, workWidth),
                Math.min(inputHeight, workHeight), options.tileOverlap(), classes);
        float[][] probs = runner.run(blender.cut(work), blender.tileWidth(), blender.tileHeight(),
                options.tta(), options.batchSize());
        return new ScaledProbabilities(blender.blend(probs), image.width(), image.height());
    }

    /** Frees the network's parameters once the calls under way have returned; closing twice is harmless. */
    @Override
    public void close() {
        Lock exclusive = lock.writeLock();
        exclusive.lock();
        try {
            if (!closed) {
                closed = true;
                if (folded != null) {
                    folded.close();
                }
                manager.close();
            }
        } finally {
            exclusive.unlock();
        }
    }
}
