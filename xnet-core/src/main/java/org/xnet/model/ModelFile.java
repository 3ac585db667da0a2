package org.xnet.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.xnet.core.AtomicFiles;
import org.xnet.core.Provenance;
import org.xnet.core.XNetException;

/**
 * The self-describing model file {@code NAME.xnet}: a zip holding {@code model.json}
 * ({@link ModelMetadata}) and {@code weights.bin} (DJL's parameter stream of the logits network).
 * Files are written atomically; they are read from a file or from their bytes, and any problem
 * reading one is an {@link XNetException} naming the file (or the name given with the bytes).
 */
public final class ModelFile {
    /** The version of the file layout this code writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** Conventional file-name extension. */
    public static final String EXTENSION = ".xnet";

    static final String METADATA_ENTRY = "model.json";
    static final String WEIGHTS_ENTRY = "weights.bin";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelFile() {
    }

    /** Writes a model file atomically (temporary file in the target directory, then a move). */
    public static void save(Path file, ModelMetadata metadata, SegmentationNet network) throws XNetException {
        if (!metadata.spec().equals(network.spec())) {
            throw new IllegalArgumentException("metadata spec " + metadata.spec() + " differs from the network's "
                    + network.spec());
        }
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw new XNetException(file + ": cannot write the model file, directory " + dir + " does not exist");
        }
        AtomicFiles.write(file, tmp -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp));
                 ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.setLevel(java.util.zip.Deflater.BEST_SPEED);
                zip.putNextEntry(entry(METADATA_ENTRY, metadata));
                zip.write(JSON.writeValueAsBytes(metadata));
                zip.closeEntry();
                zip.putNextEntry(entry(WEIGHTS_ENTRY, metadata));
                DataOutputStream data = new DataOutputStream(zip);
                network.saveParameters(data);
                data.flush();
                zip.closeEntry();
            }
        });
    }

    /**
     * A zip entry dated by the model's provenance (UTC), not by the clock: the file's bytes are then a
     * function of its metadata and weights, so a recipe rerun with a fixed creation time
     * ({@link Provenance#SOURCE_DATE_EPOCH}) writes the same file bit for bit.
     */
    private static ZipEntry entry(String name, ModelMetadata metadata) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(LocalDateTime.ofInstant(metadata.provenance().createdInstant(), ZoneOffset.UTC));
        return entry;
    }

    /**
     * Writes an untrained model file: the network of {@code spec} initialised from {@code seed}, the
     * project's three classes, and provenance naming the seed.
     */
    public static void writeUntrained(Path file, ModelSpec spec, int inputSize, int seed) throws XNetException {
        try (NDManager manager = NDManager.newBaseManager()) {
            SegmentationNet network = Networks.initialized(spec, manager, seed);
            Provenance provenance = Provenance.now(seed, "", Map.of("made by", "model init (untrained)"));
            save(file, ModelMetadata.standard(spec, inputSize, provenance, Map.of()), network);
        }
    }

    /** Reads only the metadata of a model file. */
    public static ModelMetadata readMetadata(Path file) throws XNetException {
        return parseMetadata(file.toString(), ModelArchive.read(file).metadata());
    }

    /** Reads only the metadata of a model file's {@code bytes}; errors start with {@code name}. */
    public static ModelMetadata readMetadata(byte[] bytes, String name) throws XNetException {
        return parseMetadata(name, ModelArchive.read(bytes, name).metadata());
    }

    /**
     * Reads a model file: rebuilds its network from the spec and loads the weights into
     * {@code manager}. The network is in the same state as a freshly initialised one (trainable
     * arrays require gradients), ready for prediction or further training.
     */
    public static LoadedModel load(Path file, NDManager manager) throws XNetException {
        return load(ModelArchive.read(file), file.toString(), manager);
    }

    /**
     * As {@link #load(Path, NDManager)} from the whole content of a model file, for callers that hold
     * bytes rather than a file (a Spark broadcast, a resource in a jar); {@code name} (a file name or
     * any label) starts every error message. The checks are those of a file: a truncated or corrupt
     * archive, missing entries, invalid metadata and weights that do not fit are reported alike.
     */
    public static LoadedModel load(byte[] bytes, String name, NDManager manager) throws XNetException {
        return load(ModelArchive.read(bytes, name), name, manager);
    }

    /** As {@link #load(byte[], String, NDManager)}, reading {@code in} to its end; the stream is not closed. */
    public static LoadedModel load(InputStream in, String name, NDManager manager) throws XNetException {
        return load(readAll(in, name), name, manager);
    }

    /** The whole content of a model file; a missing or unreadable file is named. */
    public static byte[] readAll(Path file) throws XNetException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new XNetException(file + ": model file not found");
        } catch (IOException e) {
            throw new XNetException(file + ": cannot read the model file: " + e.getMessage(), e);
        }
    }

    /** The whole content of a model file from {@code in} (not closed); a read failure names {@code name}. */
    public static byte[] readAll(InputStream in, String name) throws XNetException {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new XNetException(name + ": cannot read the model file: " + e.getMessage(), e);
        }
    }

    private static LoadedModel load(ModelArchive entries, String name, NDManager manager) throws XNetException {
        ModelMetadata metadata = parseMetadata(name, entries.metadata());
        if (entries.weights() == null) {
            throw new XNetException(name + ": not an xnet model file (missing " + WEIGHTS_ENTRY + ")");
        }
        // initialised only to learn the expected shapes; the loaded arrays replace these
        SegmentationNet network = Networks.initializedUnseeded(metadata.spec(), manager);
        List<Parameter> params = Networks.distinctParameters(network);
        List<NDArray> initial = new ArrayList<>();
        for (Parameter p : params) {
            initial.add(p.getArray());
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(entries.weights()))) {
            network.loadParameters(manager, in);
            if (in.available() > 0) {
                throw new XNetException(name + ": " + in.available() + " unexpected bytes after the weights of "
                        + describe(metadata.spec()));
            }
        } catch (IOException | MalformedModelException | RuntimeException | OutOfMemoryError e) {
            // the stream is already in memory, so running out of it here means a corrupt length field
            throw new XNetException(name + ": the weights do not fit " + describe(metadata.spec()) + " ("
                    + weightsProblem(e) + ")", e);
        }
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            Shape expected = initial.get(i).getShape();
            if (!p.getArray().getShape().equals(expected)) {
                throw new XNetException(name + ": weight " + p.getName() + " has shape " + p.getArray().getShape()
                        + ", " + describe(metadata.spec()) + " needs " + expected);
            }
            initial.get(i).close();
            p.getArray().setRequiresGradient(p.requiresGradient());
        }
        return new LoadedModel(metadata, network);
    }

    private static ModelMetadata parseMetadata(String file, byte[] bytes) throws XNetException {
        JsonNode tree;
        try {
            tree = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new XNetException(file + ": " + METADATA_ENTRY + " is not valid JSON", e);
        }
        JsonNode version = tree == null ? null : tree.get("formatVersion");
        if (version == null || !version.canConvertToInt()) {
            throw new XNetException(file + ": " + METADATA_ENTRY + " has no formatVersion");
        }
        if (version.asInt() != FORMAT_VERSION) {
            throw new XNetException(file + ": model file format version " + version.asInt()
                    + ", this xnet reads version " + FORMAT_VERSION);
        }
        String missing = missingField(tree, ModelMetadata.class, "");
        if (missing != null) {
            throw new XNetException(file + ": " + METADATA_ENTRY + " is invalid: " + missing);
        }
        try {
            return JSON.treeToValue(tree, ModelMetadata.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String where = e instanceof JsonMappingException m ? jsonPath(m) : "";
            throw new XNetException(file + ": " + METADATA_ENTRY + " is invalid: "
                    + (where.isEmpty() ? "" : where + ": ") + rootMessage(e), e);
        }
    }

    /**
     * The first field of record {@code type} (and of the records inside it) that the JSON object lacks
     * or sets to null, as "spec.filters is missing"; null when every field is there.
     */
    private static String missingField(JsonNode node, Class<?> type, String path) {
        for (RecordComponent component : type.getRecordComponents()) {
            String where = path.isEmpty() ? component.getName() : path + "." + component.getName();
            JsonNode value = node.get(component.getName());
            if (value == null || value.isNull()) {
                return where + (value == null ? " is missing" : " is null");
            }
            String inner = null;
            if (component.getType().isRecord() && value.isObject()) {
                inner = missingField(value, component.getType(), where);
            } else if (value.isArray() && component.getGenericType() instanceof ParameterizedType list
                    && list.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
                for (int i = 0; i < value.size() && inner == null; i++) {
                    inner = value.get(i).isObject() ? missingField(value.get(i), element, where + "[" + i + "]") : null;
                }
            }
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    /** Where in the JSON a mapping error happened, as "spec" or "classes[1].colour". */
    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String weightsProblem(Throwable e) {
        if (e instanceof EOFException) {
            return WEIGHTS_ENTRY + " ends early";
        }
        String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("").strip();
        if (e instanceof IOException || e instanceof MalformedModelException) {
            return message.isEmpty() ? "unreadable " + WEIGHTS_ENTRY : message;
        }
        return "corrupt " + WEIGHTS_ENTRY + ": " + e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String message = t instanceof JsonProcessingException j ? j.getOriginalMessage() : t.getMessage();
        return message == null ? t.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }

    private static String describe(ModelSpec spec) {
        return spec.architecture().cliName() + " with filters " + spec.filters() + " and kernel " + spec.kernelSize();
    }
}
