package org.xnet.model;

import ai.djl.engine.Engine;

/**
 * What the deep-learning engine in use is: name and version, threads, offline mode and device.
 * Loading the engine unpacks the PyTorch natives from the classpath on first use.
 *
 * <p>{@code threads} is the configured intra-op thread count ({@value #THREADS_PROPERTY}), not a
 * number read back from libtorch: DJL's engine API does not expose it, and this code compiles against
 * that API only. Unconfigured, libtorch picks its own default (OpenMP's, from {@code OMP_NUM_THREADS}
 * or the cores).
 */
public record EngineInfo(String engine, String engineVersion, String djlVersion, String threads,
                         boolean offline, String device) {

    /** The system property DJL's PyTorch engine reads its intra-op thread count from. */
    public static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

    /** Loads the default engine and describes it. */
    public static EngineInfo current() {
        Engine engine = Engine.getInstance();
        String threads = describeThreads(System.getProperty(THREADS_PROPERTY),
                Runtime.getRuntime().availableProcessors());
        return new EngineInfo(engine.getEngineName(), engine.getVersion(), Engine.getDjlVersion(), threads,
                Boolean.getBoolean("ai.djl.offline") || "true".equalsIgnoreCase(System.getenv("DJL_OFFLINE")),
                engine.defaultDevice().toString());
    }

    /** "4 (configured)" or, with nothing configured, "libtorch default (not configured; 2 processors)". */
    static String describeThreads(String configured, int processors) {
        return configured != null && !configured.isBlank() ? configured.strip() + " (configured)"
                : "libtorch default (not configured; " + processors + " processors)";
    }
}
