package org.xnet.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ONNX graph being written: nodes in execution order, float and int64 initializers, the typed
 * inputs and outputs, and the {@code ModelProto} around them (opset {@value #OPSET} of the default
 * domain, IR version {@value #IR_VERSION}). Field numbers are those of onnx.proto; each node's one
 * output tensor is named after the node, so names must be unique (checked).
 */
final class OnnxGraph {
    /** Opset 13: Softmax over one axis, Resize with an optional roi, Pad and Slice taking tensors. */
    static final int OPSET = 13;
    /** IR version 7 (ONNX 1.8), the one that goes with opset 13. */
    static final int IR_VERSION = 7;

    private static final int FLOAT = 1;
    private static final int INT64 = 7;
    private static final int ATTRIBUTE_INT = 2;
    private static final int ATTRIBUTE_STRING = 3;
    private static final int ATTRIBUTE_INTS = 7;

    /** One dimension of an input or output: a fixed size, or a symbol for a size known at run time. */
    record Dim(long size, String symbol) {
        static Dim fixed(long size) {
            return new Dim(size, null);
        }

        static Dim symbolic(String symbol) {
            return new Dim(-1, symbol);
        }
    }

    private final String name;
    private final List<Protobuf> nodes = new ArrayList<>();
    private final List<Protobuf> initializers = new ArrayList<>();
    private final List<Protobuf> inputs = new ArrayList<>();
    private final List<Protobuf> outputs = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    OnnxGraph(String name) {
        this.name = name;
    }

    /** Adds a node whose single output is the tensor {@code nodeName}; returns that name. */
    String node(String nodeName, String opType, List<String> nodeInputs, Protobuf... attributes) {
        claim(nodeName);
        Protobuf node = new Protobuf();
        for (String in : nodeInputs) {
            node.string(1, in);
        }
        node.string(2, nodeName).string(3, nodeName).string(4, opType);
        for (Protobuf a : attributes) {
            node.message(5, a);
        }
        nodes.add(node);
        return nodeName;
    }

    /** A float initializer of the given shape (values in C order); returns its name. */
    String floats(String tensorName, long[] dims, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        return initializer(tensorName, FLOAT, dims, raw.array());
    }

    /** A one-dimensional int64 initializer; returns its name. */
    String int64s(String tensorName, long... values) {
        ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        return initializer(tensorName, INT64, new long[] {values.length}, raw.array());
    }

    /** A float32 graph input. */
    void input(String tensorName, Dim... dims) {
        claim(tensorName);
        inputs.add(valueInfo(tensorName, dims));
    }

    /** Declares the (already produced) tensor {@code tensorName} a float32 graph output. */
    void output(String tensorName, Dim... dims) {
        if (!names.contains(tensorName)) {
            throw new IllegalStateException("no tensor named " + tensorName);
        }
        outputs.add(valueInfo(tensorName, dims));
    }

    static Protobuf intAttribute(String attribute, long value) {
        return new Protobuf().string(1, attribute).varint(3, value).varint(20, ATTRIBUTE_INT);
    }

    static Protobuf intsAttribute(String attribute, long... values) {
        Protobuf a = new Protobuf().string(1, attribute);
        for (long v : values) {
            a.varint(8, v);
        }
        return a.varint(20, ATTRIBUTE_INTS);
    }

    static Protobuf stringAttribute(String attribute, String value) {
        return new Protobuf().string(1, attribute).bytes(4, value.getBytes(StandardCharsets.UTF_8))
                .varint(20, ATTRIBUTE_STRING);
    }

    /** The serialised {@code ModelProto}, with {@code metadata} as its metadata_props. */
    byte[] toModel(String producerVersion, String docString, Map<String, String> metadata) {
        Protobuf graph = new Protobuf();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, name);
        initializers.forEach(t -> graph.message(5, t));
        inputs.forEach(v -> graph.message(11, v));
        outputs.forEach(v -> graph.message(12, v));
        Protobuf model = new Protobuf().varint(1, IR_VERSION).string(2, "xnet-java").string(3, producerVersion)
                .string(6, docString).message(7, graph).message(8, new Protobuf().varint(2, OPSET));
        metadata.forEach((k, v) -> model.message(14, new Protobuf().string(1, k).string(2, v)));
        return model.toByteArray();
    }

    private String initializer(String tensorName, int dataType, long[] dims, byte[] raw) {
        claim(tensorName);
        Protobuf tensor = new Protobuf();
        for (long d : dims) {
            tensor.varint(1, d);
        }
        tensor.varint(2, dataType).string(8, tensorName).bytes(9, raw);
        initializers.add(tensor);
        return tensorName;
    }

    private static Protobuf valueInfo(String tensorName, Dim[] dims) {
        Protobuf shape = new Protobuf();
        for (Dim d : dims) {
            shape.message(1, d.symbol() == null ? new Protobuf().varint(1, d.size()) : new Protobuf().string(2, d.symbol()));
        }
        Protobuf tensorType = new Protobuf().varint(1, FLOAT).message(2, shape);
        return new Protobuf().string(1, tensorName).message(2, new Protobuf().message(1, tensorType));
    }

    private void claim(String tensorName) {
        if (!names.add(tensorName)) {
            throw new IllegalStateException("tensor name used twice: " + tensorName);
        }
    }
}
