package org.xnet.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.model.OneDnnCacheRepair.Build;
import org.xnet.model.OneDnnCacheRepair.Environment;
import org.xnet.model.OneDnnCacheRepair.Outcome;
import org.xnet.model.OneDnnCacheRepair.Status;

/**
 * The repair's decisions against a fake process memory, so that they are tested on every machine:
 * it writes only where every guard holds (known build, initialised object, matching CPU family, the
 * bug's signature), and says why it did not act otherwise.
 */
class OneDnnCacheRepairTest {
    private static final long BASE = 0x7f0000000000L;
    private static final long GUARD = 0x100;
    private static final long OBJECT = 0x200;

    @TempDir
    Path dir;
    private Path library;
    private Build build;
    private FakeMemory memory;
    private final AtomicInteger hashes = new AtomicInteger();

    @BeforeEach
    void aLoadedLibraryWithTheBug() throws IOException {
        library = dir.resolve("libtorch_cpu.so");
        Files.write(library, new byte[] {1, 2, 3, 4, 5});
        build = new Build("feed", 5, GUARD, OBJECT);
        memory = new FakeMemory();
        memory.object(new int[] {1, 1, 1}, 3, 26);
        memory.bytes[(int) GUARD] = 1;
    }

    private Status repair(String maps, int family, Runnable trigger) {
        return OneDnnCacheRepair.repair(new Environment(maps, memory, f -> {
            hashes.incrementAndGet();
            return f.equals(library) ? "feed" : "other";
        }, family, trigger), build);
    }

    private Status repair() {
        return repair(maps(library), 26, () -> { });
    }

    private static String maps(Path lib) {
        return "55d0c0000000-55d0c0001000 r--p 00000000 08:01 1 /usr/bin/java\n"
                + Long.toHexString(BASE) + "-" + Long.toHexString(BASE + 0x1000) + " r-xp 00000000 08:01 2 " + lib + "\n"
                + Long.toHexString(BASE + 0x2000) + "-" + Long.toHexString(BASE + 0x3000) + " rw-p 00002000 08:01 2 " + lib + "\n";
    }

    @Test
    void threeOneByteCachesAreReplacedByOneDnnsDefaults() {
        Status s = repair();
        assertThat(s.outcome()).isEqualTo(Outcome.REPAIRED);
        assertThat(s.describe()).isEqualTo("repaired: oneDNN read the caches as 3 levels of 1 B, 1 B, 1 B "
                + "(CPUID leaf 0x8000001D empty); it now uses its default sizes");
        assertThat(memory.levels()).isZero();
        assertThat(memory.writes).isEqualTo(1);
    }

    @Test
    void realCacheSizesAreLeftAlone() {
        memory.object(new int[] {49152, 1048576, 33554432}, 3, 26);
        Status s = repair();
        assertThat(s.outcome()).isEqualTo(Outcome.NOT_AFFECTED);
        assertThat(s.detail()).isEqualTo("oneDNN reads the caches as 3 levels of 49152 B, 1048576 B, 33554432 B");
        assertThat(memory.writes).isZero();
        assertThat(hashes).as("nothing to repair: the library is not hashed").hasValue(0);
    }

    @Test
    void anotherBuildIsNotTouched() throws IOException {
        Files.write(library, new byte[] {1, 2, 3});
        assertThat(repair().outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(repair().detail()).endsWith("is another build (3 bytes)");
        Path same = dir.resolve("b/libtorch_cpu.so");
        Files.createDirectories(same.getParent());
        Files.write(same, new byte[] {9, 9, 9, 9, 9});
        Status s = repair(maps(same), 26, () -> { });
        assertThat(s.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(s.detail()).endsWith("is another build (SHA-256 other)");
        assertThat(memory.writes).isZero();
    }

    @Test
    void aLayoutThatDoesNotMatchTheCpuIsNotTouched() {
        Status s = repair(maps(library), 25, () -> { });
        assertThat(s.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(s.detail()).isEqualTo("oneDNN's CPU object says family 26, /proc/cpuinfo 25: unknown layout");
        assertThat(memory.writes).isZero();
    }

    @Test
    void theTriggerRunsOnlyWhileTheObjectIsUninitialised() {
        memory.bytes[(int) GUARD] = 0;
        AtomicInteger triggered = new AtomicInteger();
        Status s = repair(maps(library), 26, () -> {
            triggered.incrementAndGet();
            memory.bytes[(int) GUARD] = 1;
        });
        assertThat(s.outcome()).isEqualTo(Outcome.REPAIRED);
        assertThat(triggered).hasValue(1);
        assertThat(repair(maps(library), 26, triggered::incrementAndGet).outcome()).isEqualTo(Outcome.NOT_AFFECTED);
        assertThat(triggered).as("already initialised").hasValue(1);
    }

    @Test
    void anObjectTheTriggerDoesNotInitialiseIsNotTouched() {
        memory.bytes[(int) GUARD] = 0;
        Status s = repair(maps(library), 26, () -> { });
        assertThat(s.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(s.detail()).isEqualTo("oneDNN's CPU object is not initialised");
        assertThat(memory.writes).isZero();
    }

    @Test
    void aWriteThatDoesNotTakeIsAFailure() {
        memory.ignoreWrites = true;
        Status s = repair();
        assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.detail()).isEqualTo("the cache-level count reads 3 after writing 0");
    }

    @Test
    void unreadableMemoryIsAFailureNotACrash() {
        memory.broken = true;
        Status s = repair();
        assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.detail()).startsWith("cannot access oneDNN's CPU object: ");
    }

    @Test
    void withoutLibtorchNothingHappens() {
        Status s = repair("55d0c0000000-55d0c0001000 r--p 00000000 08:01 1 /usr/bin/java\n", 26, () -> { });
        assertThat(s.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(s.detail()).isEqualTo("libtorch_cpu.so is not loaded");
    }

    @Test
    void theMappingAtFileOffsetZeroGivesTheLoadAddress() {
        assertThat(OneDnnCacheRepair.libtorchMapping(maps(library))).contains(new OneDnnCacheRepair.Mapping(library, BASE));
        assertThat(OneDnnCacheRepair.libtorchMapping("7f00-7f10 r-xp 00000000 08:01 2 /x/libtorch_cpu.so.bak\n")).isEmpty();
    }

    /** 4 KiB of memory at {@link #BASE}, holding the guard and the object. */
    private static final class FakeMemory implements OneDnnCacheRepair.Memory {
        final byte[] bytes = new byte[4096];
        int writes;
        boolean ignoreWrites;
        boolean broken;

        void object(int[] cacheSizes, int levels, int family) {
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            Arrays.fill(bytes, (int) OBJECT, (int) OBJECT + OneDnnCacheRepair.OBJECT_SIZE, (byte) 0);
            for (int i = 0; i < cacheSizes.length; i++) {
                b.putInt((int) OBJECT + OneDnnCacheRepair.CACHE_SIZES + 4 * i, cacheSizes[i]);
            }
            b.putInt((int) OBJECT + OneDnnCacheRepair.LEVELS, levels);
            b.putInt((int) OBJECT + OneDnnCacheRepair.DISPLAY_FAMILY, family);
        }

        int levels() {
            return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt((int) OBJECT + OneDnnCacheRepair.LEVELS);
        }

        @Override
        public byte[] read(long address, int length) throws IOException {
            if (broken) {
                throw new IOException("Input/output error");
            }
            int at = Math.toIntExact(address - BASE);
            return Arrays.copyOfRange(bytes, at, at + length);
        }

        @Override
        public void write(long address, byte[] data) {
            writes++;
            if (!ignoreWrites) {
                System.arraycopy(data, 0, bytes, Math.toIntExact(address - BASE), data.length);
            }
        }
    }
}
