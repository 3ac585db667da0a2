package org.xnet.model;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A trained network for inference only, as one call into a generic TorchScript interpreter
 * (resource {@code inference_program.pt}, written by {@code scripts/make_inference_program.py}) that
 * runs the network's {@link InferenceProgram}: batch norms folded into the convolutions, ReLU in
 * place, every activation in the compute precision and memory layout from the input cast to the
 * logits, and the weights cast and laid out once, when this block is made. Today's layer-by-layer
 * path instead casts FP32 to bfloat16 and back around every convolution ({@code Bf16Conv}) and runs
 * batch norm and ReLU as separate FP32 passes.
 *
 * <p>Same contract as {@link SegmentationNet} in inference mode: NCHW FP32 images of any size in
 * (reflect-padded to the size multiple, the output cropped back), FP32 logits (N, classes, H, W) out.
 * No bfloat16 array is ever read by DJL: it only holds the weights the module's {@code prepare}
 * method returns (they report {@link DataType#UNKNOWN}) and passes them back; the logits are cast to
 * FP32 inside the module and checked on return. The network's own parameters are read once; the
 * block keeps its own copy (the network may be closed). Thread-safe: calls share only read-only
 * state. Close it to free the module and the prepared weights.
 */
public final class FoldedNetwork extends AbstractBlock implements AutoCloseable {
    private static final String RESOURCE = "inference_program.pt";
    private static final String WEIGHTS = "weights[]";

    private final ModelSpec spec;
    private final RuntimeOptions options;
    private final Model module;
    private final NDManager manager;
    private final NDList weights;
    private final NDArray program;

    private FoldedNetwork(ModelSpec spec, RuntimeOptions options, Model module, NDManager manager, NDList weights,
                          NDArray program) {
        this.spec = spec;
        this.options = options;
        this.module = module;
        this.manager = manager;
        this.weights = weights;
        this.program = program;
    }

    /** {@code net}, trained and initialised, folded for inference computing as {@code options} say. */
    public static FoldedNetwork of(SegmentationNet net, RuntimeOptions options) {
        Kernels.ensureRepaired();
        InferenceProgram p = InferenceProgram.of(net, options.layout());
        Model module = loadModule();
        NDManager manager = NDManager.newBaseManager();
        try {
            NDList weights;
            try (NDManager scratch = manager.newSubManager()) {
                NDList in = new NDList();
                for (FoldedConv c : p.convs()) {
                    in.add(named(scratch.create(c.weight(), new Shape(c.shape())), WEIGHTS));
                    in.add(named(scratch.create(c.bias()), WEIGHTS));
                }
                in.add(named(scratch.create(new long[] {options.precision() == Precision.BF16 ? 1 : 0,
                        options.layout() == MemoryLayout.CHANNELS_LAST ? 1 : 0}), "settings"));
                in.add(named(scratch.create(0L), "module_method:prepare"));
                weights = module.getBlock().forward(new ParameterStore(scratch, false), in, false);
                if (weights.size() != 2 * p.convs().size()) {
                    throw new IllegalStateException("the inference module prepared " + weights.size()
                            + " weights, expected " + 2 * p.convs().size());
                }
                for (NDArray w : weights) {
                    w.setName(WEIGHTS);
                    w.attach(manager);
                }
            }
            NDArray program = named(manager.create(p.code()), "program");
            return new FoldedNetwork(net.spec(), options, module, manager, weights, program);
        } catch (RuntimeException e) {
            manager.close();
            module.close();
            throw e;
        }
    }

    /**
     * Why {@code options} cannot run folded on this machine, or "" when they can: in bf16 the first
     * unit and the head run FP32 convolutions in the same layout, whose kernels must have passed the
     * check too ({@link Kernels#verdict}; {@link Kernels#resolve} checked only the bf16 ones).
     */
    public static String unsupported(RuntimeOptions options) {
        if (options.precision() != Precision.BF16) {
            return "";
        }
        RuntimeOptions fp32 = new RuntimeOptions(Precision.FP32, options.layout());
        String failure = Kernels.verdict(fp32).failure(Workload.INFERENCE);
        return failure.isEmpty() ? "" : fp32.describe() + " (its first and last convolutions) computes wrong results: "
                + failure;
    }

    /** How this block computes (precision and layout of every activation). */
    public RuntimeOptions runtimeOptions() {
        return options;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        if (training) {
            throw new IllegalStateException("a folded network is for inference only");
        }
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        if (s.dimension() != 4 || s.get(1) != spec.inputChannels() || x.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("expected float32 images shaped (N, " + spec.inputChannels()
                    + ", H, W), got " + x.getDataType() + " " + s);
        }
        Kernels.ensureRepaired();
        NDArray padded = Ops.reflectPad(x, spec.architecture().sizeMultiple());
        Shape ps = padded.getShape();
        NDList args = new NDList(weights.size() + 2);
        args.add(named(padded.reshape(ps), "x"));
        args.addAll(weights);
        args.add(program);
        NDArray logits = module.getBlock().forward(store, args, false).singletonOrThrow();
        Shape expected = new Shape(ps.get(0), spec.classes(), ps.get(2), ps.get(3));
        if (logits.getDataType() != DataType.FLOAT32 || !logits.getShape().equals(expected)) {
            throw new IllegalStateException("the inference module returned " + logits.getDataType() + " "
                    + logits.getShape() + ", expected float32 " + expected);
        }
        return new NDList(Ops.crop(logits, s.get(2), s.get(3)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), spec.classes(), s.get(2), s.get(3))};
    }

    /** Frees the prepared weights and the module. */
    @Override
    public void close() {
        manager.close();
        module.close();
    }

    private static NDArray named(NDArray a, String name) {
        a.setName(name);
        return a;
    }

    /** The interpreter, one instance per folded network (a TorchScript block is cheap: 18 KB). */
    private static Model loadModule() {
        return TorchScriptResource.load(RESOURCE, "inference-program");
    }
}
