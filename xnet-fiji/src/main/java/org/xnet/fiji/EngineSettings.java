package org.xnet.fiji;

import org.xnet.core.XNetException;
import org.xnet.model.Kernels;
import org.xnet.model.RuntimeOptions;
import org.xnet.model.RuntimeRequest;
import org.xnet.model.Workload;

/**
 * How the command computes, decided once per Fiji session: DJL offline (set before DJL is touched,
 * so the engine never calls home or downloads natives) and {@link Kernels#resolve} for inference,
 * the library's one call for the oneDNN repair, the kernel check and the fastest correct precision
 * and layout. The kernel check costs a few seconds; later runs reuse its answer.
 */
final class EngineSettings {
    private static RuntimeOptions inference;

    private EngineSettings() {
    }

    /** The options every segmenter of the command is loaded with. */
    static synchronized RuntimeOptions inference() throws XNetException {
        if (inference == null) {
            System.setProperty("ai.djl.offline", "true");
            inference = Kernels.resolve(RuntimeRequest.AUTO, Workload.INFERENCE);
        }
        return inference;
    }
}
