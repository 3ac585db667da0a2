package org.xnet.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A trained network rewritten for inference as a small op program over a list of weights, the
 * input of the generic TorchScript interpreter {@code inference_program.pt} ({@link FoldedNetwork};
 * opcodes and semantics in {@code scripts/make_inference_program.py}). Every Conv → BatchNorm → ReLU
 * unit becomes one convolution with the batch norm folded in ({@link FoldedConv}) followed by an
 * in-place ReLU; a unit right after an upsampling becomes one UPCONV, the convolution of the
 * upsampled image computed from the image itself ({@link FoldedConv#subPixel}: 4/9 of the
 * multiply-adds for 3x3 kernels; 71 % of the default XNet's are in such units). The first unit and
 * the 1x1 head run in FP32 whatever the precision, so neither the
 * image nor the logits are rounded to bfloat16 (FP32 there lifted bf16's mask agreement with FP32
 * from 99.47 % to 99.58 % of the pixels of a held-out synth split, at no measurable cost). A value
 * that a later concatenation needs is stored in a slot right after it is
 * made and the slot is released by that concatenation.
 *
 * @param code    the program: version, channels-last flag, then the ops
 * @param convs   the folded convolutions in program order (the interpreter's weight list holds kernel i
 *                at 2i and its bias at 2i + 1)
 */
public record InferenceProgram(long[] code, List<FoldedConv> convs) {
    static final int VERSION = 1;
    static final int CONV = 1;
    static final int POOL = 2;
    static final int UP = 3;
    static final int STORE = 4;
    static final int CONCAT = 5;
    static final int HEAD = 6;
    static final int FIRST = 7;
    static final int UPCONV = 8;
    /** Slots the interpreter has; XNet needs 5, UNet 4. */
    static final int SLOTS = 8;

    public InferenceProgram {
        code = code.clone();
        convs = List.copyOf(convs);
    }

    /** The program of {@code net}'s inference graph, activations stored channels-last or NCHW. */
    public static InferenceProgram of(SegmentationNet net, MemoryLayout layout) {
        Builder b = new Builder(net);
        Builder.Value logits = NetworkWiring.logits(net, b, b.input);
        if (logits != b.current) {
            throw new IllegalStateException("the logits are not the last value computed");
        }
        List<Long> code = new ArrayList<>(List.of((long) VERSION, layout == MemoryLayout.CHANNELS_LAST ? 1L : 0L));
        for (Builder.Op op : b.ops) {
            for (long v : op.code) {
                code.add(v);
            }
            if (op.out.slot >= 0) {
                code.add((long) STORE);
                code.add((long) op.out.slot);
            }
        }
        return new InferenceProgram(code.stream().mapToLong(Long::longValue).toArray(), b.convs);
    }

    /**
     * Records the ops in order; every op reads the value the previous one made, except a
     * concatenation's skip, which is then stored after the op that made it.
     */
    private static final class Builder implements LayerGraph<Builder.Value> {
        static final class Value {
            int slot = -1;
            /** An upsampling merged into the unit that reads it: no op makes this value. */
            boolean merged;
        }

        record Op(long[] code, Value in, Value out) {
        }

        final SegmentationNet net;
        final List<Op> ops = new ArrayList<>();
        final List<FoldedConv> convs = new ArrayList<>();
        final Value input = new Value();
        Value current = input;
        int slots;

        Builder(SegmentationNet net) {
            this.net = net;
        }

        private Value emit(Value x, long... code) {
            if (x != current) {
                throw new IllegalStateException("an op reads a value other than the last one made");
            }
            Value out = new Value();
            ops.add(new Op(code, x, out));
            current = out;
            return out;
        }

        @Override
        public Value unit(String name, Value x) {
            FoldedConv conv = FoldedConv.unit(net, name);
            Op last = ops.isEmpty() ? null : ops.get(ops.size() - 1);
            if (last != null && last.out == x && last.code[0] == UP) {
                ops.remove(ops.size() - 1);
                x.merged = true;
                current = last.in;
                FoldedConv.SubPixel sub = conv.subPixel();
                convs.add(sub.phases());
                return emit(last.in, UPCONV, 2L * (convs.size() - 1), 2L * convs.size() - 1, sub.padding(),
                        sub.shift0(), sub.shift1());
            }
            convs.add(conv);
            if (x == input) {
                return emit(x, FIRST, 2L * (convs.size() - 1), 2L * convs.size() - 1);
            }
            return emit(x, CONV, 2L * (convs.size() - 1), 2L * convs.size() - 1, 1);
        }

        /** The head in FP32 whatever the precision: bfloat16 logits (8 bits) tie and flip classes near boundaries. */
        @Override
        public Value head(Value x) {
            convs.add(FoldedConv.head(net));
            return emit(x, HEAD, 2L * (convs.size() - 1), 2L * convs.size() - 1);
        }

        @Override
        public Value pool(Value x) {
            return emit(x, POOL);
        }

        @Override
        public Value up(Value x) {
            return emit(x, UP);
        }

        @Override
        public Value concat(Value skip, Value x) {
            if (skip == input || skip.slot >= 0 || skip.merged) {
                throw new IllegalStateException("a skip must be a computed value used once");
            }
            if (slots == SLOTS) {
                throw new IllegalStateException("the network needs more than " + SLOTS + " skip slots");
            }
            skip.slot = slots++;
            return emit(x, CONCAT, skip.slot);
        }
    }
}
