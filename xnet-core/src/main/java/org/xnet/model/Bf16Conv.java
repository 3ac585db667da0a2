package org.xnet.model;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * "Same"-padded 2-D convolutions computed in bfloat16 on FP32 arrays, the one place that works
 * around DJL 0.36's missing bfloat16 type. A one-operation TorchScript module (resource
 * {@code bf16_conv.pt}, written by {@code scripts/make_bf16_conv.py}) casts input, weight and bias
 * to bfloat16, convolves, and casts the result back to FP32. No bfloat16 array ever reaches DJL
 * (the engine has no mapping for it: {@code toType(BFLOAT16)} aborts the JVM and arrays it cannot
 * name crash ops that pass their type to native code), and the casts sit inside libtorch's autograd
 * graph, so gradients reach the FP32 weights as FP32. Every argument and the result are checked
 * before and after the native call.
 */
final class Bf16Conv {
    private static final String RESOURCE = "bf16_conv.pt";
    private static Model trainingModel;
    private static Model inferenceModel;

    private Bf16Conv() {
    }

    /**
     * The convolution of {@code x} (N, C, H, W) with {@code weight} (F, C, k, k), k odd, and
     * {@code bias} (F) in bfloat16, as FP32 (N, F, H, W). Differentiable in training mode. Outside
     * training k may also be 2 (the kernel check's sub-pixel case), padded by 1: (N, F, H + 1, W + 1).
     */
    static NDArray convolve(NDArray x, NDArray weight, NDArray bias, boolean train) {
        Shape xs = x.getShape();
        Shape ws = weight.getShape();
        Kernels.ensureRepaired();
        requireFloat32(x, "input");
        requireFloat32(weight, "weight");
        requireFloat32(bias, "bias");
        if (xs.dimension() != 4 || ws.dimension() != 4 || xs.get(1) != ws.get(1) || ws.get(2) != ws.get(3)
                || ws.get(2) % 2 == 0 && (train || ws.get(2) != 2) || bias.getShape().dimension() != 1
                || bias.getShape().get(0) != ws.get(0)) {
            throw new IllegalArgumentException("bf16 convolution needs input (N, C, H, W), an odd square kernel "
                    + "(F, C, k, k; 2x2 for inference) and bias (F); got input " + xs + ", weight " + ws + ", bias "
                    + bias.getShape());
        }
        NDArray y = module(train).forward(new ParameterStore(x.getManager(), false), new NDList(x, weight, bias), train)
                .singletonOrThrow();
        long grow = 2 * (ws.get(2) / 2) - ws.get(2) + 1;  // padded by k / 2: 0 for odd kernels, 1 for 2x2
        Shape expected = new Shape(xs.get(0), ws.get(0), xs.get(2) + grow, xs.get(3) + grow);
        if (y.getDataType() != DataType.FLOAT32 || !y.getShape().equals(expected)) {
            throw new IllegalStateException("bf16 convolution returned " + y.getDataType() + " " + y.getShape()
                    + ", expected float32 " + expected);
        }
        return y;
    }

    private static void requireFloat32(NDArray a, String what) {
        if (a.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("bf16 convolution takes float32 arrays; the " + what + " is "
                    + a.getDataType());
        }
    }

    /** {@code conv}'s kernel and bias from {@code store} applied to {@code x} in bfloat16. */
    static NDArray convolve(Convolution conv, ParameterStore store, NDArray x, boolean train) {
        PairList<String, Parameter> params = conv.getDirectParameters();
        if (params.get("weight") == null || params.get("bias") == null) {
            throw new IllegalArgumentException("bf16 convolution needs a convolution with a kernel and a bias, got "
                    + params.keys());
        }
        NDArray weight = store.getValue(params.get("weight"), x.getDevice(), train);
        NDArray bias = store.getValue(params.get("bias"), x.getDevice(), train);
        return convolve(x, weight, bias, train);
    }

    /**
     * The TorchScript module, loaded once for the JVM's lifetime; one instance per mode, because a
     * TorchScript block switches its train/eval state on every change.
     */
    private static synchronized Block module(boolean train) {
        if (trainingModel == null) {
            trainingModel = loadModel("bf16-conv-train");
            inferenceModel = loadModel("bf16-conv-inference");
        }
        return (train ? trainingModel : inferenceModel).getBlock();
    }

    private static Model loadModel(String name) {
        return TorchScriptResource.load(RESOURCE, name);
    }
}
