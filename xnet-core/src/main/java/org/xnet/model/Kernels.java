package org.xnet.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xnet.core.XNetException;

/**
 * The one library call that decides how networks compute on this machine. Before the first
 * convolution it repairs oneDNN's cache table where libtorch 2.7.1 misreads it
 * ({@link OneDnnCacheRepair}); {@link #resolve} then runs the kernel check ({@link KernelCheck}, well
 * under a second, once per JVM and configuration), applies the engine threads asked for and returns
 * the fastest configuration whose convolutions were correct. Front ends (the CLI, a Fiji command, a
 * Spark job) call {@link #resolve} once and pass its answer to the networks they build or load;
 * {@link #provenance} says for result files how they computed.
 */
public final class Kernels {
    /**
     * System property that turns the oneDNN repair off ({@code -Dxnet.oneDnnRepair=off}), to see what
     * libtorch computes without it; the kernel check then decides alone.
     */
    public static final String REPAIR_PROPERTY = "xnet.oneDnnRepair";
    private static final String INTEROP_THREADS_PROPERTY = "ai.djl.pytorch.num_interop_threads";

    private static volatile OneDnnCacheRepair.Status repair;
    private static KernelCheck check;
    private static final Map<RuntimeOptions, KernelVerdict> VERDICTS = new HashMap<>();

    private Kernels() {
    }

    /**
     * Applies the oneDNN repair once per JVM (later calls return at once); every network forward
     * pass calls it, and code running its own convolutions must call it first. Returns what the
     * repair found, in one line.
     */
    public static String ensureRepaired() {
        OneDnnCacheRepair.Status done = repair;
        if (done == null) {
            synchronized (Kernels.class) {
                if (repair == null) {
                    Engine.getInstance();
                    repair = "off".equalsIgnoreCase(System.getProperty(REPAIR_PROPERTY, "on").strip())
                            ? new OneDnnCacheRepair.Status(OneDnnCacheRepair.Outcome.NOT_APPLICABLE,
                                    "turned off (-D" + REPAIR_PROPERTY + "=off)")
                            : OneDnnCacheRepair.repairThisProcess(Kernels::initialiseOneDnn);
                }
                done = repair;
            }
        }
        return done.describe();
    }

    /** The kernel check's verdict for {@code options} (checked on first request). */
    public static synchronized KernelVerdict verdict(RuntimeOptions options) {
        ensureRepaired();
        if (check == null) {
            check = KernelCheck.standard(new DjlConvKernel());
        }
        return VERDICTS.computeIfAbsent(new RuntimeOptions(options.precision(), options.layout()), check::verdict);
    }

    /**
     * The fastest configuration that {@code request} allows and whose convolutions pass the kernel
     * check for {@code workload}: bf16 for {@code auto} only on a CPU with bfloat16 units where bf16
     * passed. Throws, naming the failing kernels, where none passed.
     */
    public static RuntimeOptions resolve(RuntimeRequest request, Workload workload) throws XNetException {
        applyThreads(request.threads());
        return RuntimeChoice.choose(Kernels::verdict, request, workload, CpuFeatures.detect())
                .withThreads(configuredThreads());
    }

    /**
     * {@code options} itself, once its threads are applied and its precision and layout passed the
     * kernel check for {@code workload} (a resumed training run must compute as it started); throws,
     * naming the failing kernel, otherwise.
     */
    public static RuntimeOptions require(RuntimeOptions options, Workload workload) throws XNetException {
        applyThreads(options.threads());
        String failure = verdict(options).failure(workload);
        if (!failure.isEmpty()) {
            throw new XNetException(options.describe() + " computes wrong " + (workload == Workload.TRAINING
                    ? "training gradients" : "results") + " on this CPU (" + CpuFeatures.detect().model() + "): "
                    + failure + " (xnet info --check-kernels shows the check; docs/KERNELS.md)");
        }
        return options.withThreads(configuredThreads());
    }

    /**
     * Sets the engine's intra-op threads (one inter-op thread) for libtorch to read when it starts;
     * 0 leaves its default. libtorch reads them once: asking for another count once the engine runs
     * (or once another count was set) throws.
     */
    static synchronized void applyThreads(int threads) throws XNetException {
        if (threads == 0) {
            return;
        }
        int configured = configuredThreads();
        if (configured == threads) {
            return;
        }
        if (configured != 0 || repair != null) {
            throw new XNetException("cannot run with " + threads + " threads: this process's engine already runs with "
                    + (configured == 0 ? "its default threads" : configured + " threads")
                    + " (libtorch reads the count once, when it starts)");
        }
        System.setProperty(EngineInfo.THREADS_PROPERTY, Integer.toString(threads));
        System.setProperty(INTEROP_THREADS_PROPERTY, "1");
    }

    /** The intra-op threads set for the engine ({@value EngineInfo#THREADS_PROPERTY}); 0 when unset. */
    static int configuredThreads() {
        String value = System.getProperty(EngineInfo.THREADS_PROPERTY, "").strip();
        try {
            return value.isEmpty() ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(EngineInfo.THREADS_PROPERTY + " must be a number, is '" + value + "'", e);
        }
    }

    /**
     * What a result computed with {@code options} needs to say about how (for provenance files):
     * precision, layout, threads, engine and DJL versions, the CPU and the oneDNN repair.
     */
    public static Map<String, String> provenance(RuntimeOptions options) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        EngineInfo engine = EngineInfo.current();
        out.put("precision", options.precision().cliName());
        out.put("layout", options.layout().cliName());
        out.put("threads", engine.threads());
        out.put("engine", engine.engine() + " " + engine.engineVersion());
        out.put("djl", engine.djlVersion());
        out.put("cpu", CpuFeatures.detect().model());
        out.put("onednn", ensureRepaired());
        return out;
    }

    /** The verdicts of every configuration ({@link RuntimeOptions#all()} order). */
    public static List<KernelVerdict> verdicts() {
        return RuntimeOptions.all().stream().map(Kernels::verdict).toList();
    }

    /** Forgets the verdicts: the next {@link #verdict} checks afresh (new inputs are not drawn: same seed). */
    public static synchronized void recheck() {
        check = null;
        VERDICTS.clear();
    }

    /**
     * Makes oneDNN fill its CPU table: libtorch asks oneDNN what the CPU supports before a float
     * matrix product, and computes one of 2x2 itself, so no oneDNN primitive is created before the
     * repair ({@code ONEDNN_VERBOSE=1} prints nothing).
     */
    private static void initialiseOneDnn() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.ones(new Shape(2, 2)).matMul(m.ones(new Shape(2, 2)));
        }
    }
}
