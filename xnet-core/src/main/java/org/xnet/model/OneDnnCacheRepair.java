package org.xnet.model;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Gives oneDNN sane cache sizes where libtorch 2.7.1 reads them as three 1-byte caches, the one
 * place that touches native memory (see docs/KERNELS.md).
 *
 * <p>On AMD CPUs oneDNN 3.7 (inside libtorch 2.7.1) takes the cache sizes from CPUID leaf 0x8000001D.
 * Some hypervisors return zeros there; oneDNN then records three cache levels of 1 byte each in its
 * {@code dnnl::impl::cpu::x64::cpu()} object, and its convolution kernels pick blockings that
 * compute wrong values. With the level count set to 0, oneDNN falls back to its default sizes and
 * computes correctly at full speed. The repair acts only when all of these hold: the loaded
 * {@code libtorch_cpu.so} is the build whose object layout was read off here (size and SHA-256), the
 * object is initialised, its CPU family field matches {@code /proc/cpuinfo} (so the layout is right),
 * and it holds the bug's signature (three levels of 1 byte). It writes four bytes through
 * {@code /proc/self/mem} and reads them back. The kernel check confirms the result either way.
 *
 * <p>oneDNN initialises the object on its first capability query. The {@code trigger} makes that
 * query without creating any oneDNN primitive (see {@link Kernels}), so that no primitive with a
 * wrong blocking is left in oneDNN's cache.
 */
final class OneDnnCacheRepair {
    /** DJL's {@code pytorch-native-cpu} 2.7.1 for linux-x86_64, as unpacked into the DJL cache. */
    static final Build LIBTORCH_2_7_1 = new Build(
            "8c4834a51853d0ee8cb7a8179709358bb3e8cb4c6a69994657486d46270a9d7d", 446_372_105L,
            0x14d97f30L, 0x14d97f40L);

    /** Byte offsets of the fields used, in xbyak's {@code Cpu} object of that build (144 bytes). */
    static final int OBJECT_SIZE = 144;
    static final int CACHE_SIZES = 28;
    static final int LEVELS = 108;
    static final int DISPLAY_FAMILY = 136;

    private static final String LIBRARY = "libtorch_cpu.so";

    private OneDnnCacheRepair() {
    }

    /**
     * A libtorch build whose layout is known: its size and SHA-256, and the offsets (from the load
     * address) of the {@code cpu()} object's initialisation guard and of the object itself.
     */
    record Build(String sha256, long size, long guardOffset, long objectOffset) {
    }

    /** What the repair found: whether it changed anything, and why in words. */
    record Status(Outcome outcome, String detail) {
        /** One line, such as "repaired: ...". */
        String describe() {
            return outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + detail;
        }
    }

    enum Outcome {
        /** The bug's signature was found and the cache-level count is now 0. */
        REPAIRED,
        /** oneDNN knows this CPU's caches: nothing to do. */
        NOT_AFFECTED,
        /** Not the known build, or its layout does not match: nothing was touched. */
        NOT_APPLICABLE,
        /** The signature was found but the write did not take. */
        FAILED
    }

    /** Reads and writes this process's memory. */
    interface Memory {
        byte[] read(long address, int length) throws IOException;

        void write(long address, byte[] bytes) throws IOException;
    }

    /**
     * What the repair needs from the process and the machine: the text of {@code /proc/self/maps},
     * the memory, a way to hash the library, the CPU family of {@code /proc/cpuinfo}, and the
     * trigger that makes oneDNN fill its {@code cpu()} object.
     */
    record Environment(String maps, Memory memory, Hasher hasher, int cpuFamily, Runnable trigger) {
    }

    /** The SHA-256 (hex) of a file. */
    @FunctionalInterface
    interface Hasher {
        String sha256(Path file) throws IOException;
    }

    /** Runs the repair in this process (libtorch must be loaded). */
    static Status repairThisProcess(Runnable trigger) {
        String maps;
        try {
            maps = Files.readString(Path.of("/proc/self/maps"));
        } catch (IOException e) {
            return new Status(Outcome.NOT_APPLICABLE, "cannot read /proc/self/maps: " + e.getMessage());
        }
        return repair(new Environment(maps, new ProcSelfMem(), LibraryHashes::sha256, CpuFeatures.detect().family(),
                trigger), LIBTORCH_2_7_1);
    }

    /** The repair against {@code env} for {@code build}; see the class comment for when it acts. */
    static Status repair(Environment env, Build build) {
        Optional<Mapping> mapping = libtorchMapping(env.maps());
        if (mapping.isEmpty()) {
            return new Status(Outcome.NOT_APPLICABLE, LIBRARY + " is not loaded");
        }
        Path file = mapping.get().file();
        long base = mapping.get().base();
        try {
            long size = Files.size(file);
            if (size != build.size()) {
                return new Status(Outcome.NOT_APPLICABLE, file + " is another build (" + size + " bytes)");
            }
            if (env.memory().read(base + build.guardOffset(), 1)[0] == 0) {
                env.trigger().run();
                if (env.memory().read(base + build.guardOffset(), 1)[0] == 0) {
                    return new Status(Outcome.NOT_APPLICABLE, "oneDNN's CPU object is not initialised");
                }
            }
            ByteBuffer cpu = ByteBuffer.wrap(env.memory().read(base + build.objectOffset(), OBJECT_SIZE))
                    .order(ByteOrder.LITTLE_ENDIAN);
            int family = cpu.getInt(DISPLAY_FAMILY);
            if (family != env.cpuFamily()) {
                return new Status(Outcome.NOT_APPLICABLE, "oneDNN's CPU object says family " + family
                        + ", /proc/cpuinfo " + env.cpuFamily() + ": unknown layout");
            }
            String caches = describeCaches(cpu);
            if (!hasSignature(cpu)) {
                return new Status(Outcome.NOT_AFFECTED, "oneDNN reads the caches as " + caches);
            }
            String sha = env.hasher().sha256(file);
            if (!sha.equals(build.sha256())) {
                return new Status(Outcome.NOT_APPLICABLE, file + " is another build (SHA-256 " + sha + ")");
            }
            long levels = base + build.objectOffset() + LEVELS;
            env.memory().write(levels, new byte[4]);
            int after = ByteBuffer.wrap(env.memory().read(levels, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (after != 0) {
                return new Status(Outcome.FAILED, "the cache-level count reads " + after + " after writing 0");
            }
            return new Status(Outcome.REPAIRED, "oneDNN read the caches as " + caches
                    + " (CPUID leaf 0x8000001D empty); it now uses its default sizes");
        } catch (IOException e) {
            return new Status(Outcome.FAILED, "cannot access oneDNN's CPU object: " + e.getMessage());
        }
    }

    /** Three cache levels of 1 byte each: what oneDNN makes of an empty CPUID leaf 0x8000001D. */
    static boolean hasSignature(ByteBuffer cpu) {
        return cpu.getInt(LEVELS) == 3 && cpu.getInt(CACHE_SIZES) == 1 && cpu.getInt(CACHE_SIZES + 4) == 1
                && cpu.getInt(CACHE_SIZES + 8) == 1;
    }

    private static String describeCaches(ByteBuffer cpu) {
        int levels = cpu.getInt(LEVELS);
        StringBuilder s = new StringBuilder(levels + " level" + (levels == 1 ? "" : "s"));
        for (int i = 0; i < Math.min(levels, 10); i++) {
            s.append(i == 0 ? " of " : ", ").append(Integer.toUnsignedString(cpu.getInt(CACHE_SIZES + 4 * i))).append(" B");
        }
        return s.toString();
    }

    /** Where a shared library is mapped: its file and load address. */
    record Mapping(Path file, long base) {
    }

    /** The mapping of {@code libtorch_cpu.so} at file offset 0 in the text of {@code /proc/self/maps}. */
    static Optional<Mapping> libtorchMapping(String maps) {
        for (String line : maps.split("\n")) {
            String[] f = line.strip().split("\\s+", 6);
            if (f.length == 6 && f[5].endsWith("/" + LIBRARY) && Long.parseUnsignedLong(f[2], 16) == 0) {
                long base = Long.parseUnsignedLong(f[0].substring(0, f[0].indexOf('-')), 16);
                return Optional.of(new Mapping(Path.of(f[5]), base));
            }
        }
        return Optional.empty();
    }

    /** This process's memory through {@code /proc/self/mem}. */
    private static final class ProcSelfMem implements Memory {
        private static final String FILE = "/proc/self/mem";

        @Override
        public byte[] read(long address, int length) throws IOException {
            try (RandomAccessFile mem = new RandomAccessFile(FILE, "r")) {
                byte[] bytes = new byte[length];
                mem.seek(address);
                mem.readFully(bytes);
                return bytes;
            }
        }

        @Override
        public void write(long address, byte[] bytes) throws IOException {
            try (RandomAccessFile mem = new RandomAccessFile(FILE, "rw")) {
                mem.seek(address);
                mem.write(bytes);
            }
        }
    }
}
