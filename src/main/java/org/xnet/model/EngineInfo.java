package org.xnet.model;

import ai.djl.engine.Engine;

/**
 * What the deep-learning engine in use is: name and version, threads, offline mode and device.
 * Loading the engine unpacks the PyTorch natives from the classpath on first use.
 */
public record EngineInfo(String engine, String engineVersion, String djlVersion, String threads,
                         boolean offline, String device) {

    /** Loads the default engine and describes it. */
    public static EngineInfo current() {
        Engine engine = Engine.getInstance();
        String threads = System.getProperty("ai.djl.pytorch.num_threads",
                "default (" + Runtime.getRuntime().availableProcessors() + " processors)");
        return new EngineInfo(engine.getEngineName(), engine.getVersion(), Engine.getDjlVersion(), threads,
                Boolean.getBoolean("ai.djl.offline") || "true".equalsIgnoreCase(System.getenv("DJL_OFFLINE")),
                engine.defaultDevice().toString());
    }
}
