package org.xnet.export;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Map.Entry;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import ai.djl.ndarray.NDManager;
import org.xnet.core.Provenance;
import org.xnet.model.ModelFile;
import org.xnet.model.ModelMetadata;
import org.xnet.model.ModelSpec;

/** Reading what an export wrote (zip entries, .npy arrays) and writing the model files it reads. */
final class PackageFiles {
    private static final Pattern NPY_HEADER =
            Pattern.compile("\\{'descr': '<f4', 'fortran_order': False, 'shape': \\(([0-9, ]*)\\), \\} *\n");

    /** A float32 array read back from .npy bytes. */
    record Npy(long[] shape, float[] values) {
    }

    private PackageFiles() {
    }

    /** A random tiny model of {@code spec} (see {@link TinyNets#random}) saved to {@code file}. */
    static void saveRandomModel(ModelSpec spec, int inputSize, Path file) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            var net = TinyNets.random(spec, manager, 5);
            ModelFile.save(file, ModelMetadata.standard(spec, inputSize, Provenance.now(5, "", Map.of()), Map.of()), net);
        }
    }

    /** The entries of a zip file by name, in order. */
    static Map<String, byte[]> unzip(Path zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(zip)))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    /** Parses .npy v1.0 float32 C-order bytes, checking the magic, the header and the 64-byte alignment. */
    static Npy readNpy(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[8];
        b.get(magic);
        if (!Arrays.equals(magic, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0})) {
            throw new IllegalArgumentException("not an .npy v1.0 file");
        }
        int headerLength = b.getShort() & 0xFFFF;
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        Matcher m = NPY_HEADER.matcher(header);
        if (!m.matches() || (10 + headerLength) % 64 != 0) {
            throw new IllegalArgumentException("unexpected .npy header: " + header);
        }
        long[] shape = Arrays.stream(m.group(1).split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        b.position(10 + headerLength);
        float[] values = new float[b.remaining() / 4];
        b.asFloatBuffer().get(values);
        if (Arrays.stream(shape).reduce(1, (x, y) -> x * y) != values.length || b.remaining() % 4 != 0) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not match " + values.length
                    + " values");
        }
        return new Npy(shape, values);
    }

    static String names(Map<String, byte[]> files) {
        return String.join(", ", files.entrySet().stream().map(Entry::getKey).toList());
    }
}
