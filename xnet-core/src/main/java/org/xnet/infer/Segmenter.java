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
import org.xnet.core.Progress;
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
import org.xnet.model.SegmentationNet;
import org.xnet.model.Workload;

/**
 * Segments radiographs of any size with a trained network: class probabilities and a label map at
 * the input's own resolution, in either {@link InferenceMode} (see {@link SegmenterOptions}). The
 * image is normalised as in training after it has been scaled to the network's working size.
 * Loads from a model file, its bytes or a stream; segments in-memory images ({@link Image2D}, as
 * {@code ImageReaders} reads them from files, bytes or streams). Owns the manager holding the
 * network's parameters and closes it in {@link #close()}; a model loaded to run folded keeps only the
 * folded copies (its own parameters are freed once folded).
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
    /** One runner per member model; a single model is an ensemble of one. */
    private final List<NetworkRunner> runners;
    /** The folded networks the runners run (closed with the segmenter); empty when they run the layers. */
    private final List<FoldedNetwork> folded;
    private final int inputWidth;
    private final int inputHeight;
    private final int classes;
    private final UnaryOperator<Image2D> normalisation;
    private final long trainableParameters;
    private final Map<String, String> provenance;
    /** Calls hold the read lock, {@link #close()} the write lock; {@code closed} is guarded by it. */
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** The task a single-image call with progress reports, counted in images or tiles. */
    private static final String SEGMENT_TASK = "segment";
    private boolean closed;

    /**
     * A segmenter for an initialised logits network whose parameters live in {@code manager} (taken
     * over: closed by {@link #close()}), trained on {@code inputWidth x inputHeight} images normalised
     * by {@code normalisation}. The network becomes the segmenter's: its parameter arrays stop
     * requiring gradients, so it is no longer fit for training.
     */
    public Segmenter(Block logits, NDManager manager, int classes, int inputWidth, int inputHeight,
                     UnaryOperator<Image2D> normalisation) {
        this(List.of(logits), List.of(), manager, classes, inputWidth, inputHeight, normalisation,
                Map.of("model", "an in-memory network"));
    }

    /**
     * An ensemble of initialised logits networks whose parameters all live in {@code manager} (taken over),
     * trained alike on {@code inputWidth x inputHeight} images normalised by {@code normalisation}: its
     * probabilities are the mean of the members' ({@link EnsembleAverage}), with test-time augmentation
     * applied to each member. The networks become the segmenter's, as with one network.
     */
    public Segmenter(List<Block> members, NDManager manager, int classes, int inputWidth, int inputHeight,
                     UnaryOperator<Image2D> normalisation) {
        this(members, List.of(), manager, classes, inputWidth, inputHeight, normalisation,
                Map.of("model", "an in-memory ensemble of " + members.size()));
    }

    /** {@code folded}: empty (the members' layers run) or one folded network per member, run instead. */
    private Segmenter(List<Block> members, List<FoldedNetwork> folded, NDManager manager, int classes,
                      int inputWidth, int inputHeight, UnaryOperator<Image2D> normalisation,
                      Map<String, String> provenance) {
        this.provenance = Map.copyOf(provenance);
        if (inputWidth < 1 || inputHeight < 1) {
            throw new IllegalArgumentException("model input size must be positive, got " + inputWidth + "x" + inputHeight);
        }
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one network");
        }
        this.manager = manager;
        if (!folded.isEmpty() && folded.size() != members.size()) {
            throw new IllegalArgumentException(folded.size() + " folded networks for " + members.size() + " members");
        }
        this.folded = List.copyOf(folded);
        List<Block> run = folded.isEmpty() ? members : List.copyOf(folded);
        this.runners = run.stream().map(b -> new NetworkRunner(b, manager, classes)).toList();
        this.trainableParameters = members.stream().mapToLong(Networks::trainableParameterCount).sum();
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
        return assemble(options, layers -> {
            LoadedModel model = source.read(layers);
            ModelMetadata meta = checked(model, name, options);
            return new Members(List.of(model.network()), meta.inputSize(), provenance(name, sha256, options));
        });
    }

    /** Checked networks of one input size, read into the segmenter's manager, and the run record's provenance. */
    private record Members(List<SegmentationNet> networks, int inputSize, Map<String, String> provenance) {
    }

    /** Reads the members' networks into {@code layers}, a sub-manager of the segmenter's. */
    @FunctionalInterface
    private interface MemberReader {
        Members read(NDManager layers) throws XNetException;
    }

    /**
     * The segmenter of the members {@code reader} reads: each folded when the graph allows, the loaded
     * parameters freed once every member runs folded; on failure everything read so far is freed.
     */
    private static Segmenter assemble(RuntimeOptions options, MemberReader reader) throws XNetException {
        NDManager manager = NDManager.newBaseManager();
        List<FoldedNetwork> folded = new ArrayList<>();
        try {
            NDManager layers = manager.newSubManager();
            Members members = reader.read(layers);
            for (SegmentationNet network : members.networks()) {
                fold(network, options, members.provenance(), folded);
            }
            Segmenter segmenter = new Segmenter(List.copyOf(members.networks()), folded, manager, SegClass.COUNT,
                    members.inputSize(), members.inputSize(), Normalise::meanThenMinMax, members.provenance());
            dropUnfolded(layers, folded);
            return segmenter;
        } catch (XNetException | RuntimeException e) {
            folded.forEach(FoldedNetwork::close);
            manager.close();
            throw e;
        }
    }

    /**
     * Loads an ensemble ({@link EnsembleManifest}: a manifest file, or a folder holding
     * {@value EnsembleManifest#FILE}): every member checked against its SHA-256, all of one input size;
     * its probabilities are the mean of the members'. Run records name the manifest and its SHA-256.
     */
    public static Segmenter loadEnsemble(Path manifest, RuntimeOptions options) throws XNetException {
        Path file = EnsembleManifest.file(manifest);
        byte[] bytes = EnsembleManifest.bytes(manifest);
        EnsembleManifest ensemble = EnsembleManifest.parse(bytes, file);
        List<byte[]> members = ensemble.memberBytes(file);
        return assemble(options, layers -> {
            List<SegmentationNet> networks = new ArrayList<>();
            int size = -1;
            for (int i = 0; i < members.size(); i++) {
                String name = file.toAbsolutePath().getParent().resolve(ensemble.members().get(i).file()).toString();
                LoadedModel model = ModelFile.load(members.get(i), name, layers);
                ModelMetadata meta = checked(model, name, options);
                if (size >= 0 && meta.inputSize() != size) {
                    throw new XNetException(name + ": expected input size " + size + " as the ensemble's first member ("
                            + file + "), found " + meta.inputSize());
                }
                size = meta.inputSize();
                networks.add(model.network());
            }
            Map<String, String> provenance = provenance(file.toString(), Sha256.of(bytes), options);
            provenance.put("ensemble_members", Integer.toString(members.size()));
            return new Members(networks, size, provenance);
        });
    }

    /**
     * Adds {@code network}'s folded twin to {@code folded} when the configured inference graph is the
     * folded one and {@code options} allow it ({@link FoldedNetwork#unsupported}); records the graph
     * that runs in {@code provenance}.
     */
    private static void fold(SegmentationNet network, RuntimeOptions options, Map<String, String> provenance,
                             List<FoldedNetwork> folded) {
        InferenceGraph graph = InferenceGraph.configured();
        if (graph == InferenceGraph.FOLDED && !FoldedNetwork.unsupported(options).isEmpty()) {
            graph = InferenceGraph.LAYERS;
        }
        provenance.put("graph", graph.cliName());
        if (graph == InferenceGraph.FOLDED) {
            folded.add(FoldedNetwork.of(network, options));
        }
    }

    /**
     * Frees the loaded networks' own parameters ({@code layers}) once every member runs folded: the
     * folded networks hold their own copies (FoldedNetwork), and the segmenter counted the trainable
     * parameters when it was made, so nothing reads them again (47 MB for the default XNet in FP32).
     * With the layers graph they are what runs, and stay.
     */
    private static void dropUnfolded(NDManager layers, List<FoldedNetwork> folded) {
        if (!folded.isEmpty()) {
            layers.close();
        }
    }

    /** Sets {@code model} to compute as {@code options} say and checks that predict can use it; returns its metadata. */
    private static ModelMetadata checked(LoadedModel model, String name, RuntimeOptions options) throws XNetException {
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
        return meta;
    }

    private static Map<String, String> provenance(String name, String sha256, RuntimeOptions options) {
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("model", name);
        provenance.put("model_sha256", sha256);
        provenance.putAll(Kernels.provenance(options));
        return provenance;
    }

    /**
     * What produced this segmenter's results, for run records: the model's name and SHA-256, and the
     * precision, layout, threads, engine and CPU it computes with (a network given to the constructor
     * says only that it is one).
     */
    public Map<String, String> provenance() {
        return provenance;
    }

    /** The network's trainable parameter count (shared kernels once; an ensemble's summed over its members). */
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
                    out.add(tiled(image, options, NetworkRunner.Passes.NONE));
                }
                return out;
            }
            return resized(images, options, NetworkRunner.Passes.NONE);
        } finally {
            call.unlock();
        }
    }

    /**
     * As {@link #scaledProbabilities(List, SegmenterOptions)} for one image, for a front end with a
     * progress display and a cancel button (a Fiji command): {@code progress} is told the images or
     * tiles to run ({@code start("segment", n)}; one in resize mode), each forward pass done, and is
     * asked before every pass whether to stop. The result equals the one without progress.
     *
     * @throws Progress.Cancelled when {@code progress} asked to stop, before the next forward pass
     */
    public ScaledProbabilities scaledProbabilities(Image2D image, SegmenterOptions options, Progress progress)
            throws Progress.Cancelled {
        NetworkRunner.Passes<Progress.Cancelled> passes = (done, total) -> {
            if (done == 0) {
                progress.start(SEGMENT_TASK, total);
            } else {
                progress.advance(done, "");
            }
            if (done < total) {
                progress.stopIfCancelled(SEGMENT_TASK, done, total);
            }
        };
        Lock call = lock.readLock();
        call.lock();
        try {
            if (closed) {
                throw new IllegalStateException("this segmenter is closed");
            }
            return options.mode() == InferenceMode.TILED ? tiled(image, options, passes)
                    : resized(List.of(image), options, passes).get(0);
        } finally {
            call.unlock();
        }
    }

    /** The most likely class at every pixel of {@code image}, at its own size. */
    public LabelMap segment(Image2D image, SegmenterOptions options) {
        return scaledProbabilities(List.of(image), options).get(0).argmax();
    }

    private <E extends Exception> List<ScaledProbabilities> resized(List<Image2D> images, SegmenterOptions options,
                                                                    NetworkRunner.Passes<E> passes) throws E {
        List<float[]> inputs = new ArrayList<>(images.size());
        for (Image2D image : images) {
            inputs.add(normalisation.apply(Resize.area(image, inputWidth, inputHeight)).data());
        }
        float[][] probs = run(inputs, inputWidth, inputHeight, options, passes);
        List<ScaledProbabilities> out = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            ProbabilityMap small = new ProbabilityMap(inputWidth, inputHeight, classes, probs[i]);
            out.add(new ScaledProbabilities(small, images.get(i).width(), images.get(i).height()));
        }
        return out;
    }

    private <E extends Exception> ScaledProbabilities tiled(Image2D image, SegmenterOptions options,
                                                            NetworkRunner.Passes<E> passes) throws E {
        double factor = options.tileScale() * Math.max(inputWidth, inputHeight)
                / Math.max(image.width(), image.height());
        int workWidth = Math.max(1, (int) Math.round(image.width() * factor));
        int workHeight = Math.max(1, (int) Math.round(image.height() * factor));
        Image2D scaled = factor < 1 ? Resize.area(image, workWidth, workHeight)
                : Resize.bilinear(image, workWidth, workHeight);
        Image2D work = normalisation.apply(scaled);
        TileBlender blender = new TileBlender(workWidth, workHeight, Math.min(inputWidth, workWidth),
                Math.min(inputHeight, workHeight), options.tileOverlap(), classes);
        float[][] probs = run(blender.cut(work), blender.tileWidth(), blender.tileHeight(), options, passes);
        return new ScaledProbabilities(blender.blend(probs), image.width(), image.height());
    }

    /**
     * Every member's probabilities of {@code inputs}, averaged ({@link EnsembleAverage}); one member's as
     * they are. {@code passes} counts the passes of all members as one run.
     */
    private <E extends Exception> float[][] run(List<float[]> inputs, int width, int height,
                                                SegmenterOptions options, NetworkRunner.Passes<E> passes) throws E {
        List<float[][]> each = new ArrayList<>(runners.size());
        for (int m = 0; m < runners.size(); m++) {
            int before = m * inputs.size();
            int all = runners.size() * inputs.size();
            each.add(runners.get(m).run(inputs, width, height, options.tta(), options.batchSize(),
                    (done, total) -> {
                        if (done > 0 || before == 0) { // a later member's start is the previous one's end
                            passes.at(before + done, all);
                        }
                    }));
        }
        return EnsembleAverage.mean(each);
    }

    /** The number of networks whose probabilities are averaged (1 for a single model). */
    public int members() {
        return runners.size();
    }

    /** Frees the network's parameters once the calls under way have returned; closing twice is harmless. */
    @Override
    public void close() {
        Lock exclusive = lock.writeLock();
        exclusive.lock();
        try {
            if (!closed) {
                closed = true;
                folded.forEach(FoldedNetwork::close);
                manager.close();
            }
        } finally {
            exclusive.unlock();
        }
    }
}
