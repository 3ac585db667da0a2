package org.xnet.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.xnet.core.XNetException;
import org.xnet.infer.Segmenter;
import org.xnet.model.Kernels;
import org.xnet.model.MemoryLayout;
import org.xnet.model.PrecisionRequest;
import org.xnet.model.RuntimeOptions;
import org.xnet.model.RuntimeRequest;
import org.xnet.model.Workload;

/**
 * The one model of an executor JVM, loaded by the first task that needs it and shared by every task
 * after it (a {@link Segmenter} may be shared by threads). Before DJL is first touched it runs
 * offline ({@code ai.djl.offline}) with a writable cache folder ({@code DJL_CACHE_DIR}, where the
 * PyTorch natives from the jar on the class path are unpacked), unless the environment already sets
 * them; the engine gets {@code spark.task.cpus} intra-op threads and {@link Kernels#resolve} decides
 * the arithmetic once per JVM. A task asking for another model (a later job in the same JVM) closes
 * the old one first.
 */
final class ExecutorModel {
    /** What to load and how: the model's SHA-256 names it, the bytes come from a broadcast. */
    record Spec(String name, String sha256, String precision, String layout, int threads, String djlCache)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        RuntimeRequest request() {
            Optional<MemoryLayout> l = layout == null || layout.equals("auto") ? Optional.empty()
                    : Optional.of(MemoryLayout.parse(layout));
            return new RuntimeRequest(PrecisionRequest.parse(precision), l, threads);
        }
    }

    private static Spec loaded;
    private static Segmenter segmenter;

    private ExecutorModel() {
    }

    /** The segmenter for {@code spec}, loading it from {@code bytes} on first use in this JVM. */
    static synchronized Segmenter get(Spec spec, Supplier<byte[]> bytes) throws XNetException {
        if (segmenter != null && spec.equals(loaded)) {
            return segmenter;
        }
        prepareDjl(spec.djlCache());
        RuntimeOptions options = Kernels.resolve(spec.request(), Workload.INFERENCE); // checked once, then cached
        if (segmenter != null) {
            segmenter.close();
            segmenter = null;
        }
        segmenter = Segmenter.load(bytes.get(), spec.name(), options);
        loaded = spec;
        return segmenter;
    }

    /**
     * Offline mode and a writable cache folder for DJL, set before the engine loads; what the
     * environment or the JVM options already say is kept.
     */
    static void prepareDjl(String cacheDir) {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getenv("DJL_CACHE_DIR") == null && System.getProperty("DJL_CACHE_DIR") == null) {
            String dir = cacheDir != null ? cacheDir
                    : Path.of(System.getProperty("java.io.tmpdir"), "xnet-djl-cache").toString();
            System.setProperty("DJL_CACHE_DIR", dir);
        }
    }
}
