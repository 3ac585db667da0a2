package org.xnet.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What of the CPU decides the arithmetic, read from the kernel's {@code /proc/cpuinfo}: its model
 * and family, AVX-512 ({@code avx512f}), and its bfloat16 units: AMX tiles ({@code amx_bf16}) and
 * AVX-512 BF16 ({@code avx512_bf16}). Mixed precision only pays off with one of them.
 *
 * <p>{@link #detect} also honours the instruction-set caps the engine itself obeys, so that a capped
 * run chooses what a CPU without those instructions would: oneDNN's {@code ONEDNN_MAX_CPU_ISA} (or
 * its older name {@code DNNL_MAX_CPU_ISA}) below {@code AVX512_CORE_BF16} takes the bfloat16 units
 * away (libtorch then runs bf16 convolutions on a slow reference path), below {@code AVX512_CORE}
 * also AVX-512; ATen's {@code ATEN_CPU_CAPABILITY} of {@code avx2} or {@code default} takes AVX-512
 * away from its own kernels. That is how docs/BENCHMARKS.md emulates an AVX2-only CPU.
 */
public record CpuFeatures(String model, int family, boolean avx512, boolean amxBf16, boolean avx512Bf16) {

    /** True when the CPU has hardware bfloat16 arithmetic. */
    public boolean bf16() {
        return amxBf16 || avx512Bf16;
    }

    /**
     * The features of this machine ({@code /proc/cpuinfo}; none where it cannot be read) as far as
     * the engine's ISA caps let it use them.
     */
    public static CpuFeatures detect() {
        return detectUncapped().capped(oneDnnIsaCap(), System.getenv("ATEN_CPU_CAPABILITY"));
    }

    /** What {@code /proc/cpuinfo} says, whatever the engine is allowed to use. */
    public static CpuFeatures detectUncapped() {
        try {
            return parse(Files.readString(Path.of("/proc/cpuinfo")));
        } catch (IOException e) {
            return parse("");
        }
    }

    /** The oneDNN instruction-set cap in this process's environment, or null where none is set. */
    public static String oneDnnIsaCap() {
        String isa = System.getenv("ONEDNN_MAX_CPU_ISA");
        return isa == null || isa.isBlank() ? System.getenv("DNNL_MAX_CPU_ISA") : isa;
    }

    /**
     * These features as far as a oneDNN ISA cap ({@code AVX2}, {@code AVX512_CORE}, ...; null or
     * {@code ALL}/{@code DEFAULT} for none) and an ATen capability ({@code avx2}, {@code avx512},
     * {@code default}; null for none) let the engine use them. Unknown names cap nothing.
     */
    public CpuFeatures capped(String oneDnnIsa, String atenCapability) {
        String isa = oneDnnIsa == null ? "" : oneDnnIsa.strip().toUpperCase(Locale.ROOT);
        boolean known = isa.matches("SSE41|AVX|AVX2(_VNNI(_2)?)?"
                + "|AVX512_(MIC(_4OPS)?|CORE(_VNNI|_BF16|_FP16|_AMX(_FP16)?)?)|AVX10_1_512(_AMX(_FP16)?)?");
        boolean oneDnnAvx512 = !known || isa.startsWith("AVX512_CORE") || isa.startsWith("AVX10");
        boolean oneDnnBf16 = !known || isa.matches("AVX512_CORE_(BF16|FP16|AMX.*)|AVX10.*");
        boolean oneDnnAmx = !known || isa.contains("AMX");
        String aten = atenCapability == null ? "" : atenCapability.strip().toLowerCase(Locale.ROOT);
        boolean atenAvx512 = !(aten.equals("avx2") || aten.equals("default"));
        return new CpuFeatures(model, family, avx512 && oneDnnAvx512 && atenAvx512, amxBf16 && oneDnnAmx,
                avx512Bf16 && oneDnnBf16);
    }

    /** The features described by the text of a {@code /proc/cpuinfo} file (its first processor). */
    public static CpuFeatures parse(String cpuinfo) {
        String model = "unknown";
        int family = -1;
        Set<String> flags = Set.of();
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (key.equals("model name") && model.equals("unknown")) {
                model = value;
            } else if (key.equals("cpu family") && family < 0 && value.matches("\\d{1,4}")) {
                family = Integer.parseInt(value);
            } else if (key.equals("flags") && flags.isEmpty()) {
                flags = Arrays.stream(value.split("\\s+")).collect(Collectors.toSet());
            }
        }
        return new CpuFeatures(model, family, flags.contains("avx512f"), flags.contains("amx_bf16"),
                flags.contains("avx512_bf16"));
    }
}
