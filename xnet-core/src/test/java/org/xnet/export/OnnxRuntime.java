package org.xnet.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;

/** Runs an ONNX model's single input through ONNX Runtime (one thread) and returns its output. */
final class OnnxRuntime {
    private OnnxRuntime() {
    }

    /** Output {@code OnnxExport.OUTPUT} of {@code onnx} on input {@code OnnxExport.INPUT} of the given shape. */
    static float[] run(byte[] onnx, float[] input, long... shape) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(onnx, options);
                 OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
                 OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, in))) {
                OnnxTensor out = (OnnxTensor) result.get(OnnxExport.OUTPUT).orElseThrow();
                FloatBuffer b = out.getFloatBuffer();
                float[] values = new float[b.remaining()];
                b.get(values);
                return values;
            }
        }
    }
}
