package org.xnet.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An optimizer with Keras 2 semantics whose whole state (per-parameter slot arrays and update
 * counts) can be written to and read from a stream, so that a resumed run continues exactly.
 *
 * <p>Subclasses say how many slots a parameter needs and how one update reads them. The learning
 * rate decays per update as in Keras: {@code lr / (1 + decay * iterations)}, where
 * {@code iterations} counts earlier updates of the parameter (one per batch). Slot arrays live in
 * the weight's manager and are removed from any open {@link NDScope}, so updates may run inside a
 * per-step scope; temporaries of one update are closed by a scope of its own.
 */
public abstract class KerasOptimizer extends Optimizer {
    private final float learningRate;
    private final float decay;
    private final Map<String, NDArray[]> slots = new LinkedHashMap<>();
    private final Map<String, Long> iterations = new LinkedHashMap<>();

    protected KerasOptimizer(float learningRate, float decay) {
        super(new NoOptions());
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        if (!(decay >= 0)) {
            throw new IllegalArgumentException("decay must be >= 0, got " + decay);
        }
        this.learningRate = learningRate;
        this.decay = decay;
    }

    /** Short name written into the state file ("rmsprop", "adam", "sgd"). */
    public abstract String name();

    /** Number of state arrays per parameter, each shaped like the parameter. */
    protected abstract int slotCount();

    /**
     * Updates {@code weight} in place (and the slots), given the decayed learning rate and the
     * number of earlier updates of this parameter.
     */
    protected abstract void apply(NDArray weight, NDArray grad, NDArray[] slots, float lr, long iteration);

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        NDArray[] s = slots.computeIfAbsent(parameterId, id -> newSlots(weight));
        long t = iterations.getOrDefault(parameterId, 0L);
        float lr = (float) (learningRate / (1.0 + decay * (double) t));
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            apply(weight, grad, s, lr, t);
        }
        iterations.put(parameterId, t + 1);
    }

    private NDArray[] newSlots(NDArray weight) {
        NDArray[] s = new NDArray[slotCount()];
        for (int i = 0; i < s.length; i++) {
            s[i] = weight.getManager().zeros(weight.getShape(), weight.getDataType());
            NDScope.unregister(s[i]);
        }
        return s;
    }

    /** Updates done so far on one parameter (0 before the first). */
    public long iterations(String parameterId) {
        return iterations.getOrDefault(parameterId, 0L);
    }

    /** Writes the name, every parameter's update count and slot values. */
    public void save(DataOutputStream out) throws IOException {
        out.writeUTF(name());
        out.writeInt(slotCount());
        out.writeInt(iterations.size());
        for (Map.Entry<String, Long> e : iterations.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue());
            NDArray[] s = slots.get(e.getKey());
            for (NDArray a : s) {
                long[] shape = a.getShape().getShape();
                out.writeInt(shape.length);
                for (long d : shape) {
                    out.writeLong(d);
                }
                float[] v = a.toFloatArray();
                for (float f : v) {
                    out.writeFloat(f);
                }
            }
        }
    }

    /** Replaces this optimizer's state by one written by {@link #save} of the same kind. */
    public void load(DataInputStream in, NDManager manager) throws IOException {
        String kind = in.readUTF();
        int slotCount = in.readInt();
        if (!kind.equals(name()) || slotCount != slotCount()) {
            throw new IOException("optimizer state is for " + kind + " with " + slotCount
                    + " slots, expected " + name() + " with " + slotCount());
        }
        clearState();
        int params = in.readInt();
        for (int p = 0; p < params; p++) {
            String id = in.readUTF();
            iterations.put(id, in.readLong());
            NDArray[] s = new NDArray[slotCount];
            for (int i = 0; i < slotCount; i++) {
                long[] shape = new long[in.readInt()];
                long n = 1;
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = in.readLong();
                    n *= shape[d];
                }
                float[] v = new float[Math.toIntExact(n)];
                for (int k = 0; k < v.length; k++) {
                    v[k] = in.readFloat();
                }
                s[i] = manager.create(v, new Shape(shape));
                NDScope.unregister(s[i]);
            }
            slots.put(id, s);
        }
    }

    private void clearState() {
        for (NDArray[] s : slots.values()) {
            for (NDArray a : s) {
                a.close();
            }
        }
        slots.clear();
        iterations.clear();
    }

    /** DJL's base class wants a builder; ours carries no options (no rescale, clipping or weight decay). */
    private static final class NoOptions extends OptimizerBuilder<NoOptions> {
        @Override
        protected NoOptions self() {
            return this;
        }
    }
}
